package norm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// benchAd is a real-length job ad (about 550 characters), simplified.
var benchAd = func() string {
	const part = `【急招】东莞市长安镇某电子厂招聘普工、质检员、仓库理货员若干名。` +
		`岗位职责：负责产线组装、来料检验、成品包装及出入库登记，服从班组长安排。` +
		`任职要求：18至45周岁，男女不限，身体健康，能适应两班倒，有电子厂经验者优先。` +
		`薪资待遇：底薪2300元加计件加全勤，综合月薪5500至7500元，每月15号准时发放上月工资。` +
		`公司依法签订劳动合同，入职当月缴纳五险一金，提供免费住宿（空调、热水、WiFi），食堂包两餐。` +
		`工作时间：每天8小时，超出部分按国家规定支付加班费，每月休息4天。` +
		`入职流程：带身份证原件到厂门口人事部现场面试，面试通过当天体检，体检费由公司承担，不收取任何押金和服装费。` +
		`乘车路线：长安汽车站乘坐公交到工业区站下车，步行五分钟即到。` +
		`如有疑问请拨打人事部电话0769-85551234咨询，或到镇公共就业服务中心查询本岗位信息。`
	s := part
	for utf8.RuneCountInString(s) < 550 {
		s += part
	}
	return string([]rune(s)[:550])
}()

// traditional returns benchAd in traditional characters (OpenCC s2t).
func traditional(tb testing.TB) string {
	cc, err := opencc.New("s2t")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := cc.Convert(benchAd)
	if err != nil {
		tb.Fatal(err)
	}
	if s == benchAd {
		tb.Fatal("s2t changed nothing")
	}
	return s
}

// BenchmarkNormalizeAd: the normaliser on a 550-character simplified ad (the
// fast path: no rune needs conversion) and on the same ad in traditional
// characters (the converter runs).
//
//	go test ./knowledge/norm -run XXX -bench NormalizeAd -benchmem
func BenchmarkNormalizeAd(b *testing.B) {
	trad := traditional(b)
	for _, c := range []struct{ name, text string }{{"simplified", benchAd}, {"traditional", trad}} {
		b.Run(c.name, func(b *testing.B) {
			NormalizeText(c.text, -1) // warm: build the converter outside the timing
			b.ReportAllocs()
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				NormalizeText(c.text, -1)
			}
		})
	}
}

func TestBenchAdConverts(t *testing.T) {
	if got := Normalize(traditional(t)); got != Normalize(benchAd) {
		t.Errorf("traditional ad normalises differently:\n%s\n%s", got, Normalize(benchAd))
	}
	if strings.Count(benchAd, "") < 550 {
		t.Fatal("short ad")
	}
}

// TestTraditionalThroughOpenCC: characters the old hand table missed, a
// phrase-dependent character, the 帐/账 fold, and the fast path.
func TestTraditionalThroughOpenCC(t *testing.T) {
	for in, want := range map[string]string{
		"產線組裝，綜合月薪，諮詢人事部，週末雙休": "产线组装,综合月薪,咨询人事部,周末双休",
		"宿舍乾淨，先匯款到帳戶":          "宿舍干净,先汇款到账户",
		"帐户":                   "账户",
		"招聘普工，包吃住":             "招聘普工,包吃住",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	tab := t2s()
	if tab.cc == nil || len(tab.chars) < 2000 {
		t.Fatalf("OpenCC table not built: %d characters", len(tab.chars))
	}
	if tab.needed(benchAd, -1) || !tab.needed(traditional(t), -1) {
		t.Error("fast-path test wrong")
	}
}

// TestTraditionalConcurrent: the shared converter under parallel use (run
// with -race).
func TestTraditionalConcurrent(t *testing.T) {
	trad := traditional(t)
	want := Normalize(trad)
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() { done <- Normalize(trad) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Error("concurrent conversion differs")
		}
	}
}
