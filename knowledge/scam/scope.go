package scam

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Scope: where a red-flag word stands decides whether it counts.
//
//  1. Numbers in place (repairNumbers). The normaliser joins split digits
//     into one number so that 138 1234 5678 is seen as a phone number. A
//     pay range (3000-3500), a list (1、2020届) or a range followed by 五险 is
//     not a contact: when the joined digits are not a mainland mobile number
//     and no contact word stands right before them, the original characters
//     are put back, and the "disguised contact" mark is dropped.
//  2. Words out of place (maskHits). A red-flag word inside a longer word
//     that is not a flag (the 交 of 交通补贴, the 贷款 of 贷款业务审核, the
//     征信 of 征信指标体系: lexFamilies "benign"), or inside a full company
//     name (…小额贷款有限公司, 北京铂金…有限公司, 维信金科…) does not count.
//  3. Negation across fillers (negatedDepth in signals.go). A negator
//     cancels a flag word even with words between them: 不会以任何名义收取任何
//     手续费, 不向求职者收取, 本校不办理任何贷款, we will never ask you to pay.
//     The words that may stand between are the filler runes of negFiller,
//     the words of lexFamilies "scope_fill" and "pay", and one object phrase
//     after 向/对/从/跟 (不向买卖双方收取).
//  4. Who pays (payer words): 报销路费, 路费公司报销, 交通补贴, 体检费由公司承担
//     — a cost the company pays or refunds is not a fee (lexFamilies "payer").
//  5. Who keeps the ID: 证件您自己保管 (lexFamilies "self_keep" before a keep
//     word) and showing it, 身份证给我看一下 / 核验后当场归还 (lexFamilies
//     "show" after it, same clause) are not retention.
//  6. Lawful fees (lawfulFee): a health-check fee paid at a hospital, a fee
//     of a listed training school with an invoice or subsidy, a licensed
//     agency's posted fee do not count as upfront_fee; the row
//     fee_lawful_verify names them instead, with a small negative weight.
//  7. A chat handle alone (Handle patterns of a row) counts only together
//     with another red flag (signals.go).

// repairNumbers undoes the normaliser's joining of digits that are not a
// contact. src is the text nt was built from.
func repairNumbers(nt *norm.Text, src string) {
	r, sp := nt.Runes, nt.Spans
	n := len(r)
	var outR []rune
	var outS []norm.Span
	copied := 0
	for i := 0; i < n; {
		if !norm.IsDigit(r[i]) || (i > 0 && norm.IsDigit(r[i-1])) {
			i++
			continue
		}
		j := i
		joined := false
		for j < n && norm.IsDigit(r[j]) {
			if j > i && sp[j].Start > sp[j-1].End {
				joined = true
			}
			if s := sp[j]; s.End-s.Start != 1 || src[s.Start] != byte(r[j]) {
				joined = true // a Chinese or full-width numeral turned into a digit
			}
			j++
		}
		if !joined || isMobile(r[i:j]) || contactBefore(r, i) {
			i = j
			continue
		}
		if outR == nil {
			outR = make([]rune, 0, n+8)
			outS = make([]norm.Span, 0, n+8)
		}
		outR = append(outR, r[copied:i]...)
		outS = append(outS, sp[copied:i]...)
		start, end := sp[i].Start, sp[j-1].End
		for b := start; b < end; {
			q, size := utf8.DecodeRuneInString(src[b:])
			if q >= 0xFF01 && q <= 0xFF5E {
				q -= 0xFEE0
			}
			switch {
			case q == '，':
				q = ','
			case q == '、' || q == '。':
			case unicode.IsSpace(q):
				q = ' '
			default:
				q = unicode.ToLower(q)
			}
			outR = append(outR, q)
			outS = append(outS, norm.Span{Start: b, End: b + int32(size)})
			b += int32(size)
		}
		copied = j
		// drop the disguised-contact marks inside the repaired range
		w := 0
		for _, o := range nt.Obf {
			if o.Start < end && o.End > start {
				continue
			}
			nt.Obf[w] = o
			w++
		}
		nt.Obf = nt.Obf[:w]
		i = j
	}
	if outR != nil {
		outR = append(outR, r[copied:]...)
		outS = append(outS, sp[copied:]...)
		nt.Runes, nt.Spans = outR, outS
	}
}

