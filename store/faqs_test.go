package store_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestFAQsSeedPutHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed := []store.FAQRecord{
			{ID: "a", Topic: "wages", Data: `{"id":"a","v":1}`},
			{ID: "b", Topic: "insurance", Data: `{"id":"b","v":1}`},
		}
		v0, _ := s.ContentVersion(ctx, store.ContentFAQs)
		if n, err := s.SeedFAQs(ctx, seed, "seed"); err != nil || n != 2 {
			t.Fatalf("SeedFAQs = %d, %v; want 2", n, err)
		}
		v1, _ := s.ContentVersion(ctx, store.ContentFAQs)
		if v1 <= v0 {
			t.Fatalf("version after seed %d, before %d: want a bump", v1, v0)
		}
		// a second start seeds nothing, even with other entries
		if n, err := s.SeedFAQs(ctx, []store.FAQRecord{{ID: "c", Topic: "x", Data: "{}"}}, "seed"); err != nil || n != 0 {
			t.Fatalf("second SeedFAQs = %d, %v; want 0", n, err)
		}
		// unchanged entries are left alone and do not bump the version
		if n, err := s.PutFAQs(ctx, seed, "import"); err != nil || n != 0 {
			t.Fatalf("PutFAQs(same) = %d, %v; want 0", n, err)
		}
		if v, _ := s.ContentVersion(ctx, store.ContentFAQs); v != v1 {
			t.Fatalf("version moved on a no-op import: %d → %d", v1, v)
		}
		edit := []store.FAQRecord{
			{ID: "a", Topic: "wages", Data: `{"id":"a","v":2}`, Retired: true},
			{ID: "d", Topic: "training", Data: `{"id":"d'; DROP TABLE faqs; --"}`},
		}
		if n, err := s.PutFAQs(ctx, edit, "staff:7"); err != nil || n != 2 {
			t.Fatalf("PutFAQs = %d, %v; want 2", n, err)
		}
		if v, _ := s.ContentVersion(ctx, store.ContentFAQs); v <= v1 {
			t.Fatalf("version did not move on an edit")
		}
		all, err := s.FAQs(ctx)
		if err != nil || len(all) != 3 {
			t.Fatalf("FAQs = %d entries, %v; want 3", len(all), err)
		}
		a, err := s.FAQ(ctx, "a")
		if err != nil || a.Revision != 2 || !a.Retired || a.UpdatedBy != "staff:7" || a.Data != `{"id":"a","v":2}` {
			t.Fatalf("FAQ(a) = %+v, %v", a, err)
		}
		h, err := s.FAQHistory(ctx, "a")
		if err != nil || len(h) != 2 || h[0].Revision != 2 || h[1].Author != "seed" {
			t.Fatalf("FAQHistory(a) = %+v, %v", h, err)
		}
		if _, err := s.FAQ(ctx, "zz"); err == nil {
			t.Fatal("FAQ(zz): want ErrNotFound")
		}
	})
}

func TestFAQsPutIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		bad := []store.FAQRecord{
			{ID: "ok", Topic: "wages", Data: "{}"},
			{ID: "", Topic: "wages", Data: "{}"},
		}
		if _, err := s.PutFAQs(ctx, bad, "import"); err == nil {
			t.Fatal("PutFAQs with an empty id: want an error")
		}
		if all, err := s.FAQs(ctx); err != nil || len(all) != 0 {
			t.Fatalf("after a failed import: %d entries, %v; want none", len(all), err)
		}
		if v, _ := s.ContentVersion(ctx, store.ContentFAQs); v != 0 {
			t.Fatalf("version %d after a failed import; want 0", v)
		}
	})
}

func TestFAQFeedback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, id := range []int64{1, 2} {
			if _, _, err := s.EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
		}
		steps := []struct {
			user    int64
			faq     string
			helpful bool
		}{
			{1, "a", true}, {1, "a", true}, // pressed twice: counted once
			{2, "a", true}, {2, "a", false}, // changed their mind
			{1, "b", false},
		}
		for _, st := range steps {
			if err := s.AddFAQFeedback(ctx, st.user, st.faq, st.helpful); err != nil {
				t.Fatal(err)
			}
		}
		want := []store.FAQFeedback{{FAQID: "a", Helpful: 1, Not: 1}, {FAQID: "b", Helpful: 0, Not: 1}}
		check := func(when string) {
			t.Helper()
			got, err := s.FAQFeedbackCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s: counts = %+v; want %+v", when, got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s: counts = %+v; want %+v", when, got, want)
				}
			}
		}
		check("before delete")
		if n, err := s.CountFAQFeedback(ctx, 1); err != nil || n != 2 {
			t.Fatalf("CountFAQFeedback(1) = %d, %v; want 2 (entries a and b)", n, err)
		}
		// erasing a worker keeps the counts but drops the link to them
		if err := s.DeleteUser(ctx, 1); err != nil {
			t.Fatal(err)
		}
		check("after delete")
		var linked int
		if err := s.DB().GetContext(ctx, &linked, `SELECT COUNT(*) FROM faq_feedback WHERE user_id = 1`); err != nil || linked != 0 {
			t.Fatalf("feedback rows still linked to the erased user: %d, %v", linked, err)
		}
		if n, err := s.CountFAQFeedback(ctx, 1); err != nil || n != 0 {
			t.Fatalf("CountFAQFeedback after delete = %d, %v; want 0", n, err)
		}
	})
}
