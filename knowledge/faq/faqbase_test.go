package faq_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/llm"
	"github.com/gongyou/gongyou/store/storetest"
)

var newFAQ = faq.FAQ{
	ID: "test-goose-wages", Topic: "wages",
	QuestionZH: "养鹅场老板不发鹅饲料补贴怎么办？", QuestionEN: "The goose farm does not pay the feed allowance. What can I do?",
	AnswerZH: "示例答案：先留好证据。\n再打12333问。", AnswerEN: "Sample answer: keep evidence.\nThen call 12333.",
	KeywordsZH: []string{"鹅场", "饲料补贴"}, Source: "test sample", Date: "2026-11-23",
}

// An entry staff add is answered from by the next question, in this
// process and in another one (another FAQBase) sharing the database; a
// retired entry is not.
func TestFAQBaseChangeIsUsedByNextQuestion(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			st1, st2 := storetest.Replicas(t, b)
			writer, err := faq.NewFAQBase(ctx, st1, nil)
			if err != nil {
				t.Fatal(err)
			}
			reader, err := faq.NewFAQBase(ctx, st2, nil)
			if err != nil {
				t.Fatal(err)
			}
			seed, _ := faq.SeedFAQs()
			if es, err := reader.Entries(ctx); err != nil || len(es) != len(seed) {
				t.Fatalf("Entries = %d, %v; want the %d seeded", len(es), err, len(seed))
			}
			q := "养鹅场不发饲料补贴咋办"
			first := func(base *faq.FAQBase) string {
				ans, err := base.Ask(ctx, "u", q, "zh")
				if err != nil {
					t.Fatal(err)
				}
				if !ans.Found || len(ans.FAQs) == 0 {
					return ""
				}
				return ans.FAQs[0].ID
			}
			if first(reader) == newFAQ.ID {
				t.Fatal("the new entry answered before it existed")
			}
			if n, err := writer.Import(ctx, []faq.FAQ{newFAQ}, "staff:1"); err != nil || n != 1 {
				t.Fatalf("Import = %d, %v", n, err)
			}
			if first(writer) != newFAQ.ID || first(reader) != newFAQ.ID {
				t.Fatal("the next question did not use the new entry")
			}
			if _, ok, _ := reader.Entry(ctx, newFAQ.ID); !ok {
				t.Fatal("Entry: new entry missing")
			}
			retired := newFAQ
			retired.Retired = true
			if _, err := writer.Import(ctx, []faq.FAQ{retired}, "staff:1"); err != nil {
				t.Fatal(err)
			}
			if first(reader) == newFAQ.ID {
				t.Fatal("a retired entry is still answered from")
			}
			if _, ok, _ := reader.Entry(ctx, newFAQ.ID); ok {
				t.Fatal("Entry: a retired entry is still offered")
			}
			all, err := reader.Export(ctx)
			if err != nil || len(all) != len(seed)+1 {
				t.Fatalf("Export = %d, %v; want seed + 1 (retired kept)", len(all), err)
			}
		})
	}
}

type fakeWriter struct {
	g       llm.Grounded
	second  bool // cite the second source given
	err     error
	calls   atomic.Int32
	sources []llm.Source
	lang    string
}

func (f *fakeWriter) Answer(_ context.Context, _, _, lang string, sources []llm.Source) (llm.Grounded, error) {
	f.calls.Add(1)
	f.sources, f.lang = sources, lang
	g := f.g
	if f.second && len(sources) > 1 {
		g.Cited = []string{sources[1].ID}
	}
	return g, f.err
}

func TestFAQBaseLLMHook(t *testing.T) {
	ctx := context.Background()
	const q = "老板拖欠工资两个月了，去哪里投诉？"
	offline := func(t *testing.T) faq.Answer {
		faqs, _ := faq.SeedFAQs()
		return faq.NewAnswerer(faqs).Answer(q, "zh")
	}
	tests := []struct {
		name   string
		w      *fakeWriter
		q      string
		check  func(t *testing.T, ans faq.Answer, w *fakeWriter)
		noCall bool
	}{
		{name: "grounded answer is used, cited entry first", w: &fakeWriter{second: true, g: llm.Grounded{Text: "去劳动保障监察投诉。\n也可以打12333。", Known: true}},
			check: func(t *testing.T, ans faq.Answer, w *fakeWriter) {
				if !ans.LLM || !ans.Found || ans.Text != "去劳动保障监察投诉。\n也可以打12333。" || ans.FAQs[0].ID != w.sources[1].ID || ans.Cited[0] != w.sources[1].ID {
					t.Fatalf("answer = %+v", ans)
				}
				if len(w.sources) == 0 || len(w.sources) > 4 || w.lang != "zh" {
					t.Fatalf("sources = %d, lang %q", len(w.sources), w.lang)
				}
			}},
		{name: "cites an entry it was not given: offline answer", w: &fakeWriter{g: llm.Grounded{Text: "交加急费就行。", Cited: []string{"made-up"}, Known: true}},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM || ans.Text != offline(t).Text {
					t.Fatalf("answer = %+v; want the offline one", ans)
				}
			}},
		{name: "not known: the offline answer is the floor", w: &fakeWriter{g: llm.Grounded{Known: false}},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM || ans.Text != offline(t).Text {
					t.Fatalf("answer = %+v; want the offline one", ans)
				}
			}},
		{name: "offline not sure: the LLM is not asked", q: "推荐一部好看的电影", noCall: true, w: &fakeWriter{g: llm.Grounded{Text: "打12333。", Cited: []string{"hotline-12333"}, Known: true}},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM || ans.Found || !strings.Contains(ans.Text, "12348") {
					t.Fatalf("answer = %+v; want the offline not-sure", ans)
				}
			}},
		{name: "failure: offline answer", w: &fakeWriter{err: errors.New("llm: server returned HTTP 500")},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM || ans.Text != offline(t).Text {
					t.Fatalf("answer = %+v; want the offline one", ans)
				}
			}},
		{name: "personal account question never goes to the LLM", q: "我的社保交了几年了", noCall: true,
			w: &fakeWriter{g: llm.Grounded{Text: "您交了十年。", Cited: []string{"check-account"}, Known: true}},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM || ans.Handoff != "12333" || !strings.Contains(ans.Text, "电子社保卡") {
					t.Fatalf("answer = %+v", ans)
				}
			}},
		{name: "nothing retrieved: no call", q: "xyzzy plugh qwerty", noCall: true, w: &fakeWriter{g: llm.Grounded{Text: "晴", Cited: []string{"x"}, Known: true}},
			check: func(t *testing.T, ans faq.Answer, _ *fakeWriter) {
				if ans.LLM {
					t.Fatalf("answer = %+v", ans)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb, err := faq.NewFAQBase(ctx, storetest.SQLite(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			fb.SetWriter(tt.w)
			question := tt.q
			if question == "" {
				question = q
			}
			ans, err := fb.Ask(ctx, "tg:1", question, "zh")
			if err != nil {
				t.Fatal(err)
			}
			if called := tt.w.calls.Load() > 0; called == tt.noCall {
				t.Fatalf("LLM called = %v", called)
			}
			tt.check(t, ans, tt.w)
		})
	}
}
