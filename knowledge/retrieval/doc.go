// Package retrieval is the one BM25 core of Gongyou, used by the case index
// (scam) and the FAQ search (faq). It owns the index terms of a normalised
// text (Chinese character bigrams and whole Latin words, hashed to uint64
// keys: TermKeys), the English stop words, the BM25 constants, and Index:
// postings of weighted terms (per-field weights), idf, saturated term
// frequencies, self-scores and pooled score accumulators. Each user keeps
// its own normalisation on top (the case index divides by the smaller
// self-score and prefers types; the FAQ divides by the best reachable score
// and checks content and coverage).
package retrieval
