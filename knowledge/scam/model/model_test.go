package model

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// synthetic makes a separable set: scams say one of the bad phrases, legit
// texts one of the good ones, both share filler.
func synthetic(n int) []Example {
	bad := []string{"先交押金三百元到个人账户", "pay a starter kit fee by gift card", "刷单返利前三单必返", "出租银行卡日赚五百"}
	good := []string{"公司统一缴纳五险一金", "no fees are ever charged", "签订劳动合同试用期一个月", "wages paid by bank transfer monthly"}
	filler := []string{"招聘普工", "hiring warehouse staff", "深圳龙华", "长期稳定", "apply today", "包吃住"}
	var out []Example
	for i := 0; i < n; i++ {
		lab := i % 2
		p := good[(i/2)%len(good)]
		if lab == 1 {
			p = bad[(i/2)%len(bad)]
		}
		text := filler[i%len(filler)] + " " + p + " " + filler[(i*7+3)%len(filler)]
		out = append(out, Example{ID: fmt.Sprint(i), Label: lab, Text: text})
	}
	return out
}

func TestSeparatesSyntheticSet(t *testing.T) {
	rows := synthetic(200)
	m, rep := Train(rows, Options{Lambda: 1e-4})
	if rep.Pos != 100 || rep.Neg != 100 {
		t.Fatalf("counts %d/%d", rep.Pos, rep.Neg)
	}
	scores := m.Score(rows)
	for i, s := range scores {
		if (rows[i].Label == 1) != (s > 0.5) {
			t.Errorf("row %d %q label %d score %.3f", i, rows[i].Text, rows[i].Label, s)
		}
	}
	if rep.CV.AUC.V < 0.99 {
		t.Errorf("out-of-fold AUC %.3f on a separable set", rep.CV.AUC.V)
	}
	var f Features
	m.Featurizer().Featurize(&f, "急招 先交押金三百元到个人账户", nil)
	hi := m.Predict(&f)
	m.Featurizer().Featurize(&f, "急招 公司统一缴纳五险一金", nil)
	lo := m.Predict(&f)
	if !(hi > 0.8 && lo < 0.2) {
		t.Errorf("unseen combinations: scam %.3f legit %.3f", hi, lo)
	}
}

func TestDenseFeaturesAreLearnedByName(t *testing.T) {
	var rows []Example
	for i := 0; i < 120; i++ {
		lab := i % 2
		d := map[string]float64{"legit_contract": 1}
		if lab == 1 {
			d = map[string]float64{"upfront_fee": 1}
		}
		rows = append(rows, Example{ID: fmt.Sprint(i), Label: lab, Text: "招聘启事 普工", Dense: d})
	}
	m, _ := Train(rows, Options{})
	if w := m.SignalWeight("upfront_fee"); w <= 0 {
		t.Errorf("upfront_fee weight %.3f, want > 0", w)
	}
	if w := m.SignalWeight("legit_contract"); w >= 0 {
		t.Errorf("legit_contract weight %.3f, want < 0", w)
	}
}

func TestTrainingIsDeterministic(t *testing.T) {
	rows := synthetic(150)
	var a, b bytes.Buffer
	m1, _ := Train(rows, Options{})
	m2, _ := Train(rows, Options{})
	if err := m1.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := m2.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same rows gave different weights files")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	rows := synthetic(120)
	m, _ := Train(rows, Options{Provenance: []Provenance{{Name: "synthetic", Rows: 120, Pos: 60, Source: "test"}}})
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	size := buf.Len()
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var f Features
	for _, r := range rows {
		m.Featurizer().Featurize(&f, r.Text, nil)
		p1 := m.Predict(&f)
		m2.Featurizer().Featurize(&f, r.Text, nil)
		p2 := m2.Predict(&f)
		if math.Abs(p1-p2) > 1e-12 {
			t.Fatalf("%q: %.6f before save, %.6f after load", r.Text, p1, p2)
		}
	}
	if m2.Thresholds() != m.Thresholds() {
		t.Errorf("thresholds %+v after load, want %+v", m2.Thresholds(), m.Thresholds())
	}
	if got := m2.Meta().Provenance; len(got) != 1 || got[0].Name != "synthetic" {
		t.Errorf("provenance %+v", got)
	}
	var again bytes.Buffer
	_ = m2.Save(&again)
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("save(load(file)) differs from file")
	}
	// Corruption is detected.
	bad := bytes.Clone(buf.Bytes())
	bad[size/2] ^= 0xFF
	if _, err := Load(bytes.NewReader(bad)); err == nil {
		t.Error("corrupted file loaded")
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("garbage loaded")
	}
}

