package norm

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Traditional → simplified goes through OpenCC's own t2s dictionaries
// (github.com/longbridgeapp/opencc), not a hand table. The ~900-character
// table this replaces missed common characters of job ads (組 週 綜 諮 …:
// a traditional copy of an ordinary 550-character ad did not normalise
// like the simplified one), and OpenCC also converts by phrase (乾淨 → 干净,
// 乾隆 stays).
//
// OpenCC is too slow to run on every check (building it ≈ 2 ms and 1 MB;
// Convert ≈ 27 µs per 130 characters, against a budget of ≈ 100 µs for a
// whole check), and almost every text is already simplified. So:
//   - the converter is built once, on first need (sync.OnceValue: no
//     package-level mutable state);
//   - from it, once, the set of characters it changes is taken by converting
//     the CJK blocks character by character; the normaliser's fast path is a
//     bit test per CJK rune against that set;
//   - only a text holding such a character is run through the converter
//     (phrase-aware), and then rune for rune when the conversion keeps the
//     length, else character by character (the one-character results
//     computed with the set).
//
// BenchmarkNormalizeAd measures the two paths.

// t2sLo and t2sHi bound the CJK code points looked up: extension A and the
// unified ideographs. Compatibility ideographs reach the table after NFKC.
const (
	t2sLo = 0x3400
	t2sHi = 0x9fff
)

// maxT2SConvertRunes caps the text given to the phrase converter; beyond
// it the characters are converted one by one.
const maxT2SConvertRunes = 1 << 15

type t2sTable struct {
	cc    *opencc.OpenCC // nil if OpenCC could not be built (never with its embedded dictionaries)
	bits  [(t2sHi - t2sLo + 64) / 64]uint64
	chars map[rune]rune // one-character conversions
}

var t2s = sync.OnceValue(func() *t2sTable {
	t := &t2sTable{chars: map[rune]rune{}}
	cc, err := opencc.New("t2s")
	if err != nil {
		return t
	}
	t.cc = cc
	// One call: every character on a line of its own, so no phrase spans two.
	var b strings.Builder
	b.Grow((t2sHi - t2sLo + 1) * 4)
	for r := rune(t2sLo); r <= t2sHi; r++ {
		b.WriteRune(r)
		b.WriteByte('\n')
	}
	out, err := cc.Convert(b.String())
	if err != nil {
		return t
	}
	lines := strings.Split(out, "\n")
	if len(lines) != t2sHi-t2sLo+2 {
		return t
	}
	for i, l := range lines[:len(lines)-1] {
		r := rune(t2sLo + i)
		s, n := utf8.DecodeRuneInString(l)
		if n == len(l) && s != r && s != utf8.RuneError {
			t.chars[r] = s
			t.bits[(r-t2sLo)/64] |= 1 << ((r - t2sLo) % 64)
		}
	}
	return t
})

// changes reports whether OpenCC converts r.
func (t *t2sTable) changes(r rune) bool {
	return r >= t2sLo && r <= t2sHi && t.bits[(r-t2sLo)/64]&(1<<((r-t2sLo)%64)) != 0
}

// char converts one character.
func (t *t2sTable) char(r rune) rune {
	if s, ok := t.chars[r]; ok {
		r = s
	}
	return foldVariant(r)
}

// text converts the first maxRunes runes of src (all when maxRunes < 0) by
// phrase and returns the result rune for rune, or nil when the conversion
// changed the number of runes (the caller then converts by character).
func (t *t2sTable) text(src string, maxRunes int) []rune {
	if t.cc == nil {
		return nil
	}
	if maxRunes < 0 || maxRunes > maxT2SConvertRunes {
		maxRunes = maxT2SConvertRunes
	}
	n, end := 0, len(src)
	for i := range src {
		if n == maxRunes {
			end = i
			break
		}
		n++
	}
	out, err := t.cc.Convert(src[:end])
	if err != nil {
		return nil
	}
	rs := []rune(out)
	if len(rs) != n {
		return nil
	}
	return rs
}

// foldVariant folds variants written both ways in simplified text, after
// conversion: 帐户/账户.
func foldVariant(r rune) rune {
	if r == '帐' {
		return '账'
	}
	return r
}

// needed reports whether the first maxRunes runes of src (all when
// maxRunes < 0) hold a character OpenCC would change: the fast path.
func (t *t2sTable) needed(src string, maxRunes int) bool {
	n := 0
	for _, r := range src {
		if n == maxRunes {
			return false
		}
		n++
		if r >= t2sLo && r <= t2sHi && t.bits[(r-t2sLo)/64]&(1<<((r-t2sLo)%64)) != 0 {
			return true
		}
	}
	return false
}
