package retrieval

import (
	"iter"

	"github.com/gongyou/gongyou/knowledge/norm"
)

const (
	K1 = 1.2
	B  = 0.75
	// MaxQueryTerms caps the distinct terms of one query.
	MaxQueryTerms = 4000
)

// Runs yields the runs of text in normalised runes r that index terms are
// made of: a run of Chinese characters (cjk true), or of Latin letters and
// digits (cjk false; with apostrophes between letters, "don't", when
// apostrophes is set). Everything else separates runs.
func Runs(r []rune, apostrophes bool) iter.Seq2[[]rune, bool] {
	return func(yield func([]rune, bool) bool) {
		n := len(r)
		for i := 0; i < n; {
			q := r[i]
			j := i + 1
			switch {
			case norm.IsCJK(q):
				for j < n && norm.IsCJK(r[j]) {
					j++
				}
				if !yield(r[i:j], true) {
					return
				}
			case norm.IsLatin(q) || norm.IsDigit(q):
				for j < n && (norm.IsLatin(r[j]) || norm.IsDigit(r[j]) ||
					(apostrophes && r[j] == '\'' && j+1 < n && norm.IsLatin(r[j+1]))) {
					j++
				}
				if !yield(r[i:j], false) {
					return
				}
			}
			i = j
		}
	}
}

// TermKeys appends the index terms of normalised runes r: Chinese bigrams
// (a lone Chinese character as itself) and hashed Latin words of 2 to 24
// letters (numbers up to 6 digits), stop words left out.
func TermKeys(r []rune, out []uint64) []uint64 {
	for w, cjk := range Runs(r, false) {
		switch {
		case cjk:
			if len(w) == 1 {
				out = append(out, uint64(w[0]))
			}
			for k := 0; k+1 < len(w); k++ {
				out = append(out, uint64(w[k])<<32|uint64(w[k+1]))
			}
		case len(w) >= 2 && len(w) <= 24 && !(norm.IsDigit(w[0]) && len(w) > 6) && !StopWord(w):
			h := uint64(14695981039346656037)
			for _, c := range w {
				h ^= uint64(c)
				h *= 1099511628211
			}
			out = append(out, h|1<<63)
		}
	}
	return out
}

var EnStop = map[string]bool{"the": true, "a": true, "an": true, "and": true, "or": true, "to": true, "of": true,
	"in": true, "on": true, "for": true, "is": true, "it": true, "was": true, "be": true, "as": true, "at": true,
	"by": true, "he": true, "she": true, "they": true, "you": true, "his": true, "her": true, "with": true, "that": true,
	"this": true, "then": true, "but": true, "not": true, "from": true, "had": true, "have": true, "were": true}

func StopWord(w []rune) bool {
	if len(w) > 5 {
		return false
	}
	return EnStop[string(w)]
}
