package model

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Example is one labelled text. Text should already be normalised the way the
// checker normalises what it checks; Dense carries the checker's named
// signals for that text (e.g. {"upfront_fee": 1, "legit_contract": 1}).
type Example struct {
	ID     string             `json:"id"`
	Lang   string             `json:"lang,omitempty"` // zh | en
	Label  int                `json:"label"`          // 1 scam, 0 legitimate
	Kind   string             `json:"kind,omitempty"` // what sort of text (see testdata/sets/README.md)
	Text   string             `json:"text"`
	Source string             `json:"-"` // file the row came from
	Weight float64            `json:"-"` // per-row weight (0 means 1)
	Dense  map[string]float64 `json:"-"` // named dense features
}

// Provenance names one body of data a model was fit on.
type Provenance struct {
	Name   string `json:"name"`             // e.g. "testdata/sets/train.jsonl"
	Rows   int    `json:"rows"`             // rows used
	Pos    int    `json:"pos"`              // of which scams
	Source string `json:"source,omitempty"` // who wrote it / where it comes from
	Terms  string `json:"terms,omitempty"`  // licence or terms of use
}

// Options control training. The zero value of a field means its default.
type Options struct {
	Featurizer Featurizer
	Lambda     float64 // L2 strength on the mean weighted log-loss; default 1e-4
	MaxIter    int     // L-BFGS iterations; default 300
	Tol        float64 // stop when the gradient's max-norm falls below; default 1e-6
	Memory     int     // L-BFGS history; default 10
	Folds      int     // cross-validation folds for calibration and thresholds; default 5
	Seed       uint64  // fold assignment seed; default 1
	// Balanced weights each class so both carry the same total weight.
	// Default true (set Unbalanced to turn it off).
	Unbalanced bool
	PruneBelow float64 // weights with |w| below this are dropped when saving; default 1e-6

	Prevalence    float64 // assumed share of scams among checked texts; default 0.05
	HighPrecision float64 // precision "high" must keep at Prevalence; default 0.95
	MediumFPR     float64 // largest false-positive rate for "medium" on legit; default 0.03
	MinHigh       float64 // floor for the high threshold; default 0.5
	MinMedium     float64 // floor for the medium threshold; default 0.2

	Provenance []Provenance // recorded in the weights file
	Note       string       // free text recorded in the weights file
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	var o Options
	o.fill()
	return o
}

