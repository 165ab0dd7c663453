package privacy

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Placeholders that replace personal data in text sent to the model.
const (
	phPhone  = "[电话]"
	phID     = "[身份证]"
	phCard   = "[银行卡]"
	phHandle = "[账号]"
	phEmail  = "[邮箱]"
	phNumber = "[号码]" // a long digit run that fits no other shape
)

// maxRedactRunes bounds the work Redact does on absurdly long input; the
// tail beyond it is dropped (SecondOpinion sends far less anyway).
const maxRedactRunes = 1 << 16

// Redact replaces personal data in text with typed placeholders:
//
//   - mainland mobile numbers (also with +86/0086), landlines with an area
//     code, 400/800 numbers, and 7+ digit numbers after 电话/手机/tel… → [电话]
//   - 18-character ID numbers (17 digits + X too) → [身份证]
//   - 13–19 digit runs (bank cards) → [银行卡]; any other run of 11+
//     consecutive digits, or 20+ digits joined by separators → [号码]
//   - e-mail addresses → [邮箱]
//   - WeChat/QQ/Telegram handles after a marker (微信, vx, wx, qq, 扣扣, 企鹅号,
//     telegram, tg, 电报, 纸飞机, t.me/, @ …) → [账号]
//
// Detection runs on an NFKC-normalised copy with zero-width characters and
// combining marks dropped, so full-width digits (１３８…), circled digits,
// keycap emoji and zero-width joiners are seen through. Digits may be split
// by up to three separators (spaces, - . · / _ ★ and other symbols), and
// Chinese numerals (一二三…, 壹贰叁…, 幺, 两) count as digits. Everything that
// is not redacted is copied from the input unchanged, rune by rune; invalid
// UTF-8 becomes U+FFFD, so the output is always valid UTF-8.
//
// It is deliberately greedy: a long list of numbers separated only by
// spaces or dashes may be redacted too. That costs the model some context,
// never privacy.
func Redact(text string) string {
	if text == "" {
		return ""
	}
	orig := []rune(text)
	if len(orig) > maxRedactRunes {
		orig = orig[:maxRedactRunes]
	}
	nt := normalise(orig)
	var spans []span
	spans = append(spans, nt.digitSpans()...)
	spans = append(spans, nt.emailSpans()...)
	spans = append(spans, nt.handleSpans()...)
	if len(spans) == 0 {
		return string(orig)
	}

	// Map to the original runes, then merge overlaps.
	for i := range spans {
		spans[i].start, spans[i].end = nt.src[spans[i].start], nt.src[spans[i].end-1]+1
	}
	for i := range spans {
		for spans[i].end < len(orig) && invisible(orig[spans[i].end]) {
			spans[i].end++ // keycap marks, variation selectors after a digit
		}
	}
	spans = mergeSpans(spans)

	var b strings.Builder
	b.Grow(len(text))
	next := 0
	for _, s := range spans {
		b.WriteString(string(orig[next:s.start]))
		b.WriteString(s.label)
		next = s.end
	}
	b.WriteString(string(orig[next:]))
	return b.String()
}

type span struct {
	start, end int // rune indexes, end exclusive
	label      string
}

