// Package content is the one seeding step: it puts the shipped content
// (knowledge/seed) into a store that never had it and returns the live case
// base and FAQ built on the store. serve, chat, imports and tests call Seed;
// export, check and ask do not (they never write shipped content).
package content

import (
	"context"
	"log/slog"
	"time"

	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// Bases are the live bases over one store.
type Bases struct {
	Cases *scam.Base
	FAQs  *faq.FAQBase
}

// Seed seeds every kind of content once (case studies, FAQ entries, sample
// training courses, sample job postings and stations), prunes expired
// postings, and returns the live bases.
func Seed(ctx context.Context, st *store.Store, logger *slog.Logger, now time.Time) (Bases, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cases, err := scam.NewBase(ctx, st, logger)
	if err != nil {
		return Bases{}, err
	}
	faqs, err := faq.NewFAQBase(ctx, st, logger)
	if err != nil {
		return Bases{}, err
	}
	if n, err := listings.SeedTrainings(ctx, st, now); err != nil {
		return Bases{}, err
	} else if n > 0 {
		logger.Info("sample training courses seeded", "count", n)
	}
	if err := seedJobs(ctx, st, logger, now); err != nil {
		return Bases{}, err
	}
	return Bases{Cases: cases, FAQs: faqs}, nil
}

// seedJobs puts the sample postings and the stations into a store that
// never had any (first start), and prunes expired postings.
func seedJobs(ctx context.Context, st *store.Store, logger *slog.Logger, now time.Time) error {
	jobs, stations, err := listings.SeedJobStore(ctx, st, now)
	if err != nil {
		return err
	}
	if jobs+stations > 0 {
		logger.Info("job postings seeded with samples", "postings", jobs, "stations", stations)
	}
	// Searches never show expired postings; this only keeps the table small.
	if n, err := st.PruneJobs(ctx, now); err != nil {
		return err
	} else if n > 0 {
		logger.Info("expired job postings pruned", "count", n)
	}
	return nil
}