func TestPlattIsMonotoneAndCalibrated(t *testing.T) {
	// Margins where P(scam | z) = σ(2z − 1) in expectation.
	var z []float64
	var y []int
	rng := newRand(7)
	for i := 0; i < 4000; i++ {
		zi := float64(int(rng.next()%2001)-1000) / 250 // −4..4
		p := sigmoid(2*zi - 1)
		u := float64(rng.next()%1_000_000) / 1e6
		l := 0
		if u < p {
			l = 1
		}
		z = append(z, zi)
		y = append(y, l)
	}
	a, b := FitPlatt(z, y)
	if math.Abs(a-2) > 0.25 || math.Abs(b+1) > 0.25 {
		t.Errorf("Platt A=%.3f B=%.3f, want about 2 and −1", a, b)
	}
	prev := -1.0
	for zi := -6.0; zi <= 6; zi += 0.1 {
		p := sigmoid(a*zi + b)
		if p < prev {
			t.Fatalf("calibration not monotone at %.1f", zi)
		}
		prev = p
	}
	// Reversed ranking must not produce a decreasing map.
	rev := make([]int, len(y))
	for i := range y {
		rev[i] = 1 - y[i]
	}
	if a, _ := FitPlatt(z, rev); a < 0 {
		t.Errorf("A=%.3f < 0", a)
	}
	iso := FitIsotonic(z, y)
	prev = -1
	for zi := -5.0; zi <= 5; zi += 0.05 {
		p := iso.Apply(zi)
		if p < prev {
			t.Fatalf("isotonic not monotone at %.2f", zi)
		}
		prev = p
	}
}

func TestPriorShift(t *testing.T) {
	if got := PriorShift(0.5, 0.5, 0.05); math.Abs(got-0.05) > 1e-12 {
		t.Errorf("PriorShift(0.5, 0.5, 0.05) = %v", got)
	}
	if got := PriorShift(0.3, 0.4, 0.4); math.Abs(got-0.3) > 1e-12 {
		t.Errorf("identity shift = %v", got)
	}
}

func TestAUCOfKnownRankings(t *testing.T) {
	cases := []struct {
		s    []float64
		l    []int
		want float64
	}{
		{[]float64{0.1, 0.2, 0.3, 0.4}, []int{0, 0, 1, 1}, 1},
		{[]float64{0.1, 0.2, 0.3, 0.4}, []int{1, 1, 0, 0}, 0},
		{[]float64{0.1, 0.4, 0.35, 0.8}, []int{0, 0, 1, 1}, 0.75},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []int{0, 1, 0, 1}, 0.5},
		{[]float64{0.2, 0.5, 0.5, 0.9}, []int{0, 0, 1, 1}, 0.875},
	}
	for _, c := range cases {
		if got := AUC(c.s, c.l); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("AUC(%v, %v) = %v, want %v", c.s, c.l, got, c.want)
		}
	}
	if !math.IsNaN(AUC([]float64{1, 2}, []int{0, 0})) {
		t.Error("AUC of a one-class set should be NaN")
	}
}

func TestWilsonKnownValues(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.2775},
		{5, 10, 0.2366, 0.7634},
		{10, 10, 0.7225, 1},
		{81, 263, 0.2553, 0.3662},
	}
	for _, c := range cases {
		got := Wilson(c.k, c.n)
		if math.Abs(got.Lo-c.lo) > 5e-4 || math.Abs(got.Hi-c.hi) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", c.k, c.n, got.Lo, got.Hi, c.lo, c.hi)
		}
	}
}

