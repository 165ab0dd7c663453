package scam

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"
)

var latency10k = flag.Bool("latency10k", false, "TestLatency10k: print p50/p99 latency and batch throughput with a 10,000-case base")

var (
	bench10kOnce    sync.Once
	bench10kChecker *Checker
	benchTexts      []string
)

// bench10k builds the synthetic 10,000-case base and loads the texts of the
// labelled sets (eval.jsonl and checker_set.jsonl).
func bench10k(tb testing.TB) (*Checker, []string) {
	bench10kOnce.Do(func() {
		seed, err := SeedCases()
		if err != nil {
			tb.Fatal(err)
		}
		bench10kChecker = NewChecker(SyntheticCases(seed, 10000))
		for _, path := range []string{"testdata/eval.jsonl", "testdata/checker_set.jsonl"} {
			f, err := os.Open(path)
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for sc.Scan() {
				var r struct{ Text string }
				if json.Unmarshal(sc.Bytes(), &r) == nil {
					benchTexts = append(benchTexts, r.Text)
				}
			}
			f.Close()
		}
		if len(benchTexts) == 0 {
			benchTexts = []string{"入职前先交300元押金，干满一个月退", "招聘普工，签劳动合同，缴五险一金，月薪5000"}
		}
	})
	return bench10kChecker, benchTexts
}

// BenchmarkCheck: one check against a 10,000-case base, over a mix of the
// labelled texts.
//
//	go test ./knowledge -run XXX -bench Check -benchmem
func BenchmarkCheck(b *testing.B) {
	ch, texts := bench10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch.Check(texts[i%len(texts)])
	}
}

// BenchmarkCheckParallel: checks on all cores (the --batch path without JSON).
func BenchmarkCheckParallel(b *testing.B) {
	ch, texts := bench10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			ch.Check(texts[i%len(texts)])
			i++
		}
	})
}

func BenchmarkNewChecker10k(b *testing.B) {
	seed, err := SeedCases()
	if err != nil {
		b.Fatal(err)
	}
	cases := SyntheticCases(seed, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewChecker(cases)
	}
}

// TestLatency10k prints single-threaded p50/p99 latency, batch throughput on
// all cores and heap size with a 10,000-case base. It runs only with
// -latency10k:
//
//	go test ./knowledge -run Latency10k -latency10k -v
func TestLatency10k(t *testing.T) {
	if !*latency10k {
		t.Skip("run with -latency10k")
	}
	ch, texts := bench10k(t)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap in use with 10k cases: %.1f MB", float64(ms.HeapInuse)/(1<<20))
	var lat []time.Duration
	for pass := 0; pass < 10; pass++ {
		for _, s := range texts {
			start := time.Now()
			ch.Check(s)
			lat = append(lat, time.Since(start))
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	t.Logf("single-threaded: %d checks, p50 %v, p99 %v, max %v", len(lat), p(0.5), p(0.99), lat[len(lat)-1])
	if p(0.99) > 5*time.Millisecond {
		t.Errorf("p99 %v above 5 ms", p(0.99))
	}
	n := 20 * len(texts)
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	start := time.Now()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ch.Check(texts[i%len(texts)])
			}
		}()
	}
	wg.Wait()
	rate := float64(n) / time.Since(start).Seconds()
	t.Logf("batch on %d cores: %.0f offers/s", runtime.GOMAXPROCS(0), rate)
	if rate < 2000 {
		t.Errorf("throughput %.0f offers/s below 2,000", rate)
	}
}
