// Package retrievaltest holds the golden-file check of retrieval scores
// that the case index (scam) and the FAQ search (faq) tests share.
package retrievaltest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update-retrieval-golden", false, "rewrite the retrieval golden files")

// JSONLStrings returns the string field of every line of the JSON Lines
// file path that has it.
func JSONLStrings(t testing.TB, path, field string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			if s, ok := rec[field].(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// Golden compares got, lines of words and numbers ("q1 id 0.93 …"), with
// the golden file path: the same words in the same places, numbers within
// tol. With -update-retrieval-golden it writes got to path instead.
func Golden(t testing.TB, path, got string, tol float64) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%d lines, want %d", len(gl), len(wl))
	}
	bad := 0
	for i := range wl {
		if !sameLine(wl[i], gl[i], tol) {
			if bad++; bad <= 10 {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d lines differ from %s", bad, len(wl), path)
	}
}

func sameLine(want, got string, tol float64) bool {
	wf, gf := strings.Fields(want), strings.Fields(got)
	if len(wf) != len(gf) {
		return false
	}
	for j := range wf {
		wv, err1 := strconv.ParseFloat(wf[j], 64)
		gv, err2 := strconv.ParseFloat(gf[j], 64)
		if err1 != nil || err2 != nil {
			if wf[j] != gf[j] {
				return false
			}
		} else if math.Abs(wv-gv) > tol {
			return false
		}
	}
	return true
}