func TestThresholdsMeetTheirConstraints(t *testing.T) {
	// 300 scams scored around 0.8, 700 legit around 0.2, overlapping tails.
	var s []float64
	var l []int
	rng := newRand(11)
	for i := 0; i < 1000; i++ {
		lab := 0
		c := 0.25
		if i%10 < 3 {
			lab, c = 1, 0.75
		}
		u := (float64(rng.next()%1000)/1000 - 0.5) * 0.7
		s = append(s, math.Min(1, math.Max(0, c+u)))
		l = append(l, lab)
	}
	const pi, prec, fpr = 0.05, 0.95, 0.03
	thr := ChooseThresholds(s, l, pi, prec, fpr, 0.2, 0.5)
	if !thr.HighMet {
		t.Fatalf("no high threshold met precision %.2f: %+v", prec, thr)
	}
	if thr.Medium > thr.High {
		t.Errorf("medium %.3f above high %.3f", thr.Medium, thr.High)
	}
	m := Evaluate("synthetic", s, l, thr)
	if p := m.PrecisionHigh.V; p < prec {
		t.Errorf("precision at π=%.2f for high = %.3f < %.2f", pi, p, prec)
	}
	if m.FPRMedium.V > fpr {
		t.Errorf("FPR at medium+ = %.3f > %.2f", m.FPRMedium.V, fpr)
	}
	// High is the smallest qualifying threshold: one step lower breaks it.
	var below float64
	for _, x := range s {
		if x < thr.High && x > below {
			below = x
		}
	}
	lower := thr
	lower.High = below
	if ml := Evaluate("lower", s, l, lower); ml.PrecisionHigh.V >= prec && below >= 0.5 {
		t.Errorf("a lower high threshold %.3f also meets the target (%.3f); chosen %.3f", below, ml.PrecisionHigh.V, thr.High)
	}
	if m.RecallHigh.V <= 0 || m.RecallMedium.V < m.RecallHigh.V {
		t.Errorf("recall high %.3f medium %.3f", m.RecallHigh.V, m.RecallMedium.V)
	}
	out := FormatTable(m)
	if !strings.Contains(out, "synthetic") || !strings.Contains(out, "[") {
		t.Errorf("table:\n%s", out)
	}
}

func TestEvaluateOneClassSet(t *testing.T) {
	m := Evaluate("legit only", []float64{0.1, 0.9, 0.3}, []int{0, 0, 0}, Thresholds{Medium: 0.5, High: 0.8, Prevalence: 0.05})
	if !math.IsNaN(m.RecallMedium.V) || !math.IsNaN(m.AUC.V) {
		t.Errorf("recall %v AUC %v on a set without scams", m.RecallMedium.V, m.AUC.V)
	}
	if math.Abs(m.FPRHigh.V-1.0/3) > 1e-12 {
		t.Errorf("FPR high %v", m.FPRHigh.V)
	}
	if !strings.Contains(FormatTable(m), "—") {
		t.Error("NaN should print as —")
	}
}

func TestFeaturizerProperties(t *testing.T) {
	fz := DefaultFeaturizer()
	var a, b Features
	fz.Featurize(&a, "押金298元", nil)
	fz.Featurize(&b, "押金300元", nil)
	if !equalFeatures(&a, &b) {
		t.Error("amounts with the same number of digits should featurise alike")
	}
	fz.Featurize(&a, "Work From Home", nil)
	fz.Featurize(&b, "work from home", nil)
	if !equalFeatures(&a, &b) {
		t.Error("Latin text should be case-insensitive")
	}
	fz.Featurize(&a, "", map[string]float64{"z": 3, "x": 1, "y": 2})
	if want := []uint32{fz.DenseIndex("x"), fz.DenseIndex("y"), fz.DenseIndex("z")}; !slices.Equal(a.Idx, want) {
		t.Fatalf("named features %v, want them in name order %v", a.Idx, want)
	}
	// unit norm for the n-gram part
	fz.Featurize(&a, "包吃包住 月薪八千 普工", nil)
	var n float64
	for _, v := range a.Val {
		n += float64(v) * float64(v)
	}
	if math.Abs(n-1) > 1e-5 {
		t.Errorf("norm² %.6f", n)
	}
	// 3 Han units: 3 unigrams + 2 bigrams + 1 trigram
	fz.Featurize(&a, "刷单返", nil)
	if a.Len() != 6 {
		t.Errorf("刷单返: %d features, want 6", a.Len())
	}
	// 3 words: 3 unigrams + 2 bigrams, no word trigram
	fz.Featurize(&a, "pay the fee", nil)
	if a.Len() != 5 {
		t.Errorf("pay the fee: %d features, want 5", a.Len())
	}
	// Punctuation breaks n-grams.
	fz.Featurize(&a, "刷，单", nil)
	if a.Len() != 2 {
		t.Errorf("刷，单: %d features, want 2", a.Len())
	}
	// Total on awkward input.
	for _, s := range []string{"\xff\xfe", strings.Repeat("9", 5000), "😀😀", "a.b.c", "1.2.3.", "@@@"} {
		fz.Featurize(&a, s, nil)
	}
}

