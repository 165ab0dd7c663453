package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, created, err := s.EnsureUser(ctx, 42, 4200)
		if err != nil || !created {
			t.Fatalf("EnsureUser first = %v, %v; want created", created, err)
		}
		if u.Lang != "" || u.Subscribed || u.ConsentAt.Valid {
			t.Fatalf("new user has state: %+v", u)
		}
		_, created, err = s.EnsureUser(ctx, 42, 4201)
		if err != nil || created {
			t.Fatalf("EnsureUser second = %v, %v; want existing", created, err)
		}
		for _, step := range []error{
			s.SetLang(ctx, 42, "en"),
			s.SetCity(ctx, 42, "东莞'; DROP TABLE users; --"),
			s.SetSubscribed(ctx, 42, true),
			s.SetConsent(ctx, 42),
		} {
			if step != nil {
				t.Fatal(step)
			}
		}
		u, err = s.User(ctx, 42)
		if err != nil {
			t.Fatal(err)
		}
		if u.ChatID != 4201 || u.Lang != "en" || u.City != "东莞'; DROP TABLE users; --" || !u.Subscribed || !u.ConsentAt.Valid {
			t.Fatalf("user after updates = %+v", u)
		}
		if n, err := s.CountSubscribers(ctx); err != nil || n != 1 {
			t.Fatalf("CountSubscribers = %d, %v; want 1", n, err)
		}
		if err := s.SetLang(ctx, 999, "zh"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("SetLang on missing user = %v; want ErrNotFound", err)
		}
		if _, err := s.User(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("User(999) = %v; want ErrNotFound", err)
		}
	})
}

func TestSessionsSurviveReopenAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, _, err := s.EnsureUser(ctx, 7, 7); err != nil {
			t.Fatal(err)
		}
		empty, err := s.Session(ctx, 7)
		if err != nil || empty.Flow != "" || empty.Payload != "{}" {
			t.Fatalf("Session before save = %+v, %v", empty, err)
		}
		want := store.Session{UserID: 7, Flow: "check", Step: "await_text", Payload: `{"text":"日结 300 🙂"}`}
		if err := s.SaveSession(ctx, want); err != nil {
			t.Fatal(err)
		}
		want.Step = "await_confirm"
		if err := s.SaveSession(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.Session(ctx, 7)
		if err != nil || got.Flow != want.Flow || got.Step != want.Step || got.Payload != want.Payload {
			t.Fatalf("Session = %+v, %v; want %+v", got, err, want)
		}
		if _, err := s.AddReport(ctx, 7, "交押金300", `{"risk":"high"}`); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUser(ctx, 7); err != nil {
			t.Fatal(err)
		}
		if _, err := s.User(ctx, 7); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("user after delete: %v", err)
		}
		if got, _ := s.Session(ctx, 7); got.Flow != "" {
			t.Fatalf("session after delete = %+v", got)
		}
		if rs, err := s.ReportsByUser(ctx, 7); err != nil || len(rs) != 0 {
			t.Fatalf("reports still linked after delete: %v %v", rs, err)
		}
		var orphaned int
		if err := s.DB().GetContext(ctx, &orphaned, `SELECT COUNT(*) FROM reports WHERE user_id IS NULL`); err != nil || orphaned != 1 {
			t.Fatalf("anonymised reports = %d, %v; want 1", orphaned, err)
		}
	})
}

func TestMarkUpdateOnceUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		var mu sync.Mutex
		firsts := 0
		for range 16 {
			wg.Go(func() {
				first, err := s.MarkUpdate(ctx, 1001)
				if err != nil {
					t.Error(err)
					return
				}
				if first {
					mu.Lock()
					firsts++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if firsts != 1 {
			t.Fatalf("%d goroutines saw update 1001 first; want exactly 1", firsts)
		}
	})
}

func TestPruneUpdates(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			s := b.Open(t, store.WithClock(func() time.Time { return clock() }))
			if _, err := s.MarkUpdate(ctx, 1); err != nil {
				t.Fatal(err)
			}
			now = now.Add(30 * time.Hour)
			if _, err := s.MarkUpdate(ctx, 2); err != nil {
				t.Fatal(err)
			}
			n, err := s.PruneUpdates(ctx, now.Add(-25*time.Hour))
			if err != nil || n != 1 {
				t.Fatalf("PruneUpdates = %d, %v; want 1", n, err)
			}
			if first, _ := s.MarkUpdate(ctx, 2); first {
				t.Fatal("update 2 was pruned too early")
			}
		})
	}
}

func TestCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		v0, err := s.ContentVersion(ctx, store.ContentCases)
		if err != nil || v0 != 0 {
			t.Fatalf("version before seed = %d, %v", v0, err)
		}
		seed := []store.CaseRecord{{ID: "a", Type: "upfront_fee", Data: `{"id":"a"}`}, {ID: "b", Type: "overseas", Data: `{"id":"b"}`}}
		if n, err := s.SeedCases(ctx, seed, "seed"); err != nil || n != 2 {
			t.Fatalf("SeedCases = %d, %v; want 2", n, err)
		}
		if n, err := s.SeedCases(ctx, seed, "seed"); err != nil || n != 0 {
			t.Fatalf("second SeedCases = %d, %v; want 0 (never overwrite)", n, err)
		}
		v1, _ := s.ContentVersion(ctx, store.ContentCases)
		if v1 <= v0 {
			t.Fatalf("version did not move after seed: %d", v1)
		}
		a, err := s.Case(ctx, "a")
		if err != nil || a.Revision != 1 {
			t.Fatalf("Case(a) = %+v, %v", a, err)
		}
		a.Data = `{"id":"a","title":"新"}`
		edited, err := s.PutCase(ctx, a, a.Revision, "staff:1")
		if err != nil || edited.Revision != 2 {
			t.Fatalf("PutCase = %+v, %v", edited, err)
		}
		// A second editor who loaded revision 1 must not overwrite revision 2.
		a.Data = `{"id":"a","title":"旧"}`
		if _, err := s.PutCase(ctx, a, 1, "staff:2"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale PutCase = %v; want ErrConflict", err)
		}
		if _, err := s.PutCase(ctx, store.CaseRecord{ID: "a", Type: "x", Data: "{}"}, 0, "staff:3"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("PutCase of an existing id as new = %v; want ErrConflict", err)
		}
		hist, err := s.CaseHistory(ctx, "a")
		if err != nil || len(hist) != 2 || hist[0].Author != "staff:1" || hist[1].Author != "seed" {
			t.Fatalf("history = %+v, %v", hist, err)
		}
		v2, _ := s.ContentVersion(ctx, store.ContentCases)
		if v2 != v1+1 {
			t.Fatalf("version after one edit = %d; want %d", v2, v1+1)
		}
		all, err := s.Cases(ctx)
		if err != nil || len(all) != 2 {
			t.Fatalf("Cases = %d, %v", len(all), err)
		}
		if _, err := s.Case(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Case(missing) = %v", err)
		}
	})
}

func TestReopenKeepsDataAndMigrationsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	s, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.EnsureUser(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if _, err := s.User(ctx, 1); err != nil {
		t.Fatalf("user lost across reopen: %v", err)
	}
}

func TestOpenRejectsUnknownDSN(t *testing.T) {
	for _, dsn := range []string{"", "mysql://x", "sqlite:", "postgres://u:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=1"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := store.Open(ctx, dsn)
		cancel()
		if err == nil {
			t.Errorf("Open(%q) succeeded", dsn)
			continue
		}
		if contains(err.Error(), "secret") {
			t.Errorf("Open(%q) error leaks the password: %v", dsn, err)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
