package scam

import (
	"bufio"
	"encoding/json"
	"math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
)

func checkInvariants(t *testing.T, text string, v Verdict) {
	t.Helper()
	if v.Score < 0 || v.Score > 1 {
		t.Errorf("%.40q: score %v out of [0,1]", text, v.Score)
	}
	switch v.Risk {
	case LevelLow, LevelMedium, LevelHigh:
	default:
		t.Errorf("%.40q: risk %q", text, v.Risk)
	}
	if v.LLM {
		t.Errorf("%.40q: offline verdict has LLM set", text)
	}
	valid := strings.ToValidUTF8(text, "\uFFFD")
	red, seenLegit := false, false
	for i, s := range v.Signals {
		if !utf8.ValidString(s.Evidence) || !strings.Contains(valid, s.Evidence) || utf8.RuneCountInString(s.Evidence) > norm.MaxEvidenceRunes {
			t.Errorf("%.40q: signal %s evidence %q is not a short span of the input", text, s.Code, s.Evidence)
		}
		if s.Weight > 0 {
			red = true
			if seenLegit {
				t.Errorf("%.40q: red flag %s after a legitimacy signal", text, s.Code)
			}
			if i > 0 && v.Signals[i-1].Weight > 0 && v.Signals[i-1].Weight < s.Weight {
				t.Errorf("%.40q: red flags not strongest first", text)
			}
		} else {
			seenLegit = true
		}
	}
	if !red && v.Risk != LevelLow {
		t.Errorf("%.40q: risk %s without a red flag", text, v.Risk)
	}
	if v.Empty && (v.Risk != LevelLow || len(v.Signals) > 0) {
		t.Errorf("%.40q: empty verdict with risk %s and signals %v", text, v.Risk, codes(v))
	}
	if len(v.Cases) > maxCases {
		t.Errorf("%.40q: %d cases", text, len(v.Cases))
	}
}

func TestBadInput(t *testing.T) {
	long := strings.Repeat("招聘普工，月薪5000，包吃住。押金300元。", 40000) // ~1 MB
	tests := []struct {
		name      string
		text      string
		wantEmpty bool
	}{
		{"empty", "", true},
		{"whitespace", " \t\n\r\u3000 ", true},
		{"only emoji", "😂😂😂🙏👍", true},
		{"only punctuation", "。。。？？！！...", true},
		{"greeting", "你好", true},
		{"digits only", "11111", true},
		{"only a URL", "http://bit.ly/abc", false},
		{"official URL", "https://si.12333.gov.cn", false},
		{"1 MB text", long, false},
		{"invalid UTF-8", "押金\xff\xfe\xfd300元\xc3", false},
		{"binary", string([]byte{0, 1, 2, 0xff, 0x80, 0x7f, 'a', 0xe4, 0xbd}), true},
		{"mixed scripts", "Зарплата 5000 рублей, 押金 300 元, ค่าจ้าง 🇹🇭 مرحبا", false},
		{"SQL-looking", "'; DROP TABLE users; -- 押金300元 OR 1=1", false},
		{"HTML", "<script>alert('x')</script><b>急招</b> 押金300元", false},
		{"very long word", strings.Repeat("a", 100000), false},
		{"many digits", strings.Repeat("1 ", 50000), true},
		{"control characters", "押\x00金\x1b[31m300\x07元", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			v := testChecker.Check(tt.text)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
			checkInvariants(t, tt.text, v)
			if v.Empty != tt.wantEmpty {
				t.Errorf("Empty = %v, want %v (risk %s, signals %v)", v.Empty, tt.wantEmpty, v.Risk, codes(v))
			}
		})
	}
	if v := testChecker.Check("http://bit.ly/abc"); len(v.Signals) == 0 || v.Signals[0].Code != "link_shortener" {
		t.Errorf("a lone short link: signals %v", codes(v))
	}
	if v := testChecker.Check(long); v.Risk != LevelHigh {
		t.Errorf("1 MB offer with a deposit: risk %s", v.Risk)
	}
}

func TestCheckNeverPanicsOnRandomBytes(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"押金", "费", "微信", "v", "q", "1", "3", "8", " ", "★", "\u200b", "元", "万", "k", "http://", ".com", "/", "不", "吗", "，", "。", "\xff", "一", "三", "八", "@", "telegram", "身份证", "保管"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.Intn(60); n > 0; n-- {
			if rng.Intn(5) == 0 {
				b.WriteByte(byte(rng.Intn(256)))
			} else {
				b.WriteString(alphabet[rng.Intn(len(alphabet))])
			}
		}
		text := b.String()
		checkInvariants(t, text, testChecker.check(text))
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		v      Verdict
		zh, en string
	}{
		{Verdict{Risk: LevelHigh}, "高风险", "High risk"},
		{Verdict{Risk: LevelMedium}, "中风险", "Medium risk"},
		{Verdict{Risk: LevelLow}, "低风险", "Low risk"},
		{Verdict{Risk: LevelLow, Empty: true}, "没有可检查的内容", "Nothing to check"},
	}
	for _, tt := range tests {
		if got := tt.v.Label("zh"); got != tt.zh {
			t.Errorf("Label(zh) = %q, want %q", got, tt.zh)
		}
		if got := tt.v.Label("en-US"); got != tt.en {
			t.Errorf("Label(en) = %q, want %q", got, tt.en)
		}
		if got := tt.v.Label(""); got != tt.zh {
			t.Errorf("Label(\"\") = %q, want %q", got, tt.zh)
		}
	}
}

