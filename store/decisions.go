package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ContentDecisions is the content_versions key bumped whenever staff decide
// a report "scam" or "not scam": the scam checker uses those decisions as
// evidence, so every replica's case base rebuilds when it moves.
const ContentDecisions = "decisions"

// DecidedReport is a report staff decided, as the scam checker needs it:
// the offer text and whether it is a scam.
type DecidedReport struct {
	ID        int64        `db:"id"`
	Text      string       `db:"text"`
	Status    string       `db:"status"`     // ReportScam or ReportNotScam
	DecidedAt sql.NullTime `db:"decided_at"` // NULL on rows decided before migration 00007
}

// DecidedReports lists the reports decided "scam" or "not scam", oldest
// decision first (index reports_decided, migration 00010).
func (s *Store) DecidedReports(ctx context.Context) ([]DecidedReport, error) {
	var rs []DecidedReport
	err := s.rdb.SelectContext(ctx, &rs,
		`SELECT id, text, status, decided_at FROM reports
		 WHERE status IN ($1, $2) ORDER BY decided_at, id`, ReportScam, ReportNotScam)
	if err != nil {
		return nil, fmt.Errorf("store: decided reports: %w", err)
	}
	return rs, nil
}

// LocalChanges counts the write transactions this Store committed. A live
// base compares it between calls to see its own process's changes at once,
// without waiting for its next poll of the content version.
func (s *Store) LocalChanges() uint64 { return s.commits.Load() }
