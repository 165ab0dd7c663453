package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Report is a job offer a worker sent to staff from a verdict.
type Report struct {
	ID        int64         `db:"id"`
	UserID    sql.NullInt64 `db:"user_id"`
	Text      string        `db:"text"`
	Verdict   string        `db:"verdict"` // the verdict as JSON
	Status    string        `db:"status"`  // new, scam, not_scam, duplicate
	CreatedAt time.Time     `db:"created_at"`

	// Queue fields (migration 00007).
	TopCase   string        `db:"top_case"`
	Contact   string        `db:"contact"`
	Risk      string        `db:"risk"`
	Notify    bool          `db:"notify"`
	DecidedBy sql.NullInt64 `db:"decided_by"`
	DecidedAt sql.NullTime  `db:"decided_at"`
}

// AddReport stores a report and returns its id.
func (s *Store) AddReport(ctx context.Context, userID int64, text, verdict string) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id,
		`INSERT INTO reports (user_id, text, verdict, status, created_at) VALUES ($1, $2, $3, 'new', $4) RETURNING id`,
		userID, text, verdict, s.nowUTC())
	if err != nil {
		return 0, fmt.Errorf("store: add report: %w", err)
	}
	return id, nil
}

// ReportsByUser lists the reports a user sent, newest first (for /mydata).
func (s *Store) ReportsByUser(ctx context.Context, userID int64) ([]Report, error) {
	var rs []Report
	err := s.rdb.SelectContext(ctx, &rs,
		`SELECT id, user_id, text, verdict, status, created_at FROM reports WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: reports of user %d: %w", userID, err)
	}
	return rs, nil
}

// Report statuses: a new report waits in the queue until staff decide.
const (
	ReportNew       = "new"
	ReportScam      = "scam"
	ReportNotScam   = "not_scam"
	ReportDuplicate = "duplicate"
)

// NewReport is what a worker's report holds when it is filed.
type NewReport struct {
	UserID  int64
	Text    string
	Verdict string // the verdict as JSON
	Risk    string // the verdict's level
	TopCase string // id of the best-matching case, "" when none
	Contact string // the first normalised contact (phone, WeChat, QQ ...), "" when none
	Notify  bool   // the worker wants to hear what staff decide
}

// QueuedReport is a report with what staff need to decide on it.
type QueuedReport struct {
	Report
	Similar int // other reports with the same top case or the same contact
}

const reportColumns = `id, user_id, text, verdict, status, created_at, top_case, contact, risk, notify, decided_by, decided_at`

// FileReport stores a worker's report in the queue and returns its id.
func (s *Store) FileReport(ctx context.Context, r NewReport) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id,
		`INSERT INTO reports (user_id, text, verdict, status, created_at, risk, top_case, contact, notify)
		 VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8) RETURNING id`,
		r.UserID, r.Text, r.Verdict, s.nowUTC(), r.Risk, r.TopCase, r.Contact, r.Notify)
	if err != nil {
		return 0, fmt.Errorf("store: file report: %w", err)
	}
	return id, nil
}

// PendingReports pages through the reports waiting for a decision, oldest
// first, with the number of similar reports; total is how many wait.
func (s *Store) PendingReports(ctx context.Context, offset, limit int) (rs []QueuedReport, total int, err error) {
	if err := s.rdb.GetContext(ctx, &total, `SELECT COUNT(*) FROM reports WHERE status = 'new'`); err != nil {
		return nil, 0, fmt.Errorf("store: count pending reports: %w", err)
	}
	var page []Report
	err = s.rdb.SelectContext(ctx, &page,
		`SELECT `+reportColumns+` FROM reports WHERE status = 'new' ORDER BY created_at, id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: pending reports: %w", err)
	}
	for _, r := range page {
		q, err := s.withSimilar(ctx, r)
		if err != nil {
			return nil, 0, err
		}
		rs = append(rs, q)
	}
	return rs, total, nil
}

// QueuedReportByID loads one report with its similar count.
func (s *Store) QueuedReportByID(ctx context.Context, id int64) (QueuedReport, error) {
	var r Report
	if err := s.rdb.GetContext(ctx, &r, `SELECT `+reportColumns+` FROM reports WHERE id = $1`, id); err != nil {
		return QueuedReport{}, fmt.Errorf("store: report %d: %w", id, notFound(err))
	}
	return s.withSimilar(ctx, r)
}

