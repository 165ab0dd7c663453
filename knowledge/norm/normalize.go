package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation for the scam checker.
//
// The checker never matches against the raw text. It first rewrites the text
// into a canonical form so that one lexicon entry catches the many spellings
// scammers use to slip past keyword filters:
//
//  1. NFKC (full-width → half-width, circled digits ①→1, compatibility
//     ideographs, ℡ → tel), then lower-case;
//  2. zero-width and format characters, combining marks, emoji and other
//     decoration symbols (★☆❤♥✨…) are dropped; whitespace runs collapse to
//     one space (or one newline when the run held a line break);
//  3. traditional → simplified through OpenCC's t2s dictionaries, run only
//     on texts that hold a character it would change (t2s.go);
//  4. Chinese numerals inside long digit runs (一三八…) become digits;
//  5. obfuscated contact words become canonical: 薇信/威信/vx/wx/加V → 微信,
//     扣扣/企鹅号/加q → qq, 纸飞机/电报/tg/飞机号 → telegram;
//  6. digits split by spaces, dots or dashes are rejoined when the result is
//     a mobile number, or a number right after a contact word.
//
// Every rune of the normalised text remembers the byte span of the original
// text it came from, so a signal found in the normalised text can quote the
// original words as evidence.

// srcSpan is a byte range [s, e) of the original text.
type Span struct{ Start, End int32 }

// normText is a normalised text with, for every rune, the span of the
// original text it came from. Spans never decrease, so the original text
// behind a range of normalised runes is one contiguous substring.
type Text struct {
	src   string // the original text (valid UTF-8)
	Runes []rune
	Spans []Span
	Obf   []Span // contacts disguised to dodge filters: 1★3★8…, 一三八…, 1 3 8 1 2…, ab❤cd
	Slang []Span // contact words in slang or variant spelling: 薇信, V, vx, 扣扣, 纸飞机
}

// Normalize returns the canonical form of s that the checker matches against.
// It is total: any input, including invalid UTF-8, gives valid UTF-8 output.
func Normalize(s string) string {
	nt := NormalizeText(strings.ToValidUTF8(s, "\uFFFD"), -1)
	return string(nt.Runes)
}

// normalizeText normalises at most maxRunes runes of src (all of it when
// maxRunes < 0). src must be valid UTF-8.
func NormalizeText(src string, maxRunes int) *Text {
	nt := &Text{src: src}
	n := len(src)
	if maxRunes >= 0 && n > maxRunes*4 {
		n = maxRunes * 4
	}
	nt.Runes = make([]rune, 0, n/2+8)
	nt.Spans = make([]Span, 0, n/2+8)
	nt.basic(maxRunes)
	nt.chineseDigits()
	nt.contacts()
	nt.rejoinDigits()
	return nt
}

// evidence returns the original text behind normalised runes [i, j), trimmed
// of surrounding space and cut to at most maxEvidenceRunes runes.
func (nt *Text) Evidence(i, j int) string {
	if i < 0 {
		i = 0
	}
	if j > len(nt.Runes) {
		j = len(nt.Runes)
	}
	if i >= j {
		return ""
	}
	start, end := nt.Spans[i].Start, nt.Spans[j-1].End
	if utf8.RuneCountInString(strings.TrimSpace(nt.src[start:end])) < 3 {
		end = int32(widenEvidence(nt.src, int(end)))
	}
	s := strings.TrimSpace(nt.src[start:end])
	if utf8.RuneCountInString(s) > MaxEvidenceRunes {
		k, c := 0, 0
		for k = range s {
			if c == MaxEvidenceRunes {
				break
			}
			c++
		}
		s = strings.TrimSpace(s[:k])
	}
	return s
}

const MaxEvidenceRunes = 60

// widenEvidence extends a very short span (a lone "V" of "V❤: job8899") to
// the end of its token, and past one label colon to the value after it, so
// the worker sees the words that triggered the flag. It reads at most 20
// runes.
func widenEvidence(src string, end int) int {
	afterColon := false
	for n := 0; end < len(src) && n < 20; n++ {
		r, size := utf8.DecodeRuneInString(src[end:])
		if unicode.IsSpace(r) {
			if !afterColon {
				return end
			}
			end += size
			continue
		}
		if strings.ContainsRune("，。！？,.!?；;、", r) {
			return end
		}
		afterColon = r == ':' || r == '：'
		end += size
	}
	return end
}

