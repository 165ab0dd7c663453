package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Interval is a two-sided 95 % interval.
type Interval struct{ Lo, Hi float64 }

// Metrics are the figures reported for one set at given thresholds.
// Proportions carry Wilson score intervals; AUC and precision carry
// percentile intervals from a stratified bootstrap with a fixed seed. A
// figure that cannot be computed on the set (recall on a set without scams,
// AUC on a one-class set) is NaN and prints as "—".
type Metrics struct {
	Name     string
	N        int
	Pos, Neg int

	RecallMedium, FPRMedium Metric // at medium or high (score ≥ Medium)
	RecallHigh, FPRHigh     Metric // at high (score ≥ High)
	AUC                     Metric // Mann–Whitney, ties count one half

	Prevalence      float64 // the π used below
	PrecisionMedium Metric  // precision at π for medium+
	PrecisionHigh   Metric  // precision at π for high
}

// Metric is a point estimate with its 95 % interval.
type Metric struct {
	V  float64
	CI Interval
}

func (m Metric) String() string {
	if math.IsNaN(m.V) {
		return "—"
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f]", m.V, m.CI.Lo, m.CI.Hi)
}

// Wilson is the Wilson score interval for k successes out of n at 95 %.
func Wilson(k, n int) Interval {
	if n <= 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	fn := float64(n)
	den := 1 + z*z/fn
	c := (p + z*z/(2*fn)) / den
	h := z / den * math.Sqrt(p*(1-p)/fn+z*z/(4*fn*fn))
	return Interval{math.Max(0, c-h), math.Min(1, c+h)}
}

// AUC is the area under the ROC curve by the Mann–Whitney statistic: the
// probability that a random scam scores above a random legitimate text,
// ties counting one half. NaN without both classes.
func AUC(scores []float64, labels []int) float64 {
	var pos, neg []float64
	for i, s := range scores {
		if labels[i] == 1 {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	return aucSplit(pos, neg, nil)
}

// aucSplit computes the AUC of pos vs neg; buf is scratch.
func aucSplit(pos, neg []float64, buf []scored) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	buf = buf[:0]
	for _, s := range pos {
		buf = append(buf, scored{s, true})
	}
	for _, s := range neg {
		buf = append(buf, scored{s, false})
	}
	slices.SortFunc(buf, func(a, b scored) int {
		switch {
		case a.s < b.s:
			return -1
		case a.s > b.s:
			return 1
		}
		return 0
	})
	// Sum of ranks of positives, ties get the mean rank.
	var rankSum float64
	for i := 0; i < len(buf); {
		j := i
		for j < len(buf) && buf[j].s == buf[i].s {
			j++
		}
		mean := float64(i+1+j) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			if buf[k].pos {
				rankSum += mean
			}
		}
		i = j
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rankSum - np*(np+1)/2) / (np * nn)
}

type scored struct {
	s   float64
	pos bool
}

// Bootstrap settings for Evaluate.
const (
	BootstrapRounds = 1000
	BootstrapSeed   = 20240601
)

