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
