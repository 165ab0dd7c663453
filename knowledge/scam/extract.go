package scam

import (
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Extraction works on the normalised text (normalize.go): money amounts and
// what they are for, pay claims, phone numbers, chat ids, links, company
// names and licence numbers. Positions are rune indexes into normText.r.

type entity struct {
	class string // "$phone", "$wechat", …: the entity classes of lexicon.go, plus "idnum", "bankcard"
	val   string
	i, j  int
}

type extraction struct {
	amounts []amount
	ents    []entity
}

// ── numbers ──

// ── money ──

func hasWordAt(r []rune, i int, w string) bool {
	for _, q := range w {
		if i >= len(r) || r[i] != q {
			return false
		}
		i++
	}
	return true
}

func hasWordBefore(r []rune, i int, w string) bool {
	n := len([]rune(w))
	return i-n >= 0 && hasWordAt(r, i-n, w)
}

// findWordBack looks for w ending within window runes before i, in the same clause.
func findWordBack(r []rune, i, window int, w string) bool {
	var buf [24]rune // the words are short: decoded once, on the stack
	wr := buf[:0]
	for _, q := range w {
		wr = append(wr, q)
	}
	if len(wr) == 0 {
		return false
	}
	last := wr[len(wr)-1]
	for k := i; k >= 0 && k >= i-window; k-- {
		if k < i && isClauseBreak(r[k]) {
			return false
		}
		if s := k - len(wr); s >= 0 && r[k-1] == last && runesAt(r, s, wr) {
			return true
		}
	}
	return false
}

// runesAt reports whether r holds w at i.
func runesAt(r []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(r) {
		return false
	}
	for k, q := range w {
		if r[i+k] != q {
			return false
		}
	}
	return true
}

func isClauseBreak(q rune) bool {
	switch q {
	case '，', ',', '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

func isSentenceBreak(q rune) bool {
	switch q {
	case '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

// ── digits: phones, ids, cards ──

func extractDigitEntities(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if !norm.IsDigit(r[i]) || (i > 0 && norm.IsDigit(r[i-1])) {
			continue
		}
		j := i
		for j < len(r) && norm.IsDigit(r[j]) {
			j++
		}
		n := j - i
		s := string(r[i:j])
		switch {
		case n == 11 && s[0] == '1' && s[1] >= '3':
			out = append(out, entity{"$phone", s, i, j})
		case n == 13 && strings.HasPrefix(s, "861") && s[3] >= '3':
			out = append(out, entity{"$phone", s[2:], i, j})
		case n == 17 && j < len(r) && r[j] == 'x':
			out = append(out, entity{"idnum", s + "x", i, j + 1})
		case n == 18 && (s[0] >= '1' && s[0] <= '8') && (s[6:8] == "19" || s[6:8] == "20"):
			out = append(out, entity{"idnum", s, i, j})
		case n >= 16 && n <= 19:
			out = append(out, entity{"bankcard", s, i, j})
		}
		i = j - 1
	}
	return out
}

// ── chat ids ──

func isIDRune(q rune) bool { return norm.IsLatin(q) || norm.IsDigit(q) || q == '_' || q == '-' }

// idAfter reads an account id after a marker at k (skipping 号, id, :, 是, spaces).
func idAfter(r []rune, k int) (string, int, int, bool) {
	for steps := 0; k < len(r) && steps < 4; steps++ {
		switch {
		case r[k] == '号' || r[k] == ':' || r[k] == ' ' || r[k] == '是' || r[k] == '@' || r[k] == '为':
			k++
			continue
		case hasWordAt(r, k, "id"):
			k += 2
			continue
		}
		break
	}
	s := k
	for k < len(r) && isIDRune(r[k]) && k-s < 32 {
		k++
	}
	if k-s < 5 {
		return "", s, k, false
	}
	return string(r[s:k]), s, k, true
}

func extractChatIDs(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		switch {
		case hasWordAt(r, i, "微信"):
			if id, s, e, ok := idAfter(r, i+2); ok && !strings.HasPrefix(id, "-") {
				out = append(out, entity{"$wechat", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "qq") && (i == 0 || !norm.IsLatin(r[i-1])):
			k := i + 2
			if k < len(r) && (r[k] == '群') {
				k++
			}
			if id, s, e, ok := idAfter(r, k); ok && allDigits([]rune(id)) {
				out = append(out, entity{"$qq", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "telegram"):
			if id, s, e, ok := idAfter(r, i+8); ok {
				out = append(out, entity{"$telegram", id, s, e})
				i = e - 1
			}
		case hasWordAt(r, i, "t.me/"):
			if id, _, e, ok := idAfter(r, i+5); ok {
				out = append(out, entity{"$telegram", id, i, e})
				i = e - 1
			}
		}
	}
	return out
}

// ── links and e-mail ──

// ── companies and licences ──

var companySuffixes = []string{"有限责任公司", "股份有限公司", "有限公司", "集团有限公司"}

const companyStop = "在是的为由我你和与及到去于向给请从来找加"

func extractCompanies(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		if r[i] != '有' && r[i] != '股' {
			continue
		}
		for _, suf := range companySuffixes {
			if !hasWordAt(r, i, suf) {
				continue
			}
			s := i
			for s > 0 && i-s < 24 {
				q := r[s-1]
				if !(norm.IsCJK(q) || norm.IsLatin(q) || norm.IsDigit(q) || q == '(' || q == ')') || strings.ContainsRune(companyStop, q) {
					break
				}
				s--
			}
			if i-s >= 2 {
				e := i + len([]rune(suf))
				out = append(out, entity{"$company", string(r[s:e]), s, e})
				i = e - 1
			}
			break
		}
	}
	return out
}

func extractLicences(r []rune, out []entity) []entity {
	for i := 0; i < len(r); i++ {
		var k int
		switch {
		case hasWordAt(r, i, "许可证"):
			k = i + 3
		case hasWordAt(r, i, "信用代码"):
			k = i + 4
		case hasWordAt(r, i, "资格证书"):
			k = i + 4
		default:
			continue
		}
		for steps := 0; k < len(r) && steps < 4 && strings.ContainsRune("号编码:：是为 ", r[k]); steps++ {
			k++
		}
		s := k
		digits := 0
		for k < len(r) && k-s < 40 && (norm.IsLatin(r[k]) || norm.IsDigit(r[k]) || strings.ContainsRune("()（）〔〕[]第号字-", r[k]) || norm.IsCJK(r[k]) && k-s < 8) {
			if norm.IsDigit(r[k]) {
				digits++
			}
			k++
		}
		// trim trailing CJK that is not part of the code
		for k > s && norm.IsCJK(r[k-1]) && r[k-1] != '号' {
			k--
		}
		if digits >= 4 && k-s >= 6 {
			out = append(out, entity{"$licence", string(r[s:k]), s, k})
			i = k - 1
		}
	}
	return out
}

// extract runs every extractor over the normalised runes.
func extract(r []rune) extraction {
	var ex extraction
	ex.amounts = extractAmounts(r)
	ex.ents = extractDigitEntities(r, ex.ents)
	ex.ents = extractChatIDs(r, ex.ents)
	ex.ents = extractLinks(r, ex.ents)
	ex.ents = extractCompanies(r, ex.ents)
	ex.ents = extractLicences(r, ex.ents)
	for _, a := range ex.amounts {
		ex.ents = append(ex.ents, entity{"$money", "", a.i, a.j})
		if !a.pay {
			continue
		}
		m := a.monthly()
		if m >= 13000 {
			ex.ents = append(ex.ents, entity{"$highpay", "", a.i, a.j})
		}
		if m >= 26000 {
			ex.ents = append(ex.ents, entity{"$veryhighpay", "", a.i, a.j})
		}
		if (a.per == "day" && a.val >= 1000) || (a.per == "hour" && a.val >= 200) {
			ex.ents = append(ex.ents, entity{"$extremerate", "", a.i, a.j})
		}
	}
	return ex
}

// ── exported view ──

// Amount is a money amount found in a text.
type Amount struct {
	Yuan     float64 // value in yuan (USDT and dollars counted at 7 yuan)
	Per      string  // day, hour, week, month, year, piece, or "" when not a rate
	Pay      bool    // a pay claim rather than a price or fee
	Purpose  string  // the fee or deposit word next to it (押金, 服装费 …), if any
	Evidence string  // the original text of the amount
}

// Link is a link found in a text.
type Link struct {
	URL   string // as normalised (lower-case)
	Class string // official, shortener, suspicious, unknown, platform
}

// Extraction is what Extract finds in a text.
type Extraction struct {
	Amounts   []Amount
	Phones    []string // mainland mobile numbers
	WeChat    []string
	QQ        []string
	Telegram  []string
	Emails    []string
	Links     []Link
	Companies []string // full company names (…有限公司)
	Licences  []string // licence or credit-code numbers
	IDNumbers []string // resident ID numbers
	BankCards []string // 16-19 digit numbers
}

// Extract lists the money amounts, contacts, links, companies and licence
// numbers in text, after normalisation (so 一三八 1234 5678 and 薇信 are seen
// through). It examines at most the first 20,000 runes.
func Extract(text string) Extraction {
	a := analyze(strings.ToValidUTF8(text, "\uFFFD"))
	var out Extraction
	for _, m := range a.ex.amounts {
		out.Amounts = append(out.Amounts, Amount{Yuan: m.val, Per: m.per, Pay: m.pay, Purpose: a.purposeOf(m), Evidence: a.nt.Evidence(m.i, m.j)})
	}
	seen := map[string]bool{}
	for _, e := range a.ex.ents {
		key := e.class + "\x00" + e.val
		if seen[key] {
			continue
		}
		seen[key] = true
		switch e.class {
		case "$phone":
			out.Phones = append(out.Phones, e.val)
		case "$wechat":
			out.WeChat = append(out.WeChat, e.val)
		case "$qq":
			out.QQ = append(out.QQ, e.val)
		case "$telegram":
			out.Telegram = append(out.Telegram, e.val)
		case "$email":
			out.Emails = append(out.Emails, e.val)
		case "$company":
			out.Companies = append(out.Companies, e.val)
		case "$licence":
			out.Licences = append(out.Licences, e.val)
		case "idnum":
			out.IDNumbers = append(out.IDNumbers, e.val)
		case "bankcard":
			out.BankCards = append(out.BankCards, e.val)
		case "$anylink":
			class := "platform"
			for _, f := range a.ex.ents {
				if f.i == e.i && f.class != "$anylink" {
					switch f.class {
					case "$officiallink":
						class = "official"
					case "$shortlink":
						class = "shortener"
					case "$badlink":
						class = "suspicious"
					case "$link":
						class = "unknown"
					}
				}
			}
			out.Links = append(out.Links, Link{URL: e.val, Class: class})
		}
	}
	return out
}
