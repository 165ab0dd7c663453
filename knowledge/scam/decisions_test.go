package scam

import (
	"slices"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Test offers (written for these tests).
const (
	// A vague work-from-home lure and the same text forwarded with another
	// phone number, handle and amount, other punctuation and a question.
	lureText      = "诚招居家兼职，手机操作，每天两小时，日入200-500，名额有限，感兴趣加微信 ab12345 详聊，电话13812345678"
	lureForwarded = "兄弟们这个靠谱吗？诚招居家兼职!手机操作 每天两小时 日入300-600 名额有限 感兴趣加vx: zz_8888 详聊 电话 139-8765-4321"
	// Another offer of the same kind: not the same text.
	lureOther = "招聘线上兼职，在家用手机做任务，时间自由，一单一结，每天能赚两三百，有意者加微信 qq556677 了解"
	// An ordinary ad that trips soft flags (high pay, urgency, a private
	// chat), its forward with another contact, and the same ad asking for
	// a deposit (a hard red flag).
	adText     = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来，加微信 sf_hr2024 报名，电话13922223333"
	adForward  = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来！加微信 dg_fenjian 报名 电话 13700001111"
	adDeposit  = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来，加微信 sf_hr2024 报名，电话13922223333，入职先交300元押金"
	caseTitle  = "居家兼职日入几百，先拉进群再要钱"
	caseStoryZ = "诚招居家兼职，手机操作，每天两小时，日入[号码]，名额有限，感兴趣加微信[账号]详聊，电话[电话]。加了以后对方拉她进群做任务，先返小钱再要她垫付，最后骗走[号码]元。"
)

func units(s string) []uint64 { return nearUnits(norm.NormalizeText(s, maxCheckRunes).Runes, nil) }

func TestNearMasksContactsAndAmounts(t *testing.T) {
	same := [][]string{
		{"加微信 ab12345 电话13812345678", "加vx: zz_8888 电话 139-8765-4321", "加微信[账号] 电话[电话]", "加微信：xiaoli 电话：138 1234 5678"},
		{"日结300元，月入过万", "日结 500 元!月入过万", "日结三百元，月入过万"},
		{"apply at https://jobs.example.com/a?id=7 or telegram @hr_team", "Apply at www.other-site.net/x, or Telegram: recruiter"},
	}
	for _, group := range same {
		want := units(group[0])
		for _, s := range group[1:] {
			if got := units(s); !slices.Equal(got, want) {
				t.Errorf("units(%q) differ from units(%q):\n%v\n%v", s, group[0], got, want)
			}
		}
	}
	if slices.Equal(units("在家做任务"), units("在家做手工")) {
		t.Error("different words read alike")
	}
}

func level(v Verdict) Level { return v.Risk }

func hasCode(v Verdict, code string) bool {
	return slices.ContainsFunc(v.Signals, func(s Signal) bool { return s.Code == code })
}

func redFlags(v Verdict) []string {
	var out []string
	for _, s := range v.Signals {
		if s.Weight > 0 {
			out = append(out, s.Code)
		}
	}
	return out
}

// A report staff marked as a scam makes the same text high when it comes
// back with another phone number and handle; another offer of the same
// kind is checked as before.
func TestDecidedScamRaisesForwardedText(t *testing.T) {
	plain := NewChecker(nil)
	ch := NewCheckerWithDecisions(nil, []Decision{{ReportID: 7, Text: lureText, Scam: true}})
	v := ch.Check(lureForwarded)
	if v.Risk != LevelHigh || !hasCode(v, SignalConfirmedCase) {
		t.Fatalf("forwarded lure: %s %v, want high with confirmed_case", v.Risk, redFlags(v))
	}
	if v.Signals[0].Code != SignalConfirmedCase || v.Signals[0].LabelZH != "很像已确认的骗局：工作人员已确认的骗局举报" ||
		!strings.HasPrefix(v.Signals[0].LabelEN, "Very like a confirmed scam: ") {
		t.Errorf("first signal = %+v", v.Signals[0])
	}
	if v.Score < v.Floor(LevelHigh) || slices.ContainsFunc(v.Advice, func(a Advice) bool { return a.Code == "low_tips" }) {
		t.Errorf("score %v, advice %+v", v.Score, v.Advice)
	}
	if got, want := ch.Check(lureOther), plain.Check(lureOther); got.Risk != want.Risk || hasCode(got, SignalConfirmedCase) {
		t.Errorf("another offer of the same kind: %s %v, without decisions %s", got.Risk, redFlags(got), want.Risk)
	}
}

// A published case whose story is a (masked) report matches the original
// offer with real contacts, and is shown first.
func TestPublishedCaseStoryMatches(t *testing.T) {
	c := Case{ID: "task-brushing-x1", Type: "task_brushing", TitleZH: caseTitle, TitleEN: "Work-from-home lure",
		StoryZH: caseStoryZ, StoryEN: caseStoryZ}
	ch := NewCheckerWithDecisions([]Case{c}, nil)
	v := ch.Check(lureForwarded)
	if v.Risk != LevelHigh || len(v.Signals) == 0 || v.Signals[0].LabelZH != "很像已确认的骗局："+caseTitle {
		t.Fatalf("verdict %s %+v", v.Risk, v.Signals)
	}
	if len(v.Cases) == 0 || v.Cases[0].ID != c.ID {
		t.Errorf("cases = %+v, want %s first", v.Cases, c.ID)
	}
	c.Retired = true
	if v := NewCheckerWithDecisions([]Case{c}, nil).Check(lureForwarded); hasCode(v, SignalConfirmedCase) {
		t.Error("a retired case still confirms")
	}
}

// "Not a scam" lowers the same soft false alarm on near-identical text,
// never a text with a hard red flag, and leaves other texts alone.
func TestNotScamClearsSoftAlarmOnly(t *testing.T) {
	plain := NewChecker(nil)
	before := plain.Check(adForward)
	if len(redFlags(before)) == 0 {
		t.Fatalf("test text raises no red flag: %+v", before)
	}
	ch := NewCheckerWithDecisions(nil, []Decision{{ReportID: 9, Text: adText, Scam: false}})
	v := ch.Check(adForward)
	if v.Risk != LevelLow || len(redFlags(v)) != 0 || !hasCode(v, SignalStaffCleared) {
		t.Fatalf("cleared ad: %s %v, want low without red flags, with staff_cleared", v.Risk, redFlags(v))
	}
	if !slices.ContainsFunc(v.Advice, func(a Advice) bool { return a.Code == "low_tips" }) {
		t.Errorf("advice %+v", v.Advice)
	}
	want := plain.Check(adDeposit)
	got := ch.Check(adDeposit)
	if got.Risk != want.Risk || hasCode(got, SignalStaffCleared) || !slices.Equal(redFlags(got), redFlags(want)) {
		t.Errorf("hard flag overridden: %s %v, want %s %v", got.Risk, redFlags(got), want.Risk, redFlags(want))
	}
	if got, want := ch.Check(lureText), plain.Check(lureText); got.Risk != want.Risk || hasCode(got, SignalStaffCleared) {
		t.Errorf("unrelated text changed: %s, want %s", got.Risk, want.Risk)
	}
}

// When staff contradict themselves, the closer decision wins, and a tie
// goes to "scam".
func TestScamAndNotScamTie(t *testing.T) {
	ch := NewCheckerWithDecisions(nil, []Decision{{ReportID: 1, Text: adText, Scam: false}, {ReportID: 2, Text: adText, Scam: true}})
	if v := ch.Check(adForward); v.Risk != LevelHigh || !hasCode(v, SignalConfirmedCase) {
		t.Errorf("tie: %s %v", v.Risk, redFlags(v))
	}
}

// Short texts are not used as decisions: too little to tell offers apart.
func TestShortDecisionIgnored(t *testing.T) {
	ch := NewCheckerWithDecisions(nil, []Decision{{ReportID: 1, Text: "加微信详聊", Scam: true}})
	if v := ch.Check("招聘普工，包吃住，加微信详聊"); hasCode(v, SignalConfirmedCase) {
		t.Errorf("a short decision matched: %+v", v.Signals)
	}
}

// The labelled written offers are all different offers: none of them, used
// as a decided scam, matches another.
func TestLabelledOffersDoNotMatchEachOther(t *testing.T) {
	_, texts := bench10k(t)
	var dec []Decision
	for i := 0; i < len(texts); i += 2 {
		dec = append(dec, Decision{ReportID: int64(i), Text: texts[i], Scam: true})
	}
	ix := newDecisionIndex(nil, dec)
	for i := 1; i < len(texts); i += 2 {
		if h, _, ok, _ := ix.nearMatches(norm.NormalizeText(texts[i], maxCheckRunes).Runes); ok {
			t.Errorf("%q matches %q (J %.2f)", texts[i], texts[ix.docs[h.doc].report], h.jaccard)
		}
	}
}

func TestCheckWithDecisionsNeverPanics(t *testing.T) {
	ch := NewCheckerWithDecisions(nil, []Decision{{ReportID: 1, Text: lureText, Scam: true}, {ReportID: 2, Text: adText}})
	for _, s := range []string{"", "[", "[电话", "1", strings.Repeat("加微信 a1 ", 5000), "\xff\xfe", strings.Repeat("日", 30000)} {
		ch.Check(s)
	}
}
