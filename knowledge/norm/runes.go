package norm

import (
	"math"
	"strings"
	"unicode/utf8"
)

func IsCJK(q rune) bool { return q >= 0x4e00 && q <= 0x9fff }

func Round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func IsEnglish(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "en") }

func HasCJK(q string) bool {
	for _, r := range q {
		if IsCJK(r) {
			return true
		}
	}
	return false
}

// Clip cuts s to at most n runes and, when it cut, appends more (say "…",
// or "" for nothing). It is the one string-cutting helper of the checker,
// the FAQ, the listings, the LLM client and the dialog (Shorten is Clip for
// labels). Only where a bound is in bytes (database values, raw input
// before it is decoded) is there a byte cut: store.ClipBytes.
func Clip(s string, n int, more string) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + more
		}
		i++
	}
	return s
}

// Shorten cuts s to at most n runes in all, the "…" it ends in when cut
// included, with no white space before the "…": a button label, a line of
// an answer.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(Clip(s, n-1, "")) + "…"
}
