package ocr_test

import (
	"bufio"
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/ocr/shot"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// shots renders n screenshots of the hold-out set in the evaluation's
// styles (chat and ad, 720–1440 px, JPEG, noise, dark).
func shots(tb testing.TB, f *shot.Font, n int) [][]byte {
	rows, err := shot.LoadRows(setPath)
	if err != nil {
		tb.Fatal(err)
	}
	rows = shot.Sample(rows, n)
	out := make([][]byte, len(rows))
	for i, r := range rows {
		out[i] = f.Render(r.Text, shot.StyleFor(i))
	}
	return out
}

// BenchmarkScreenshotCheck is one screenshot checked end to end on one
// core: guard, decode, preprocessing, tesseract (one thread), cleanup and
// the scam check. Reports p50 and p95 wall time over the iterations, and
// the CPU time an image costs (this process and tesseract).
//
//	taskset -c 0 go test ./knowledge/ocr -run '^$' -bench ScreenshotCheck -benchtime 40x -cpu 1
func BenchmarkScreenshotCheck(b *testing.B) {
	_, f := needOCR(b)
	r := ocr.New(ocr.Config{Workers: 1})
	imgs := shots(b, f, 40)
	seed, err := scam.SeedCases()
	if err != nil {
		b.Fatal(err)
	}
	ch := scam.NewChecker(seed)
	ds := make([]time.Duration, 0, b.N)
	cpu0 := cpuTime()
	b.ResetTimer()
	cpus := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		t0, c0 := time.Now(), cpuTime()
		res, err := r.Read(context.Background(), imgs[i%len(imgs)])
		if err != nil {
			b.Fatal(err)
		}
		_ = ch.Check(res.Text)
		ds = append(ds, time.Since(t0))
		cpus = append(cpus, cpuTime()-c0)
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	b.ReportMetric(float64(cpus[min(len(cpus)*95/100, len(cpus)-1)].Milliseconds()), "p95-cpu-ms")
	b.ReportMetric(float64(ds[len(ds)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(ds[min(len(ds)*95/100, len(ds)-1)].Milliseconds()), "p95-ms")
}

// TestMemoryFourAtOnce reads four large phone screenshots (1440 px wide,
// long chats) at once and reports the peak resident memory of this process
// and of the largest tesseract child. Run with GONGYOU_MEASURE=1:
//
//	GONGYOU_MEASURE=1 go test ./knowledge/ocr -run MemoryFourAtOnce -count=1 -v
func TestMemoryFourAtOnce(t *testing.T) {
	if os.Getenv("GONGYOU_MEASURE") == "" {
		t.Skip("a measurement: set GONGYOU_MEASURE=1")
	}
	_, f := needOCR(t)
	rows, err := shot.LoadRows(setPath)
	if err != nil {
		t.Fatal(err)
	}
	// One phone screen each (1440×2560 and more: a long chat scrolled into
	// one capture), different texts.
	var imgs [][]byte
	for i, r := range shot.Sample(rows, 4) {
		var long strings.Builder
		for _, x := range shot.Sample(rows[i*7:], 3) {
			long.WriteString(x.Text + "\n")
		}
		long.WriteString(r.Text)
		imgs = append(imgs, f.Render(long.String(), shot.Style{Width: 1440, Chat: true, JPEGQual: 85, Seed: uint64(i)}))
	}
	for _, img := range imgs {
		in, err := ocr.Check(img)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %d×%d, %d KB", in.Format, in.Width, in.Height, len(img)>>10)
	}
	// Forget the rendering's peak: free what it left and reset VmHWM to
	// the current resident set (Linux ≥ 4.0: "5" > /proc/self/clear_refs).
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("VmHWM not reset (%v): the figure includes rendering the screenshots", err)
	}
	r := ocr.New(ocr.Config{Workers: 4})
	before := vmHWM(t)
	var wg sync.WaitGroup
	for _, img := range imgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Read(context.Background(), img); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	after := vmHWM(t)
	t.Logf("4 screenshots at once: this process VmHWM %d MB (%d MB before reading)", after>>10, before>>10)
	if after > 150<<10 {
		t.Errorf("VmHWM %d MB, want ≤ 150 MB", after>>10)
	}
}

// cpuTime is the CPU time (user + system) of this process and its
// finished children (tesseract): a figure the other jobs on a shared
// machine do not inflate, unlike the wall-clock p50/p95.
func cpuTime() time.Duration {
	var self, kids syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}

// vmHWM is the process's peak resident set in KB.
func vmHWM(t *testing.T) int64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc")
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