func (nt *Text) push(r rune, sp Span) {
	nt.Runes = append(nt.Runes, r)
	nt.Spans = append(nt.Spans, sp)
}

// basic does steps 1-3 and whitespace collapsing in one pass.
func (nt *Text) basic(maxRunes int) {
	var buf [4]byte
	var out []byte
	count := 0
	pendingSpace := rune(0) // ' ' or '\n' waiting to be written
	var spaceSpan Span
	dropped := false // a decoration was dropped since the last rune written
	tab := t2s()
	var conv []rune // the text converted by phrase, rune for rune; nil when simplified already
	if tab.needed(nt.src, maxRunes) {
		conv = tab.text(nt.src, maxRunes)
	}
	emit := func(r rune, sp Span) {
		if pendingSpace != 0 {
			if len(nt.Runes) > 0 { // no leading space
				nt.push(pendingSpace, spaceSpan)
			}
			pendingSpace = 0
		}
		if dropped && IsAlnum(r) && len(nt.Runes) > 0 && IsAlnum(nt.Runes[len(nt.Runes)-1]) {
			// 138★1234, ab❤cd: decoration inside an account or phone number
			nt.Obf = append(nt.Obf, Span{nt.Spans[len(nt.Runes)-1].Start, sp.End})
		}
		dropped = false
		nt.push(r, sp)
	}
	// space notes white space (a line break when newline) before the next
	// rune written: a line break wins over spaces, the first one's span is kept.
	space := func(newline bool, sp Span) {
		if newline {
			if pendingSpace == 0 {
				spaceSpan = sp
			}
			pendingSpace = '\n'
		} else if pendingSpace == 0 {
			pendingSpace, spaceSpan = ' ', sp
		}
	}
	for i, r := range nt.src {
		if maxRunes >= 0 && count >= maxRunes {
			break
		}
		count++
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		sp := Span{int32(i), int32(i + size)}
		// Whitespace and control characters.
		if r < 0x80 {
			if r <= ' ' || r == 0x7f {
				space(r == '\n' || r == '\r' || r == '\v' || r == '\f', sp)
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, sp)
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space(r == 0x2028 || r == 0x2029 || r == 0x85, sp)
			continue
		}
		// Fast path: CJK unified ideographs are NFKC-stable.
		if r >= 0x4e00 && r <= 0x9fff {
			if k := count - 1; k < len(conv) {
				r = foldVariant(conv[k])
			} else if r == '帐' || tab.changes(r) {
				r = tab.char(r)
			}
			emit(r, sp)
			continue
		}
		if r >= 0xff01 && r <= 0xff5e { // full-width ASCII
			r -= 0xfee0
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, sp)
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		out = norm.NFKC.Append(out[:0], buf[:n]...)
		for len(out) > 0 {
			q, m := utf8.DecodeRune(out)
			out = out[m:]
			if q == ' ' || unicode.IsSpace(q) {
				if pendingSpace == 0 {
					pendingSpace, spaceSpan = ' ', sp
				}
				continue
			}
			if dropRune(q) {
				dropped = true
				continue
			}
			q = unicode.ToLower(q)
			if q == '帐' || tab.changes(q) {
				q = tab.char(q)
			}
			emit(q, sp)
		}
	}
}

// dropRune reports whether r is decoration: format characters (zero-width
// space, joiners, BOM, soft hyphen), combining and enclosing marks,
// variation selectors, emoji and other symbols, private use. Currency and
// math symbols (¥ $ + = ~) are kept: they carry meaning.
func dropRune(r rune) bool {
	switch {
	case r == '\ufffd':
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r),
		unicode.Is(unicode.So, r), unicode.Is(unicode.Sk, r), unicode.Is(unicode.Co, r),
		unicode.Is(unicode.Cs, r), unicode.IsControl(r):
		return true
	}
	return false
}

// cnDigit maps Chinese numerals to their digit value, for phone numbers and
// account numbers written in words.
var cnDigit = map[rune]rune{
	'零': '0', '〇': '0', '洞': '0', '一': '1', '幺': '1', '壹': '1', '二': '2', '两': '2', '贰': '2',
	'三': '3', '叁': '3', '四': '4', '肆': '4', '五': '5', '伍': '5', '六': '6', '陆': '6',
	'七': '7', '柒': '7', '八': '8', '捌': '8', '九': '9', '玖': '9',
}