// Evaluate computes the metrics of scores (calibrated) against labels (1
// scam, else 0) at thresholds thr, with precision taken at thr.Prevalence
// (5 % when unset).
func Evaluate(name string, scores []float64, labels []int, thr Thresholds) Metrics {
	pi := thr.Prevalence
	if pi <= 0 || pi >= 1 {
		pi = 0.05
	}
	m := Metrics{Name: name, N: len(scores), Prevalence: pi}
	var pos, neg []float64
	for i, s := range scores {
		if labels[i] == 1 {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	m.Pos, m.Neg = len(pos), len(neg)
	count := func(xs []float64, t float64) int {
		c := 0
		for _, x := range xs {
			if x >= t {
				c++
			}
		}
		return c
	}
	prop := func(k, n int) Metric {
		if n == 0 {
			return Metric{V: math.NaN(), CI: Interval{math.NaN(), math.NaN()}}
		}
		return Metric{V: float64(k) / float64(n), CI: Wilson(k, n)}
	}
	tpM, fpM := count(pos, thr.Medium), count(neg, thr.Medium)
	tpH, fpH := count(pos, thr.High), count(neg, thr.High)
	m.RecallMedium, m.FPRMedium = prop(tpM, len(pos)), prop(fpM, len(neg))
	m.RecallHigh, m.FPRHigh = prop(tpH, len(pos)), prop(fpH, len(neg))
	buf := make([]scored, 0, len(scores))
	m.AUC.V = aucSplit(pos, neg, buf)
	precM, precH := math.NaN(), math.NaN()
	if len(pos) > 0 && len(neg) > 0 {
		precM = PrecisionAt(pi, m.RecallMedium.V, m.FPRMedium.V)
		precH = PrecisionAt(pi, m.RecallHigh.V, m.FPRHigh.V)
	}
	m.PrecisionMedium.V, m.PrecisionHigh.V = precM, precH
	nan := Interval{math.NaN(), math.NaN()}
	m.AUC.CI, m.PrecisionMedium.CI, m.PrecisionHigh.CI = nan, nan, nan
	if len(pos) == 0 || len(neg) == 0 {
		return m
	}
	// Stratified bootstrap: resample scams and legitimate texts separately
	// (prevalence is fixed by π, not by the sample).
	rng := newRand(BootstrapSeed)
	bp := make([]float64, len(pos))
	bn := make([]float64, len(neg))
	aucs := make([]float64, 0, BootstrapRounds)
	pMs := make([]float64, 0, BootstrapRounds)
	pHs := make([]float64, 0, BootstrapRounds)
	for r := 0; r < BootstrapRounds; r++ {
		for i := range bp {
			bp[i] = pos[rng.next()%uint64(len(pos))]
		}
		for i := range bn {
			bn[i] = neg[rng.next()%uint64(len(neg))]
		}
		aucs = append(aucs, aucSplit(bp, bn, buf))
		np, nn := float64(len(bp)), float64(len(bn))
		if v := PrecisionAt(pi, float64(count(bp, thr.Medium))/np, float64(count(bn, thr.Medium))/nn); !math.IsNaN(v) {
			pMs = append(pMs, v)
		}
		if v := PrecisionAt(pi, float64(count(bp, thr.High))/np, float64(count(bn, thr.High))/nn); !math.IsNaN(v) {
			pHs = append(pHs, v)
		}
	}
	m.AUC.CI = percentile(aucs)
	m.PrecisionMedium.CI = percentile(pMs)
	m.PrecisionHigh.CI = percentile(pHs)
	return m
}

// percentile returns the 2.5th and 97.5th percentiles (nearest rank).
func percentile(xs []float64) Interval {
	if len(xs) == 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	slices.Sort(xs)
	at := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(xs)))) - 1
		i = max(0, min(len(xs)-1, i))
		return xs[i]
	}
	return Interval{at(0.025), at(0.975)}
}

// FormatTable lays metrics out as a plain-text table, one set a row, every
// figure with its 95 % interval.
func FormatTable(ms ...Metrics) string {
	head := []string{"set", "n (scam/legit)", "recall medium+", "FPR medium+", "recall high", "FPR high", "AUC", "precision@π high", "precision@π medium+"}
	rows := [][]string{head}
	for _, m := range ms {
		rows = append(rows, []string{
			m.Name,
			fmt.Sprintf("%d (%d/%d)", m.N, m.Pos, m.Neg),
			m.RecallMedium.String(), m.FPRMedium.String(),
			m.RecallHigh.String(), m.FPRHigh.String(),
			m.AUC.String(),
			m.PrecisionHigh.String(), m.PrecisionMedium.String(),
		})
	}
	width := make([]int, len(head))
	for _, r := range rows {
		for j, c := range r {
			width[j] = max(width[j], len([]rune(c)))
		}
	}
	var b strings.Builder
	for i, r := range rows {
		for j, c := range r {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", width[j]-len([]rune(c))))
		}
		b.WriteString("\n")
		if i == 0 {
			for j := range head {
				if j > 0 {
					b.WriteString("-+-")
				}
				b.WriteString(strings.Repeat("-", width[j]))
			}
			b.WriteString("\n")
		}
	}
	if len(ms) > 0 {
		fmt.Fprintf(&b, "π = %.3g. Intervals: Wilson 95 %% for recall/FPR; stratified bootstrap (%d rounds, seed %d) for AUC and precision.\n",
			ms[0].Prevalence, BootstrapRounds, BootstrapSeed)
	}
	return b.String()
}
