package store

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Scam-check counters for /stats: one row per day and level, and per day
// and red-flag code. Days are China Standard Time (UTC+8), the staff's
// calendar. Nothing about the offer or the user is kept.

// statsDay is the China Standard Time date of t (YYYY-MM-DD).
func statsDay(t time.Time) string {
	return t.UTC().Add(8 * time.Hour).Format(time.DateOnly)
}

const (
	countLevel  = "level"
	countSignal = "signal"
)

// RecordCheck counts one scam check made at: its level and its red-flag
// signal codes (duplicates counted once).
func (s *Store) RecordCheck(ctx context.Context, at time.Time, level string, signals []string) error {
	day := statsDay(at)
	const upsert = `INSERT INTO check_counts (day, kind, code, n) VALUES ($1, $2, $3, 1)
		ON CONFLICT (day, kind, code) DO UPDATE SET n = check_counts.n + 1`
	return s.inTx(ctx, func(tx *sqlxTx) error {
		if _, err := tx.ExecContext(ctx, upsert, day, countLevel, level); err != nil {
			return fmt.Errorf("store: record check: %w", err)
		}
		seen := make(map[string]bool, len(signals))
		for _, code := range signals {
			if code == "" || seen[code] {
				continue
			}
			seen[code] = true
			if _, err := tx.ExecContext(ctx, upsert, day, countSignal, code); err != nil {
				return fmt.Errorf("store: record check signal: %w", err)
			}
		}
		return nil
	})
}

// DayCount is the number of checks on one day.
type DayCount struct {
	Day string // YYYY-MM-DD
	N   int
}

// CodeCount is how often a level or signal code occurred.
type CodeCount struct {
	Code string
	N    int
}

// Stats is what /stats shows.
type Stats struct {
	Since          string      // first day counted (YYYY-MM-DD, UTC)
	ChecksPerDay   []DayCount  // every day from Since to today, oldest first, zeros included
	Levels         []CodeCount // high, medium, low (those that occurred), most first
	TopSignals     []CodeCount // most frequent red flags, at most topN
	ReportsPending int
	Subscribers    int
	Enrollments    int // active training enrollments
}

// Stats sums the counters of the last days (today included, China Standard
// Time) and
// counts pending reports and subscribers.
func (s *Store) Stats(ctx context.Context, days, topN int) (Stats, error) {
	today := s.now().UTC().Add(8 * time.Hour) // China Standard Time, as a UTC clock reading
	since := today.AddDate(0, 0, -(days - 1)).Format(time.DateOnly)
	var rows []struct {
		Day  string `db:"day"`
		Kind string `db:"kind"`
		Code string `db:"code"`
		N    int    `db:"n"`
	}
	if err := s.rdb.SelectContext(ctx, &rows, `SELECT day, kind, code, n FROM check_counts WHERE day >= $1`, since); err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	st := Stats{Since: since}
	perDay := map[string]int{}
	levels := map[string]int{}
	signals := map[string]int{}
	for _, r := range rows {
		switch r.Kind {
		case countLevel:
			perDay[r.Day] += r.N
			levels[r.Code] += r.N
		case countSignal:
			signals[r.Code] += r.N
		}
	}
	for i := days - 1; i >= 0; i-- {
		d := today.AddDate(0, 0, -i).Format(time.DateOnly)
		st.ChecksPerDay = append(st.ChecksPerDay, DayCount{Day: d, N: perDay[d]})
	}
	st.Levels = sortedCounts(levels, 0)
	st.TopSignals = sortedCounts(signals, topN)
	if err := s.rdb.GetContext(ctx, &st.ReportsPending, `SELECT COUNT(*) FROM reports WHERE status = 'new'`); err != nil {
		return Stats{}, fmt.Errorf("store: stats: pending reports: %w", err)
	}
	n, err := s.CountSubscribers(ctx)
	if err != nil {
		return Stats{}, err
	}
	st.Subscribers = n
	if err := s.rdb.GetContext(ctx, &st.Enrollments, `SELECT COUNT(*) FROM enrollments WHERE status = 'active'`); err != nil {
		return Stats{}, fmt.Errorf("store: stats: enrollments: %w", err)
	}
	return st, nil
}

func sortedCounts(m map[string]int, limit int) []CodeCount {
	out := make([]CodeCount, 0, len(m))
	for c, n := range m {
		out = append(out, CodeCount{Code: c, N: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Code < out[j].Code
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
