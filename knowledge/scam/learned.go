package scam

import (
	"bytes"
	_ "embed"
	"math"
	"sync"

	"github.com/gongyou/gongyou/knowledge/scam/model"
)

// The learned score. The lexicon (lexicon.go) decides WHICH red flags a text
// carries and where; a logistic regression fitted by
// `go run ./knowledge/scam/cmd/train` decides HOW MUCH they weigh together,
// from each fired signal (a named feature), a few shape features and hashed
// character and word n-grams of the normalised text. Its calibrated output
// is the verdict's Score; the thresholds stored with the weights turn it into
// a level (see levelOf). The weights file is embedded and versioned with the
// code; knowledge/scam/weights/README.md says what it was fitted on.

//go:embed weights/scam.model
var weightsFile []byte

// learned loads the embedded model once. The value is immutable afterwards
// and shared by every Checker.
var learned = sync.OnceValues(func() (*model.Model, error) {
	return model.Load(bytes.NewReader(weightsFile))
})

// featurePool reuses feature buffers across checks.
var featurePool = sync.Pool{New: func() any { return new(model.Features) }}

// denseOf names what the lexicon found, as features of the learned score:
// one per fired signal (1 for a strong match, 0.5 for a weak one) and a few
// shape features of the text.
func denseOf(a *analysis, fired []firedSignal) map[string]float64 {
	d := make(map[string]float64, len(fired)+6)
	var red, hard, weakHard, legit int
	question := a.generalQuestion()
	if question {
		d["question"] = 1
	}
	for _, f := range fired {
		if question && f.weight > 0 {
			continue // a flag word in a general question is a mention, not evidence
		}
		if f.def.Code == "prompt_injection" {
			continue // it voids the legitimacy signals (assess); no evidence of a scam by itself
		}
		v := 1.0
		if weakMatch(f) {
			v = 0.5
		}
		name := "s:" + f.def.Code
		if v > d[name] {
			d[name] = v
		}
		switch {
		case f.weight < 0:
			legit++
		case f.def.Hard && v == 1:
			hard++
			red++
		case f.def.Hard:
			weakHard++
			red++
		default:
			red++
		}
	}
	if red > 0 {
		d["red"] = math.Min(float64(red), 4) / 2
	}
	if hard > 0 {
		d["hard"] = 1
	}
	if weakHard > 0 {
		d["hard_weak"] = 1
	}
	if legit > 0 {
		d["legit"] = math.Min(float64(legit), 4) / 2
	}
	if a.offerLike() {
		d["offer"] = 1
	}
	r := a.nt.Runes
	var latin, cjk int
	for _, q := range r {
		switch {
		case q < 0x80 && (q|0x20 >= 'a' && q|0x20 <= 'z'):
			latin++
		case q >= 0x4e00 && q <= 0x9fff:
			cjk++
		}
	}
	if isLatinText(latin, cjk) {
		d["latin"] = 1
	}
	d["len"] = math.Log1p(float64(len(r))) / 8
	return d
}

// weakMatch reports whether f fired on one of its row's weak patterns.
func weakMatch(f firedSignal) bool {
	return f.def.WeakWeight != 0 && f.weight == f.def.WeakWeight && f.weight != f.def.Weight
}

// LearningExample is what the learned score sees of text: the normalised
// text (for the n-grams) and the named features. The trainer calls it so
// that training and checking featurise alike.
func LearningExample(text string) (normalized string, dense map[string]float64) {
	a := analyze(validUTF8(text))
	return string(a.nt.Runes), denseOf(a, a.signals())
}

// isLatinText: mostly Latin letters (English), which has thresholds of its own.
func isLatinText(latin, cjk int) bool { return latin > 2*cjk }

// cut is where a text's score becomes medium and high.
type cut struct{ medium, high, wording float64 }

// learnedScore is the calibrated probability that the analysed text is a
// scam, and the thresholds that apply to it. Without a usable model (a
// build without weights), it falls back to the lexicon's own weights
// (fallbackScore) so the check still works.
func learnedScore(a *analysis, fired []firedSignal) (float64, cut) {
	m, err := learned()
	if err != nil || m == nil {
		return fallbackScore(fired), cut{0.40, 0.75, 1.01}
	}
	d := denseOf(a, fired)
	t := m.ThresholdsFor(d["latin"] > 0)
	f := featurePool.Get().(*model.Features)
	defer featurePool.Put(f)
	m.Featurizer().Featurize(f, string(a.nt.Runes), d)
	wording := t.Wording
	if wording == 0 {
		wording = 1.01 // never
	}
	return m.Predict(f), cut{t.Medium, t.High, wording}
}

// fallbackScore is the hand-set sum of the lexicon's weights: used only
// when the embedded model cannot be read.
func fallbackScore(fired []firedSignal) float64 {
	var z float64
	for _, f := range fired {
		z += f.weight
	}
	return 1 / (1 + math.Exp(-1.2*(z-1.8)))
}

// Thresholds are the scores at which a verdict on a Chinese text becomes
// medium and high, chosen with the weights (see cmd/train). English texts
// have their own (Verdict.Floor gives the ones that applied).
func Thresholds() (medium, high float64) {
	if m, err := learned(); err == nil && m != nil {
		t := m.Thresholds()
		return t.Medium, t.High
	}
	return 0.40, 0.75
}

// wordingSignal is the reason shown when only the wording is suspicious:
// its evidence is the clause the model finds most scam-like.
func wordingSignal(a *analysis) Signal {
	sig := Signal{Code: "scam_wording", Weight: 0.5,
		LabelZH: "写法和已知的诈骗信息很像，请先核实", LabelEN: "Worded like known scam messages: verify first"}
	m, err := learned()
	if err != nil || m == nil || len(a.nt.Runes) == 0 {
		return sig
	}
	f := featurePool.Get().(*model.Features)
	defer featurePool.Put(f)
	best, bi, bj := math.Inf(-1), 0, 0
	r := a.nt.Runes
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && a.clause[j] == a.clause[i] {
			j++
		}
		if j-i >= 4 {
			m.Featurizer().Featurize(f, string(r[i:j]), nil)
			if z := m.Margin(f); z > best {
				best, bi, bj = z, i, j
			}
		}
		i = j
	}
	if bj > bi {
		sig.Evidence = a.nt.Evidence(bi, bj)
	}
	return sig
}
