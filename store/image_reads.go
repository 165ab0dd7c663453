package store

import (
	"context"
	"fmt"
)

// TakeImageRead counts one screenshot read for userID on day (the
// caller's calendar day, "2006-01-02") if fewer than limit were read that
// day, and reports whether it was counted (migration 00015). The worker's
// rows of other days are deleted on the way, so a worker has one row.
func (s *Store) TakeImageRead(ctx context.Context, userID int64, day string, limit int) (bool, error) {
	if limit <= 0 {
		return false, nil
	}
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO image_reads (user_id, day, n) VALUES ($1, $2, 1)
		 ON CONFLICT (user_id, day) DO UPDATE SET n = image_reads.n + 1 WHERE image_reads.n < $3`,
		userID, day, limit)
	if err != nil {
		return false, fmt.Errorf("store: count image read: %w", err)
	}
	n, _ := res.RowsAffected()
	if n == 1 {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM image_reads WHERE user_id = $1 AND day <> $2`, userID, day); err != nil {
			return true, fmt.Errorf("store: prune image reads: %w", err)
		}
	}
	return n == 1, nil
}

// GiveBackImageRead undoes one count of TakeImageRead (the image could not
// be fetched or was refused before reading: it does not use up the day).
func (s *Store) GiveBackImageRead(ctx context.Context, userID int64, day string) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE image_reads SET n = n - 1 WHERE user_id = $1 AND day = $2 AND n > 0`, userID, day); err != nil {
		return fmt.Errorf("store: give back image read: %w", err)
	}
	return nil
}
