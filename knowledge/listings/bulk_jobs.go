package listings

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// importJobs validates every posting and runs each through the scam check;
// a high-risk posting refuses the whole file. Then all are written in one
// transaction. Postings that already expired are skipped with a note.
func importJobs(ctx context.Context, env importfile.Env, name string, data []byte, csv bool) (int, error) {
	parse := ParseJobsYAML
	if csv {
		parse = ParseJobsCSV
	}
	jobs, err := parse(data)
	if err != nil {
		return 0, err
	}
	if env.Seed != nil {
		if err := env.Seed(ctx); err != nil {
			return 0, err
		}
	}
	st := env.Store
	base, err := scam.NewBase(ctx, st, env.Logger)
	if err != nil {
		return 0, err
	}
	checker, err := base.Checker(ctx)
	if err != nil {
		return 0, err
	}
	// Lines of ids, for messages only: read again from the file when the
	// first message needs one (a big clean file never builds the map).
	var lines map[string]int
	lineOf := func(id string) int {
		if lines == nil {
			lines = JobLines(data, csv)
		}
		return lines[id]
	}
	warnings, err := ScreenJobs(ctx, checker, jobs, nil)
	var refused importfile.ImportErrors
	if errors.As(err, &refused) {
		for i := range refused {
			if refused[i].Record != "" {
				refused[i].Line = lineOf(refused[i].Record)
			}
		}
		return 0, refused
	}
	if err != nil {
		return 0, err
	}
	for _, w := range warnings {
		fmt.Fprintf(env.Warn, "warning: line %d: %s (imported; review it)\n", lineOf(w.ID), w)
	}
	now := time.Now()
	recs := make([]store.Job, 0, len(jobs))
	for i, j := range jobs {
		jobs[i] = Job{} // the record keeps what it needs: memory holds one copy, not two
		r := j.Record()
		if !now.Before(r.ExpiresAt) {
			fmt.Fprintf(env.Warn, "note: line %d: %s expired on %s; skipped\n", lineOf(j.ID), j.ID, j.Expires)
			continue
		}
		recs = append(recs, r)
	}
	jobs = nil
	added, replaced, err := st.ImportJobs(ctx, recs)
	if err != nil {
		return 0, err
	}
	if replaced > 0 {
		fmt.Fprintf(env.Warn, "%d new, %d replaced\n", added, replaced)
	}
	return len(recs), nil
}

// exportJobs writes every stored posting (YAML, or CSV with csv).
func exportJobs(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	st := env.Store
	recs, err := st.AllJobs(ctx)
	if err != nil {
		return err
	}
	jobs := make([]Job, len(recs))
	for i, r := range recs {
		jobs[i] = JobFromRecord(r)
	}
	marshal := MarshalJobsYAML
	if csv {
		marshal = MarshalJobsCSV
	}
	out, err := marshal(jobs)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// JobsFile is `gongyou import/export jobs` (YAML or CSV).
var JobsFile = importfile.Kind{Import: importJobs, Export: exportJobs, YAMLKeys: []string{"employer"}}
