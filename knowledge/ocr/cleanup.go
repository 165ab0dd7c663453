package ocr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleanup turns tesseract's output into text for the scam checker:
//
//   - stray spaces between Chinese characters (tesseract's chi_sim puts one
//     between most of them) and around Chinese punctuation are dropped, and
//     so is a space inside a number ("1 8977301256"); spaces between Latin
//     words and between two numbers stay;
//   - a line broken inside a chat bubble or a paragraph is joined to the
//     next one (no space between Chinese, one space between Latin words);
//     a blank line (a new bubble, a new paragraph) stays a line break;
//   - noise lines go: nothing readable, a lone character (a bubble's tail,
//     an icon read as "口" or "一"), a bare clock time ("12:30", the status
//     bar and chat timestamps), a status bar's battery percentage.
func Cleanup(raw string) string {
	raw = strings.ToValidUTF8(raw, "")
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\f", "\n")
	var paras []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			paras = append(paras, cur.String())
			cur.Reset()
		}
	}
	for _, line := range strings.Split(raw, "\n") {
		line = squeeze(line)
		if line == "" {
			flush()
			continue
		}
		if noise(line) {
			continue
		}
		if cur.Len() > 0 {
			prev, _ := utf8.DecodeLastRuneInString(cur.String())
			next, _ := utf8.DecodeRuneInString(line)
			if !joinsTight(prev, next) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(line)
	}
	flush()
	return strings.Join(paras, "\n")
}

// squeeze trims a line, folds runs of spaces and drops the spaces that
// touch a Chinese character or Chinese punctuation on both sides.
func squeeze(line string) string {
	f := strings.FieldsFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' })
	if len(f) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(f[0])
	for _, w := range f[1:] {
		prev, _ := utf8.DecodeLastRuneInString(b.String())
		next, _ := utf8.DecodeRuneInString(w)
		if !joinsTight(prev, next) && !splitNumber(b.String(), w) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// splitNumber: a space tesseract put inside a number ("1 8977301256",
// "80-15 0元"): digits on both sides and one side's run of digits at most
// two long. Two real amounts ("500 300") keep their space.
func splitNumber(left, right string) bool {
	l, r := 0, 0
	for i := len(left) - 1; i >= 0 && left[i] >= '0' && left[i] <= '9'; i-- {
		l++
	}
	for i := 0; i < len(right) && right[i] >= '0' && right[i] <= '9'; i++ {
		r++
	}
	return l > 0 && r > 0 && (l <= 2 || r <= 2)
}

// tight: a character written without spaces around it (Chinese, Japanese
// kana, full-width forms and Chinese punctuation).
func tight(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// joinsTight: no space between prev and next (two Chinese characters, or
// Chinese punctuation or ASCII punctuation next to Chinese).
func joinsTight(prev, next rune) bool {
	return tight(prev) && tight(next) || tight(prev) && isPunct(next) || isPunct(prev) && tight(next) ||
		cjkPunct(prev) || cjkPunct(next)
}

func cjkPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff0f) || (r >= 0xff1a && r <= 0xff20) || r == '“' || r == '”' || r == '…'
}

func isPunct(r rune) bool {
	return r < 0x80 && unicode.IsPunct(r) && r != '@' && r != '#' && r != '-' && r != '(' && r != '['
}

// noise reports a line that holds nothing the checker could use.
func noise(line string) bool {
	var letters, digits, han, n int
	for _, r := range line {
		n++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if han+letters+digits == 0 {
		return true
	}
	if n == 1 {
		return true
	}
	if han == 0 && letters <= 1 && digits > 0 && digits <= 6 {
		return true // "12:30", "85%", "4G", "1/3", "9:41 87%"
	}
	if han == 0 && letters+digits <= 2 {
		return true // "|", "Ly", ". ."
	}
	return false
}