func IsDigit(r rune) bool { return '0' <= r && r <= '9' }

func IsAlnum(r rune) bool { return IsDigit(r) || ('a' <= r && r <= 'z') }

// digitSep reports whether r may split the digits of an obfuscated number.
func digitSep(r rune) bool {
	switch r {
	case ' ', '.', '-', '_', '*', '·', '/', ',', '、', '—', '|', '+', '#', '=', '\'', '"', '`':
		return true
	}
	return false
}

// chineseDigits turns runs of at least 7 numerals (Chinese or Arabic, possibly
// split by separators) that hold at least one Chinese numeral into digits:
// 一三八 一二三四 五六七八 → 138 1234 5678. Shorter runs (三千, 一二) are words.
func (nt *Text) chineseDigits() {
	r := nt.Runes
	for i := 0; i < len(r); {
		_, isCN := cnDigit[r[i]]
		if !isCN && !IsDigit(r[i]) {
			i++
			continue
		}
		j, digits, cn := i, 0, 0
		last := i
		for j < len(r) {
			if _, ok := cnDigit[r[j]]; ok {
				digits++
				cn++
				last = j
				j++
				continue
			}
			if IsDigit(r[j]) {
				digits++
				last = j
				j++
				continue
			}
			// up to two separators between numerals
			k := j
			for k < len(r) && k-j < 2 && digitSep(r[k]) {
				k++
			}
			if k > j && k < len(r) {
				if _, ok := cnDigit[r[k]]; ok || IsDigit(r[k]) {
					j = k
					continue
				}
			}
			break
		}
		if digits >= 7 && cn > 0 {
			nt.Obf = append(nt.Obf, Span{nt.Spans[i].Start, nt.Spans[last].End})
			for k := i; k <= last; k++ {
				if d, ok := cnDigit[r[k]]; ok {
					r[k] = d
				}
			}
		}
		i = last + 1
	}
}

func IsLatin(r rune) bool { return 'a' <= r && r <= 'z' }

