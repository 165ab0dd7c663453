package store

import (
	"context"
	"fmt"
	"time"
)

// MarkUpdate records a Telegram update_id as processed. first is false when
// it was already recorded: the caller must then skip it (replays, webhook
// retries, a restart that refetched a batch).
func (s *Store) MarkUpdate(ctx context.Context, updateID int64) (first bool, err error) {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO processed_updates (update_id, seen_at) VALUES ($1, $2) ON CONFLICT (update_id) DO NOTHING`,
		updateID, s.nowUTC())
	if err != nil {
		return false, fmt.Errorf("store: mark update %d: %w", updateID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: mark update %d: %w", updateID, err)
	}
	return n == 1, nil
}

// PruneUpdates forgets update ids seen before cutoff. Telegram keeps an
// update at most 24 hours, so anything older than that cannot come back.
func (s *Store) PruneUpdates(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM processed_updates WHERE seen_at < $1`, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: prune updates: %w", err)
	}
	return res.RowsAffected()
}