// mergeSpans sorts spans and merges overlapping ones; the earliest (first
// added, on ties) keeps its label.
func mergeSpans(spans []span) []span {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.start < last.end {
			if s.end > last.end {
				last.end = s.end
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// normText is the normalised copy of the input: runes, the index of the
// original rune each came from, and the same runes as a string with a
// byte-offset → rune-index table for the regular expressions (valid at rune
// boundaries, which is where regexp match offsets fall).
type normText struct {
	r      []rune
	src    []int
	s      string
	runeAt []int
}

func normalise(orig []rune) *normText {
	nt := &normText{r: make([]rune, 0, len(orig)), src: make([]int, 0, len(orig))}
	for i, r := range orig {
		if r < 0x80 {
			nt.r = append(nt.r, r)
			nt.src = append(nt.src, i)
			continue
		}
		if invisible(r) {
			continue
		}
		for _, nr := range norm.NFKC.String(string(r)) {
			if invisible(nr) {
				continue
			}
			nt.r = append(nt.r, nr)
			nt.src = append(nt.src, i)
		}
	}
	nt.s = string(nt.r)
	nt.runeAt = make([]int, len(nt.s)+1)
	i := 0
	for off := range nt.s {
		nt.runeAt[off] = i
		i++
	}
	nt.runeAt[len(nt.s)] = len(nt.r)
	return nt
}

// invisible reports zero-width and combining characters that obfuscators put
// between digits or inside markers (U+200B, U+FE0F, keycap U+20E3, bidi…).
func invisible(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// digitOf returns the ASCII digit a rune stands for, '?' for a decimal digit
// of another script (value unknown, matches any digit in shape checks), or 0.
func digitOf(r rune) byte {
	switch {
	case r >= '0' && r <= '9':
		return byte(r)
	case r < 0x80:
		return 0
	}
	switch r {
	case '零', '〇':
		return '0'
	case '一', '壹', '幺':
		return '1'
	case '二', '贰', '两':
		return '2'
	case '三', '叁':
		return '3'
	case '四', '肆':
		return '4'
	case '五', '伍':
		return '5'
	case '六', '陆':
		return '6'
	case '七', '柒':
		return '7'
	case '八', '捌':
		return '8'
	case '九', '玖':
		return '9'
	}
	if unicode.IsDigit(r) {
		return '?'
	}
	return 0
}

// isSep reports a rune that may split the digits of one number.
func isSep(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u3000', '-', '.', '_', '/', '\\', '|', '~', '*', '+', '#', '=',
		'·', '•', '・', '‧', '∙', '⋅', '—', '–', '‐', '‑', '‒', '―', '－', '～', '﹣':
		return true
	}
	return unicode.In(r, unicode.Zs, unicode.So, unicode.Sk, unicode.Sm)
}

const maxSeps = 3 // separators allowed between two digit chunks

// chunk is a run of consecutive digits in the normalised text.
type chunk struct {
	start, end int    // normalised rune indexes, end exclusive (includes a trailing X)
	digits     string // ASCII digits, '?' for unknown, and a trailing 'X'
}

func (c chunk) n() int { return len(c.digits) } // digits incl. X

func (c chunk) consecutive() int {
	n := len(c.digits)
	if strings.HasSuffix(c.digits, "X") {
		n--
	}
	return n
}

// digitSpans finds groups of digit chunks and classifies them. A chunk ends
// where the digits stop or switch between Chinese numerals and other digits;
// a group continues across at most maxSeps separators (or none, at such a
// switch).
func (nt *normText) digitSpans() []span {
	ctx := nt.phoneContext()
	var out []span
	r := nt.r
	for i := 0; i < len(r); {
		if digitOf(r[i]) == 0 {
			i++
			continue
		}
		var group []chunk
		j := i
		for {
			c := chunk{start: j}
			var d []byte
			chinese := isChineseNumeral(r[j])
			for j < len(r) {
				v := digitOf(r[j])
				if v == 0 || isChineseNumeral(r[j]) != chinese {
					break
				}
				d = append(d, v)
				j++
			}
			// A trailing X/x (ID numbers) that does not start a word.
			if j < len(r) && (r[j] == 'X' || r[j] == 'x') && (j+1 == len(r) || !isASCIIAlnum(r[j+1])) {
				d = append(d, 'X')
				j++
				c.end, c.digits = j, string(d)
				group = append(group, c)
				break
			}
			c.end, c.digits = j, string(d)
			group = append(group, c)
			k := j
			for k < len(r) && k-j < maxSeps && isSep(r[k]) && digitOf(r[k]) == 0 {
				k++
			}
			if k < len(r) && digitOf(r[k]) != 0 {
				j = k // k == j only at a numeral/digit switch: the next chunk is non-empty
				continue
			}
			break
		}
		out = append(out, classifyGroup(group, ctx[group[0].start])...)
		i = j
	}
	return out
}

func isChineseNumeral(r rune) bool {
	return r >= 0x80 && digitOf(r) != 0 && !unicode.IsDigit(r)
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// classifyGroup returns the spans to redact in one group of chunks:
//
//  1. the whole group has a PII shape (mobile, ±country code, ID, landline,
//     400/800) → one span;
//  2. it follows a phone marker and has 7+ digits → [电话];
//  3. 13–19 digits → [银行卡], unless it holds a mobile number written the
//     way people write one (138 1234 5678, 13812345678), which card
//     formatting (4-4-4-4-3, 6-13) never produces;
//  4. otherwise PII-shaped runs of chunks inside it are redacted, and of
//     what is left, runs of 13+ digits and chunks of 11+ consecutive digits.
func classifyGroup(g []chunk, phoneCtx bool) []span {
	whole := concat(g, 0, len(g)-1)
	all := span{g[0].start, g[len(g)-1].end, ""}
	if label := strongShape(whole); label != "" {
		all.label = label
		return []span{all}
	}
	if phoneCtx && len(whole) >= 7 {
		all.label = phPhone
		return []span{all}
	}
	cardSized := len(whole) >= 13 && len(whole) <= 19

	var out []span
	covered := make([]bool, len(g))
	for i := 0; i < len(g); i++ {
		best, bestLabel := -1, ""
		n := 0
		for j := i; j < len(g); j++ {
			n += g[j].n()
			if n > 19 {
				break
			}
			if label := subShape(g, i, j, cardSized); label != "" {
				best, bestLabel = j, label
			}
		}
		if best >= 0 {
			out = append(out, span{g[i].start, g[best].end, bestLabel})
			for k := i; k <= best; k++ {
				covered[k] = true
			}
			i = best
		}
	}
	if cardSized && len(out) == 0 {
		all.label = phCard
		return []span{all}
	}
	for i := 0; i < len(g); {
		if covered[i] {
			i++
			continue
		}
		j := i
		n := 0
		for j < len(g) && !covered[j] {
			n += g[j].n()
			j++
		}
		switch {
		case n >= 13 && n <= 19:
			out = append(out, span{g[i].start, g[j-1].end, phCard})
		case n >= 20:
			out = append(out, span{g[i].start, g[j-1].end, phNumber})
		default:
			for k := i; k < j; k++ {
				if g[k].consecutive() >= 11 {
					out = append(out, span{g[k].start, g[k].end, phNumber})
				}
			}
		}
		i = j
	}
	return out
}

func concat(g []chunk, i, j int) string {
	var b strings.Builder
	for k := i; k <= j; k++ {
		b.WriteString(g[k].digits)
	}
	return b.String()
}

// subShape classifies chunks i..j of a larger group. Shapes must also be
// written the usual way, so that digits of one number are not mistaken for
// another; with mobileOnly only mobile numbers count (inside a card-sized
// group).
func subShape(g []chunk, i, j int, mobileOnly bool) string {
	d := concat(g, i, j)
	first := g[i].digits
	singles := true
	for k := i; k <= j; k++ {
		singles = singles && g[k].n() == 1
	}
	if isMobile(d) && (i == j || len(first) == 3 || singles) {
		return phPhone
	}
	if mobileOnly {
		return ""
	}
	rest := len(d) - len(first)
	switch {
	case (len(d) == 13 && match(first, "86") || len(d) == 15 && match(first, "0086")) && isMobile(d[len(first):]):
		return phPhone
	case len(d) == 18 && (strings.HasSuffix(d, "X") && !strings.Contains(d[:17], "X") || isIDNumber(d)):
		return phID
	case i == j && len(d) >= 10 && len(d) <= 12 && areaCodeLen(d) > 0 && d[areaCodeLen(d)] >= '2':
		return phPhone // landline written without a separator
	case i < j && areaCodeLen(first) == len(first) && (rest == 7 || rest == 8) && d[len(first)] >= '2':
		return phPhone // landline: area code, then the local number
	case len(d) == 10 && (match(first, "400") || match(first, "800") || i == j && (match(d[:3], "400") || match(d[:3], "800"))):
		return phPhone
	}
	return ""
}

// areaCodeLen returns the length of the mainland area code d starts with:
// 3 for 010 and 02x, 4 for 0[3-9]xx, 0 if none. Unknown digits count.
func areaCodeLen(d string) int {
	if len(d) < 3 || !match(d[:1], "0") {
		return 0
	}
	switch {
	case match(d[:3], "010") || d[1] == '2' || d[1] == '?' && len(d) == 3:
		return 3
	case len(d) >= 4 && (d[1] >= '3' && d[1] <= '9' || d[1] == '?'):
		return 4
	}
	return 0
}

// strongShape classifies a whole group that is PII by its shape alone.
func strongShape(d string) string {
	x := strings.HasSuffix(d, "X")
	if x {
		if len(d) == 18 && !strings.Contains(d[:17], "X") {
			return phID
		}
		return ""
	}
	switch {
	case isMobile(d):
		return phPhone
	case len(d) == 13 && match(d[:2], "86") && isMobile(d[2:]):
		return phPhone
	case len(d) == 15 && match(d[:4], "0086") && isMobile(d[4:]):
		return phPhone
	case len(d) == 18 && isIDNumber(d):
		return phID
	case len(d) >= 10 && len(d) <= 12 && match(d[:1], "0") && d[1] != '0':
		return phPhone // landline with area code
	case len(d) == 10 && (match(d[:3], "400") || match(d[:3], "800")):
		return phPhone
	}
	return ""
}

// match compares digits, '?' matching any digit.
func match(d, want string) bool {
	if len(d) != len(want) {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] != want[i] && d[i] != '?' {
			return false
		}
	}
	return true
}

func isMobile(d string) bool {
	return len(d) == 11 && (d[0] == '1' || d[0] == '?') && (d[1] >= '3' && d[1] <= '9' || d[1] == '?')
}

// isIDNumber checks the birth-date part of an 18-digit ID number loosely
// (year 18xx–20xx, month 01–12, day 01–31).
func isIDNumber(d string) bool {
	if d[0] == '0' {
		return false
	}
	in := func(s string, lo, hi int) bool {
		if strings.Contains(s, "?") {
			return true
		}
		v := 0
		for i := 0; i < len(s); i++ {
			v = v*10 + int(s[i]-'0')
		}
		return v >= lo && v <= hi
	}
	return in(d[6:8], 18, 20) && in(d[10:12], 1, 12) && in(d[12:14], 1, 31)
}

// Markers. All run case-insensitively on the normalised text.
var (
	phoneMarkerRe  = regexp.MustCompile(`(?i)(?:电话|手机|联系方式|联系|热线|座机|致电|拨打|来电|tel|phone|mobile|call|☎|📞|📱)`)
	handleMarkerRe = regexp.MustCompile(`(?i)(?:微信|威信|薇信|徽信|v信|vx|wx|weixin|wechat|加v|\+v|加薇|qq|扣扣|企鹅号|加q|\+q|telegram|tg|电报|纸飞机|飞机号|whatsapp|t\.me/|telegram\.me/|@)`)
	fillerRe       = regexp.MustCompile(`^(?i)(?:[\s:：=~\-—–()（）\[\]【】<>《》"'“”‘’,，、/|]|号码|账号|帐号|号|是|为|搜索|搜|添加|加|id[:：\s])*`)
	emailRe        = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
)

// afterFiller returns the rune index after any filler that follows byte
// offset b (which must be a rune boundary).
func (nt *normText) afterFiller(b int) int {
	m := fillerRe.FindStringIndex(nt.s[b:])
	return nt.runeAt[b+m[1]]
}

// phoneContext marks rune indexes that directly follow a phone marker.
func (nt *normText) phoneContext() map[int]bool {
	ctx := map[int]bool{}
	for _, m := range phoneMarkerRe.FindAllStringIndex(nt.s, -1) {
		if !nt.asciiBoundary(m[0], m[1]) {
			continue
		}
		ctx[nt.afterFiller(m[1])] = true
	}
	return ctx
}

// asciiBoundary rejects an ASCII-letter marker glued to a preceding letter or
// digit ("stg", "3qq").
func (nt *normText) asciiBoundary(b0, b1 int) bool {
	i := nt.runeAt[b0]
	if i == 0 || !isASCIIAlnum(nt.r[i]) {
		return true
	}
	return !isASCIIAlnum(nt.r[i-1])
}

func (nt *normText) emailSpans() []span {
	var out []span
	for _, m := range emailRe.FindAllStringIndex(nt.s, -1) {
		out = append(out, span{nt.runeAt[m[0]], nt.runeAt[m[1]], phEmail})
	}
	return out
}

func isHandleRune(r rune) bool {
	return isASCIIAlnum(r) || r == '_' || r == '-' || r == '.' || (r >= 0x80 && unicode.IsDigit(r))
}

func (nt *normText) handleSpans() []span {
	var out []span
	for _, m := range handleMarkerRe.FindAllStringIndex(nt.s, -1) {
		if !nt.asciiBoundary(m[0], m[1]) {
			continue
		}
		var p int
		if nt.s[m[0]:m[1]] == "@" {
			i := nt.runeAt[m[0]]
			if i > 0 && (isASCIIAlnum(nt.r[i-1]) || strings.ContainsRune("._%+-", nt.r[i-1])) {
				continue // part of an e-mail address
			}
			p = nt.runeAt[m[1]]
		} else {
			p = nt.afterFiller(m[1])
		}
		if end := nt.handleEnd(p); end-p >= 2 {
			out = append(out, span{p, end, phHandle})
		}
	}
	return out
}

// handleEnd scans a handle starting at rune p. A handle made only of digits
// may continue across separators (a QQ number written "1234 5678").
func (nt *normText) handleEnd(p int) int {
	r := nt.r
	j := p
	allDigits := true
	for j < len(r) {
		if isHandleRune(r[j]) {
			if digitOf(r[j]) == 0 {
				allDigits = false
			}
			j++
			continue
		}
		if allDigits && j > p {
			k := j
			for k < len(r) && k-j < maxSeps && isSep(r[k]) {
				k++
			}
			if k > j && k < len(r) && digitOf(r[k]) != 0 && isHandleRune(r[k]) {
				j = k
				continue
			}
		}
		break
	}
	for j > p && (r[j-1] == '.' || r[j-1] == '-') {
		j--
	}
	return j
}
