package dialog_test

// Transcript tests replay readable conversations against the engine on a
// real SQLite store. File format (dialog/testdata/*.txt):
//
//	# comment
//	@lang en          client language hint for the following events
//	@user 2002        switch to another user (9001 is an admin, as if in GONGYOU_STAFF)
//	@restart          close the store and engine and reopen them on the same file
//	@advance 24h      move the clock on (a flow abandoned and resumed the next day)
//	> text            the user sends text
//	> [Label]         the user presses the button with that label in the last replies
//	                  (or, failing that, on an older message of this conversation)
//	> {data}          the user's client sends hand-crafted callback data
//	< line            expected reply text, one line each ("<" alone is an empty line)
//	  [A] [B]         expected buttons, one row per line
//	---               separates two replies of one turn
//
// Run `go test ./dialog -run Transcripts -update` to rewrite the files from
// the engine's output; review the diff like any other change.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

var update = flag.Bool("update", false, "rewrite transcript files from the engine's output")

func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) { replay(t, f) })
	}
}

type transcriptRunner struct {
	t      *testing.T
	path   string
	st     *store.Store
	eng    *dialog.Engine
	user   int64
	lang   string
	last   []dialog.Reply
	seen   map[string]string // every button shown so far, by label: a press on an old message
	clock  time.Time
	events int
}