func (o *Options) fill() {
	if o.Featurizer.Bits == 0 {
		o.Featurizer = DefaultFeaturizer()
	}
	if o.Featurizer.Bits < 8 || o.Featurizer.Bits > 26 {
		o.Featurizer.Bits = 18
	}
	if o.Featurizer.MaxCJK == 0 {
		o.Featurizer.MaxCJK = 3
	}
	if o.Featurizer.MaxLatin == 0 {
		o.Featurizer.MaxLatin = 2
	}
	if o.Featurizer.DenseScale == 0 {
		o.Featurizer.DenseScale = 1
	}
	if o.Featurizer.MaxRunes == 0 {
		o.Featurizer.MaxRunes = 4000
	}
	if o.Lambda == 0 {
		o.Lambda = 1e-4
	}
	if o.MaxIter == 0 {
		o.MaxIter = 300
	}
	if o.Tol == 0 {
		o.Tol = 1e-6
	}
	if o.Memory == 0 {
		o.Memory = 10
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.PruneBelow == 0 {
		o.PruneBelow = 1e-6
	}
	if o.Prevalence == 0 {
		o.Prevalence = 0.05
	}
	if o.HighPrecision == 0 {
		o.HighPrecision = 0.95
	}
	if o.MediumFPR == 0 {
		o.MediumFPR = 0.03
	}
	if o.MinHigh == 0 {
		o.MinHigh = 0.5
	}
	if o.MinMedium == 0 {
		o.MinMedium = 0.2
	}
}

// Report describes a training run.
type Report struct {
	Rows, Pos, Neg int
	Columns        int           // distinct hashed features seen in training
	NonZero        int           // weights kept in the model
	Iterations     int           // L-BFGS iterations of the final fit
	Loss           float64       // final objective of the final fit
	Platt          [2]float64    // calibration A, B
	OOF            []float64     // calibrated out-of-fold score per row, in input order
	Labels         []int         // labels in input order
	CV             Metrics       // out-of-fold metrics at the chosen thresholds
	Thresholds     Thresholds    // as stored in the model
	Duration       time.Duration // wall time of the whole run
}

// String is a short human summary.
func (r Report) String() string {
	return fmt.Sprintf("rows %d (%d scam, %d legit), %d features, %d weights kept, %d iterations, loss %.4f, Platt A=%.3f B=%.3f, thresholds medium %.3f high %.3f, %v",
		r.Rows, r.Pos, r.Neg, r.Columns, r.NonZero, r.Iterations, r.Loss, r.Platt[0], r.Platt[1],
		r.Thresholds.Medium, r.Thresholds.High, r.Duration.Round(time.Millisecond))
}

// matrix is the training data in compressed sparse rows over compact columns.
type matrix struct {
	ptr []int
	col []int32
	val []float32
	y   []float64 // +1 / -1
	c   []float64 // row weight (class and row weights)
	n   int       // columns
}

// Train fits an L2-regularised logistic regression on rows, calibrates it
// with Platt scaling on out-of-fold scores from Options.Folds-fold
// stratified cross-validation, and chooses the thresholds from the same
// out-of-fold scores (see ChooseThresholds).
//
// Training is deterministic: features are sorted, folds come from a seeded
// permutation, and the optimiser (L-BFGS on the full batch with an Armijo
// backtracking line search) visits rows in input order. Labels other than 1
// count as 0.
func Train(rows []Example, opts Options) (*Model, Report) {
	start := time.Now()
	opts.fill()
	fz := opts.Featurizer
	var rep Report
	rep.Rows = len(rows)

	// Featurise once.
	var f Features
	feats := make([][]uint32, len(rows))
	vals := make([][]float32, len(rows))
	labels := make([]int, len(rows))
	for i, r := range rows {
		fz.Featurize(&f, r.Text, r.Dense)
		feats[i] = slices.Clone(f.Idx)
		vals[i] = slices.Clone(f.Val)
		if r.Label == 1 {
			labels[i] = 1
			rep.Pos++
		} else {
			rep.Neg++
		}
	}
	rep.Labels = labels

	// Compact columns in hashed-index order.
	var all []uint32
	for _, ix := range feats {
		all = append(all, ix...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	rep.Columns = len(all)
	colOf := make(map[uint32]int32, len(all))
	for j, h := range all {
		colOf[h] = int32(j)
	}

	build := func(idx []int) *matrix {
		m := &matrix{n: len(all), ptr: make([]int, 1, len(idx)+1)}
		var np, nn float64
		for _, i := range idx {
			w := rows[i].Weight
			if w <= 0 {
				w = 1
			}
			if labels[i] == 1 {
				np += w
			} else {
				nn += w
			}
		}
		cp, cn := 1.0, 1.0
		if !opts.Unbalanced && np > 0 && nn > 0 {
			cp, cn = (np+nn)/(2*np), (np+nn)/(2*nn)
		}
		for _, i := range idx {
			for k, h := range feats[i] {
				m.col = append(m.col, colOf[h])
				m.val = append(m.val, vals[i][k])
			}
			m.ptr = append(m.ptr, len(m.col))
			w := rows[i].Weight
			if w <= 0 {
				w = 1
			}
			if labels[i] == 1 {
				m.y = append(m.y, 1)
				m.c = append(m.c, w*cp)
			} else {
				m.y = append(m.y, -1)
				m.c = append(m.c, w*cn)
			}
		}
		return m
	}

	// Out-of-fold margins.
	oof := make([]float64, len(rows))
	folds := stratifiedFolds(labels, opts.Folds, opts.Seed)
	if opts.Folds >= 2 && rep.Pos >= opts.Folds && rep.Neg >= opts.Folds {
		for k := 0; k < opts.Folds; k++ {
			var trainIdx, testIdx []int
			for i, fk := range folds {
				if fk == k {
					testIdx = append(testIdx, i)
				} else {
					trainIdx = append(trainIdx, i)
				}
			}
			w, b, _, _ := fit(build(trainIdx), opts)
			for _, i := range testIdx {
				z := b
				for q, h := range feats[i] {
					z += w[colOf[h]] * float64(vals[i][q])
				}
				oof[i] = z
			}
		}
	}

	allIdx := make([]int, len(rows))
	for i := range allIdx {
		allIdx[i] = i
	}
	w, b, iters, loss := fit(build(allIdx), opts)
	rep.Iterations, rep.Loss = iters, loss

	a, bb := FitPlatt(oof, labels)
	rep.Platt = [2]float64{a, bb}
	cal := make([]float64, len(oof))
	for i, z := range oof {
		cal[i] = sigmoid(a*z + bb)
	}
	rep.OOF = cal
	thr := ChooseThresholds(cal, labels, opts.Prevalence, opts.HighPrecision, opts.MediumFPR, opts.MinMedium, opts.MinHigh)
	rep.Thresholds = thr
	rep.CV = Evaluate("cross-validation (out of fold)", cal, labels, thr)

	m := &Model{
		fz:      fz,
		w:       make([]float32, fz.Dim()),
		bias:    float32(b),
		plattA:  a,
		plattB:  bb,
		thr:     thr,
		meta:    Meta{Format: FileFormat, Version: FileVersion, Bits: fz.Bits, MaxCJK: fz.MaxCJK, MaxLatin: fz.MaxLatin, DenseScale: fz.DenseScale, MaxRunes: fz.MaxRunes, Lambda: opts.Lambda, Folds: opts.Folds, Seed: opts.Seed, Rows: rep.Rows, Pos: rep.Pos, Neg: rep.Neg, BaseRate: float64(rep.Pos) / math.Max(1, float64(rep.Rows)), Provenance: opts.Provenance, Note: opts.Note},
		pruneLt: opts.PruneBelow,
	}
	for j, h := range all {
		if math.Abs(w[j]) >= opts.PruneBelow {
			m.w[h] += float32(w[j])
			rep.NonZero++
		}
	}
	rep.Duration = time.Since(start)
	return m, rep
}

// stratifiedFolds assigns each row a fold in [0,k): rows of each label are
// permuted with a seeded generator and dealt round-robin.
func stratifiedFolds(labels []int, k int, seed uint64) []int {
	out := make([]int, len(labels))
	if k < 2 {
		return out
	}
	rng := newRand(seed)
	for _, lab := range []int{0, 1} {
		var idx []int
		for i, l := range labels {
			if l == lab {
				idx = append(idx, i)
			}
		}
		for i := len(idx) - 1; i > 0; i-- {
			j := int(rng.next() % uint64(i+1))
			idx[i], idx[j] = idx[j], idx[i]
		}
		for p, i := range idx {
			out[i] = p % k
		}
	}
	return out
}

// splitmix is a tiny deterministic generator (stable across Go releases).
type splitmix struct{ s uint64 }

func newRand(seed uint64) *splitmix { return &splitmix{s: seed} }

func (r *splitmix) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	return mix64(r.s)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// log1pexp is log(1+e^z) without overflow.
func log1pexp(z float64) float64 {
	if z > 35 {
		return z
	}
	if z < -35 {
		return math.Exp(z)
	}
	return math.Log1p(math.Exp(z))
}

// objective returns f(x) and writes its gradient into g. x holds the column
// weights followed by the bias. f is the weighted mean log-loss plus
// λ/2·|w|² (the bias is not penalised).
func (m *matrix) objective(x, g []float64, lambda float64) float64 {
	n := m.n
	clear(g)
	var loss, wsum float64
	for i := 0; i+1 < len(m.ptr); i++ {
		z := x[n]
		for k := m.ptr[i]; k < m.ptr[i+1]; k++ {
			z += x[m.col[k]] * float64(m.val[k])
		}
		yz := m.y[i] * z
		loss += m.c[i] * log1pexp(-yz)
		wsum += m.c[i]
		d := -m.c[i] * m.y[i] * sigmoid(-yz)
		for k := m.ptr[i]; k < m.ptr[i+1]; k++ {
			g[m.col[k]] += d * float64(m.val[k])
		}
		g[n] += d
	}
	if wsum == 0 {
		wsum = 1
	}
	inv := 1 / wsum
	var reg float64
	for j := 0; j < n; j++ {
		g[j] = g[j]*inv + lambda*x[j]
		reg += x[j] * x[j]
	}
	g[n] *= inv
	return loss*inv + lambda/2*reg
}

// fit minimises the objective with L-BFGS and returns the column weights,
// the bias, the iterations used and the final objective.
func fit(m *matrix, o Options) ([]float64, float64, int, float64) {
	dim := m.n + 1
	x := make([]float64, dim)
	g := make([]float64, dim)
	fx := m.objective(x, g, o.Lambda)
	mem := o.Memory
	S := make([][]float64, 0, mem)
	Y := make([][]float64, 0, mem)
	rho := make([]float64, 0, mem)
	alpha := make([]float64, mem)
	d := make([]float64, dim)
	xn := make([]float64, dim)
	gn := make([]float64, dim)
	iter := 0
	for ; iter < o.MaxIter; iter++ {
		if maxAbs(g) < o.Tol {
			break
		}
		// Two-loop recursion: d = -H·g.
		copy(d, g)
		for k := len(S) - 1; k >= 0; k-- {
			alpha[k] = rho[k] * dot(S[k], d)
			axpy(-alpha[k], Y[k], d)
		}
		gamma := 1.0
		if k := len(S) - 1; k >= 0 {
			gamma = dot(S[k], Y[k]) / dot(Y[k], Y[k])
		} else {
			gamma = 1 / math.Max(1, math.Sqrt(dot(g, g)))
		}
		for j := range d {
			d[j] *= gamma
		}
		for k := 0; k < len(S); k++ {
			beta := rho[k] * dot(Y[k], d)
			axpy(alpha[k]-beta, S[k], d)
		}
		for j := range d {
			d[j] = -d[j]
		}
		gd := dot(g, d)
		if gd >= 0 { // not a descent direction: restart from steepest descent
			S, Y, rho = S[:0], Y[:0], rho[:0]
			for j := range d {
				d[j] = -g[j]
			}
			gd = dot(g, d)
		}
		// Armijo backtracking.
		step := 1.0
		var fn float64
		ok := false
		for ls := 0; ls < 40; ls++ {
			for j := range xn {
				xn[j] = x[j] + step*d[j]
			}
			fn = m.objective(xn, gn, o.Lambda)
			if fn <= fx+1e-4*step*gd {
				ok = true
				break
			}
			step *= 0.5
		}
		if !ok {
			break
		}
		// Update history.
		var s, y []float64
		if len(S) == mem {
			s, y = S[0], Y[0]
			S, Y, rho = S[1:], Y[1:], rho[1:]
		} else {
			s, y = make([]float64, dim), make([]float64, dim)
		}
		for j := range s {
			s[j] = xn[j] - x[j]
			y[j] = gn[j] - g[j]
		}
		if sy := dot(s, y); sy > 1e-12 {
			S, Y, rho = append(S, s), append(Y, y), append(rho, 1/sy)
		}
		x, xn = xn, x
		g, gn = gn, g
		rel := (fx - fn) / math.Max(1, math.Abs(fx))
		fx = fn
		if rel < 1e-10 {
			iter++
			break
		}
	}
	return x[:m.n], x[m.n], iter, fx
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func maxAbs(a []float64) float64 {
	var m float64
	for _, v := range a {
		if v < 0 {
			v = -v
		}
		if v > m {
			m = v
		}
	}
	return m
}
