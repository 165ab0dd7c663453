// Package model is the learned part of the scam check: a logistic regression
// over hashed text n-grams and the checker's named signals, calibrated on
// out-of-fold scores, with thresholds chosen for a stated precision at a
// stated prevalence, and the metrics used to report it honestly.
//
// Everything is pure Go, uses only the standard library and is
// deterministic: the same rows and options give the same weights file, byte
// for byte. train.go is a little over 500 lines: the learner, its folds
// and its calibration are one procedure.
//
// Typical use:
//
//	rows, _ := model.LoadJSONL("knowledge/scam/testdata/sets/train.jsonl")
//	// the caller normalises text and attaches its signals:
//	for i := range rows { rows[i].Text = norm(rows[i].Text); rows[i].Dense = signals(rows[i].Text) }
//	m, rep := model.Train(rows, model.DefaultOptions())
//	_ = m.Save(w)                              // embed the file with go:embed
//	m, _ = model.Load(bytes.NewReader(file))
//	var f model.Features
//	m.Featurizer().Featurize(&f, text, dense)  // f is reused across calls
//	p := m.Predict(&f)                         // calibrated probability
//	level := m.Thresholds().Level(p)           // "high" | "medium" | "low"
//	fmt.Print(model.FormatTable(model.Evaluate("holdout", scores, labels, m.Thresholds())))
package model

import (
	"math"
	"slices"
)

// Featurizer turns a text (already normalised by the caller: lower case,
// simplified characters, contacts canonical) and named dense features into a
// sparse vector in a hashed space of 2^Bits dimensions.
//
// Units are read left to right: each Han character is one unit; a run of
// letters (Latin or other alphabetic scripts) is one lower-cased word; a run
// of digits (with inner '.' or ',') is one unit whose identity is only its
// length class, so "298元" and "300元" share features while "138…" (11
// digits) differs from "3000"; the symbols @ $ ¥ % + are units of their own.
// Whitespace separates words but does not break n-grams; other punctuation
// and line breaks do. Within a segment the featurizer emits
//
//   - unigrams of every unit,
//   - bigrams of every adjacent pair (word bigrams for English, character
//     bigrams for Chinese, and mixed pairs such as "加"+"telegram"),
//   - trigrams when none of the three units is a Latin word (character
//     trigrams for Chinese, numbers included).
//
// Counts become 1+ln(count), the n-gram part is scaled to unit L2 norm, and
// each named dense feature ("sig:" + name) is added with value·DenseScale.
// Dense features live in the same hashed space; a model reports their
// weights by name (Model.SignalWeight).
type Featurizer struct {
	Bits       uint    // log2 of the dimension; 18 by default
	MaxCJK     int     // longest n-gram over Han/number units: 1..3
	MaxLatin   int     // longest n-gram over Latin words: 1..2
	DenseScale float64 // multiplier for dense features; 1 by default
	MaxRunes   int     // only the first MaxRunes runes are read (0: 4000)
}

// DefaultFeaturizer is the configuration models are trained with unless the
// options say otherwise.
func DefaultFeaturizer() Featurizer {
	return Featurizer{Bits: 18, MaxCJK: 3, MaxLatin: 2, DenseScale: 1, MaxRunes: 4000}
}

// Dim is the dimension of the hashed space.
func (fz Featurizer) Dim() int { return 1 << fz.Bits }

// Features is one featurised text: parallel index and value slices, the
// n-grams in the order they first occur, then the named features in name
// order (deterministic for a text and a set of names).
// Reuse one Features per goroutine; Featurize overwrites it without
// allocating once its buffers have grown.
type Features struct {
	Idx []uint32
	Val []float32

	raw   []uint32 // hashed n-gram indices before counting
	units []unit
	slot  []int32  // counting table: position+1 in Idx of an index, 0 empty
	names []string // the dense features' names, sorted
}

// Reset empties f, keeping its buffers.
func (f *Features) Reset() {
	f.Idx, f.Val, f.raw, f.units = f.Idx[:0], f.Val[:0], f.raw[:0], f.units[:0]
}

// Len is the number of stored (index, value) pairs.
func (f *Features) Len() int { return len(f.Idx) }

type unitKind uint8

const (
	kindHan unitKind = iota + 1
	kindWord
	kindNum
	kindSym
	kindBreak // segment boundary marker
)

type unit struct {
	h    uint64
	kind unitKind
}

// mix64 is the splitmix64 finaliser: a fast, well-spread hash of a word.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x2FFFF)
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	// Latin-1 supplement and Latin extended letters, Greek, Cyrillic.
	return (r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7) || (r >= 0x370 && r <= 0x4FF)
}

func lowerRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 32
	}
	if r >= 0xC0 && r <= 0xDE && r != 0xD7 {
		return r + 32
	}
	return r
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == 0x3000 || r == 0xA0
}

func symUnit(r rune) bool {
	switch r {
	case '@', '$', '¥', '￥', '%', '+', '€', '£':
		return true
	}
	return false
}

// numClass buckets a digit count.
func numClass(n int) uint64 {
	switch {
	case n <= 4:
		return uint64(n)
	case n <= 6:
		return 5
	case n <= 8:
		return 6
	case n <= 10:
		return 7
	case n == 11:
		return 8 // a mainland mobile number
	default:
		return 9
	}
}

