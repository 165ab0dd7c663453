package norm

import (
	"math"
	"strings"
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
// the FAQ, the listings, the LLM client and the dialog.
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
