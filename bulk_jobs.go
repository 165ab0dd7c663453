package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/store"
)

// seedJobs puts the sample postings and the stations into a store that
// never had any (first start), and prunes expired postings.
func seedJobs(ctx context.Context, st *store.Store, logger *slog.Logger) error {
	jobs, stations, err := listings.SeedJobStore(ctx, st, time.Now())
	if err != nil {
		return err
	}
	if jobs+stations > 0 {
		logger.Info("job postings seeded with samples", "postings", jobs, "stations", stations)
	}
	// Searches never show expired postings; this only keeps the table small.
	if n, err := st.PruneJobs(ctx, time.Now()); err != nil {
		return err
	} else if n > 0 {
		logger.Info("expired job postings pruned", "count", n)
	}
	return nil
}

// importJobs validates every posting and runs each through the scam check;
// a high-risk posting refuses the whole file. Then all are written in one
// transaction. Postings that already expired are skipped with a note.
func importJobs(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	parse := listings.ParseJobsYAML
	if csv {
		parse = listings.ParseJobsCSV
	}
	jobs, err := parse(data)
	if err != nil {
		return 0, err
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	checker, err := base.Checker(ctx)
	if err != nil {
		return 0, err
	}
	lines := listings.JobLines(data, csv)
	warnings, err := listings.ScreenJobs(ctx, checker, jobs, lines)
	if err != nil {
		return 0, err
	}
	for _, w := range warnings {
		fmt.Fprintf(a.stderr, "warning: line %d: %s (imported; review it)\n", lines[w.ID], w)
	}
	now := time.Now()
	recs := make([]store.Job, 0, len(jobs))
	for _, j := range jobs {
		r := j.Record()
		if !now.Before(r.ExpiresAt) {
			fmt.Fprintf(a.stderr, "note: line %d: %s expired on %s; skipped\n", lines[j.ID], j.ID, j.Expires)
			continue
		}
		recs = append(recs, r)
	}
	added, replaced, err := st.ImportJobs(ctx, recs)
	if err != nil {
		return 0, err
	}
	if replaced > 0 {
		fmt.Fprintf(a.stderr, "%d new, %d replaced\n", added, replaced)
	}
	return len(recs), nil
}

// exportJobs writes every stored posting (YAML, or CSV with csv).
func exportJobs(ctx context.Context, a *app, csv bool) error {
	st, _, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.AllJobs(ctx)
	if err != nil {
		return err
	}
	jobs := make([]listings.Job, len(recs))
	for i, r := range recs {
		jobs[i] = listings.JobFromRecord(r)
	}
	marshal := listings.MarshalJobsYAML
	if csv {
		marshal = listings.MarshalJobsCSV
	}
	out, err := marshal(jobs)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(out)
	return err
}