// contacts rewrites obfuscated chat-app names into canonical words.
func (nt *Text) contacts() {
	r, sp := nt.Runes, nt.Spans
	var outR []rune
	var outS []Span
	changed := false
	for i := 0; i < len(r); {
		// CJK spellings, longest first.
		if cands, ok := contactByFirst[r[i]]; ok && (!IsLatin(r[i]) || i == 0 || !IsLatin(r[i-1])) {
			matched := false
			for _, c := range cands {
				from, to := c[0], c[1]
				if hasRunesAt(r, i, from) && !(IsLatin(from[len(from)-1]) && i+len(from) < len(r) && IsLatin(r[i+len(from)])) {
					whole := Span{sp[i].Start, sp[i+len(from)-1].End}
					for _, q := range to {
						outR = append(outR, q)
						outS = append(outS, whole)
					}
					if string(from) != string(to) {
						changed = true
						if !contactPlain[string(from)] {
							nt.Slang = append(nt.Slang, whole)
						}
					}
					i += len(from)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		// Latin words.
		if IsLatin(r[i]) && (i == 0 || !IsLatin(r[i-1])) {
			j := i
			for j < len(r) && IsLatin(r[j]) {
				j++
			}
			word := string(r[i:j])
			to, ok := latinContact[word]
			if (j < len(r) && r[j] == '_') || (i > 0 && (r[i-1] == '_' || IsDigit(r[i-1]))) {
				ok = false // part of an account id: wx_ok66, ab12vx
			}
			if !ok && (word == "v" || word == "q") && !(i > 0 && (r[i-1] == '_' || IsDigit(r[i-1]))) && singleLetterContact(r, i, j) {
				ok = true
				to = "微信"
				if word == "q" {
					to = "qq"
				}
			}
			if ok {
				whole := Span{sp[i].Start, sp[j-1].End}
				for _, q := range to {
					outR = append(outR, q)
					outS = append(outS, whole)
				}
				if word != to {
					changed = true
					if !contactPlain[word] {
						nt.Slang = append(nt.Slang, whole)
					}
				}
				i = j
				continue
			}
			outR = append(outR, r[i:j]...)
			outS = append(outS, sp[i:j]...)
			i = j
			continue
		}
		// 企鹅 before a number is QQ: 企鹅 12345678.
		if hasRunesAt(r, i, []rune("企鹅")) {
			k := i + 2
			for k < len(r) && (r[k] == ' ' || r[k] == ':') && k < i+4 {
				k++
			}
			if k < len(r) && IsDigit(r[k]) {
				whole := Span{sp[i].Start, sp[i+1].End}
				outR = append(outR, 'q', 'q')
				outS = append(outS, whole, whole)
				nt.Slang = append(nt.Slang, whole)
				changed = true
				i += 2
				continue
			}
		}
		// 飞机 before an @handle or a colon is Telegram: 飞机 @abc, 飞机：abc.
		if hasRunesAt(r, i, []rune("飞机")) {
			k := i + 2
			if k < len(r) && r[k] == ' ' {
				k++
			}
			if k < len(r) && (r[k] == '@' || r[k] == ':') {
				whole := Span{sp[i].Start, sp[i+1].End}
				for _, q := range "telegram" {
					outR = append(outR, q)
					outS = append(outS, whole)
				}
				nt.Slang = append(nt.Slang, whole)
				changed = true
				i += 2
				continue
			}
		}
		// A lone 薇/威/徽 before an account id: 薇❤ xq_0909, 威：abc123.
		if (r[i] == '薇' || r[i] == '威' || r[i] == '徽') && singleLetterContact(r, i, i+1) && !(i+1 < len(r) && r[i+1] == '信') {
			for _, q := range "微信" {
				outR = append(outR, q)
				outS = append(outS, sp[i])
			}
			nt.Slang = append(nt.Slang, sp[i])
			changed = true
			i++
			continue
		}
		outR = append(outR, r[i])
		outS = append(outS, sp[i])
		i++
	}
	if changed {
		nt.Runes, nt.Spans = outR, outS
	}
}

// rejoinDigits removes separators inside split numbers (138 1234 5678,
// 138-1234-5678, 1.3.8…) when the joined digits form a mainland mobile
// number, or when the number follows a contact word. Amounts and dates like
// "3000-5000" or "1.5万" stay as they are.
func (nt *Text) rejoinDigits() {
	r, sp := nt.Runes, nt.Spans
	var drop []bool
	for i := 0; i < len(r); {
		if !IsDigit(r[i]) || (i > 0 && IsDigit(r[i-1])) {
			i++
			continue
		}
		// collect groups
		j := i
		digits, groups, firstLen := 0, 0, 0
		shortGroup, oddSep := false, false
		last := i
		for {
			g := 0
			for j < len(r) && IsDigit(r[j]) {
				j++
				g++
			}
			digits += g
			groups++
			if g <= 2 {
				shortGroup = true
			}
			if groups == 1 {
				firstLen = g
			}
			last = j
			k := j
			for k < len(r) && k-j < 3 && digitSep(r[k]) {
				k++
			}
			if k == j || k >= len(r) || !IsDigit(r[k]) || digits >= 12 {
				break
			}
			for _, q := range r[j:k] {
				if q != ' ' && q != '-' {
					oddSep = true
				}
			}
			j = k
		}
		joined := false
		if groups > 1 && firstLen < 11 && (i == 0 || !IsLatin(r[i-1])) {
			mobile := digits == 11 && r[i] == '1' && nextDigitIsMobile(r, i)
			cue := digits >= 5 && digits <= 12 && precededByContactCue(r, i)
			if mobile || cue {
				joined = true
				if shortGroup || oddSep {
					nt.Obf = append(nt.Obf, Span{sp[i].Start, sp[last-1].End})
				}
				if drop == nil {
					drop = make([]bool, len(r))
				}
				for k := i; k < last; k++ {
					if !IsDigit(r[k]) {
						drop[k] = true
					}
				}
			}
		}
		if joined {
			i = last
		} else {
			i += firstLen // the next group may start a number of its own
		}
	}
	if drop == nil {
		return
	}
	w := 0
	for k := range r {
		if drop[k] {
			continue
		}
		r[w], sp[w] = r[k], sp[k]
		w++
	}
	nt.Runes, nt.Spans = r[:w], sp[:w]
}