// tokenize fills f.units.
func (fz *Featurizer) tokenize(f *Features, text string) {
	maxRunes := fz.MaxRunes
	if maxRunes <= 0 {
		maxRunes = 4000
	}
	var (
		inWord  bool
		wordH   uint64
		inNum   bool
		digits  int
		pendDot bool // a '.' or ',' right after digits, kept if a digit follows
	)
	flushWord := func() {
		if inWord {
			f.units = append(f.units, unit{h: mix64(wordH ^ 0x5157), kind: kindWord})
			inWord = false
		}
	}
	flushNum := func() {
		if inNum {
			f.units = append(f.units, unit{h: mix64(numClass(digits)<<8 | 0x4e), kind: kindNum})
			inNum = false
			digits = 0
		}
		pendDot = false
	}
	brk := func() {
		if n := len(f.units); n > 0 && f.units[n-1].kind != kindBreak {
			f.units = append(f.units, unit{kind: kindBreak})
		}
	}
	count := 0
	for _, r := range text {
		count++
		if count > maxRunes {
			break
		}
		switch {
		case r >= '0' && r <= '9':
			flushWord()
			if !inNum {
				inNum = true
				digits = 0
			}
			if pendDot {
				pendDot = false
			}
			digits++
		case inNum && (r == '.' || r == ',') && !pendDot:
			pendDot = true
		case isLetter(r):
			if inNum {
				flushNum()
			}
			if !inWord {
				inWord = true
				wordH = fnvOffset
			}
			lr := lowerRune(r)
			for lr > 0 {
				wordH ^= uint64(lr & 0xFF)
				wordH *= fnvPrime
				lr >>= 8
			}
		case isHan(r):
			flushWord()
			flushNum()
			f.units = append(f.units, unit{h: mix64(uint64(r) | 1<<40), kind: kindHan})
		case symUnit(r):
			flushWord()
			flushNum()
			if r == '￥' {
				r = '¥'
			}
			f.units = append(f.units, unit{h: mix64(uint64(r) | 3<<40), kind: kindSym})
		case isSpace(r):
			flushWord()
			flushNum()
		default:
			flushWord()
			flushNum()
			brk()
		}
	}
	flushWord()
	flushNum()
}

// Featurize writes the features of text and dense into f. dense may be nil.
func (fz *Featurizer) Featurize(f *Features, text string, dense map[string]float64) {
	f.Reset()
	fz.tokenize(f, text)
	shift := 64 - fz.Bits
	maxC, maxL := fz.MaxCJK, fz.MaxLatin
	u := f.units
	for i := range u {
		k0 := u[i].kind
		if k0 == kindBreak {
			continue
		}
		// unigram
		f.raw = append(f.raw, uint32(mix64(u[i].h^0x1111)>>shift))
		if i < 1 || u[i-1].kind == kindBreak {
			continue
		}
		k1 := u[i-1].kind
		latin := k0 == kindWord || k1 == kindWord
		if (latin && maxL >= 2) || (!latin && maxC >= 2) {
			h := mix64(u[i-1].h*0x9E3779B97F4A7C15 ^ u[i].h ^ 0x2222)
			f.raw = append(f.raw, uint32(h>>shift))
		}
		if i < 2 || u[i-2].kind == kindBreak || maxC < 3 {
			continue
		}
		if latin || u[i-2].kind == kindWord {
			continue
		}
		h := mix64((u[i-2].h*0x9E3779B97F4A7C15^u[i-1].h)*0xC2B2AE3D27D4EB4F ^ u[i].h ^ 0x3333)
		f.raw = append(f.raw, uint32(h>>shift))
	}
	// Count each distinct index in a small open-addressing table (cheaper
	// than sorting the ~3 per character n-grams); indices keep the order of
	// their first occurrence, which depends only on the text.
	size := 16
	for size < 2*len(f.raw) {
		size <<= 1
	}
	if cap(f.slot) < size {
		f.slot = make([]int32, size)
	}
	f.slot = f.slot[:size]
	clear(f.slot)
	mask := uint32(size - 1)
	for _, h := range f.raw {
		i := (h * 0x9E3779B1) & mask
		for {
			p := f.slot[i]
			if p == 0 {
				f.Idx = append(f.Idx, h)
				f.Val = append(f.Val, 1)
				f.slot[i] = int32(len(f.Idx))
				break
			}
			if f.Idx[p-1] == h {
				f.Val[p-1]++
				break
			}
			i = (i + 1) & mask
		}
	}
	var norm float64
	for j, c := range f.Val {
		v := float32(1)
		if c > 1 {
			v = float32(1 + math.Log(float64(c)))
		}
		f.Val[j] = v
		norm += float64(v) * float64(v)
	}
	if norm > 0 {
		s := float32(1 / math.Sqrt(norm))
		for j := range f.Val {
			f.Val[j] *= s
		}
	}
	if len(dense) == 0 {
		return
	}
	scale := fz.DenseScale
	if scale == 0 {
		scale = 1
	}
	names := f.names[:0]
	for name, v := range dense {
		if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		names = append(names, name)
	}
	// Name order, not map order: the sums run in one order every time.
	slices.Sort(names)
	f.names = names
	for _, name := range names {
		f.Idx = append(f.Idx, fz.DenseIndex(name))
		f.Val = append(f.Val, float32(dense[name]*scale))
	}
}

// DenseIndex is where the dense feature named name lives in the hashed space.
func (fz *Featurizer) DenseIndex(name string) uint32 {
	h := uint64(fnvOffset)
	const prefix = "sig:"
	for i := 0; i < len(prefix); i++ {
		h ^= uint64(prefix[i])
		h *= fnvPrime
	}
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= fnvPrime
	}
	return uint32(mix64(h^0x4444) >> (64 - fz.Bits))
}
