// Package scam is the scam checker: it turns a pasted job offer into a
// Verdict (risk level, score, red-flag and legitimacy signals with their
// evidence, matching case studies, advice). It owns the lexicon of signals
// (lexicon.go), the extraction of amounts, contacts, links and companies
// (extract.go), the signal analysis (signals.go), the case studies and
// their retrieval index (case.go, index.go), the live case base over the
// store (base.go), the optional LLM second opinion (secondopinion.go), the
// `gongyou check` CLI and the cases import/export format.
//
// lexicon.go is over 500 lines: it is one table (the signal definitions
// with their labels, rules and advice); splitting it would scatter it.
// The matcher (matcher.go), the analysis (signals.go) and the extraction of
// amounts, links and other entities (extract*.go) are apart.
package scam
