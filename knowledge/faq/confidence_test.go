package faq

import (
	"strings"
	"testing"
)

// harmfulMisses: questions where a confident answer from a different
// entry would mislead a worker badly (issue 12). Each must be answered by
// one of the listed entries, or the answerer must say it is not sure;
// never a confident answer from another entry.
var harmfulMisses = []struct {
	q  string
	ok []string
}{
	{"怀孕了公司要开除我", []string{"pregnancy-dismissal"}},
	{"怀孕被辞退合法吗", []string{"pregnancy-dismissal"}},
	{"my company wants to fire me because im pregnant", []string{"pregnancy-dismissal"}},
	{"辞职要提前几天说", []string{"resign-notice"}},
	{"辞工要提前多久讲", []string{"resign-notice"}},
	{"how much notice do i need to give to quit", []string{"resign-notice"}},
	{"一天干12个小时合法吗", []string{"hours-daily-limit"}},
	{"每天上十二个钟 正常吗", []string{"hours-daily-limit"}},
	{"is it legal to work 12 hours a day", []string{"hours-daily-limit"}},
	{"工地上摔断了腿老板不管", []string{"injury-employer-ignores", "work-injury-apply", "injury-first-steps"}},
	{"我老公在工地摔断了腿 包工头不管", []string{"injury-employer-ignores", "work-injury-apply", "injury-first-steps"}},
	{"有人要租我的银行卡", []string{"bankcard-rent-crime"}},
	{"有人出五百块借我银行卡用", []string{"bankcard-rent-crime"}},
	{"someone wants to rent my bank card", []string{"bankcard-rent-crime"}},
	{"老板拖欠工资三个月了怎么办", []string{"arrears-complain", "arrears-evidence", "arrears-online-platform", "arrears-extra-comp", "arrears-arbitration"}},
	{"my boss has not paid my wages for two months", []string{"arrears-complain", "arrears-evidence", "arrears-online-platform", "arrears-extra-comp"}},
	{"天天加班不给加班费", []string{"overtime-unpaid"}},
	{"加班没有加班费怎么办", []string{"overtime-unpaid"}},
	{"i work overtime every day but get no overtime pay", []string{"overtime-unpaid"}},
	{"怀孕了还要上夜班吗", []string{"pregnancy-work-hours"}},
	{"自己辞职能领失业金吗", []string{"unemp-quit-yourself"}},
	{"试用期不交社保合法吗", []string{"insurance-from-day-one"}},
	{"老板说明天不用来了", []string{"dismissal-sudden", "unlawful-dismissal"}},
	{"what's the best phone to buy?", nil},
	{"今天天气怎么样？", nil},
	{"你是谁？你叫什么名字？你会做什么？", nil},
}

func TestFAQHarmfulMisses(t *testing.T) {
	faqs, err := SeedFAQs()
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnswerer(faqs)
	for _, c := range harmfulMisses {
		ans := a.Answer(c.q, "")
		if !ans.Found {
			if ans.Handoff != "12333" && ans.Handoff != "12348" {
				t.Errorf("%q: abstains without a hotline handoff: %+v", c.q, ans)
			}
			continue
		}
		okID := false
		for _, id := range c.ok {
			okID = okID || ans.FAQs[0].ID == id
		}
		if !okID {
			t.Errorf("%q: confidently answered with %s (conf %.2f); want one of %v or not sure",
				c.q, ans.FAQs[0].ID, a.Signals(c.q).Confidence(), c.ok)
		}
	}
}

// The confidence model is monotone where it must be, and the threshold
// separates a clear question from an off-topic one.
func TestFAQConfidenceThreshold(t *testing.T) {
	faqs, _ := SeedFAQs()
	a := NewAnswerer(faqs)
	th := ConfidenceThreshold()
	if th <= 0.5 || th >= 1 {
		t.Fatalf("threshold %.2f: a confident answer must be more likely right than wrong", th)
	}
	if c := (Signals{}).Confidence(); c != 0 {
		t.Errorf("no entries: confidence %.2f, want 0", c)
	}
	for _, q := range []string{"辞职要提前几天说", "产假多少天", "社保卡丢了怎么办", "how is overtime pay calculated"} {
		if c := a.Signals(q).Confidence(); c < th {
			t.Errorf("%q: confidence %.2f below the threshold %.2f", q, c, th)
		}
	}
	for _, q := range []string{"怎么做红烧肉", "tell me a joke", "推荐个好看的电视剧"} {
		if c := a.Signals(q).Confidence(); c >= th {
			t.Errorf("%q: confidence %.2f at or above the threshold %.2f", q, c, th)
		}
	}
	base := Signals{Top: []FAQMatch{{ID: "x"}}, Score: 0.5, Margin: 0.1, Cover: 0.5, Content: 0.8}
	wider := base
	wider.Margin = 0.3
	if wider.Confidence() <= base.Confidence() {
		t.Errorf("a wider margin must not lower the confidence")
	}
}