func isMobile(d []rune) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// contactBefore reports whether a contact word (微信, qq, 电话, 加, …) ends
// within a few runes before i.
func contactBefore(r []rune, i int) bool {
	k := i
	for steps := 0; k > 0 && steps < 4 && strings.ContainsRune(" :号是为@-码", r[k-1]); steps++ {
		k--
	}
	for _, w := range contactCues {
		if hasWordBefore(r, k, w) {
			return true
		}
	}
	return false
}

var nameParts = []string{"金科", "科技", "金融", "金服", "金控", "集团", "公司", "息", "银行", "网络", "数据", "医药", "控股", "实业", "贸易", "电子"}

var contactCues = []string{"微信", "qq", "telegram", "whatsapp", "电话", "手机", "联系", "加", "tel", "号码", "热线", "call", "phone"}

// maskHits drops the red-flag word hits that stand inside a longer word that
// is not a flag (lexFamilies "benign"), or inside a company name, and the
// disguised-contact marks inside a company name (维信金科 is not 微信).
func (a *analysis) maskHits() {
	m := lexicon
	n := len(a.nt.Runes)
	var coverEnd, coverStart []int32
	add := func(i, j int32) {
		if coverEnd == nil {
			coverEnd = make([]int32, n+1)
			coverStart = make([]int32, n+1)
		}
		for p := i; p < j; p++ {
			if j > coverEnd[p] {
				coverEnd[p], coverStart[p] = j, i
			}
		}
	}
	for _, h := range a.hits {
		if m.benign.has(h.term) {
			add(h.i, h.j)
		}
	}
	r := a.nt.Runes
	for _, h := range a.hits {
		// a contact word in slang right before a name part is part of a
		// name: 维信金科, 拓维信息 (read as 微信 by the normaliser)
		if lexicon.terms[h.term] == "$contactslang" && int(h.j) < n {
			for _, w := range nameParts {
				if hasWordAt(r, int(h.j), w) {
					add(h.i, h.j+1)
					break
				}
			}
		}
	}
	for _, e := range a.ex.ents {
		if e.class != "$company" {
			continue
		}
		// a company name does not reach back over an amount or a money word
		// (押金500元深圳某某有限公司: the name starts after 元)
		s := int32(e.i)
		for _, h := range a.hits {
			if h.i >= s && h.j < int32(e.j)-4 && m.companyCut.has(h.term) {
				s = h.j
			}
		}
		for _, f := range a.ex.ents {
			if f.class == "$money" && int32(f.i) >= s && f.j < e.j {
				s = int32(f.j)
			}
		}
		add(s, int32(e.j))
	}
	if coverEnd == nil {
		return
	}
	w := 0
	for _, h := range a.hits {
		if m.maskable.has(h.term) && h.i < int32(n) {
			if ce := coverEnd[h.i]; ce > h.j || (ce == h.j && coverStart[h.i] < h.i) {
				continue
			}
		}
		a.hits[w] = h
		w++
	}
	a.hits = a.hits[:w]
}

// lawfulFee reports whether the fee word at h is a lawful fee in its
// sentence: a health check paid to a hospital, a listed training school's
// fee with an invoice or subsidy, a licensed agency's posted fee, and no
// personal account in the same sentence.
func (a *analysis) lawfulFee(h termHit) bool {
	m := lexicon
	if !m.lawfulFeeWord.has(h.term) {
		return false
	}
	s := a.sent[h.i]
	lawful := false
	for k := a.firstHitFrom(a.sentStart(h.i)); k < len(a.hits) && a.sent[a.hits[k].i] == s; k++ {
		t := a.hits[k].term
		if m.personal.has(t) {
			return false
		}
		if m.lawfulCtx.has(t) {
			lawful = true
		}
	}
	return lawful
}

// sentStart is the first rune of the sentence holding rune i.
func (a *analysis) sentStart(i int32) int32 {
	s := a.sent[i]
	for i > 0 && a.sent[i-1] == s {
		i--
	}
	return i
}

// shownNotKept reports whether a keep word at h (给我, 交给, …) is followed in
// its clause by a word of showing (看一下, 核验, 复印后归还).
func (a *analysis) shownNotKept(h termHit) bool {
	m := lexicon
	c := a.clause[h.i]
	for k := a.firstHitFrom(h.i); k < len(a.hits); k++ {
		h2 := a.hits[k]
		if a.clause[h2.i] != c || a.unit[h2.i]-a.unit[h.j] > 10 {
			break
		}
		if m.show.has(h2.term) {
			return true
		}
	}
	return false
}
