package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

const today = "2026-11-23"

func course(id string, seats int) store.Training {
	return store.Training{ID: id, City: "东莞", Trade: "eldercare", StartsOn: "2026-12-01", EndsOn: "2026-12-20",
		Seats: seats, Data: `{"id":"` + id + `"}`}
}

func users(t *testing.T, s *store.Store, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if _, _, err := s.EnsureUser(context.Background(), id, id); err != nil {
			t.Fatal(err)
		}
	}
}

func seats(t *testing.T, s *store.Store, id string) store.Training {
	t.Helper()
	tr, err := s.Training(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestEnrollNoOverbooking: 50 workers press confirm at once for the last 10
// seats of a course; exactly 10 get in, the others hear "full".
func TestEnrollNoOverbooking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := course("c1", 12)
		if _, err := s.SeedTrainings(ctx, []store.Training{c}); err != nil {
			t.Fatal(err)
		}
		// Two seats already gone: 10 left.
		users(t, s, 1, 2)
		for _, u := range []int64{1, 2} {
			if _, err := s.Enroll(ctx, "c1", u, "张三", "13800000000", today); err != nil {
				t.Fatal(err)
			}
		}
		const workers = 50
		ids := make([]int64, workers)
		for i := range ids {
			ids[i] = int64(100 + i)
		}
		users(t, s, ids...)
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, full := 0, 0
		refs := map[string]bool{}
		start := make(chan struct{})
		for _, id := range ids {
			wg.Go(func() {
				<-start
				e, err := s.Enroll(ctx, "c1", id, fmt.Sprintf("工友%d", id), "13912345678", today)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
					refs[e.Ref] = true
				case errors.Is(err, store.ErrTrainingFull):
					full++
				default:
					t.Errorf("worker %d: %v", id, err)
				}
			})
		}
		close(start)
		wg.Wait()
		tr := seats(t, s, "c1")
		t.Logf("%s: %d concurrent sign-ups for 10 seats: %d enrolled, %d told full; taken %d of %d",
			s.Dialect(), workers, ok, full, tr.Taken, tr.Seats)
		if ok != 10 || full != workers-10 || len(refs) != 10 {
			t.Fatalf("enrolled %d (refs %d), full %d; want 10 and %d", ok, len(refs), full, workers-10)
		}
		if tr.Taken != tr.Seats || tr.Left() != 0 {
			t.Fatalf("taken %d of %d seats", tr.Taken, tr.Seats)
		}
		var active int
		if err := s.DB().GetContext(ctx, &active, `SELECT COUNT(*) FROM enrollments WHERE training_id = 'c1' AND status = 'active'`); err != nil {
			t.Fatal(err)
		}
		if active != 12 {
			t.Fatalf("%d active enrollment rows; want 12", active)
		}
	})
}

// TestEnrollSameWorkerTwice: pressing confirm twice, even at the same
// moment, gives one enrollment and one seat; the second gets the first ref.
func TestEnrollSameWorkerTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.SeedTrainings(ctx, []store.Training{course("c1", 5)}); err != nil {
			t.Fatal(err)
		}
		users(t, s, 7)
		const presses = 8
		var wg sync.WaitGroup
		var mu sync.Mutex
		refs := map[string]int{}
		fresh := 0
		for range presses {
			wg.Go(func() {
				e, err := s.Enroll(ctx, "c1", 7, "李四", "13800138000", today)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					fresh++
				case errors.Is(err, store.ErrAlreadyEnrolled):
				default:
					t.Errorf("press: %v", err)
					return
				}
				refs[e.Ref]++
			})
		}
		wg.Wait()
		if fresh != 1 || len(refs) != 1 {
			t.Fatalf("%d new enrollments, refs %v; want 1 enrollment, every press told its ref", fresh, refs)
		}
		if tr := seats(t, s, "c1"); tr.Taken != 1 {
			t.Fatalf("taken %d; want 1", tr.Taken)
		}
	})
}

