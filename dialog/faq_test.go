package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/llm"
)

// groundedWriter is an LLM that answers from the first entry it is given.
type groundedWriter struct{ known bool }

func (w groundedWriter) Answer(_ context.Context, _, _, _ string, src []llm.Source) (llm.Grounded, error) {
	if !w.known {
		return llm.Grounded{}, nil
	}
	cited := []string{src[0].ID}
	if len(src) > 1 {
		cited = append(cited, src[1].ID)
	}
	return llm.Grounded{Text: "AI 整理的回答。\n第二行。", Cited: cited, Known: true}, nil
}

func faqEngine(t testing.TB, w faq.FAQWriter, opts ...dialog.EnvOption) *dialog.Engine {
	return dialog.NewEnv(t, append(opts, dialog.EnvKnowledge(), dialog.EnvFAQ(w))...).Engine
}

func say(t *testing.T, eng *dialog.Engine, text string) dialog.Reply {
	t.Helper()
	r, err := eng.Handle(context.Background(), dialog.Event{UserID: 7, Lang: "zh", Text: text})
	if err != nil || len(r) == 0 {
		t.Fatalf("Handle(%q) = %v, %v", text, r, err)
	}
	return r[len(r)-1]
}

func TestFAQLLMAnswerIsMarkedAndSourced(t *testing.T) {
	dialog.ForEachBackend(t, testFAQLLMAnswerIsMarkedAndSourced)
}

func testFAQLLMAnswerIsMarkedAndSourced(t *testing.T, backend dialog.EnvOption) {
	eng := faqEngine(t, groundedWriter{known: true}, backend)
	r := say(t, eng, "老板拖欠工资两个月了，去哪里投诉？")
	for _, want := range []string{"AI 整理的回答。", "📄 来源：", "🤖", "这个回答有帮助吗？"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("reply lacks %q:\n%s", want, r.Text)
		}
	}
	if n := strings.Count(r.Text, "📄 来源："); n != 2 {
		t.Errorf("%d source lines for an answer citing two entries:\n%s", n, r.Text)
	}
	if len(r.Buttons) == 0 || !strings.HasPrefix(r.Buttons[0][0].Data, "faq:y:") {
		t.Errorf("no feedback buttons: %+v", r.Buttons)
	}

	// the LLM finds nothing to say: the offline answer is the floor
	eng = faqEngine(t, groundedWriter{known: false})
	r = say(t, eng, "老板拖欠工资两个月了，去哪里投诉？")
	if !strings.Contains(r.Text, "📄 来源：") || strings.Contains(r.Text, "🤖") || !strings.Contains(r.Text, "有帮助吗") {
		t.Errorf("not-known reply:\n%s", r.Text)
	}
	// the offline answer is not sure: the LLM is not asked, the reply says so
	r = say(t, eng, "推荐一部好看的电影吧")
	if !strings.Contains(r.Text, "不太确定") || strings.Contains(r.Text, "🤖") || strings.Contains(r.Text, "有帮助吗") {
		t.Errorf("not-sure reply:\n%s", r.Text)
	}
}

func TestFAQFreeTextOnlyTakesQuestions(t *testing.T) {
	dialog.ForEachBackend(t, testFAQFreeTextOnlyTakesQuestions)
}

func testFAQFreeTextOnlyTakesQuestions(t *testing.T, backend dialog.EnvOption) {
	eng := faqEngine(t, nil, backend)
	tests := []struct {
		text   string
		answer bool
	}{
		{"老板不给交社保怎么办？", true},
		{"工伤认定要多久", true},
		{"我在东莞打工", false}, // no question word: not taken outside the FAQ flow
		{"工伤怎么认定", true},
		{"How long can probation be?", true},
		{"hello there", false},
		{"谢谢", false},
	}
	for _, tt := range tests {
		say(t, eng, "/menu")
		r := say(t, eng, tt.text)
		got := strings.Contains(r.Text, "来源") || strings.Contains(r.Text, "Source")
		if got != tt.answer {
			t.Errorf("%q answered from the FAQ = %v; want %v:\n%s", tt.text, got, tt.answer, r.Text)
		}
	}
}

// FuzzFAQ feeds arbitrary questions and FAQ button data: every event gets a
// non-empty valid reply whose buttons fit Telegram.
//
//	go test ./dialog -run XXX -fuzz FuzzFAQ -fuzztime 60s
func FuzzFAQ(f *testing.F) {
	for _, s := range []string{"faq:q:arrears-complain", "faq:y:arrears-complain", "faq:n:x", "faq:t:wages", "faq:t:",
		"faq:home", "faq:ask", "faq:", "老板不给交社保怎么办？", "我的社保交了几年了", "what?", "？？？", "吗"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	eng := faqEngine(f, nil)
	f.Fuzz(func(t *testing.T, input string, button bool) {
		for _, ev := range []dialog.Event{{UserID: 9, Lang: "zh", Text: "/faq"}, {UserID: 9, Lang: "en"}} {
			if ev.Text == "" {
				if button {
					ev.Callback = input
				} else {
					ev.Text = input
				}
			}
			replies := handleChecked(t, eng, ev)
			for _, r := range replies {
				for _, row := range r.Buttons {
					for _, b := range row {
						if labelColumns(b.Label) > 48 {
							t.Fatalf("button label %q is too long for a phone", b.Label)
						}
					}
				}
			}
		}
	})
}

// labelColumns is how wide label shows: a Chinese character takes two columns.
func labelColumns(label string) int {
	n := 0
	for _, r := range label {
		n++
		if r >= 0x2E80 {
			n++
		}
	}
	return n
}
