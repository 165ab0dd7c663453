package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// CaseRecord is a scam case study as stored. Data is the case as JSON; the
// knowledge package owns its shape, the store only versions it.
type CaseRecord struct {
	ID        string    `db:"id"`
	Type      string    `db:"type"`
	Data      string    `db:"data"`
	Retired   bool      `db:"retired"`
	Revision  int       `db:"revision"`
	UpdatedAt time.Time `db:"updated_at"`
	UpdatedBy string    `db:"updated_by"`
}

// CaseRevision is one entry in a case's history.
type CaseRevision struct {
	CaseID    string    `db:"case_id"`
	Revision  int       `db:"revision"`
	Data      string    `db:"data"`
	Retired   bool      `db:"retired"`
	Author    string    `db:"author"`
	CreatedAt time.Time `db:"created_at"`
}

// ContentCases is the content_versions key bumped by every case change.
const ContentCases = "cases"

const caseColumns = `id, type, data, retired, revision, updated_at, updated_by`

// Cases lists every case, retired ones included, by id.
func (s *Store) Cases(ctx context.Context) ([]CaseRecord, error) {
	var cs []CaseRecord
	if err := s.rdb.SelectContext(ctx, &cs, `SELECT `+caseColumns+` FROM scam_cases ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list cases: %w", err)
	}
	return cs, nil
}

// Case loads one case; ErrNotFound when there is none.
func (s *Store) Case(ctx context.Context, id string) (CaseRecord, error) {
	var c CaseRecord
	if err := s.rdb.GetContext(ctx, &c, `SELECT `+caseColumns+` FROM scam_cases WHERE id = $1`, id); err != nil {
		return CaseRecord{}, fmt.Errorf("store: case %q: %w", id, notFound(err))
	}
	return c, nil
}

// PutCase inserts or updates a case and appends a revision, in one
// transaction. baseRevision is the revision the author edited: 0 for a new
// case. When the stored revision has moved on, PutCase returns ErrConflict
// so a later save never silently overwrites an earlier one.
func (s *Store) PutCase(ctx context.Context, c CaseRecord, baseRevision int, author string) (CaseRecord, error) {
	now := s.nowUTC()
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var cur int
		err := tx.GetContext(ctx, &cur, `SELECT revision FROM scam_cases WHERE id = $1`, c.ID)
		switch err = notFound(err); {
		case errors.Is(err, ErrNotFound):
			cur = 0
		case err != nil:
			return fmt.Errorf("store: put case %q: %w", c.ID, err)
		}
		if cur != baseRevision {
			return fmt.Errorf("store: put case %q: stored revision %d, edited %d: %w", c.ID, cur, baseRevision, ErrConflict)
		}
		c.Revision, c.UpdatedAt, c.UpdatedBy = cur+1, now, author
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO scam_cases (id, type, data, retired, revision, updated_at, updated_by)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (id) DO UPDATE SET type = excluded.type, data = excluded.data, retired = excluded.retired,
			   revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			c.ID, c.Type, c.Data, c.Retired, c.Revision, now, author); err != nil {
			return fmt.Errorf("store: put case %q: %w", c.ID, err)
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO scam_case_revisions (case_id, revision, data, retired, author, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			c.ID, c.Revision, c.Data, c.Retired, author, now); err != nil {
			return fmt.Errorf("store: case %q revision: %w", c.ID, err)
		}
		return bumpVersion(ctx, tx, ContentCases)
	})
	if err != nil {
		return CaseRecord{}, err
	}
	return c, nil
}

// CaseHistory lists a case's revisions, newest first.
func (s *Store) CaseHistory(ctx context.Context, id string) ([]CaseRevision, error) {
	var rs []CaseRevision
	err := s.rdb.SelectContext(ctx, &rs,
		`SELECT case_id, revision, data, retired, author, created_at FROM scam_case_revisions WHERE case_id = $1 ORDER BY revision DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store: case %q history: %w", id, err)
	}
	return rs, nil
}

// SeedCases inserts cases only when the case table is empty (first start),
// so staff edits and retirements are never overwritten by the shipped seed.
// It reports how many it inserted.
func (s *Store) SeedCases(ctx context.Context, cases []CaseRecord, author string) (int, error) {
	inserted := 0
	now := s.nowUTC()
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM scam_cases`); err != nil {
			return fmt.Errorf("store: seed cases: %w", err)
		}
		if n > 0 {
			return nil
		}
		for _, c := range cases {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO scam_cases (id, type, data, retired, revision, updated_at, updated_by) VALUES ($1, $2, $3, $4, 1, $5, $6)`,
				c.ID, c.Type, c.Data, c.Retired, now, author); err != nil {
				return fmt.Errorf("store: seed case %q: %w", c.ID, err)
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO scam_case_revisions (case_id, revision, data, retired, author, created_at) VALUES ($1, 1, $2, $3, $4, $5)`,
				c.ID, c.Data, c.Retired, author, now); err != nil {
				return fmt.Errorf("store: seed case %q revision: %w", c.ID, err)
			}
			inserted++
		}
		return bumpVersion(ctx, tx, ContentCases)
	})
	if err != nil {
		return 0, err
	}
	return inserted, nil
}

// ContentVersion returns the change counter of a kind of content (0 when it
// never changed). Cheap enough to poll.
func (s *Store) ContentVersion(ctx context.Context, kind string) (int64, error) {
	var v int64
	err := s.rdb.GetContext(ctx, &v, `SELECT version FROM content_versions WHERE kind = $1`, kind)
	if err = notFound(err); errors.Is(err, ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("store: content version %q: %w", kind, err)
	}
	return v, nil
}

func bumpVersion(ctx context.Context, tx *sqlxTx, kind string) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO content_versions (kind, version) VALUES ($1, 1)
		 ON CONFLICT (kind) DO UPDATE SET version = content_versions.version + 1`, kind)
	if err != nil {
		return fmt.Errorf("store: bump %s version: %w", kind, err)
	}
	return nil
}
