package bot

import (
	"strings"
	"unicode/utf8"
)

// utf16Units is how many UTF-16 code units r takes. An invalid byte
// (utf8.RuneError of width 1) counts as the one unit of U+FFFD.
func utf16Units(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// UTF16Len is the length of s in UTF-16 code units, the way Telegram counts.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// SplitText cuts s into parts of at most limit UTF-16 code units each.
//
// The parts concatenate to exactly s. A cut goes, in order of preference:
// after the last line break that fits (a "\r\n" pair stays whole with the
// line it ends), after the last sentence end (。！？!?;；) that fits, or at the
// last rune boundary that fits. A rune is never split, so neither is a
// surrogate pair. Only a single rune wider than limit (an emoji with
// limit 1) yields a part longer than limit.
func SplitText(s string, limit int) []string {
	if limit < 1 {
		limit = 1
	}
	if UTF16Len(s) <= limit {
		return []string{s}
	}
	var parts []string
	for s != "" {
		cut := cutPoint(s, limit)
		parts = append(parts, s[:cut])
		s = s[cut:]
	}
	return parts
}

// cutPoint returns the byte length of the first part of s (always > 0 when
// s is not empty).
func cutPoint(s string, limit int) int {
	units, lastLine, lastSentence := 0, 0, 0
	for i, r := range s {
		w := utf16Units(r)
		if units+w > limit {
			switch {
			case lastLine > 0:
				return lastLine
			case lastSentence > 0:
				return lastSentence
			case i > 0:
				return i
			default: // one rune wider than the limit
				_, size := utf8.DecodeRuneInString(s)
				return size
			}
		}
		units += w
		end := i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, end = utf8.DecodeRuneInString(s[i:])
			end += i
		}
		switch {
		case r == '\n':
			lastLine = end
		case strings.ContainsRune("。！？!?；;", r):
			lastSentence = end
		}
	}
	return len(s)
}

// truncateUTF16 returns the longest prefix of s of at most limit UTF-16
// units that ends on a rune boundary.
func truncateUTF16(s string, limit int) string {
	units := 0
	for i, r := range s {
		units += utf16Units(r)
		if units > limit {
			return s[:i]
		}
	}
	return s
}
