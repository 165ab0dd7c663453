package dialog

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/scam"
)

// TestVerdictReplyIsShort renders the verdict of every labelled text of the
// checker (and a few made-up ones) in both languages and holds the short
// reply to its promise: at most maxVerdictLines lines of text before
// "为什么", Chinese lines short, case buttons with a short title (≤ 12
// characters, never "📖 1"); and "为什么" cites each law once.
func TestVerdictReplyIsShort(t *testing.T) {
	seed, err := scam.SeedCases()
	if err != nil {
		t.Fatal(err)
	}
	ch := scam.NewChecker(seed)
	texts := []string{
		"电子厂急招普工，包吃住，月薪8000。入职前先交300元押金和200元工衣费，转到我个人微信，身份证原件由公司统一保管。名额有限今天截止！",
		"招聘普工，签劳动合同，缴五险一金，月薪5000",
		"做任务返佣金，前三单必返，先垫付100元，出租银行卡和手机卡每月900元，加纸飞机 @boss",
	}
	for _, path := range []string{"../knowledge/scam/testdata/checker_set.jsonl", "../knowledge/scam/testdata/eval.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var r struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
				texts = append(texts, r.Text)
			}
		}
		f.Close()
	}
	if len(texts) < 300 {
		t.Fatalf("only %d texts", len(texts))
	}
	checked, withLaws := 0, 0
	for _, text := range texts {
		v := ch.Check(text)
		if v.Empty {
			continue
		}
		checked++
		for _, lang := range []string{LangZH, LangEN} {
			tr := &turn{lang: lang}
			r := tr.verdictReply(v)
			n := 0
			for _, line := range strings.Split(r.Text, "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				n++
				if lang == LangZH && utf8.RuneCountInString(line) > 60 {
					t.Errorf("long line (%d runes) in the verdict on %q:\n%s", utf8.RuneCountInString(line), text, line)
				}
			}
			if n > maxVerdictLines {
				t.Errorf("%s verdict on %q has %d lines:\n%s", lang, text, n, r.Text)
			}
			tr.state.Check = &lastCheck{Text: text, Verdict: v}
			why, err := tr.why()
			if err != nil {
				t.Fatal(err)
			}
			for _, rr := range append([]Reply{r}, why...) {
				for _, row := range rr.Buttons {
					for _, b := range row {
						if strings.HasPrefix(b.Data, cbCase) && (utf8.RuneCountInString(b.Label) > 12 || b.Label == "📖 1") {
							t.Errorf("case button %q", b.Label)
						}
					}
				}
			}
			laws := tr.laws(redFlags(v))
			if len(laws) > 0 {
				withLaws++
			}
			whyText := why[0].Text
			// every citation once: no two lines of 为什么 name the same law and article
			seen := map[string]bool{}
			for _, line := range strings.Split(whyText, "\n") {
				if strings.HasPrefix(line, "  ") {
					t.Errorf("%s: a law under a reason in 为什么: %q", lang, line)
				}
				for _, l := range laws {
					if line == "• "+l {
						key, _, _ := strings.Cut(l, "：")
						key, _, _ = strings.Cut(key, ": ")
						if seen[key] {
							t.Errorf("%s: %q cited twice in 为什么:\n%s", lang, key, whyText)
						}
						seen[key] = true
					}
				}
			}
			if len(seen) != len(laws) {
				t.Errorf("%s: %d of %d laws shown in 为什么", lang, len(seen), len(laws))
			}
		}
	}
	if checked < 300 || withLaws < 100 {
		t.Errorf("checked %d texts, %d citing a law: the test set is too thin", checked, withLaws)
	}
}
