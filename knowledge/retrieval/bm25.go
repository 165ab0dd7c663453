package retrieval

import "github.com/gongyou/gongyou/knowledge/norm"

const (
	K1 = 1.2
	B  = 0.75
	// MaxQueryTerms caps the distinct terms of one query.
	MaxQueryTerms = 4000
)

// TermKeys appends the index terms of normalised runes r: Chinese bigrams
// (a lone Chinese character as itself) and hashed Latin words of 2 to 24
// letters (numbers up to 6 digits), stop words left out.
func TermKeys(r []rune, out []uint64) []uint64 {
	n := len(r)
	for i := 0; i < n; {
		q := r[i]
		switch {
		case norm.IsCJK(q):
			j := i
			for j < n && norm.IsCJK(r[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, uint64(q))
			}
			for k := i; k+1 < j; k++ {
				out = append(out, uint64(r[k])<<32|uint64(r[k+1]))
			}
			i = j
		case norm.IsLatin(q) || norm.IsDigit(q):
			j := i
			for j < n && (norm.IsLatin(r[j]) || norm.IsDigit(r[j])) {
				j++
			}
			if j-i >= 2 && j-i <= 24 && !(norm.IsDigit(q) && j-i > 6) {
				w := r[i:j]
				if !StopWord(w) {
					h := uint64(14695981039346656037)
					for _, c := range w {
						h ^= uint64(c)
						h *= 1099511628211
					}
					out = append(out, h|1<<63)
				}
			}
			i = j
		default:
			i++
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
