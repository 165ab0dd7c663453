package store

import (
	"context"
	"log/slog"
	"time"
)

// RunRetention is the retention job behind the privacy notice and the
// sign-up consent, run hourly until ctx ends: it forgets processed update ids older than 48 h,
// sign-ups (sessions of signupFlow) abandoned for a day, and enrollments past their keeping time.
func (s *Store) RunRetention(ctx context.Context, logger *slog.Logger, signupFlow string) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := s.PruneUpdates(ctx, time.Now().Add(-48*time.Hour)); err != nil && ctx.Err() == nil {
			logger.Warn("prune processed updates", "err", err)
		} else if n > 0 {
			logger.Debug("pruned processed updates", "count", n)
		}
		if n, err := s.ForgetStaleSessions(ctx, signupFlow, time.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			logger.Warn("forget abandoned sign-ups", "err", err)
		} else if n > 0 {
			logger.Debug("forgot abandoned sign-ups", "count", n)
		}
		// Enrollments: kept until six months after the course ends (the
		// promise in the sign-up consent); cancelled ones lose name and
		// phone at once and the row goes after six months.
		halfYear := time.Now().AddDate(0, -6, 0)
		if n, err := s.PurgeEnrollments(ctx, halfYear.Format(time.DateOnly), halfYear); err != nil && ctx.Err() == nil {
			logger.Warn("purge enrollments", "err", err)
		} else if n > 0 {
			logger.Info("purged old enrollments", "count", n)
		}
		if _, err := s.PruneHealthProbes(ctx, time.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			logger.Warn("prune health probes", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