func (r *transcriptRunner) open() {
	r.t.Helper()
	now := func() time.Time { return r.clock }
	ref := func() (string, error) { return "T" + r.clock.Format("0102-1504"), nil } // one sign-up a minute at most
	st, err := store.Open(context.Background(), "sqlite:"+r.path, store.WithClock(now), store.WithRefs(ref))
	if err != nil {
		r.t.Fatal(err)
	}
	r.st = st
	base, err := scam.NewBase(context.Background(), st, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	faqs, err := faq.NewFAQBase(context.Background(), st, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if _, err := listings.SeedTrainings(context.Background(), st, now()); err != nil {
		r.t.Fatal(err)
	}
	if _, _, err := listings.SeedJobStore(context.Background(), st, now()); err != nil {
		r.t.Fatal(err)
	}
	opts := []dialog.Option{
		dialog.WithClock(now),
		dialog.WithKnowledge(base),
		dialog.WithStaff(transcriptAdmin),
		dialog.WithFAQ(faqs, st),
		dialog.WithBroadcastRate(25),
	}
	r.eng = dialog.New(st, opts...)
}

// transcriptAdmin is the user id that is an admin (GONGYOU_STAFF) in every
// transcript: "@user 9001" speaks as staff.
const transcriptAdmin = 9001

func replay(t *testing.T, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := &transcriptRunner{t: t, path: filepath.Join(t.TempDir(), "g.db"), user: 1001, lang: "zh-hans",
		clock: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	r.open()
	defer func() { r.st.Close() }()

	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	var out []string // the file as the engine would write it
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "> "):
			input := strings.TrimPrefix(line, "> ")
			out = append(out, line)
			i++
			start := i
			for i < len(lines) && !isTurnBoundary(lines[i]) {
				i++
			}
			want := strings.TrimRight(strings.Join(lines[start:i], "\n"), "\n")
			got := r.send(input, i)
			rendered := render(got)
			out = append(out, rendered)
			if trailing := trailingBlank(lines[start:i]); trailing > 0 {
				out = append(out, make([]string, trailing)...)
			}
			if rendered != want && !*update {
				t.Errorf("%s:%d: after %q\n--- want\n%s\n--- got\n%s", file, start, input, want, rendered)
			}
		case line == "@restart":
			r.st.Close()
			r.open()
			out = append(out, line)
			i++
		case strings.HasPrefix(line, "@advance "): // the clock jumps, e.g. "@advance 24h"
			d, err := time.ParseDuration(strings.TrimPrefix(line, "@advance "))
			if err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			r.clock = r.clock.Add(d)
			out = append(out, line)
			i++
		case strings.HasPrefix(line, "@lang "):
			r.lang = strings.TrimPrefix(line, "@lang ")
			out = append(out, line)
			i++
		case strings.HasPrefix(line, "@user "):
			id, err := strconv.ParseInt(strings.TrimPrefix(line, "@user "), 10, 64)
			if err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			r.user, r.last, r.seen = id, nil, nil
			out = append(out, line)
			i++
		case strings.HasPrefix(line, "#"), strings.TrimSpace(line) == "":
			out = append(out, line)
			i++
		default:
			t.Fatalf("%s:%d: unexpected line %q", file, i+1, line)
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func isTurnBoundary(l string) bool {
	return strings.HasPrefix(l, "> ") || strings.HasPrefix(l, "@") || strings.HasPrefix(l, "#")
}

func trailingBlank(ls []string) int {
	n := 0
	for i := len(ls) - 1; i >= 0 && strings.TrimSpace(ls[i]) == ""; i-- {
		n++
	}
	return n
}

// send turns one input line into an event, runs it and checks the replies
// keep the channel contract (non-empty text, callback data ≤ 64 bytes).
func (r *transcriptRunner) send(input string, line int) []dialog.Reply {
	r.t.Helper()
	r.clock = r.clock.Add(time.Minute)
	ev := dialog.Event{UserID: r.user, ChatID: r.user, Lang: r.lang}
	switch {
	case strings.HasPrefix(input, "[") && strings.HasSuffix(input, "]"):
		label := input[1 : len(input)-1]
		data, ok := findButton(r.last, label)
		if !ok {
			data, ok = r.seen[label]
		}
		if !ok {
			r.t.Fatalf("line %d: no button %q in the last replies:\n%s", line, label, render(r.last))
		}
		ev.Callback = data
	case strings.HasPrefix(input, "{{"):
		ev.Text = unescape(input)
	case strings.HasPrefix(input, "{") && strings.HasSuffix(input, "}"):
		ev.Callback = input[1 : len(input)-1]
	default:
		ev.Text = unescape(input)
	}
	got, err := r.eng.Handle(context.Background(), ev)
	if err != nil {
		r.t.Fatalf("line %d: Handle(%q): %v", line, input, err)
	}
	for _, rep := range got {
		if strings.TrimSpace(rep.Text) == "" {
			r.t.Errorf("line %d: empty reply text", line)
		}
		for _, row := range rep.Buttons {
			for _, b := range row {
				if len(b.Data) == 0 || len(b.Data) > dialog.MaxCallbackData {
					r.t.Errorf("line %d: button %q has %d bytes of data", line, b.Label, len(b.Data))
				}
			}
		}
	}
	r.last = got
	if r.seen == nil {
		r.seen = map[string]string{}
	}
	for _, rep := range got {
		for _, row := range rep.Buttons {
			for _, b := range row {
				r.seen[b.Label] = b.Data
			}
		}
	}
	return got
}

// unescape lets a transcript spell inputs a text file cannot hold:
// \n, \x00 and {{repeat N TEXT}}.
func unescape(s string) string {
	if strings.HasPrefix(s, "{{repeat ") && strings.HasSuffix(s, "}}") {
		n, text, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "{{repeat "), "}}"), " ")
		k, _ := strconv.Atoi(n)
		return strings.Repeat(unescape(text), k)
	}
	if strings.Contains(s, `\`) {
		if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`); err == nil {
			return u
		}
	}
	return s
}

func findButton(replies []dialog.Reply, label string) (string, bool) {
	for _, rep := range replies {
		for _, row := range rep.Buttons {
			for _, b := range row {
				if b.Label == label {
					return b.Data, true
				}
			}
		}
	}
	return "", false
}

func render(replies []dialog.Reply) string {
	var b strings.Builder
	for i, rep := range replies {
		if i > 0 {
			b.WriteString("---\n")
		}
		for _, l := range strings.Split(rep.Text, "\n") {
			if l == "" {
				b.WriteString("<\n")
			} else {
				fmt.Fprintf(&b, "< %s\n", l)
			}
		}
		for _, row := range rep.Buttons {
			b.WriteString(" ")
			for _, btn := range row {
				fmt.Fprintf(&b, " [%s]", btn.Label)
			}
			b.WriteString("\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
