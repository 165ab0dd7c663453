// Package scam is the scam checker: it turns a pasted job offer or chat into
// a Verdict (risk level, calibrated score, red-flag and legitimacy signals
// with their evidence, matching case studies, advice).
//
//   - lexicon.go: the one reviewable table of red flags and legitimacy
//     signals, each naming the rule it breaks (where a red flag is defined);
//   - matcher.go, signals.go: the words of the table found in one pass and
//     matched as patterns; scope.go and questions.go: where a flag word
//     counts (negation, who pays, shown vs kept, words inside company names,
//     duties and pay ranges, questions);
//   - extract*.go: amounts and what they pay for, contacts, links, companies;
//   - learned.go, weights/, model/: the learned, calibrated score and the
//     thresholds that make a level (fitted by cmd/train, measured by
//     cmd/eval); checker.go: the verdict;
//   - near.go, decisions.go: staff decisions (published cases, reports
//     marked scam or not) as evidence on near-identical text;
//   - case.go, index.go, base.go: case studies, their retrieval and the
//     live case base over the store; secondopinion.go: the optional LLM;
//   - checkcli.go, bulk.go: `gongyou check` and the cases import/export.
//
// lexicon.go is over 500 lines: it is one table (the signal definitions
// with their labels, rules and advice); splitting it would scatter it.
// signals.go is about 600: the analysis of one text (clauses, negators,
// warnings, the per-rune scope marks) and the evaluation of the table
// against it read best as one pass.
package scam
