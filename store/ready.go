package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// Ready tells whether the store serves: a read and a small committed write
// (this process's row of health_probes) both succeed within ctx. It is
// /readyz's check: a full disk, a read-only file or a database that is
// down or refuses writes all make it fail.
func (s *Store) Ready(ctx context.Context) error {
	var n int
	if err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM health_probes WHERE replica = $1`, s.replicaID()); err != nil {
		return fmt.Errorf("store: ready: read: %w", err)
	}
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO health_probes (replica, at) VALUES ($1, $2)
		 ON CONFLICT (replica) DO UPDATE SET at = excluded.at`, s.replicaID(), s.nowUTC()); err != nil {
		return fmt.Errorf("store: ready: write: %w", err)
	}
	return nil
}

// PruneHealthProbes forgets the probe rows of processes silent since before.
func (s *Store) PruneHealthProbes(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM health_probes WHERE at < $1`, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: prune health probes: %w", err)
	}
	return res.RowsAffected()
}

// replicaID names this process's row in health_probes.
func (s *Store) replicaID() string {
	s.replicaOnce.Do(func() {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		s.replica = hex.EncodeToString(b)
	})
	return s.replica
}
