package model

import (
	"math"
	"slices"
)

// Thresholds turn a calibrated score into a level: score ≥ High is "high",
// score ≥ Medium is "medium", anything lower is "low". The other fields
// record how they were chosen and what they achieved on the data they were
// chosen on (out-of-fold scores, never the hold-out set).
type Thresholds struct {
	Medium float64 `json:"medium"`
	High   float64 `json:"high"`
	// Wording is the score from which a text with no named red flag is
	// still medium on its wording alone (chosen by the caller; 0: never).
	Wording float64 `json:"wording,omitempty"`

	Prevalence      float64 `json:"prevalence"`       // assumed share of scams, e.g. 0.05
	TargetPrecision float64 `json:"target_precision"` // precision high must keep at Prevalence
	TargetFPR       float64 `json:"target_fpr"`       // largest false-positive rate for medium+

	// Achieved on the scores they were chosen from.
	HighTPR   float64 `json:"high_tpr"`
	HighFPR   float64 `json:"high_fpr"`
	MediumTPR float64 `json:"medium_tpr"`
	MediumFPR float64 `json:"medium_fpr"`
	HighMet   bool    `json:"high_met"` // false: no threshold met the precision target, High is the top score's ceiling
}

// Level names the level of a calibrated score.
func (t Thresholds) Level(score float64) string {
	switch {
	case score >= t.High:
		return "high"
	case score >= t.Medium:
		return "medium"
	}
	return "low"
}

// PrecisionAt is the precision a detector with true-positive rate tpr and
// false-positive rate fpr has when a share pi of the checked texts are
// scams: π·TPR / (π·TPR + (1−π)·FPR). NaN when nothing is flagged.
func PrecisionAt(pi, tpr, fpr float64) float64 {
	num := pi * tpr
	den := num + (1-pi)*fpr
	if den == 0 {
		return math.NaN()
	}
	return num / den
}

// ChooseThresholds picks the two thresholds from scores (calibrated,
// out-of-fold) and labels (1 scam, else 0).
//
// Method. Candidate thresholds are the distinct scores; a text is flagged
// at threshold t when its score ≥ t, giving TPR(t) on scams and FPR(t) on
// legitimate texts. Training sets over-sample scams, so precision is not read
// off the sample; it is recomputed for the stated prevalence π with
// PrecisionAt(π, TPR, FPR).
//
//   - High: the smallest t ≥ minHigh such that precision at π is ≥
//     highPrecision at t and at every larger candidate (so "high" is a
//     region where the target holds, not one lucky point), and at least one
//     scam is flagged. With no legitimate text above t the point estimate of
//     precision is 1; the recorded HighFPR says how thin that is. If no
//     candidate qualifies, High is set just above the top score (nothing is
//     "high" on this data) and HighMet is false.
//   - Medium: the smallest t ≥ minMedium with FPR(t) ≤ mediumFPR, capped at
//     High.
//
// Both are point estimates on out-of-fold scores; their intervals are what
// Evaluate reports on other sets.
func ChooseThresholds(scores []float64, labels []int, pi, highPrecision, mediumFPR, minMedium, minHigh float64) Thresholds {
	t := Thresholds{Prevalence: pi, TargetPrecision: highPrecision, TargetFPR: mediumFPR}
	var np, nn int
	for _, l := range labels {
		if l == 1 {
			np++
		} else {
			nn++
		}
	}
	// Rates at each candidate, computed by a sweep from the top.
	type pt struct {
		t, tpr, fpr float64
		tp          int
	}
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	pts := make([]pt, 0, len(scores)) // descending threshold
	var tp, fp int
	for k := 0; k < len(idx); {
		s := scores[idx[k]]
		for k < len(idx) && scores[idx[k]] == s {
			if labels[idx[k]] == 1 {
				tp++
			} else {
				fp++
			}
			k++
		}
		p := pt{t: s, tp: tp}
		if np > 0 {
			p.tpr = float64(tp) / float64(np)
		}
		if nn > 0 {
			p.fpr = float64(fp) / float64(nn)
		}
		pts = append(pts, p)
	}
	top := 1.0
	if len(pts) > 0 {
		top = math.Nextafter(pts[0].t, math.Inf(1))
	}
	t.High = math.Max(top, minHigh)
	// The very top of the ranking is too thin to judge precision on: a
	// single legitimate text there would push "high" to 1. Precision is
	// required from the point where minTop scams are above the threshold.
	minTop := max(20, np/20)
	okAbove := true
	for _, p := range pts { // descending
		prec := PrecisionAt(pi, p.tpr, p.fpr)
		good := !math.IsNaN(prec) && prec >= highPrecision && p.tpr > 0
		if !good && p.tp >= minTop {
			okAbove = false
		}
		if okAbove && p.t >= minHigh {
			t.High, t.HighTPR, t.HighFPR, t.HighMet = p.t, p.tpr, p.fpr, true
		}
	}
	t.Medium = t.High
	t.MediumTPR, t.MediumFPR = t.HighTPR, t.HighFPR
	for _, p := range pts {
		if p.t < minMedium || p.t > t.High {
			continue
		}
		if p.fpr <= mediumFPR {
			t.Medium, t.MediumTPR, t.MediumFPR = p.t, p.tpr, p.fpr
		}
	}
	return t
}