func TestCancelGivesSeatBackOnceAndAllowsReEnroll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.SeedTrainings(ctx, []store.Training{course("c1", 1)}); err != nil {
			t.Fatal(err)
		}
		users(t, s, 7, 8)
		e, err := s.Enroll(ctx, "c1", 7, "王五", "13800138000", today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Enroll(ctx, "c1", 8, "赵六", "13800138001", today); !errors.Is(err, store.ErrTrainingFull) {
			t.Fatalf("second worker on a full course: %v; want ErrTrainingFull", err)
		}
		// Someone else's ref cancels nothing.
		if _, err := s.CancelEnrollment(ctx, 8, e.Ref); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("cancel by another worker: %v", err)
		}
		got, err := s.CancelEnrollment(ctx, 7, e.Ref)
		if err != nil || got.Status != store.EnrollCancelled || got.Name != "" || got.Phone != "" {
			t.Fatalf("cancel = %+v, %v; want cancelled with name and phone blanked", got, err)
		}
		if _, err := s.CancelEnrollment(ctx, 7, e.Ref); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second cancel: %v; want ErrNotFound", err)
		}
		if tr := seats(t, s, "c1"); tr.Taken != 0 {
			t.Fatalf("taken %d after one cancel (pressed twice); want 0", tr.Taken)
		}
		// Cancelled, then signs up again: allowed, new ref.
		again, err := s.Enroll(ctx, "c1", 7, "王五", "13800138000", today)
		if err != nil || again.Ref == e.Ref {
			t.Fatalf("re-enroll = %+v, %v", again, err)
		}
		if n, _ := s.CountEnrollments(ctx, 7); n != 1 {
			t.Fatalf("CountEnrollments = %d; want 1", n)
		}
	})
}

func TestEnrollClosedAndMissing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		started := course("old", 5)
		started.StartsOn = "2026-11-01"
		retired := course("gone", 5)
		retired.Retired = true
		if _, err := s.SeedTrainings(ctx, []store.Training{started, retired, course("c1", 5)}); err != nil {
			t.Fatal(err)
		}
		users(t, s, 7)
		for id, want := range map[string]error{"old": store.ErrTrainingClosed, "gone": store.ErrTrainingClosed, "nope": store.ErrNotFound} {
			if _, err := s.Enroll(ctx, id, 7, "王五", "13800138000", today); !errors.Is(err, want) {
				t.Errorf("Enroll(%s) = %v; want %v", id, err, want)
			}
		}
		open, err := s.OpenTrainings(ctx, "东莞", "", today)
		if err != nil || len(open) != 1 || open[0].ID != "c1" {
			t.Fatalf("OpenTrainings = %+v, %v; want only c1", open, err)
		}
		if other, _ := s.OpenTrainings(ctx, "深圳", "", today); len(other) != 0 {
			t.Fatalf("OpenTrainings(深圳) = %+v", other)
		}
		cities, err := s.TrainingCities(ctx, today)
		if err != nil || len(cities) != 1 || cities[0] != "东莞" {
			t.Fatalf("TrainingCities = %v, %v", cities, err)
		}
	})
}

func TestSeedOnlyWhenEmptyAndPutKeepsTaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if n, err := s.SeedTrainings(ctx, []store.Training{course("c1", 3)}); err != nil || n != 1 {
			t.Fatalf("first seed = %d, %v", n, err)
		}
		if n, err := s.SeedTrainings(ctx, []store.Training{course("c2", 3)}); err != nil || n != 0 {
			t.Fatalf("second seed = %d, %v; want 0", n, err)
		}
		users(t, s, 7, 8)
		for _, u := range []int64{7, 8} {
			if _, err := s.Enroll(ctx, "c1", u, "王五", "13800138000", today); err != nil {
				t.Fatal(err)
			}
		}
		// Fewer seats than sign-ups: refused, nothing written (c3 neither).
		shrunk := course("c1", 1)
		if err := s.PutTrainings(ctx, []store.Training{course("c3", 4), shrunk}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("shrink below sign-ups: %v; want ErrConflict", err)
		}
		if _, err := s.Training(ctx, "c3"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("c3 written by a failed import: %v", err)
		}
		grown := course("c1", 20)
		grown.Data = `{"id":"c1","v":2}`
		if err := s.PutTrainings(ctx, []store.Training{grown, course("c3", 4)}); err != nil {
			t.Fatal(err)
		}
		tr := seats(t, s, "c1")
		if tr.Seats != 20 || tr.Taken != 2 || tr.Data != grown.Data {
			t.Fatalf("after put: %+v", tr)
		}
		all, err := s.Trainings(ctx)
		if err != nil || len(all) != 2 {
			t.Fatalf("Trainings = %d, %v", len(all), err)
		}
	})
}

