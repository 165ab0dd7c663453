package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestImportMemory measures the peak memory (VmHWM) of `gongyou import` on
// files at and over the limits, each import in a process of its own:
//
//	GONGYOU_MEASURE=1 go test -run TestImportMemory -v -count 1 .
//
// a 50 MB YAML (refused before it is read), a 28 MB CSV of invalid rows,
// 50,000 valid postings in a 33 MB YAML (both limits) and the same as CSV.
// Each must stay under 200 MB.
func TestImportMemory(t *testing.T) {
	if file := os.Getenv("GONGYOU_IMPORT_CHILD"); file != "" {
		env := map[string]string{"GONGYOU_DB": os.Getenv("GONGYOU_DB"), "GONGYOU_LOG_LEVEL": "error"}
		code := run(t.Context(), []string{"import", file}, func(k string) string { return env[k] }, nil, os.Stdout, os.Stderr)
		status, _ := os.ReadFile("/proc/self/status")
		for _, l := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				fmt.Printf("CHILD %s exit=%d\n", strings.Join(strings.Fields(l), " "), code)
			}
		}
		return
	}
	if os.Getenv("GONGYOU_MEASURE") == "" {
		t.Skip("set GONGYOU_MEASURE=1: writes ~140 MB of files and runs four imports (about 2 minutes)")
	}
	dir := t.TempDir()
	write := func(name string, fill func(w *bufio.Writer)) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fill(w)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	job := "- id: job-%d\n  title: 普工%d\n  employer: 某公司%d\n  city: 深圳\n  trade: factory\n  pay_min: 4000\n  pay_max: 5000\n  pay_unit: month\n" +
		"  apply: 到公共就业服务中心%d\n  details: %s\n  source: test\n  posted: \"2026-11-01\"\n  expires: \"2027-10-31\"\n"
	details := func(i int) string { // 395 bytes, different for every posting
		return fmt.Sprintf("%05d", i) + strings.Repeat("长期招聘普工包吃包住", 13)
	}
	files := []struct {
		name string
		fill func(w *bufio.Writer)
		want string
	}{
		{"big.yaml", func(w *bufio.Writer) {
			for i, n := 0, 0; n < 50<<20; i++ {
				k, _ := fmt.Fprintf(w, job, i, i, i, i, "x")
				n += k
			}
		}, "at most"},
		{"bad.csv", func(w *bufio.Writer) {
			w.WriteString("id,title,employer,city,trade,pay_min,pay_max,pay_unit,apply,source,posted,expires\n")
			for n := 0; n < 28<<20; {
				k, _ := fmt.Fprintf(w, "job-%d,普工,某公司,火星市,factory,abc,-5,year,,,2026-13-45,soon\n", n)
				n += k
			}
		}, "problem(s)"},
		{"full.yaml", func(w *bufio.Writer) {
			for i := range 50_000 {
				fmt.Fprintf(w, job, i, i, i, i, details(i))
			}
		}, "imported 50000"},
		{"full.csv", func(w *bufio.Writer) {
			w.WriteString("id,title,employer,city,trade,pay_min,pay_max,pay_unit,apply,details,source,posted,expires\n")
			for i := range 50_000 {
				fmt.Fprintf(w, "job-%d,普工%d,某公司%d,深圳,factory,4000,5000,month,到公共就业服务中心%d,%s,test,2026-11-01,2027-10-31\n", i, i, i, i, details(i))
			}
		}, "imported 50000"},
	}
	for _, f := range files {
		p := write(f.name, f.fill)
		fi, _ := os.Stat(p)
		start := time.Now()
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportMemory$")
		cmd.Env = append(os.Environ(), "GONGYOU_IMPORT_CHILD="+p, "GONGYOU_DB=sqlite:"+filepath.Join(dir, f.name+".db"))
		out, _ := cmd.CombinedOutput()
		var kb int
		for _, l := range strings.Split(string(out), "\n") {
			if rest, ok := strings.CutPrefix(l, "CHILD VmHWM: "); ok {
				kb, _ = strconv.Atoi(strings.Fields(rest)[0])
			}
		}
		t.Logf("%s (%.1f MB): peak RSS %.0f MB in %v", f.name, float64(fi.Size())/1e6, float64(kb)/1024, time.Since(start).Round(time.Second))
		if !strings.Contains(string(out), f.want) {
			t.Errorf("%s: output lacks %q:\n%.2000s", f.name, f.want, out)
		}
		if kb == 0 || kb > 200*1024 {
			t.Errorf("%s: peak RSS %d kB (want under 200 MB)", f.name, kb)
		}
	}
}
