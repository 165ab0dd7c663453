package shot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Row is one labelled text of the project's sets.
type Row struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Label int    `json:"label"`
	Style string `json:"style"`
	Text  string `json:"text"`
}

// LoadRows reads a JSON Lines set (knowledge/scam/testdata/sets/*.jsonl).
func LoadRows(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []Row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// Sample takes n rows spread evenly over rows (all when n ≤ 0 or n ≥ len).
func Sample(rows []Row, n int) []Row {
	if n <= 0 || n >= len(rows) {
		return rows
	}
	out := make([]Row, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, rows[i*len(rows)/n])
	}
	return out
}

// StyleFor is the i-th screenshot style of an evaluation: phone widths 720,
// 1080 and 1440; chat bubbles two times in three, else an ad page; JPEG at
// quality 60–90 for most, PNG for some; noise on every fifth; dark mode
// on every seventh.
func StyleFor(i int) Style {
	widths := []int{1080, 720, 1440, 1080}
	st := Style{Width: widths[i%len(widths)], Chat: i%3 != 2, Seed: uint64(i)}
	if i%4 != 3 {
		st.JPEGQual = 60 + (i*7)%31
	}
	if i%5 == 4 {
		st.Noise = 18
	}
	if i%7 == 6 {
		st.Dark = true
	}
	return st
}

// ReadFunc reads the text in an encoded image.
type ReadFunc func(ctx context.Context, img []byte) (string, error)

// Report is the outcome of an evaluation.
type Report struct {
	N         int
	CER       float64 // character error rate over all rows (edits / reference characters)
	Agree     int     // rows whose verdict on the image equals the verdict on the text
	Errors    int     // rows whose image could not be read
	P50, P95  time.Duration
	Worst     []Miss // rows with a different verdict or a CER over 0.2
	Edits     int
	RefChars  int
	Durations []time.Duration
}

// Miss is one row that went wrong.
type Miss struct {
	ID, Want, Got string
	CER           float64
	Text, Read    string
}

// Eval renders every row (StyleFor), reads it with read (workers at once),
// and compares the text read with the row's text (CER) and the verdict on
// it (verdict) with the verdict on the row's text.
func (f *Font) Eval(ctx context.Context, rows []Row, workers int, read ReadFunc, verdict func(string) string) Report {
	type res struct {
		edits, ref int
		same       bool
		err        error
		d          time.Duration
		miss       *Miss
	}
	out := make([]res, len(rows))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				row := rows[i]
				img := f.Render(row.Text, StyleFor(i))
				t0 := time.Now()
				got, err := read(ctx, img)
				d := time.Since(t0)
				if err != nil {
					out[i] = res{err: err, d: d, ref: len(Canon(row.Text))}
					out[i].edits = out[i].ref
					continue
				}
				ref, hyp := Canon(row.Text), Canon(got)
				e := Levenshtein(ref, hyp)
				want, have := verdict(row.Text), verdict(got)
				r := res{edits: e, ref: len(ref), same: want == have, d: d}
				cer := float64(e) / float64(max(len(ref), 1))
				if !r.same || cer > 0.2 {
					r.miss = &Miss{ID: row.ID, Want: want, Got: have, CER: cer, Text: row.Text, Read: got}
				}
				out[i] = r
			}
		}()
	}
	for i := range rows {
		next <- i
	}
	close(next)
	wg.Wait()
	var rep Report
	rep.N = len(rows)
	for _, r := range out {
		rep.Edits += r.edits
		rep.RefChars += r.ref
		if r.err != nil {
			rep.Errors++
		}
		if r.same {
			rep.Agree++
		}
		if r.miss != nil {
			rep.Worst = append(rep.Worst, *r.miss)
		}
		rep.Durations = append(rep.Durations, r.d)
	}
	rep.CER = float64(rep.Edits) / float64(max(rep.RefChars, 1))
	ds := append([]time.Duration(nil), rep.Durations...)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	if len(ds) > 0 {
		rep.P50, rep.P95 = ds[len(ds)/2], ds[min(len(ds)*95/100, len(ds)-1)]
	}
	return rep
}

// Canon is a text as CER counts it: NFKC (full-width punctuation and
// letters folded), lower case, without white space.
func Canon(s string) []rune {
	s = norm.NFKC.String(s)
	var out []rune
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		out = append(out, unicode.ToLower(r))
	}
	return out
}

// Levenshtein is the edit distance between two rune strings.
func Levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// String prints the report's figures.
func (r Report) String() string {
	return fmt.Sprintf("screenshots %d: CER %.3f (%d edits / %d characters); verdict on image = verdict on text %d/%d (%.1f %%); unread %d; read time p50 %v p95 %v",
		r.N, r.CER, r.Edits, r.RefChars, r.Agree, r.N, 100*float64(r.Agree)/float64(max(r.N, 1)), r.Errors,
		r.P50.Round(time.Millisecond), r.P95.Round(time.Millisecond))
}