func TestThresholdsMatchScore(t *testing.T) {
	medium, high := Thresholds()
	if !(0 < medium && medium < high && high < 1) {
		t.Fatalf("thresholds medium %.3f, high %.3f", medium, high)
	}
	for _, text := range []string{"入职前交300元押金", "加微信详聊", "体检费60元", "招聘普工 月薪5000"} {
		v := testChecker.Check(text)
		want := LevelLow
		switch {
		case v.Score >= high:
			want = LevelHigh
		case v.Score >= medium:
			want = LevelMedium
		}
		if v.Risk != want {
			t.Errorf("%q: score %.3f but risk %s", text, v.Score, v.Risk)
		}
	}
}

func TestAdvice(t *testing.T) {
	tests := []struct {
		text string
		want []string // advice codes that must be present
	}{
		{"入职前交300元押金", []string{"no_pay", "call_110"}},
		{"身份证原件统一保管", []string{"keep_id"}},
		{"出租银行卡一个月1000", []string{"no_card_rental"}},
		{"缅北高薪招聘客服，月薪3万，包机票", []string{"overseas"}},
		{"招聘普工，签劳动合同，缴五险一金，月薪5000", []string{"low_tips"}},
	}
	for _, tt := range tests {
		v := testChecker.Check(tt.text)
		have := map[string]bool{}
		for _, a := range v.Advice {
			have[a.Code] = true
			if a.ZH == "" || a.EN == "" {
				t.Errorf("%q: advice %s without text", tt.text, a.Code)
			}
		}
		for _, c := range tt.want {
			if !have[c] {
				t.Errorf("%q: advice %v lacks %s", tt.text, v.Advice, c)
			}
		}
		if len(v.Advice) > maxAdvice {
			t.Errorf("%q: %d pieces of advice", tt.text, len(v.Advice))
		}
	}
	reporting := strings.Join([]string{adviceTable[adviceIndex["call_110"]].ZH, adviceTable[adviceIndex["ask_96110"]].ZH,
		adviceTable[adviceIndex["report_labour"]].ZH, adviceTable[adviceIndex["report_12377"]].ZH}, "")
	for _, n := range []string{"110", "96110", "12333", "12377"} {
		if !strings.Contains(reporting, n) {
			t.Errorf("advice never names %s", n)
		}
	}
}

func TestLooksLikeOffer(t *testing.T) {
	offers := []string{
		"东莞电子厂急招普工，包吃住，月入7000+，电话13800138000",
		"兼职刷单，一单赚50，加纸飞机 @abc_123",
		"HR：你好，看了你的简历，明天下午两点来面试，地址在公司三楼",
		"Warehouse pickers needed in Shenzhen, 6000-8000/month, food and dorm free. Call 13800138000",
		"老乡说去老挝做电商，月薪两万，路费全包，不用办护照，这个能去吗",
	}
	chats := []string{"你好", "社保怎么转回老家？", "How can I check if a job agency is licensed?", "谢谢", "今天下雨了 工地停工", "😂", ""}
	for _, s := range offers {
		if !LooksLikeOffer(s) || !testChecker.Check(s).Offer {
			t.Errorf("%q: not seen as an offer", s)
		}
	}
	for _, s := range chats {
		if LooksLikeOffer(s) || testChecker.Check(s).Offer {
			t.Errorf("%q: seen as an offer", s)
		}
	}
}

func TestConcurrentChecks(t *testing.T) {
	texts := []string{"入职前交300元押金", "招聘普工 月薪5000 签劳动合同", "加V❤：abc12345 刷单返利", "http://bit.ly/x", ""}
	want := make([]Verdict, len(texts))
	for i, s := range texts {
		want[i] = testChecker.Check(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(texts)
				v := testChecker.Check(texts[k])
				if v.Risk != want[k].Risk || v.Score != want[k].Score || len(v.Cases) != len(want[k].Cases) {
					t.Errorf("%q: concurrent verdict differs", texts[k])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

type labelled struct {
	ID, Lang, Label, Type, Text string
}

func loadLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	defer f.Close()
	var rows []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r labelled
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestLabelledSets keeps the checker at its targets on the evaluation set
// and on the checker's own regression set: recall ≥ 0.95 at medium-or-high,
// false-positive rate ≤ 0.05 at medium-or-high and ≤ 0.02 at high.
func TestLabelledSets(t *testing.T) {
	for _, path := range []string{"testdata/eval.jsonl", "testdata/checker_set.jsonl"} {
		rows := loadLabelled(t, path)
		var scams, caught, others, fpMed, fpHigh int
		for _, r := range rows {
			v := testChecker.Check(r.Text)
			checkInvariants(t, r.Text, v)
			if r.Label == "scam" {
				scams++
				if v.Risk != LevelLow {
					caught++
				}
				continue
			}
			others++
			if v.Risk != LevelLow {
				fpMed++
			}
			if v.Risk == LevelHigh {
				fpHigh++
			}
		}
		if scams == 0 || others == 0 {
			t.Fatalf("%s: %d scams, %d others", path, scams, others)
		}
		recall := float64(caught) / float64(scams)
		fprMed, fprHigh := float64(fpMed)/float64(others), float64(fpHigh)/float64(others)
		t.Logf("%s: recall %.3f, FPR medium+ %.3f, FPR high %.3f", path, recall, fprMed, fprHigh)
		if recall < 0.95 || fprMed > 0.05 || fprHigh > 0.02 {
			t.Errorf("%s: recall %.3f (≥0.95), FPR medium+ %.3f (≤0.05), FPR high %.3f (≤0.02)", path, recall, fprMed, fprHigh)
		}
	}
}