// Abstaining: honest words, the closest topics, and a hotline.
func TestFAQAbstainSaysSo(t *testing.T) {
	faqs, _ := SeedFAQs()
	a := NewAnswerer(faqs)
	ans := a.Answer("推荐个好看的电视剧", "")
	if ans.Found || !strings.Contains(ans.Text, "不太确定") || !strings.Contains(ans.Text, "12333") || !strings.Contains(ans.Text, "12348") {
		t.Errorf("off-topic: %+v", ans)
	}
	if ans := a.Answer("老板不给钱 我想找律师告他", ""); !ans.Found && ans.Handoff != "12348" {
		t.Errorf("a legal question hands off to 12348 when not sure: %+v", ans)
	}
	if ans := a.Answer("tell me a joke", "en"); ans.Found || !strings.Contains(ans.Text, "not sure") {
		t.Errorf("english off-topic: %+v", ans)
	}
}

// Entries a worker can trust: zh and en, issuer and title, official links
// only, a review date, no internal codes, answers that name their subject
// (no bare "能。"/"Yes,"), at most five lines.
func TestFAQEntriesValid(t *testing.T) {
	faqs, err := SeedFAQs()
	if err != nil {
		t.Fatal(err)
	}
	if len(faqs) < 150 {
		t.Errorf("%d entries, want at least 150", len(faqs))
	}
	bareZH := []string{"能", "不能", "可以", "不可以", "不行", "行", "是", "是的", "不是", "对", "不合法", "合法", "一般不用", "不用", "要", "不要", "会", "不会", "有", "没有"}
	bareEN := []string{"yes", "no", "not", "usually", "generally", "it depends"}
	for _, f := range faqs {
		if strings.TrimSpace(f.QuestionZH) == "" || strings.TrimSpace(f.QuestionEN) == "" || strings.TrimSpace(f.AnswerZH) == "" || strings.TrimSpace(f.AnswerEN) == "" {
			t.Errorf("%s: needs zh and en", f.ID)
		}
		if !reviewDate.MatchString(f.Date) {
			t.Errorf("%s: review date %q", f.ID, f.Date)
		}
		for _, l := range sourceLink.FindAllString(f.Source, -1) {
			if !TrustedLink(l) {
				t.Errorf("%s: untrusted link %s", f.ID, l)
			}
		}
		if internalCode.MatchString(sourceLink.ReplaceAllString(f.Source, "")) {
			t.Errorf("%s: internal code in %q", f.ID, f.Source)
		}
		for lang, text := range map[string]string{"zh": f.AnswerZH, "en": f.AnswerEN} {
			lines := strings.Split(strings.TrimSpace(text), "\n")
			if len(lines) > maxAnswerLines {
				t.Errorf("%s %s: %d lines", f.ID, lang, len(lines))
			}
			first := strings.TrimSpace(lines[0])
			if lang == "zh" {
				for _, w := range bareZH {
					if strings.HasPrefix(first, w+"，") || strings.HasPrefix(first, w+"。") || strings.HasPrefix(first, w+"：") || strings.HasPrefix(first, w+",") {
						t.Errorf("%s zh: begins with a bare %q: %s", f.ID, w, first)
					}
				}
			} else {
				low := strings.ToLower(first)
				for _, w := range bareEN {
					if strings.HasPrefix(low, w+",") || strings.HasPrefix(low, w+":") || strings.HasPrefix(low, w+".") || strings.HasPrefix(low, w+";") {
						t.Errorf("%s en: begins with a bare %q: %s", f.ID, w, first)
					}
				}
			}
		}
	}
	for link, want := range map[string]bool{"https://www.mohrss.gov.cn": true, "https://si.12333.gov.cn/x": true, "https://www.12377.cn": true,
		"http://www.smxe.cn/wyw/1.html": false, "https://github.com/LawRefBook/Laws": false, "https://gov.cn.evil.com": false, "ftp://x.gov.cn": false} {
		if TrustedLink(link) != want {
			t.Errorf("TrustedLink(%q) = %v", link, !want)
		}
	}
}