func equalFeatures(a, b *Features) bool {
	if len(a.Idx) != len(b.Idx) {
		return false
	}
	for i := range a.Idx {
		if a.Idx[i] != b.Idx[i] || a.Val[i] != b.Val[i] {
			return false
		}
	}
	return true
}

func TestLoadShared(t *testing.T) {
	files, err := LoadShared(t.TempDir(), "no/such/dir")
	if err != nil || files != nil {
		t.Fatalf("missing dir: %v, %v", files, err)
	}
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "a_dev.jsonl"), []byte(`{"id":"1","text":"hello job","label":1}`+"\n\n"+`{"id":"2","text":"招聘普工","label":0,"extra":3}`+"\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"id":"1","text":"x","label":0}`+"\n"), 0o644)
	files, err = LoadShared("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || !files[0].Dev || files[1].Dev || len(files[0].Rows) != 2 || files[0].Rows[1].Lang != "zh" {
		t.Fatalf("%+v", files)
	}
	if _, err := ReadJSONL(strings.NewReader(`{"id":"x","text":"t","label":2}`), "bad"); err == nil {
		t.Error("label 2 accepted")
	}
}

// benchAd is a real-length (550-rune) ad.
var benchAd = func() string {
	s := "诚聘操作工若干名，工作地点江苏昆山开发区，男女不限，年龄18-45岁，能适应两班倒，综合月薪6500-8200元，试用期一个月，入职即签劳动合同并缴纳五险一金，厂内提供免费工作餐和四人间宿舍，宿舍有空调和独立卫生间。面试请带身份证原件现场核验后当场归还，公司不收取任何押金和费用。工作内容：产线上料、外观检查、设备简单操作，有师傅带教，无经验可培训上岗。节假日按国家规定发放加班费，工资每月十五号银行代发到本人卡上。"
	for len([]rune(s)) < 550 {
		s += "Pay is paid monthly by bank transfer, no fees. "
	}
	return string([]rune(s)[:550])
}()

func BenchmarkFeaturize550(b *testing.B) {
	fz := DefaultFeaturizer()
	var f Features
	dense := map[string]float64{"legit_contract": 1, "legit_no_fee": 1, "id_shown": 1}
	b.SetBytes(int64(len(benchAd)))
	b.ReportAllocs()
	for b.Loop() {
		fz.Featurize(&f, benchAd, dense)
	}
}

func BenchmarkPredict550(b *testing.B) {
	m, _ := Train(synthetic(100), Options{})
	var f Features
	b.ReportAllocs()
	for b.Loop() {
		m.Featurizer().Featurize(&f, benchAd, nil)
		_ = m.Predict(&f)
	}
}

// TestFeaturizeDeterministicWithDense: the same text and named features
// give the same vector whatever Go's random map order, so sums (and a
// weights file) are the same on every run.
func TestFeaturizeDeterministicWithDense(t *testing.T) {
	fz := DefaultFeaturizer()
	var first Features
	for round := 0; round < 20; round++ {
		dense := map[string]float64{}
		for i := 0; i < 40; i++ {
			k := (i*7 + round) % 40 // a different insertion order each round
			dense[fmt.Sprintf("s:flag%d", k)] = float64(k%3 + 1)
		}
		var f Features
		fz.Featurize(&f, "入职前先交300元押金 pay a deposit first, 押金押金", dense)
		if round == 0 {
			first = f
			continue
		}
		if !slices.Equal(f.Idx, first.Idx) || !slices.Equal(f.Val, first.Val) {
			t.Fatalf("round %d: vector differs from round 0", round)
		}
	}
}
