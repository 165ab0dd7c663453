// Command eval measures the scam checker end to end on every labelled set:
// the project's own sets and the real third-party files in ../shared/data.
//
//	go run ./knowledge/scam/cmd/eval [-shared ../shared/data] [-v SET] [-bench10k]
//
// Run it from the repository root. For each set it prints recall at
// medium-or-high and at high on the scams, the false-positive rate at
// medium-or-high and at high on the rest, AUC, and precision at a 5 % scam
// prevalence, each with a 95 % interval (Wilson for rates, a stratified
// bootstrap for AUC and precision). The "fit" column says whether the
// shipped weights were fitted on the set (cmd/train): figures on such a set
// are development figures, memory as much as skill; sets/holdout.jsonl and
// any shared file not named *_dev.jsonl were never fitted on. Out-of-fold
// figures for the fitted sets are printed by cmd/train.
//
// -v SET lists the misclassified rows of one set (by its name in the
// table). -bench10k builds a synthetic base of 10,000 cases and prints
// single-threaded latency (p50/p99), batch throughput on all cores and
// memory.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/knowledge/scam/model"
)

type set struct {
	name string
	fit  bool
	rows []model.Example
}

func main() {
	shared := flag.String("shared", model.SharedDataDir, "directory of the real third-party *.jsonl files (skipped when absent)")
	verbose := flag.String("v", "", "list the misclassified rows of this set")
	bench := flag.Bool("bench10k", false, "also benchmark a synthetic 10,000-case base")
	flag.Parse()

	sets, err := load(*shared)
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
	var ms []model.Metrics
	for _, s := range sets {
		name := s.name
		if s.fit {
			name += " (fit)"
		} else {
			name += " (held out)"
		}
		ms = append(ms, scam.EvaluateSet(ch, name, s.rows))
	}
	fmt.Print(model.FormatTable(ms...))
	fmt.Println("Levels as a worker sees them (medium+ = medium or high). \"fit\": the weights were fitted on this set (development figures).")
	for _, s := range sets {
		if s.name == *verbose {
			misses(ch, s.rows)
		}
	}
	if *bench {
		var texts []string
		for _, s := range sets {
			for _, r := range s.rows {
				texts = append(texts, r.Text)
			}
		}
		bench10k(seed, texts)
	}
}

func load(sharedDir string) ([]set, error) {
	var sets []set
	type file struct {
		name, path string
		fit        bool
	}
	files := []file{{"own:holdout", model.SetsDir + "/holdout.jsonl", false}}
	trains, err := filepath.Glob(filepath.Join(filepath.FromSlash(model.SetsDir), "train*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(trains)
	for _, p := range trains {
		files = append(files, file{"own:" + strings.TrimSuffix(filepath.Base(p), ".jsonl"), p, true})
	}
	files = append(files, file{"own:eval", "knowledge/scam/testdata/eval.jsonl", true},
		file{"own:checker_set", "knowledge/scam/testdata/checker_set.jsonl", true})
	for _, f := range files {
		rows, err := model.LoadJSONL(f.path)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set{f.name, f.fit, rows})
	}
	shared, err := model.LoadShared(".", sharedDir)
	if err != nil {
		return nil, err
	}
	for _, f := range shared {
		sets = append(sets, set{"shared:" + f.Name, f.Dev, f.Rows})
	}
	return sets, nil
}

func misses(ch *scam.Checker, rows []model.Example) {
	for _, r := range rows {
		v := ch.Check(r.Text)
		flagged := v.Risk != scam.LevelLow
		if flagged == (r.Label == 1) {
			continue
		}
		var codes []string
		for _, s := range v.Signals {
			codes = append(codes, s.Code)
		}
		text := strings.Join(strings.Fields(r.Text), " ")
		text = norm.Clip(text, 120, "…")
		fmt.Printf("%s label %d → %s %.3f %v  %s\n", r.ID, r.Label, v.Risk, v.Score, codes, text)
	}
}
func bench10k(seed []scam.Case, texts []string) {
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
