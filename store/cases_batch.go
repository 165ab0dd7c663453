package store

import (
	"context"
	"errors"
	"fmt"
)

// PutCases writes a batch of cases in ONE transaction: each as a new
// revision by author, audited as action on the case. bases holds the
// revision the author's copy of each case was based on (absent: a new
// case, 0). When any stored revision has moved on, nothing is written and
// the error wraps ErrConflict and names the case.
func (s *Store) PutCases(ctx context.Context, cases []CaseRecord, bases map[string]int, author, action string) error {
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		for _, c := range cases {
			var cur int
			err := tx.GetContext(ctx, &cur, `SELECT revision FROM scam_cases WHERE id = $1`, c.ID)
			switch err = notFound(err); {
			case errors.Is(err, ErrNotFound):
				cur = 0
			case err != nil:
				return fmt.Errorf("store: put case %q: %w", c.ID, err)
			}
			if base := bases[c.ID]; cur != base {
				return fmt.Errorf("store: case %q: stored revision %d, file based on %d: %w", c.ID, cur, base, ErrConflict)
			}
			rev := cur + 1
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO scam_cases (id, type, data, retired, revision, updated_at, updated_by)
				 VALUES ($1, $2, $3, $4, $5, $6, $7)
				 ON CONFLICT (id) DO UPDATE SET type = excluded.type, data = excluded.data, retired = excluded.retired,
				   revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
				c.ID, c.Type, c.Data, c.Retired, rev, now, author); err != nil {
				return fmt.Errorf("store: put case %q: %w", c.ID, err)
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO scam_case_revisions (case_id, revision, data, retired, author, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				c.ID, rev, c.Data, c.Retired, author, now); err != nil {
				return fmt.Errorf("store: case %q revision: %w", c.ID, err)
			}
			if action != "" {
				if err := insertAudit(ctx, tx, now, author, action, c.ID, fmt.Sprintf("revision %d", rev)); err != nil {
					return err
				}
			}
		}
		if len(cases) == 0 {
			return nil
		}
		return bumpVersion(ctx, tx, ContentCases)
	})
}
