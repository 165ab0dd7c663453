package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FAQRecord is an FAQ entry as stored. Data is the entry as JSON; the
// knowledge package owns its shape, the store only versions it.
type FAQRecord struct {
	ID        string    `db:"id"`
	Topic     string    `db:"topic"`
	Data      string    `db:"data"`
	Retired   bool      `db:"retired"`
	Revision  int       `db:"revision"`
	UpdatedAt time.Time `db:"updated_at"`
	UpdatedBy string    `db:"updated_by"`
}

// FAQRevision is one entry in an FAQ entry's history.
type FAQRevision struct {
	FAQID     string    `db:"faq_id"`
	Revision  int       `db:"revision"`
	Data      string    `db:"data"`
	Retired   bool      `db:"retired"`
	Author    string    `db:"author"`
	CreatedAt time.Time `db:"created_at"`
}

// FAQFeedback counts the "did this help?" answers for one entry.
type FAQFeedback struct {
	FAQID   string `db:"faq_id"`
	Helpful int    `db:"helpful"`
	Not     int    `db:"not_helpful"`
}

// ContentFAQs is the content_versions key bumped by every FAQ change.
const ContentFAQs = "faqs"

const faqColumns = `id, topic, data, retired, revision, updated_at, updated_by`

// FAQs lists every entry, retired ones included, by id.
func (s *Store) FAQs(ctx context.Context) ([]FAQRecord, error) {
	var fs []FAQRecord
	if err := s.rdb.SelectContext(ctx, &fs, `SELECT `+faqColumns+` FROM faqs ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list faqs: %w", err)
	}
	return fs, nil
}

// FAQ loads one entry; ErrNotFound when there is none.
func (s *Store) FAQ(ctx context.Context, id string) (FAQRecord, error) {
	var f FAQRecord
	if err := s.rdb.GetContext(ctx, &f, `SELECT `+faqColumns+` FROM faqs WHERE id = $1`, id); err != nil {
		return FAQRecord{}, fmt.Errorf("store: faq %q: %w", id, notFound(err))
	}
	return f, nil
}

// SeedFAQs inserts entries only when the faqs table is empty (first start),
// so staff edits are never overwritten by the shipped seed. It reports how
// many it inserted.
func (s *Store) SeedFAQs(ctx context.Context, faqs []FAQRecord, author string) (int, error) {
	inserted := 0
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM faqs`); err != nil {
			return fmt.Errorf("store: seed faqs: %w", err)
		}
		if n > 0 {
			return nil
		}
		var err error
		inserted, err = s.putFAQs(ctx, tx, faqs, author)
		return err
	})
	if err != nil {
		return 0, err
	}
	return inserted, nil
}

// PutFAQs writes entries (new ones inserted, existing ones updated) in one
// transaction: all of them or none. An entry whose data and retired flag
// are unchanged is left alone. Entries not in faqs are kept. It returns how
// many entries changed; the FAQ content version is bumped when any did.
func (s *Store) PutFAQs(ctx context.Context, faqs []FAQRecord, author string) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var err error
		changed, err = s.putFAQs(ctx, tx, faqs, author)
		return err
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

func (s *Store) putFAQs(ctx context.Context, tx *sqlxTx, faqs []FAQRecord, author string) (int, error) {
	now := s.nowUTC()
	changed := 0
	for _, f := range faqs {
		if f.ID == "" {
			return 0, errors.New("store: put faq: empty id")
		}
		var cur FAQRecord
		err := tx.GetContext(ctx, &cur, `SELECT `+faqColumns+` FROM faqs WHERE id = $1`, f.ID)
		switch err = notFound(err); {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return 0, fmt.Errorf("store: put faq %q: %w", f.ID, err)
		case cur.Data == f.Data && cur.Retired == f.Retired && cur.Topic == f.Topic:
			continue
		}
		rev := cur.Revision + 1
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO faqs (id, topic, data, retired, revision, updated_at, updated_by)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, data = excluded.data, retired = excluded.retired,
			   revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			f.ID, f.Topic, f.Data, f.Retired, rev, now, author); err != nil {
			return 0, fmt.Errorf("store: put faq %q: %w", f.ID, err)
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO faq_revisions (faq_id, revision, data, retired, author, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			f.ID, rev, f.Data, f.Retired, author, now); err != nil {
			return 0, fmt.Errorf("store: faq %q revision: %w", f.ID, err)
		}
		changed++
	}
	if changed == 0 {
		return 0, nil
	}
	return changed, bumpVersion(ctx, tx, ContentFAQs)
}

// FAQHistory lists an entry's revisions, newest first.
func (s *Store) FAQHistory(ctx context.Context, id string) ([]FAQRevision, error) {
	var rs []FAQRevision
	err := s.rdb.SelectContext(ctx, &rs,
		`SELECT faq_id, revision, data, retired, author, created_at FROM faq_revisions WHERE faq_id = $1 ORDER BY revision DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store: faq %q history: %w", id, err)
	}
	return rs, nil
}

// AddFAQFeedback records a worker's "did this help?" answer on an entry.
// A second answer by the same worker on the same entry replaces the first.
func (s *Store) AddFAQFeedback(ctx context.Context, userID int64, faqID string, helpful bool) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO faq_feedback (faq_id, helpful, user_id, created_at) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (faq_id, user_id) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
		faqID, helpful, userID, s.nowUTC())
	if err != nil {
		return fmt.Errorf("store: faq feedback on %q: %w", faqID, err)
	}
	return nil
}

// CountFAQFeedback counts a worker's "did this help?" answers (for /mydata).
func (s *Store) CountFAQFeedback(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM faq_feedback WHERE user_id = $1`, userID); err != nil {
		return 0, fmt.Errorf("store: count faq feedback of %d: %w", userID, err)
	}
	return n, nil
}

// FAQFeedbackCounts sums the answers per entry (entries without any are
// absent), by id.
func (s *Store) FAQFeedbackCounts(ctx context.Context) ([]FAQFeedback, error) {
	var out []FAQFeedback
	err := s.rdb.SelectContext(ctx, &out,
		`SELECT faq_id,
		        SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS helpful,
		        SUM(CASE WHEN helpful THEN 0 ELSE 1 END) AS not_helpful
		 FROM faq_feedback GROUP BY faq_id ORDER BY faq_id`)
	if err != nil {
		return nil, fmt.Errorf("store: faq feedback counts: %w", err)
	}
	return out, nil
}
