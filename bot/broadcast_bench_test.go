package bot

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// BenchmarkBroadcast measures the sender against a fake Bot API that
// enforces Telegram's ~30 messages/s with 429s and has blocked users (2 %
// blocked, 0.5 % chat not found), 10,000 subscribers: the achieved rate as a
// fraction of the configured rate, duplicates, 429s caused, and the CPU time
// and memory of the sender processes (child processes, measured by rusage;
// peak heap sampled in the child).
//
// Scale: GONGYOU_BENCH_SCALE multiplies both the fake's limit and the
// configured rate (default 10: 300/s enforced, 250/s configured, 40 s per
// run); GONGYOU_BENCH_SCALE=1 is the real 30/s and 25/s (400 s per run).
// GONGYOU_BENCH_SUBSCRIBERS changes the 10,000.
//
//	go test ./bot -run '^$' -bench Broadcast -benchtime 1x
//	GONGYOU_TEST_POSTGRES=postgres://… adds the two-sender PostgreSQL run.
func BenchmarkBroadcast(b *testing.B) {
	b.Run("sqlite-1-sender", func(b *testing.B) {
		benchBroadcast(b, func(b *testing.B) string { return "sqlite:" + filepath.Join(b.TempDir(), "bench.db") }, 1)
	})
	b.Run("postgres-2-senders", func(b *testing.B) {
		benchBroadcast(b, func(b *testing.B) string { return storetest.PostgresSchemaDSN(b) }, 2)
	})
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func benchBroadcast(b *testing.B, newDSN func(*testing.B) string, senders int) {
	scale := envInt("GONGYOU_BENCH_SCALE", 10)
	subs := envInt("GONGYOU_BENCH_SUBSCRIBERS", 10000)
	limit, rate := 30*scale, 25.0*float64(scale)
	for range b.N {
		b.StopTimer()
		dsn := newDSN(b)
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		bulkSubscribers(b, st, 1, subs)
		f := newBCFake(b, limit)
		refused := 0
		for chat := int64(1); chat <= int64(subs); chat++ {
			switch {
			case chat%50 == 7:
				f.refuse[chat] = errBlocked
				refused++
			case chat%200 == 13:
				f.refuse[chat] = errNoChat
				refused++
			}
		}
		bc, err := st.CreateBroadcast(context.Background(), "人社局通知：2026 年职业技能补贴开始申请（示例）。", store.BroadcastFilter{}, 9001)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var wg sync.WaitGroup
		results := make([]childStats, senders)
		usage := make([]*syscall.Rusage, senders)
		for i := range senders {
			// The production lease (15 s): a heartbeat late under load must
			// not make the other sender think it is alone.
			c := startChild(b, dsn, f.srv.URL, rate, bc.ID, senders == 1, envChildLease+"=15s")
			wg.Go(func() { results[i], usage[i] = c.wait(b, 30*time.Minute) })
		}
		wg.Wait()
		b.StopTimer()

		got, err := st.Broadcast(context.Background(), bc.ID)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		delivered, _ := f.counts()
		dups := 0
		for _, n := range delivered {
			dups += max(n-1, 0)
		}
		f.mu.Lock()
		ts := append([]time.Time(nil), f.answered...)
		tooMany := f.tooMany
		f.mu.Unlock()
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		elapsed := ts[len(ts)-1].Sub(ts[0])
		achieved := float64(len(ts)-1) / elapsed.Seconds()
		var cpu time.Duration
		var rss int64
		var heap uint64
		for i := range senders {
			if ru := usage[i]; ru != nil {
				cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
				rss = max(rss, ru.Maxrss)
			}
			heap = max(heap, results[i].PeakHeap)
		}
		if got.Sent != subs-refused || got.Unreachable != refused || dups != 0 {
			b.Errorf("sent %d (want %d), unreachable %d (want %d), duplicates %d", got.Sent, subs-refused, got.Unreachable, refused, dups)
		}
		b.ReportMetric(achieved/rate, "rate-fraction")
		b.ReportMetric(achieved, "msgs/s")
		b.ReportMetric(rate, "configured/s")
		b.ReportMetric(float64(dups), "duplicates")
		b.ReportMetric(float64(tooMany), "429s")
		b.ReportMetric(float64(got.Unknown+got.Failed), "unknown+failed")
		b.ReportMetric(cpu.Seconds()*1000/float64(len(ts))*1000, "cpu-ms/1k-msgs")
		b.ReportMetric(float64(rss)/1024, "maxrss-MB")
		b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
		b.Logf("%d subscribers, %d senders, %s: %.1f msgs/s of %.0f configured (%.3f), %d 429s, %d duplicates, CPU %s, max RSS %d KB, peak heap %.1f MB",
			subs, senders, elapsed.Round(time.Millisecond), achieved, rate, achieved/rate, tooMany, dups, cpu, rss, float64(heap)/(1<<20))
	}
}
