package store

import (
	"context"
	"database/sql"
	"fmt"
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
