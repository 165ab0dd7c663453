package dialog

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongyou/gongyou/store"
)

func TestParseBroadcast(t *testing.T) {
	tr := &turn{lang: LangZH}
	for _, tc := range []struct {
		in      string
		f       store.BroadcastFilter
		text    string
		problem bool
	}{
		{in: "补贴开始申请", text: "补贴开始申请"},
		{in: "lang=zh city=东莞市 topic=insurance 社保通知", f: store.BroadcastFilter{Lang: "zh", City: "东莞", Topic: "insurance"}, text: "社保通知"},
		{in: "语言=英文 城市=Dongguan 主题=社保 Notice", f: store.BroadcastFilter{Lang: "en", City: "东莞", Topic: "insurance"}, text: "Notice"},
		{in: "LANG=EN  topic=Scam\nline one\nline two", f: store.BroadcastFilter{Lang: "en", Topic: "scam"}, text: "line one\nline two"},
		{in: "topic＝jobs 招工", f: store.BroadcastFilter{Topic: "jobs"}, text: "招工"},
		{in: "1+1=2 不是条件", text: "1+1=2 不是条件"},
		{in: "价格=100元 不是条件", text: "价格=100元 不是条件"},
		{in: "lang=zh", problem: true},
		{in: "lang=fr 你好", problem: true},
		{in: "city=亚特兰蒂斯 你好", problem: true},
		{in: "topic=weather 你好", problem: true},
		{in: "foo=bar 你好", problem: true},
		{in: "   ", problem: true},
	} {
		f, text, problem := tr.parseBroadcast(tc.in)
		if (problem != "") != tc.problem || (!tc.problem && (f != tc.f || text != tc.text)) {
			t.Errorf("parseBroadcast(%q) = %+v, %q, %q; want %+v, %q, problem %v", tc.in, f, text, problem, tc.f, tc.text, tc.problem)
		}
	}
}

// FuzzParseBroadcast: any input either is refused with a message or gives
// a non-empty text and filter values the store understands.
func FuzzParseBroadcast(f *testing.F) {
	for _, s := range []string{"lang=zh city=东莞 topic=insurance 通知", "=", "lang= x", "城市=东莞市\n通知", "topic=scam", "a=b=c d", "＝＝"} {
		f.Add(s)
	}
	tr := &turn{lang: LangEN}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		fl, text, problem := tr.parseBroadcast(in)
		if problem != "" {
			return
		}
		if strings.TrimSpace(text) == "" || text != strings.TrimSpace(text) {
			t.Fatalf("parseBroadcast(%q) accepted text %q", in, text)
		}
		if fl.Lang != "" && fl.Lang != LangZH && fl.Lang != LangEN {
			t.Fatalf("lang %q", fl.Lang)
		}
		if fl.Topic != "" && !slices.Contains(store.TopicCodes(), fl.Topic) {
			t.Fatalf("topic %q", fl.Topic)
		}
		if !strings.Contains(BroadcastMessage(fl.Lang, text), text) {
			t.Fatal("message lost the text")
		}
	})
}