func TestDeleteUserErasesEnrollmentsAndFreesSeats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.SeedTrainings(ctx, []store.Training{course("c1", 2)}); err != nil {
			t.Fatal(err)
		}
		users(t, s, 7, 8)
		e, err := s.Enroll(ctx, "c1", 7, "王五", "13800138000", today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CancelEnrollment(ctx, 7, e.Ref); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Enroll(ctx, "c1", 7, "王五", "13800138000", today); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Enroll(ctx, "c1", 8, "赵六", "13800138001", today); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUser(ctx, 7); err != nil {
			t.Fatal(err)
		}
		var left int
		if err := s.DB().GetContext(ctx, &left, `SELECT COUNT(*) FROM enrollments WHERE user_id = 7`); err != nil || left != 0 {
			t.Fatalf("%d enrollment rows of a deleted worker (%v); want 0", left, err)
		}
		if tr := seats(t, s, "c1"); tr.Taken != 1 {
			t.Fatalf("taken %d after deleting one of two workers; want 1", tr.Taken)
		}
		es, err := s.Enrollments(ctx)
		if err != nil || len(es) != 1 || es[0].UserID != 8 {
			t.Fatalf("Enrollments = %+v, %v", es, err)
		}
	})
}

func TestPurgeEnrollments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ended := course("ended", 5)
		ended.StartsOn, ended.EndsOn = "2026-01-05", "2026-02-01"
		if _, err := s.SeedTrainings(ctx, []store.Training{ended, course("c1", 5)}); err != nil {
			t.Fatal(err)
		}
		users(t, s, 7)
		if _, err := s.Enroll(ctx, "ended", 7, "王五", "13800138000", "2026-01-01"); err != nil {
			t.Fatal(err)
		}
		keep, err := s.Enroll(ctx, "c1", 7, "王五", "13800138000", today)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.PurgeEnrollments(ctx, "2026-05-23", time.Now().Add(-180*24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v; want 1", n, err)
		}
		es, _ := s.Enrollments(ctx)
		if len(es) != 1 || es[0].Ref != keep.Ref {
			t.Fatalf("left %+v; want only %s", es, keep.Ref)
		}
	})
}

func TestForgetStaleSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		users(t, s, 7, 8)
		for id, flow := range map[int64]string{7: "training", 8: "jobs"} {
			if err := s.SaveSession(ctx, store.Session{UserID: id, Flow: flow, Step: "phone", Payload: `{"t":{"n":"张三"}}`}); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.ForgetStaleSessions(ctx, "training", time.Now().Add(-time.Hour)); err != nil || n != 0 {
			t.Fatalf("fresh sessions forgotten: %d, %v", n, err)
		}
		if n, err := s.ForgetStaleSessions(ctx, "training", time.Now().Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("ForgetStaleSessions = %d, %v; want 1", n, err)
		}
		if got, _ := s.Session(ctx, 7); got.Flow != "" || got.Payload != "{}" {
			t.Fatalf("stale sign-up kept: %+v", got)
		}
		if got, _ := s.Session(ctx, 8); got.Flow != "jobs" {
			t.Fatalf("another flow's session touched: %+v", got)
		}
	})
}

// BenchmarkEnroll measures one sign-up (seat taken and enrollment written
// in one transaction), serial and from parallel goroutines:
//
//	go test ./store -run XXX -bench Enroll
func BenchmarkEnroll(b *testing.B) {
	for _, be := range storetest.Backends() {
		for _, parallel := range []bool{false, true} {
			name := be.Name + "/serial"
			if parallel {
				name = be.Name + "/parallel"
			}
			b.Run(name, func(b *testing.B) {
				s := be.Open(b)
				ctx := context.Background()
				if _, err := s.SeedTrainings(ctx, []store.Training{course("c1", b.N+1)}); err != nil {
					b.Fatal(err)
				}
				for i := range b.N {
					if _, _, err := s.EnsureUser(ctx, int64(i+1), int64(i+1)); err != nil {
						b.Fatal(err)
					}
				}
				var next sync.Mutex
				id := int64(0)
				user := func() int64 {
					next.Lock()
					defer next.Unlock()
					id++
					return id
				}
				b.ResetTimer()
				if !parallel {
					for range b.N {
						if _, err := s.Enroll(ctx, "c1", user(), "张三", "13800138000", today); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := s.Enroll(ctx, "c1", user(), "张三", "13800138000", today); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		}
	}
}