// withSimilar counts the other reports that share r's top case or its
// contact: two index lookups (an OR of both would scan the table).
func (s *Store) withSimilar(ctx context.Context, r Report) (QueuedReport, error) {
	q := QueuedReport{Report: r}
	if r.TopCase != "" {
		var n int
		if err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM reports WHERE top_case = $1 AND id <> $2`, r.TopCase, r.ID); err != nil {
			return q, fmt.Errorf("store: similar reports of %d: %w", r.ID, err)
		}
		q.Similar += n
	}
	if r.Contact != "" {
		var n int
		if err := s.rdb.GetContext(ctx, &n,
			`SELECT COUNT(*) FROM reports WHERE contact = $1 AND top_case <> $2 AND id <> $3`, r.Contact, r.TopCase, r.ID); err != nil {
			return q, fmt.Errorf("store: similar reports of %d: %w", r.ID, err)
		}
		q.Similar += n
	}
	return q, nil
}

// DecideReport records staff's decision on a pending report and audits it,
// in one transaction. ErrNotFound when there is no such report; ErrConflict
// when someone already decided it (the returned report says how).
func (s *Store) DecideReport(ctx context.Context, id int64, status string, by int64, detail string) (Report, error) {
	switch status {
	case ReportScam, ReportNotScam, ReportDuplicate:
	default:
		return Report{}, fmt.Errorf("store: decide report %d: unknown status %q", id, status)
	}
	now := s.nowUTC()
	var r Report
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		if err := tx.GetContext(ctx, &r, `SELECT `+reportColumns+` FROM reports WHERE id = $1`, id); err != nil {
			return fmt.Errorf("store: decide report %d: %w", id, notFound(err))
		}
		if r.Status != ReportNew {
			return fmt.Errorf("store: decide report %d: already %s: %w", id, r.Status, ErrConflict)
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE reports SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1`, id, status, by, now); err != nil {
			return fmt.Errorf("store: decide report %d: %w", id, err)
		}
		r.Status = status
		r.DecidedBy = sql.NullInt64{Int64: by, Valid: true}
		r.DecidedAt = sql.NullTime{Time: now, Valid: true}
		if status == ReportScam || status == ReportNotScam {
			// The checker uses these decisions: every replica's case base rebuilds.
			if err := bumpVersion(ctx, tx, ContentDecisions); err != nil {
				return fmt.Errorf("store: decide report %d: %w", id, err)
			}
		}
		return insertAudit(ctx, tx, now, actorTG(by), "report.decide", fmt.Sprint(id), strings.TrimSpace(status+" "+detail))
	})
	if errors.Is(err, ErrConflict) {
		return r, err
	}
	if err != nil {
		return Report{}, err
	}
	return r, nil
}

// AddNotification keeps a follow-up for a worker to see on their next
// message (when it could not be sent at once), and counts it on the user.
func (s *Store) AddNotification(ctx context.Context, userID int64, text string) error {
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO notifications (user_id, text, created_at) VALUES ($1, $2, $3)`, userID, text, s.nowUTC()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET notices = notices + 1 WHERE id = $1`, userID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: notification for %d: %w", userID, err)
	}
	return nil
}

// TakeNotifications returns a user's waiting follow-ups, oldest first, and
// forgets them. Callers that hold the user can skip the call when
// User.Notices is 0.
func (s *Store) TakeNotifications(ctx context.Context, userID int64) ([]string, error) {
	var texts []string
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var rows []struct {
			ID   int64  `db:"id"`
			Text string `db:"text"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT id, text FROM notifications WHERE user_id = $1 ORDER BY id`, userID); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		for _, r := range rows {
			texts = append(texts, r.Text)
		}
		// Only what was read: a follow-up written meanwhile waits for the next turn.
		if _, err := tx.ExecContext(ctx, `DELETE FROM notifications WHERE user_id = $1 AND id <= $2`, userID, rows[len(rows)-1].ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET notices = (SELECT COUNT(*) FROM notifications WHERE user_id = $1) WHERE id = $1`, userID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: take notifications of %d: %w", userID, err)
	}
	return texts, nil
}
