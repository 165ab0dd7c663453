// Package norm is the shared text layer used by the scam checker and the
// FAQ: normalisation (NFKC, width, traditional → simplified, de-obfuscated
// contacts) with a map back to the original text, rune classes (CJK,
// Latin, digits) and small helpers such as Clip.
//
// normalize.go is over 500 lines: one normaliser, its passes and its
// tables; splitting it would separate the passes from their tables.
package norm
