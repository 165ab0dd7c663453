package scam

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/retrieval"
)

// Retrieval of similar case studies: BM25 (the shared core,
// knowledge/retrieval) over character bigrams of Chinese (no word segmenter
// needed) and whole words of Latin text, on the normalised title (counted
// twice), story and red flags of every case, Chinese and English.
//
// The raw BM25 score s(q,d) is normalised to [0,1] by the smaller of the two
// self-scores, s(q,q) and s(d,d): 1 means one text is contained in the
// other, 0 means no shared terms.

// Type preference in ranking: a case of the strongest red flag's type
// counts preferFirst more, one of another red flag's type preferOther more.
var preferFirst, preferOther = 0.5, 0.2

type caseEntry struct {
	id, typ              string
	titleZH, titleEN     string
	summaryZH, summaryEN string
}

type caseIndex struct {
	cases []caseEntry
	bm    *retrieval.Index[uint64]
	pool  sync.Pool // *queryScratch
}

type queryScratch struct {
	keys []uint64
	ids  []int32
}

// firstSentence returns the story's first sentence; a sentence end inside
// quotation marks (“…。” or "…!") does not count, so the summary never ends
// with an open quote.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	depth, ascii := 0, false
	for i, q := range s {
		switch q {
		case '“', '「', '『':
			depth++
		case '”', '」', '』':
			if depth > 0 {
				depth--
			}
			if depth == 0 && !ascii && i > 0 && strings.ContainsRune("。！？", prevRune(s[:i])) {
				return s[:i+len(string(q))]
			}
		case '"':
			ascii = !ascii
		case '。', '！', '？', '!', '?':
			if depth == 0 && !ascii {
				return s[:i+len(string(q))]
			}
		case '.':
			if depth == 0 && !ascii && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
				return s[:i+1]
			}
		}
	}
	return s
}

func prevRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func newCaseIndex(cases []Case) *caseIndex {
	ix := &caseIndex{}
	b := retrieval.NewBuilder[uint64]()
	var keys []uint64
	field := func(text string, w float32) {
		nt := norm.NormalizeText(strings.ToValidUTF8(text, "\uFFFD"), maxCheckRunes)
		keys = retrieval.TermKeys(nt.Runes, keys[:0])
		b.AddAll(keys, w)
	}
	for _, c := range cases {
		if c.Retired {
			continue
		}
		field(c.TitleZH, 2)
		field(c.StoryZH, 1)
		field(strings.Join(c.RedFlagsZH, "。"), 1)
		field(c.TitleEN, 2)
		field(c.StoryEN, 1)
		field(strings.Join(c.RedFlagsEN, ". "), 1)
		b.EndDoc()
		ix.cases = append(ix.cases, caseEntry{
			id: c.ID, typ: c.Type, titleZH: c.TitleZH, titleEN: c.TitleEN,
			summaryZH: firstSentence(c.StoryZH), summaryEN: firstSentence(c.StoryEN),
		})
	}
	ix.bm = b.Build()
	ix.pool.New = func() any { return new(queryScratch) }
	return ix
}

type scoredCase struct {
	doc   int32
	score float64 // normalised
	rank  float64 // score with the type preference
}

// search returns up to k cases with a normalised score of at least min,
// preferring (on near ties) cases whose type is in prefer (weights by
// position: the first type is the strongest signal's).
func (ix *caseIndex) search(r []rune, k int, minScore float64, prefer []string) []scoredCase {
	if len(ix.cases) == 0 || len(r) == 0 {
		return nil
	}
	sc := ix.pool.Get().(*queryScratch)
	defer ix.pool.Put(sc)
	sc.keys = retrieval.TermKeys(r, sc.keys[:0])
	sc.ids = ix.bm.SortedTerms(sc.keys, sc.ids[:0])
	qLen := float32(len(sc.keys))
	acc := ix.bm.Scores()
	defer ix.bm.Release(acc)
	var qself float64
	distinct := 0
	for i := 0; i < len(sc.ids) && distinct < retrieval.MaxQueryTerms; {
		t := sc.ids[i]
		j := i
		for j < len(sc.ids) && sc.ids[j] == t {
			j++
		}
		tfq := float32(j - i)
		i = j
		distinct++
		qself += float64(ix.bm.IDF(t) * ix.bm.Sat(tfq, qLen))
		ix.bm.Add(acc, t, 1)
	}
	var top []scoredCase
	for _, d := range acc.Touched {
		den := min(qself, ix.bm.Self(d))
		if den <= 0 {
			continue
		}
		norm := min(acc.Sum[d]/den, 1)
		if norm < minScore {
			continue
		}
		rank := norm
		for pi, typ := range prefer {
			if ix.cases[d].typ == typ {
				if pi == 0 {
					rank *= 1 + preferFirst
				} else {
					rank *= 1 + preferOther
				}
				break
			}
		}
		c := scoredCase{doc: d, score: norm, rank: rank}
		// insert into top (at most k, by rank desc, then id)
		pos := len(top)
		for pos > 0 && better(ix, c, top[pos-1]) {
			pos--
		}
		if pos < k {
			top = append(top, scoredCase{})
			copy(top[pos+1:], top[pos:])
			top[pos] = c
			if len(top) > k {
				top = top[:k]
			}
		}
	}
	return top
}

func better(ix *caseIndex, a, b scoredCase) bool {
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	return ix.cases[a.doc].id < ix.cases[b.doc].id
}
