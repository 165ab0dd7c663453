package scam

import (
	"testing"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// TestRetrievalFindsParaphrases: a retelling of a seed story in other words
// finds a case of the same type first.
func TestRetrievalFindsParaphrases(t *testing.T) {
	tests := []struct{ text, typ string }{
		{"小李面试时被告知经验不足，要先上岗前培训，工作人员带着他在手机上办了一万多的分期贷款交学费", "training_loan"},
		{"老乡在电子厂门口说能安排进厂，先收了四百块介绍费，说进不去全退，后来人找不到了", "unlicensed_agency"},
		{"朋友说去柬埔寨做客服一个月两万，机票公司包，到了以后护照被收走，每天被逼着骗人", "overseas"},
		{"她在网上做点赞任务，前几单返了佣金，后来说要做组合任务，充值了好几万提不出来", "task_brushing"},
		{"有人出一千块一个月租他的银行卡，说公司要走账，后来警察找上门说涉嫌帮信", "card_rental"},
		{"Someone offered 1,000 yuan a month to rent his bank card for company payments; later the police said it was used for fraud", "card_rental"},
	}
	for _, tt := range tests {
		v := testChecker.Check(tt.text)
		if len(v.Cases) == 0 {
			t.Errorf("%q: no case found (signals %v)", tt.text, codes(v))
			continue
		}
		if v.Cases[0].Type != tt.typ {
			t.Errorf("%q: best case %s (%s, %.2f), want type %s", tt.text, v.Cases[0].ID, v.Cases[0].Type, v.Cases[0].Score, tt.typ)
		}
		for _, c := range v.Cases {
			if c.Score < 0 || c.Score > 1 || c.TitleZH == "" || c.TitleEN == "" || c.SummaryZH == "" || c.SummaryEN == "" {
				t.Errorf("%q: bad case match %+v", tt.text, c)
			}
		}
		if len(v.Cases) > maxCases {
			t.Errorf("%q: %d cases", tt.text, len(v.Cases))
		}
	}
}

func TestRetrievalSelfMatchAndRetired(t *testing.T) {
	seed, err := SeedCases()
	if err != nil {
		t.Fatal(err)
	}
	c := seed[0]
	ix := newCaseIndex([]Case{c, seed[1]})
	nt := norm.NormalizeText(c.StoryZH, -1)
	got := ix.search(nt.Runes, 3, 0, nil)
	if len(got) == 0 || ix.cases[got[0].doc].id != c.ID || got[0].score < 0.6 {
		t.Fatalf("searching a case's own story: %+v", got)
	}
	retired := c
	retired.Retired = true
	ch := NewChecker([]Case{retired})
	if v := ch.Check(c.StoryZH); len(v.Cases) != 0 {
		t.Errorf("a retired case was returned: %+v", v.Cases)
	}
	// no cases at all: still a verdict
	if v := NewChecker(nil).Check(c.StoryZH); v.Risk == "" {
		t.Errorf("empty case base: %+v", v)
	}
}

func TestUnrelatedTextGetsNoCases(t *testing.T) {
	for _, text := range []string{"今天下雨了，工地停工歇一天", "How do I transfer my pension to another province?"} {
		if v := testChecker.Check(text); len(v.Cases) != 0 {
			t.Errorf("%q: got cases %+v", text, v.Cases)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	for in, want := range map[string]string{
		"第一句。第二句。":                   "第一句。",
		"One sentence. Two.":         "One sentence.",
		"No end":                     "No end",
		"Costs 2.5 yuan. Then more.": "Costs 2.5 yuan.",
		"  问句？后面  ":                  "问句？",
		"人事说：“身份证统一保管。”小李干了半个月。":                    "人事说：“身份证统一保管。”",
		"他说“先交钱”，我交了。后来跑了。":                         "他说“先交钱”，我交了。",
		`He said: "Pay now!" I paid. Then he left.`: `He said: "Pay now!" I paid.`,
	} {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
