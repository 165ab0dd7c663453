package model

import (
	"math"
	"slices"
)

// FitPlatt fits p = σ(A·z + B) to margins z and labels (1 scam, else 0) by
// Platt's method with his smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2), using
// Newton's method with backtracking (Lin, Lin & Weng 2007). The margins
// should be out of fold, so that the map reflects how the model scores text
// it has not seen.
//
// The result is a probability at the class balance of the calibration data
// (Model.Meta().BaseRate); PriorShift moves it to another prevalence. A is
// clamped to be ≥ 0, so calibration never reverses the ranking; with fewer
// than one example of each class it returns the identity-like map (1, 0).
func FitPlatt(z []float64, labels []int) (a, b float64) {
	var np, nn float64
	for _, l := range labels {
		if l == 1 {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return 1, 0
	}
	hi, lo := (np+1)/(np+2), 1/(nn+2)
	t := make([]float64, len(z))
	for i, l := range labels {
		if l == 1 {
			t[i] = hi
		} else {
			t[i] = lo
		}
	}
	a, b = 0, math.Log((nn+1)/(np+1))
	const sigma = 1e-12
	fval := func(a, b float64) float64 {
		var f float64
		for i, zi := range z {
			fApB := zi*a + b
			// -[t log p + (1-t) log(1-p)] with p = σ(-fApB) in Platt's sign
			// convention; here p = σ(a z + b), so use it directly.
			f += t[i]*log1pexp(-fApB) + (1-t[i])*log1pexp(fApB)
		}
		return f
	}
	f := fval(a, b)
	for it := 0; it < 100; it++ {
		var h11, h22, h21, g1, g2 float64
		h11, h22 = sigma, sigma
		for i, zi := range z {
			p := sigmoid(zi*a + b)
			d2 := p * (1 - p)
			h11 += zi * zi * d2
			h22 += d2
			h21 += zi * d2
			d1 := p - t[i]
			g1 += zi * d1
			g2 += d1
		}
		if math.Abs(g1) < 1e-9 && math.Abs(g2) < 1e-9 {
			break
		}
		det := h11*h22 - h21*h21
		da := -(h22*g1 - h21*g2) / det
		db := -(-h21*g1 + h11*g2) / det
		gd := g1*da + g2*db
		step := 1.0
		moved := false
		for step >= 1e-10 {
			na, nb := a+step*da, b+step*db
			nf := fval(na, nb)
			if nf < f+1e-4*step*gd {
				a, b, f = na, nb, nf
				moved = true
				break
			}
			step /= 2
		}
		if !moved {
			break
		}
	}
	if a < 0 || math.IsNaN(a) || math.IsNaN(b) {
		return 0, math.Log(np / nn)
	}
	return a, b
}

// PriorShift converts a probability p that was calibrated at base rate from
// into the probability at base rate to (Bayes' rule on the odds).
func PriorShift(p, from, to float64) float64 {
	if p <= 0 || p >= 1 || from <= 0 || from >= 1 || to <= 0 || to >= 1 {
		return p
	}
	lo := math.Log(p/(1-p)) - math.Log(from/(1-from)) + math.Log(to/(1-to))
	return sigmoid(lo)
}

// Isotonic is a non-decreasing step map from score to probability fitted by
// pool-adjacent-violators; an alternative to Platt when there is plenty of
// out-of-fold data. X are the upper ends of the blocks, Y their means.
type Isotonic struct {
	X, Y []float64
}

// FitIsotonic fits an isotonic regression of labels on scores.
func FitIsotonic(scores []float64, labels []int) Isotonic {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case scores[a] < scores[b]:
			return -1
		case scores[a] > scores[b]:
			return 1
		}
		return 0
	})
	type block struct{ sum, n, hi float64 }
	var st []block
	for _, i := range idx {
		y := 0.0
		if labels[i] == 1 {
			y = 1
		}
		nb := block{y, 1, scores[i]}
		// tie: merge into the last block
		if k := len(st) - 1; k >= 0 && st[k].hi == scores[i] {
			st[k].sum += y
			st[k].n++
			nb = st[k]
			st = st[:k]
		}
		for len(st) > 0 && st[len(st)-1].sum/st[len(st)-1].n >= nb.sum/nb.n {
			p := st[len(st)-1]
			st = st[:len(st)-1]
			nb = block{p.sum + nb.sum, p.n + nb.n, nb.hi}
		}
		st = append(st, nb)
	}
	var iso Isotonic
	for _, b := range st {
		iso.X = append(iso.X, b.hi)
		iso.Y = append(iso.Y, b.sum/b.n)
	}
	return iso
}

// Apply maps a score to a probability: the value of the first block whose
// upper end is ≥ s (the last block beyond the data).
func (iso Isotonic) Apply(s float64) float64 {
	if len(iso.X) == 0 {
		return s
	}
	i, _ := slices.BinarySearch(iso.X, s)
	if i >= len(iso.Y) {
		i = len(iso.Y) - 1
	}
	return iso.Y[i]
}
