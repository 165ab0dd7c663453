package scam

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/retrieval"
)

// Retrieval of similar case studies: BM25 over character bigrams of Chinese
// (no word segmenter needed) and whole words of Latin text, on the
// normalised title, story and red flags of every case, Chinese and English.
//
// Terms are uint64 keys (two runes packed, or a hashed Latin word) mapped to
// int32 ids; postings are flat arrays. A query allocates nothing big: its
// score accumulator comes from a pool.
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
	cases     []caseEntry
	vocab     map[uint64]int32
	postStart []int32 // by term id, len(vocab)+1
	postDoc   []int32
	postTF    []uint16
	idf       []float32
	docLen    []float32
	avgLen    float32
	self      []float32 // s(d,d)
	pool      sync.Pool
}

type queryScratch struct {
	acc     []float32
	touched []int32
	keys    []uint64
	ids     []int32
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
	ix := &caseIndex{vocab: make(map[uint64]int32)}
	type tfPair struct {
		term int32
		tf   uint16
	}
	var docTerms [][]tfPair
	var keys []uint64
	counts := make(map[int32]int)
	var df []int32
	for _, c := range cases {
		if c.Retired {
			continue
		}
		parts := []string{c.TitleZH, c.TitleZH, c.StoryZH, strings.Join(c.RedFlagsZH, "。"),
			c.TitleEN, c.TitleEN, c.StoryEN, strings.Join(c.RedFlagsEN, ". ")}
		keys = keys[:0]
		for _, p := range parts {
			nt := norm.NormalizeText(strings.ToValidUTF8(p, "\uFFFD"), maxCheckRunes)
			keys = retrieval.TermKeys(nt.Runes, keys)
		}
		clear(counts)
		for _, k := range keys {
			id, ok := ix.vocab[k]
			if !ok {
				id = int32(len(ix.vocab))
				ix.vocab[k] = id
				df = append(df, 0)
			}
			counts[id]++
		}
		pairs := make([]tfPair, 0, len(counts))
		for id, n := range counts {
			if n > math.MaxUint16 {
				n = math.MaxUint16
			}
			pairs = append(pairs, tfPair{id, uint16(n)})
			df[id]++
		}
		docTerms = append(docTerms, pairs)
		ix.docLen = append(ix.docLen, float32(len(keys)))
		ix.cases = append(ix.cases, caseEntry{
			id: c.ID, typ: c.Type, titleZH: c.TitleZH, titleEN: c.TitleEN,
			summaryZH: firstSentence(c.StoryZH), summaryEN: firstSentence(c.StoryEN),
		})
	}
	nDocs := len(ix.cases)
	V := len(ix.vocab)
	ix.postStart = make([]int32, V+1)
	for t := 0; t < V; t++ {
		ix.postStart[t+1] = ix.postStart[t] + df[t]
	}
	total := ix.postStart[V]
	ix.postDoc = make([]int32, total)
	ix.postTF = make([]uint16, total)
	fill := make([]int32, V)
	copy(fill, ix.postStart[:V])
	var sumLen float64
	for d, pairs := range docTerms {
		for _, p := range pairs {
			ix.postDoc[fill[p.term]] = int32(d)
			ix.postTF[fill[p.term]] = p.tf
			fill[p.term]++
		}
		sumLen += float64(ix.docLen[d])
	}
	ix.idf = make([]float32, V)
	for t := 0; t < V; t++ {
		n := float64(df[t])
		ix.idf[t] = float32(math.Log(1 + (float64(nDocs)-n+0.5)/(n+0.5)))
	}
	if nDocs > 0 {
		ix.avgLen = float32(sumLen / float64(nDocs))
	}
	if ix.avgLen == 0 {
		ix.avgLen = 1
	}
	ix.self = make([]float32, nDocs)
	for d, pairs := range docTerms {
		var s float32
		for _, p := range pairs {
			s += ix.idf[p.term] * ix.tfWeight(float32(p.tf), ix.docLen[d])
		}
		ix.self[d] = s
	}
	ix.pool.New = func() any { return &queryScratch{acc: make([]float32, nDocs)} }
	return ix
}

func (ix *caseIndex) tfWeight(tf, dl float32) float32 {
	return tf * (retrieval.K1 + 1) / (tf + retrieval.K1*(1-retrieval.B+retrieval.B*dl/ix.avgLen))
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
	sc.ids = sc.ids[:0]
	for _, key := range sc.keys {
		if id, ok := ix.vocab[key]; ok {
			sc.ids = append(sc.ids, id)
		}
	}
	qLen := float32(len(sc.keys))
	sortInt32(sc.ids)
	var qself float32
	sc.touched = sc.touched[:0]
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
		w := ix.idf[t]
		qself += w * ix.tfWeight(tfq, qLen)
		for p := ix.postStart[t]; p < ix.postStart[t+1]; p++ {
			d := ix.postDoc[p]
			if sc.acc[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.acc[d] += w * ix.tfWeight(float32(ix.postTF[p]), ix.docLen[d])
		}
	}
	var top []scoredCase
	for _, d := range sc.touched {
		s := sc.acc[d]
		sc.acc[d] = 0
		den := min(qself, ix.self[d])
		if den <= 0 {
			continue
		}
		norm := float64(s / den)
		if norm > 1 {
			norm = 1
		}
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

func sortInt32(s []int32) { slices.Sort(s) }
