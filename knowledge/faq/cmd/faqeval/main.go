// Command faqeval measures the FAQ answerer on a labelled set of worker
// questions (JSON Lines: {"id","lang","question","faq"}).
//
//	go run ./knowledge/faq/cmd/faqeval [-file knowledge/faq/testdata/faq_eval.jsonl] [-v]
//
// It prints top-1 and top-3 accuracy overall, per language and per topic
// (the topic of the expected entry), how often the answerer said "I don't
// know", and with -v every question whose expected entry was not first.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/gongyou/gongyou/knowledge/faq"
)

type row struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Question string `json:"question"`
	FAQ      string `json:"faq"`
}

type tally struct{ n, top1, top3, notFound int }

func (t *tally) add(r1, r3, found bool) {
	t.n++
	if r1 {
		t.top1++
	}
	if r3 {
		t.top3++
	}
	if !found {
		t.notFound++
	}
}

func (t tally) String() string {
	if t.n == 0 {
		return "n=0"
	}
	return fmt.Sprintf("n=%3d  top1=%.3f  top3=%.3f  unanswered=%d", t.n,
		float64(t.top1)/float64(t.n), float64(t.top3)/float64(t.n), t.notFound)
}

func main() {
	file := flag.String("file", "knowledge/faq/testdata/faq_eval.jsonl", "labelled questions (JSON Lines)")
	verbose := flag.Bool("v", false, "list the questions whose expected entry was not ranked first")
	flag.Parse()

	faqs, err := faq.SeedFAQs()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faqeval: seed faqs:", err)
		os.Exit(1)
	}
	topic := map[string]string{}
	for _, f := range faqs {
		topic[f.ID] = f.Topic
	}
	a := faq.NewAnswerer(faqs)

	f, err := os.Open(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faqeval:", err)
		os.Exit(1)
	}
	defer f.Close()
	var all tally
	byLang := map[string]*tally{}
	byTopic := map[string]*tally{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Fprintf(os.Stderr, "faqeval: line %d: %v\n", line, err)
			os.Exit(1)
		}
		if _, ok := topic[r.FAQ]; !ok {
			fmt.Fprintf(os.Stderr, "faqeval: line %d: unknown faq %q\n", line, r.FAQ)
		}
		ans := a.Answer(r.Question, r.Lang)
		r1, r3 := false, false
		for i, m := range ans.FAQs {
			if m.ID == r.FAQ {
				r1 = i == 0 && ans.Found
				r3 = true
			}
		}
		all.add(r1, r3, ans.Found)
		for _, p := range []struct {
			m map[string]*tally
			k string
		}{{byLang, r.Lang}, {byTopic, topic[r.FAQ]}} {
			if p.m[p.k] == nil {
				p.m[p.k] = &tally{}
			}
			p.m[p.k].add(r1, r3, ans.Found)
		}
		if *verbose && !r1 {
			fmt.Printf("MISS %s [%s] %q want %s got", r.ID, r.Lang, r.Question, r.FAQ)
			for _, m := range ans.FAQs {
				fmt.Printf(" %s(%.2f)", m.ID, m.Score)
			}
			if !ans.Found {
				fmt.Print(" [not found]")
			}
			fmt.Println()
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "faqeval:", err)
		os.Exit(1)
	}
	fmt.Printf("overall            %v\n", all)
	print := func(title string, m map[string]*tally) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Println(title)
		for _, k := range keys {
			fmt.Printf("  %-18s %v\n", k, *m[k])
		}
	}
	print("by language:", byLang)
	print("by topic:", byTopic)
}
