package retrieval

import (
	"math"
	"slices"
	"sync"
)

// Index holds the postings of a set of documents and computes BM25 over
// them. A document is a bag of weighted terms: each occurrence of a term
// adds its weight (field weight × term weight) to the term frequency and to
// the document length, so a field of weight 2 counts as written twice. Terms
// are keys of any comparable type K (hashed runes for the case index,
// strings for the FAQ), mapped to dense int32 ids; postings are flat arrays
// ordered by document.
//
// The score of document d for one query term t with query weight w is
//
//	w · idf(t) · sat(tf(t,d), len(d))
//
// with idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)) and the saturated
// frequency sat(tf, dl) = tf·(K1+1) / (tf + K1·(1 − B + B·dl/avgdl)) / (K1+1),
// which lies in [0,1). Callers add the terms of a query one by one (Add) in
// an order of their choosing and normalise the sums as they see fit.
//
// An Index is immutable after Build and safe for concurrent use.
type Index[K comparable] struct {
	vocab     map[K]int32
	postStart []int32 // by term id, len(vocab)+1
	postDoc   []int32
	postSat   []float32 // sat(tf, dl) of the posting
	idf       []float32
	docLen    []float32
	avgLen    float32
	self      []float64 // Σ idf·sat over the document's own terms
	pool      sync.Pool
}

// Builder collects documents for an Index.
type Builder[K comparable] struct {
	vocab  map[K]int32
	df     []int32
	docs   []map[int32]float32
	docLen []float32
	tf     map[int32]float32
	length float32
}

// NewBuilder returns an empty Builder.
func NewBuilder[K comparable]() *Builder[K] {
	return &Builder[K]{vocab: make(map[K]int32), tf: make(map[int32]float32)}
}

// Add adds one occurrence of key, of weight w, to the current document.
// Terms are numbered in the order they are first added.
func (b *Builder[K]) Add(key K, w float32) {
	id, ok := b.vocab[key]
	if !ok {
		id = int32(len(b.vocab))
		b.vocab[key] = id
		b.df = append(b.df, 0)
	}
	b.tf[id] += w
	b.length += w
}

// AddAll adds every key of keys at weight w.
func (b *Builder[K]) AddAll(keys []K, w float32) {
	for _, k := range keys {
		b.Add(k, w)
	}
}

// EndDoc closes the current document; documents are numbered from 0 in the
// order they are closed.
func (b *Builder[K]) EndDoc() {
	for id := range b.tf {
		b.df[id]++
	}
	b.docs = append(b.docs, b.tf)
	b.docLen = append(b.docLen, b.length)
	b.tf, b.length = make(map[int32]float32), 0
}

// Build returns the index of the documents closed so far.
func (b *Builder[K]) Build() *Index[K] {
	n := len(b.docs)
	V := len(b.vocab)
	ix := &Index[K]{vocab: b.vocab, docLen: b.docLen}
	ix.postStart = make([]int32, V+1)
	for t := 0; t < V; t++ {
		ix.postStart[t+1] = ix.postStart[t] + b.df[t]
	}
	ix.postDoc = make([]int32, ix.postStart[V])
	tfs := make([]float32, ix.postStart[V])
	fill := make([]int32, V)
	copy(fill, ix.postStart[:V])
	var sum float64
	for d, tf := range b.docs {
		for id, w := range tf {
			ix.postDoc[fill[id]] = int32(d)
			tfs[fill[id]] = w
			fill[id]++
		}
		sum += float64(b.docLen[d])
	}
	ix.idf = make([]float32, V)
	for t := 0; t < V; t++ {
		ix.idf[t] = idf(n, int(b.df[t]))
	}
	ix.avgLen = 1
	if n > 0 && sum > 0 {
		ix.avgLen = float32(sum / float64(n))
	}
	ix.postSat = make([]float32, len(tfs))
	ix.self = make([]float64, n)
	for t := 0; t < V; t++ {
		for p := ix.postStart[t]; p < ix.postStart[t+1]; p++ {
			d := ix.postDoc[p]
			ix.postSat[p] = ix.Sat(tfs[p], ix.docLen[d])
			ix.self[d] += float64(ix.idf[t] * ix.postSat[p])
		}
	}
	ix.pool.New = func() any { return &Scores{Sum: make([]float64, n)} }
	return ix
}

func idf(n, df int) float32 {
	k := float64(df)
	return float32(math.Log(1 + (float64(n)-k+0.5)/(k+0.5)))
}

// Len is the number of documents.
func (ix *Index[K]) Len() int { return len(ix.docLen) }

// Term returns the id of key, if any document has it.
func (ix *Index[K]) Term(key K) (int32, bool) {
	id, ok := ix.vocab[key]
	return id, ok
}

// IDF is the inverse document frequency of term t.
func (ix *Index[K]) IDF(t int32) float32 { return ix.idf[t] }

// MaxIDF is the idf a term no document has would have: the highest there is.
func (ix *Index[K]) MaxIDF() float32 { return idf(ix.Len(), 0) }

// Sat is the saturated frequency, in [0,1), of a term occurring tf times
// in a text of length dl (a query is measured like a document).
func (ix *Index[K]) Sat(tf, dl float32) float32 {
	return tf * (K1 + 1) / (tf + K1*(1-B+B*dl/ix.avgLen)) / (K1 + 1)
}

// Self is the score of document d against itself, Σ idf·sat over its terms.
func (ix *Index[K]) Self(d int32) float64 { return ix.self[d] }

// Docs returns the documents that have term t, in increasing order.
func (ix *Index[K]) Docs(t int32) []int32 { return ix.postDoc[ix.postStart[t]:ix.postStart[t+1]] }

// Scores accumulates the scores of one query, by document.
type Scores struct {
	Sum     []float64 // by document
	Touched []int32   // the documents with a non-zero Sum, in the order they were first reached
}

// Scores returns a zeroed accumulator from a pool; give it back with Release.
func (ix *Index[K]) Scores() *Scores { return ix.pool.Get().(*Scores) }

// Release zeroes s and returns it to the pool.
func (ix *Index[K]) Release(s *Scores) {
	for _, d := range s.Touched {
		s.Sum[d] = 0
	}
	s.Touched = s.Touched[:0]
	ix.pool.Put(s)
}

// Add adds query term t of query weight w to s: w·idf(t)·sat to every
// document that has t.
func (ix *Index[K]) Add(s *Scores, t int32, w float32) {
	idf := ix.idf[t]
	for p := ix.postStart[t]; p < ix.postStart[t+1]; p++ {
		d := ix.postDoc[p]
		if s.Sum[d] == 0 {
			s.Touched = append(s.Touched, d)
		}
		s.Sum[d] += float64(w * idf * ix.postSat[p])
	}
}

// SortedTerms appends to ids the known terms of keys (unknown keys are
// dropped), sorted by id, and returns it: repeated terms stand next to
// each other.
func (ix *Index[K]) SortedTerms(keys []K, ids []int32) []int32 {
	for _, k := range keys {
		if id, ok := ix.vocab[k]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
