package store_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// Deciding a report "scam" or "not scam" moves the decisions version (so
// every replica's case base rebuilds) and lists the text among the decided
// reports; "duplicate" and pending reports do neither.
func TestDecidedReportsAndVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, _, err := s.EnsureUser(ctx, 1, 1); err != nil {
			t.Fatal(err)
		}
		file := func(text string) int64 {
			id, err := s.FileReport(ctx, store.NewReport{UserID: 1, Text: text, Verdict: "{}", Risk: "low"})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		a, b, c, d := file("offer a"), file("offer b"), file("offer c"), file("offer d")
		version := func() int64 {
			v, err := s.ContentVersion(ctx, store.ContentDecisions)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		v0, local0 := version(), s.LocalChanges()
		if _, err := s.DecideReport(ctx, a, store.ReportScam, 9001, ""); err != nil {
			t.Fatal(err)
		}
		v1 := version()
		if v1 != v0+1 || s.LocalChanges() == local0 {
			t.Fatalf("after a scam decision: version %d → %d, local changes %d → %d", v0, v1, local0, s.LocalChanges())
		}
		if _, err := s.DecideReport(ctx, b, store.ReportDuplicate, 9001, ""); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v1 {
			t.Fatalf("a duplicate moved the version: %d → %d", v1, v)
		}
		if _, err := s.DecideReport(ctx, c, store.ReportNotScam, 9001, ""); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v1+1 {
			t.Fatalf("a not-scam decision: version %d → %d", v1, v)
		}
		rs, err := s.DecidedReports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[0].ID != a || rs[0].Status != store.ReportScam || rs[0].Text != "offer a" ||
			rs[1].ID != c || rs[1].Status != store.ReportNotScam || !rs[0].DecidedAt.Valid {
			t.Fatalf("decided reports = %+v (pending %d)", rs, d)
		}
	})
}
