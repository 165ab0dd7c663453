// Package scam is the scam checker: it turns a pasted job offer into a
// Verdict (risk level, score, red-flag and legitimacy signals with their
// evidence, matching case studies, advice). It owns the lexicon of signals
// (lexicon.go), the extraction of amounts, contacts, links and companies
// (extract.go), the signal analysis (signals.go), the case studies and
// their retrieval index (case.go, index.go), the live case base over the
// store (base.go), the optional LLM second opinion (secondopinion.go), the
// `gongyou check` CLI and the cases import/export format.
//
// Files over about 500 lines (lexicon.go, signals.go, extract.go) are one
// table or one matcher each: splitting them would scatter one concern.
package scam
