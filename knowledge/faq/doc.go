// Package faq answers workers' social-insurance and labour-rights questions
// from the staff-maintained FAQ: the entries and their validation, the
// search (BM25 over bigrams, synonyms, pinyin), the live FAQ base over the
// store with the optional LLM writer, the `gongyou ask` CLI and the FAQ
// import/export format.
//
// faq.go is a little over 500 lines: the entries, the answerer and its
// search are one engine; the terms (synonyms, pinyin, stemming) are in
// terms.go.
package faq
