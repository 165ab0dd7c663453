// Command eval measures the offline scam checker on a labelled set of
// messages (JSON Lines: {"id","lang","label":"scam|legit|chat","type","text"}).
//
//	go run ./knowledge/scam/cmd/eval [-file knowledge/scam/testdata/eval.jsonl] [-v] [-bench10k]
//
// It prints recall at medium-or-high on the scams, the false-positive rate
// at medium-or-high and at high on the rest (legit + chat), precision, a
// per-type table, and with -v every misclassified message. -bench10k builds
// a synthetic base of 10,000 cases and prints single-threaded latency
// (p50/p99), batch throughput on all cores and memory.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongyou/gongyou/knowledge/scam"
)

type row struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

func main() {
	file := flag.String("file", "knowledge/scam/testdata/eval.jsonl", "labelled messages (JSON Lines)")
	verbose := flag.Bool("v", false, "list misclassified messages")
	bench := flag.Bool("bench10k", false, "also benchmark a synthetic 10,000-case base")
	flag.Parse()

	rows, err := load(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
	seed, err := scam.SeedCases()
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval: seed cases:", err)
		os.Exit(1)
	}
	ch := scam.NewChecker(seed)
	report(ch, rows, *verbose)
	if *bench {
		bench10k(seed, rows)
	}
}

func load(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r row
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// predictedType is the scam type the verdict points to: the type of its
// best-matching case study ("" when it shows none).
func predictedType(v scam.Verdict) string {
	if len(v.Cases) > 0 {
		return v.Cases[0].Type
	}
	return ""
}

type typeStats struct{ n, caught, typed, predicted, predictedRight int }

func report(ch *scam.Checker, rows []row, verbose bool) {
	var scams, others, tp, fpMed, fpHigh, caseHit, caseTop1 int
	per := map[string]*typeStats{}
	get := func(t string) *typeStats {
		if per[t] == nil {
			per[t] = &typeStats{}
		}
		return per[t]
	}
	var missed []string
	for _, r := range rows {
		v := ch.Check(r.Text)
		flagged := v.Risk != scam.LevelLow
		pt := predictedType(v)
		if flagged && pt != "" {
			get(pt).predicted++
			if r.Label == "scam" && pt == r.Type {
				get(pt).predictedRight++
			}
		}
		if r.Label == "scam" {
			scams++
			s := get(r.Type)
			s.n++
			if flagged {
				tp++
				s.caught++
			}
			if pt == r.Type {
				s.typed++
				caseTop1++
			}
			for _, c := range v.Cases {
				if c.Type == r.Type {
					caseHit++
					break
				}
			}
			if !flagged {
				missed = append(missed, line(r, v))
			}
			continue
		}
		others++
		if flagged {
			fpMed++
			missed = append(missed, line(r, v))
		}
		if v.Risk == scam.LevelHigh {
			fpHigh++
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	fmt.Printf("messages: %d (scam %d, legit+chat %d)\n", len(rows), scams, others)
	fmt.Printf("recall (medium+ on scam):   %.3f  (%d/%d)\n", pct(tp, scams), tp, scams)
	fmt.Printf("FPR medium+ (legit+chat):   %.3f  (%d/%d)\n", pct(fpMed, others), fpMed, others)
	fmt.Printf("FPR high (legit+chat):      %.3f  (%d/%d)\n", pct(fpHigh, others), fpHigh, others)
	fmt.Printf("precision (medium+):        %.3f  (%d/%d)\n", pct(tp, tp+fpMed), tp, tp+fpMed)
	fmt.Printf("case of the right type: top-1 %.3f, top-3 %.3f\n\n", pct(caseTop1, scams), pct(caseHit, scams))
	fmt.Printf("%-18s %4s %7s %9s %9s\n", "type", "n", "recall", "top1case", "precision")
	var types []string
	for t := range per {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		s := per[t]
		if s.n == 0 {
			continue
		}
		fmt.Printf("%-18s %4d %7.2f %9.2f %9.2f\n", t, s.n, pct(s.caught, s.n), pct(s.typed, s.n), pct(s.predictedRight, s.predicted))
	}
	fmt.Println("\nprecision: of the flagged messages whose best case has this type, the share that are scams of this type")
	if verbose && len(missed) > 0 {
		fmt.Println("\nmisclassified:")
		for _, m := range missed {
			fmt.Println(m)
		}
	}
}

func line(r row, v scam.Verdict) string {
	var codes []string
	for _, s := range v.Signals {
		codes = append(codes, fmt.Sprintf("%s(%.1f)", s.Code, s.Weight))
	}
	text := strings.ReplaceAll(r.Text, "\n", " / ")
	return fmt.Sprintf("  %s %s/%s → %s %.2f [%s]\n      %s", r.ID, r.Label, r.Type, v.Risk, v.Score, strings.Join(codes, " "), text)
}

func bench10k(seed []scam.Case, rows []row) {
	fmt.Println("\n── 10,000-case benchmark ──")
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	cases := scam.SyntheticCases(seed, 10000)
	ch := scam.NewChecker(cases)
	build := time.Since(start)
	cases = nil
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("build: %v; heap in use after build: %.1f MB; resident: %s\n", build.Round(time.Millisecond),
		float64(after.HeapInuse)/(1<<20), rss())

	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.Text
	}
	// single-threaded latency
	const passes = 20
	lat := make([]time.Duration, 0, passes*len(texts))
	for p := 0; p < passes; p++ {
		for _, t := range texts {
			s := time.Now()
			ch.Check(t)
			lat = append(lat, time.Since(s))
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(f float64) time.Duration { return lat[int(f*float64(len(lat)-1))] }
	fmt.Printf("single-threaded latency over %d checks: p50 %v, p99 %v, max %v\n", len(lat), q(0.50), q(0.99), lat[len(lat)-1])

	// batch throughput on all cores, raw Check
	n := runtime.GOMAXPROCS(0)
	total := 40 * len(texts)
	var next atomic.Int64
	var wg sync.WaitGroup
	s := time.Now()
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if int(i) >= total {
					return
				}
				ch.Check(texts[int(i)%len(texts)])
			}
		}()
	}
	wg.Wait()
	el := time.Since(s)
	fmt.Printf("batch (Check on %d cores): %d offers in %v = %.0f offers/s\n", n, total, el.Round(time.Millisecond), float64(total)/el.Seconds())

	// batch through the CLI path (JSON in and out)
	var in bytes.Buffer
	for i := 0; i < total; i++ {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": texts[i%len(texts)]})
		in.Write(b)
		in.WriteByte('\n')
	}
	s = time.Now()
	code := scam.RunCheckCLI(context.Background(), ch, []string{"--batch"}, &in, io.Discard, os.Stderr)
	el = time.Since(s)
	fmt.Printf("batch (gongyou check --batch, exit %d): %d offers in %v = %.0f offers/s\n", code, total, el.Round(time.Millisecond), float64(total)/el.Seconds())
	runtime.GC()
	fmt.Printf("resident after the runs: %s\n", rss())
	runtime.KeepAlive(ch)
}

// rss reads the resident set size from /proc (Linux); "n/a" elsewhere.
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "n/a"
}
