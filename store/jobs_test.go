package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

var jobsNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func testJob(id, city, trade string, posted time.Time) store.Job {
	return store.Job{ID: id, Title: "普工 " + id, Employer: "某公司", City: city, Trade: trade, PayMin: 4000, PayMax: 5000,
		PayUnit: "month", Apply: "到人社局", Source: "测试", PostedAt: posted, ExpiresAt: posted.Add(60 * 24 * time.Hour)}
}

func TestSearchJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var jobs []store.Job
		for i := range 12 {
			j := testJob(fmt.Sprintf("dg-%02d", i), "东莞", []string{"factory", "delivery"}[i%2], jobsNow.Add(-time.Duration(i)*time.Hour))
			if i == 3 {
				j.PayUnit, j.PayMin, j.PayMax = "day", 200, 260
			}
			jobs = append(jobs, j)
		}
		expired := testJob("dg-old", "东莞", "factory", jobsNow.Add(-90*24*time.Hour))
		other := testJob("sz-01", "深圳", "factory", jobsNow)
		sqlish := testJob("x-1", "东莞'; DROP TABLE jobs; --", "factory", jobsNow)
		added, replaced, err := s.ImportJobs(ctx, append(jobs, expired, other, sqlish))
		if err != nil || added != 15 || replaced != 0 {
			t.Fatalf("ImportJobs = %d, %d, %v", added, replaced, err)
		}
		if _, err := s.Job(ctx, "dg-old"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired posting not pruned at import: %v", err)
		}

		page, total, err := s.SearchJobs(ctx, store.JobQuery{City: "东莞", Now: jobsNow, Limit: 5})
		if err != nil || total != 12 || len(page) != 5 || page[0].ID != "dg-00" || page[4].ID != "dg-04" {
			t.Fatalf("page 1 = %v, %d, %v", ids(page), total, err)
		}
		page, _, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", Now: jobsNow, Limit: 5, Offset: 10})
		if !slices.Equal(ids(page), []string{"dg-10", "dg-11"}) {
			t.Fatalf("page 3 = %v", ids(page))
		}
		page, total, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", Now: jobsNow, Offset: 50})
		if len(page) != 0 || total != 12 {
			t.Fatalf("page past the end = %v, %d", ids(page), total)
		}
		page, total, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", Trade: "delivery", Now: jobsNow, Limit: 100})
		if total != 6 || page[0].ID != "dg-01" {
			t.Fatalf("delivery = %v, %d", ids(page), total)
		}
		page, _, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", PayUnit: "day", Now: jobsNow})
		if !slices.Equal(ids(page), []string{"dg-03"}) || page[0].PayMax != 260 {
			t.Fatalf("daily pay = %+v", page)
		}
		_, total, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", PayUnit: "month", MinPay: 5001, Now: jobsNow})
		if total != 0 {
			t.Fatalf("monthly ≥ 5001 matched %d", total)
		}
		// Time passes: postings vanish when they expire, without any import.
		_, total, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞", Now: jobsNow.Add(60*24*time.Hour - 150*time.Minute)})
		if total != 3 {
			t.Fatalf("after most expired: %d left; want 3", total)
		}
		_, total, _ = s.SearchJobs(ctx, store.JobQuery{City: "东莞'; DROP TABLE jobs; --", Now: jobsNow})
		if total != 1 {
			t.Fatalf("SQL-looking city matched %d", total)
		}
		if _, _, err := s.SearchJobs(ctx, store.JobQuery{}); err == nil {
			t.Fatal("search without a city succeeded")
		}
		cities, err := s.JobCities(ctx, jobsNow, 5)
		if err != nil || len(cities) != 3 || cities[0] != (store.CityCount{City: "东莞", Count: 12}) {
			t.Fatalf("JobCities = %+v, %v", cities, err)
		}
	})
}

func TestImportJobsVersionsAndReplaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		v0, _ := s.ContentVersion(ctx, store.ContentJobs)
		j := testJob("a-1", "苏州", "security", jobsNow)
		if _, _, err := s.ImportJobs(ctx, []store.Job{j}); err != nil {
			t.Fatal(err)
		}
		j.Title, j.Sample = "改过的标题", true
		added, replaced, err := s.ImportJobs(ctx, []store.Job{j})
		if err != nil || added != 0 || replaced != 1 {
			t.Fatalf("re-import = %d, %d, %v", added, replaced, err)
		}
		got, err := s.Job(ctx, "a-1")
		if err != nil || got.Title != "改过的标题" || !got.Sample || !got.PostedAt.Equal(jobsNow) {
			t.Fatalf("Job = %+v, %v", got, err)
		}
		if v, _ := s.ContentVersion(ctx, store.ContentJobs); v != v0+2 {
			t.Fatalf("jobs version %d → %d; want +2", v0, v)
		}
		// Seeding after an import does nothing: the samples never come back.
		n, err := s.SeedJobs(ctx, []store.Job{testJob("sample-1", "苏州", "factory", jobsNow)})
		if err != nil || n != 0 {
			t.Fatalf("SeedJobs after import = %d, %v", n, err)
		}
		all, _ := s.AllJobs(ctx)
		if len(all) != 1 {
			t.Fatalf("AllJobs = %v", ids(all))
		}
		if n, err := s.PruneJobs(ctx, jobsNow.Add(61*24*time.Hour)); err != nil || n != 1 {
			t.Fatalf("PruneJobs = %d, %v", n, err)
		}
	})
}

func TestSeedJobsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed := []store.Job{testJob("s-1", "成都", "care", jobsNow), testJob("s-2", "成都", "care", jobsNow)}
		if n, err := s.SeedJobs(ctx, seed); err != nil || n != 2 {
			t.Fatalf("first SeedJobs = %d, %v", n, err)
		}
		if _, err := s.PruneJobs(ctx, jobsNow.Add(365*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, err := s.SeedJobs(ctx, seed); err != nil || n != 0 {
			t.Fatalf("SeedJobs on an emptied table = %d, %v; want 0", n, err)
		}
	})
}

func TestStations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		st := []store.Station{
			{ID: "cn-1", City: "全国", Name: "12333", Kind: "online", Services: "问", Source: "s", Checked: "2026-11-20"},
			{ID: "dg-2", City: "东莞", Name: "零工市场", Kind: "odd_jobs", Services: "零工", Source: "s", Checked: "2026-11-20"},
			{ID: "dg-1", City: "东莞", Name: "公共就业服务", Kind: "public", Services: "免费", Source: "s", Checked: "2026-11-20"},
			{ID: "sz-1", City: "深圳", Name: "公共就业服务", Kind: "public", Services: "免费", Source: "s", Checked: "2026-11-20"},
		}
		if n, err := s.SeedStations(ctx, st); err != nil || n != 4 {
			t.Fatalf("SeedStations = %d, %v", n, err)
		}
		if n, _ := s.SeedStations(ctx, st); n != 0 {
			t.Fatalf("second SeedStations inserted %d", n)
		}
		got, err := s.Stations(ctx, "东莞", "全国")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range got {
			names = append(names, x.ID)
		}
		if !slices.Equal(names, []string{"dg-1", "dg-2", "cn-1"}) {
			t.Fatalf("Stations(东莞) = %v", names)
		}
		st[3].Address = "某路1号"
		if _, err := s.ImportStations(ctx, st[3:]); err != nil {
			t.Fatal(err)
		}
		all, _ := s.AllStations(ctx)
		if len(all) != 4 || all[3].Address != "某路1号" {
			t.Fatalf("AllStations = %+v", all)
		}
	})
}

func ids(jobs []store.Job) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

// BenchmarkSearchJobs measures one job search (count + first pages) over
// 100,000 postings in 60 cities (a few big cities hold most of them, as in
// real life), on SQLite and, with GONGYOU_TEST_POSTGRES, on PostgreSQL.
// It reports the p50 and p99 latency of single searches.
//
//	go test ./store -run XXX -bench SearchJobs -benchtime 5000x
func BenchmarkSearchJobs(b *testing.B) {
	const postings = 100_000
	cities := make([]string, 60)
	weights := make([]float64, 60)
	sum := 0.0
	for i := range cities {
		cities[i] = fmt.Sprintf("城市%02d", i)
		weights[i] = 1 / float64(i+1) // Zipf: the biggest city has ~21% of the postings
		sum += weights[i]
	}
	pick := func(r *rand.Rand) string {
		x := r.Float64() * sum
		for i, w := range weights {
			if x -= w; x < 0 {
				return cities[i]
			}
		}
		return cities[0]
	}
	trades := []string{"factory", "construction", "delivery", "cleaning", "catering", "security", "logistics", "driver", "care", "other"}
	units := []string{"month", "month", "month", "day", "hour", "piece"}
	for _, be := range storetest.Backends() {
		s := be.Open(b, store.WithClock(func() time.Time { return jobsNow }))
		ctx := context.Background()
		r := rand.New(rand.NewPCG(1, 2))
		batch := make([]store.Job, 0, 5000)
		for i := range postings {
			posted := jobsNow.Add(-time.Duration(r.IntN(90*24)) * time.Hour)
			j := testJob(fmt.Sprintf("job-%06d", i), pick(r), trades[r.IntN(len(trades))], posted)
			j.PayUnit = units[r.IntN(len(units))]
			j.ExpiresAt = posted.Add(time.Duration(30+r.IntN(90)) * 24 * time.Hour) // a few have expired
			batch = append(batch, j)
			if len(batch) == cap(batch) {
				if _, _, err := s.ImportJobs(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		if _, err := s.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
		b.Run(be.Name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				q := store.JobQuery{City: pick(r), Now: jobsNow, Limit: 5, Offset: 5 * r.IntN(3)}
				if r.IntN(2) == 0 {
					q.Trade = trades[r.IntN(len(trades))]
				}
				if r.IntN(4) == 0 {
					q.PayUnit, q.MinPay = "month", 4500
				}
				start := time.Now()
				if _, _, err := s.SearchJobs(ctx, q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}

func TestImportOfRealJobsRemovesSamples(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var seed []store.Job
		for _, id := range []string{"sample-1", "sample-2", "sample-3"} {
			j := testJob(id, "成都", "care", jobsNow)
			j.Sample = true
			seed = append(seed, j)
		}
		if _, err := s.SeedJobs(ctx, seed); err != nil {
			t.Fatal(err)
		}
		// A file of samples only (staff editing the samples) keeps the others.
		if _, _, err := s.ImportJobs(ctx, seed[:1]); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.AllJobs(ctx); len(all) != 3 {
			t.Fatalf("after a samples-only import: %v", ids(all))
		}
		// Real postings replace the samples the file does not name.
		real := testJob("real-1", "成都", "care", jobsNow)
		real.Sample = false
		if _, _, err := s.ImportJobs(ctx, []store.Job{real, seed[1]}); err != nil {
			t.Fatal(err)
		}
		all, _ := s.AllJobs(ctx)
		if got := strings.Join(ids(all), ","); got != "real-1,sample-2" {
			t.Fatalf("after importing real postings: %s; want real-1,sample-2", got)
		}
	})
}
