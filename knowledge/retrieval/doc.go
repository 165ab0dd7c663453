// Package retrieval holds the shared BM25 pieces: the index terms of a
// normalised text (Chinese character bigrams and whole Latin words, hashed
// to uint64 keys), the English stop words and the BM25 constants. The case
// index (scam) and the FAQ search (faq) both build on it.
package retrieval
