package scam

import (
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Questions. Workers ask as often as they paste: a question changes what
// a flag word means. A worker asking about a word or a rule (进厂要交押金吗,
// 刷单犯法吗) mentions it; a question after a concrete deal (交了600押金
// 人联系不上了 怎么办) keeps its flags; a recruiter's "要交押金吗？——不用"
// answers no; and 是不是骗子 is neither a warning nor a reassurance.

// deniesAt reports whether a plain "no" answer starts at r[k].
func deniesAt(r []rune, k int) bool {
	for _, w := range []string{"不用", "不需要", "不要", "不收", "没有", "不交", "no", "not"} {
		if hasWordAt(r, k, w) {
			return true
		}
	}
	return false
}

// scamWord reports whether w names a scam (骗子, 诈骗, 传销).
func scamWord(w []rune) bool {
	for _, q := range w {
		if q == '骗' || q == '诈' || q == '传' {
			return true
		}
	}
	return false
}

// asked reports whether the words r[i:j] are part of a question (是不是骗子,
// 是骗子吗): a worker asking is not a warning given by the text.
func asked(r []rune, i, j int) bool {
	if i >= 2 && r[i-2] == '是' && r[i-1] == '不' || i >= 1 && r[i-1] == '不' && r[i] == '是' && i >= 2 && r[i-2] == '是' {
		return true
	}
	if i+2 < len(r) && r[i] == '是' && r[i+1] == '不' && r[i+2] == '是' {
		return true
	}
	if i >= 3 && string(r[i-3:i]) == "是不是" {
		return true
	}
	for k := j; k < len(r) && k < j+3; k++ {
		switch r[k] {
		case '吗', '嘛', '?', '？', '呢', '吧', '了':
			return true
		}
	}
	return false
}

// generalQuestion reports whether the text is a short general question
// about a word or a rule ("进厂要交押金吗", "刷单犯法吗", "怎么分辨培训贷")
// rather than an offer or the retelling of one: it asks, names no amount,
// no contact and no one who said or asked anything. Its red-flag words are
// mentions, not evidence.
func (a *analysis) generalQuestion() bool {
	r := a.nt.Runes
	units := 0 // Chinese characters and Latin words
	for k, q := range r {
		if norm.IsCJK(q) || norm.IsLatin(q) && (k == 0 || !norm.IsLatin(r[k-1])) {
			units++
		}
	}
	if units > 22 {
		return false
	}
	s := string(r)
	// The question is the text's last sentence (an ad may open with a
	// rhetorical one: 没交够15年社保？挂靠企业…).
	last := strings.TrimRight(s, " \n\t。.!！")
	asks := strings.HasSuffix(last, "?") || strings.HasSuffix(last, "？")
	if k := strings.LastIndexAny(strings.TrimRight(last, "?？"), "，,；;。.!！？? \n"); k >= 0 {
		last = last[k:]
	}
	for _, q := range []string{"吗", "呢", "吧", "怎么", "什么", "啥", "是不是", "能不能", "可以不", "how ", "what ", "is it", "can i", "should i"} {
		if strings.Contains(last, q) {
			asks = true
			break
		}
	}
	for _, q := range []string{"为什么", "什么是", "是什么", "怎么回事", "犯法", "违法", "合法"} { // asking anywhere
		if strings.Contains(s, q) {
			asks = true
			break
		}
	}
	if lr := []rune(last); !asks {
		for k := 0; k+2 < len(lr); k++ { // 收不收, 要不要
			if lr[k+1] == '不' && lr[k] == lr[k+2] && norm.IsCJK(lr[k]) {
				asks = true
				break
			}
		}
	}
	if !asks || len(a.ex.amounts) > 0 || len(a.ex.ents) > 0 { // an amount, a phone, a handle, a link: something concrete
		return false
	}
	// Someone said or asked something, or something was done: a concrete
	// situation, not a question about a word.
	for _, w := range []string{"他说", "她说", "人说", "板说", "介说", "头说", "事说", "hr说", "方说", "说要", "说是", "说先", "说只要", "说给", "说让", "让", "叫我", "要我", "拉我", "交给", "签", "办了", "给我", "收了", "交了", "他", "她", "有人", "said", "told", "asked", "they", "he ", "she "} {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}
