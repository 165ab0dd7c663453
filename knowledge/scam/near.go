package scam

import (
	"slices"
	"sync"
	"unicode"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Near-duplicate matching: is this text the same offer as one staff already
// decided (a published case's story, a report marked scam or not scam), even
// when it was forwarded with another phone number, chat handle, link or
// amount?
//
//  1. The normalised text (norm.NormalizeText: NFKC, lower case, simplified,
//     contact words canonical, split digits rejoined) is cut into units: one
//     CJK character, one Latin word, or one mask. Digits and Chinese numeral
//     runs, links, e-mail addresses, chat handles (a Latin token with a digit,
//     "_" or "@", or any token right after a contact word: 微信/qq/telegram/
//     whatsapp/电话…) and the placeholders of privacy.Redact ([电话], [账号]…)
//     all become the same mask, and a run of masks is one unit, so "加微信
//     abc123 电话138…" and "加微信[账号] 电话[电话]" read alike. Punctuation,
//     spaces and emoji are dropped.
//  2. Shingles are the runs of nearShingle consecutive units, hashed to 64
//     bits; a text is the set of its distinct shingles.
//  3. Similarity is measured on those sets: Jaccard |A∩B|/|A∪B|, and the
//     containment of a decided text in the checked one |A∩B|/|B| (a long chat
//     that quotes the whole scam ad).
//
// The index is an inverted index from shingle to documents. A document with
// fewer than nearFullBelow shingles is indexed in full; a longer one keeps
// only the shingles whose hash is 0 mod nearSample, and its intersection
// with a query is estimated as nearSample × the shared kept shingles (the
// same shingles are kept in every text, so the estimate is unbiased and is
// exact for identical texts). A query looks up each of its shingles once:
// the cost is one map lookup per shingle plus the postings it touches.
// Everything is deterministic.
const (
	nearShingle    = 4    // units per shingle
	nearFullBelow  = 64   // documents with fewer shingles are indexed in full
	nearSample     = 4    // longer documents keep 1 shingle in nearSample
	nearMinDoc     = 8    // shorter decided texts are not used: too little to tell offers apart
	nearMinContain = 16   // containment of a decided text counts only when it is at least this long
	nearMinQuoted  = 24   // a checked text quoted in a case story counts only when it is at least this long
	nearMaxUnits   = 6000 // units of a checked text looked at
)

// Thresholds of a match.
const (
	// nearScamJaccard or nearScamContain: the text is the decided scam (or
	// the case's story) again.
	nearScamJaccard = 0.6
	nearScamContain = 0.8
	// nearQuotedContain: the checked text is (nearly all) quoted in a
	// published case's story — the story of a case made from a report is
	// the masked report, often with what happened next.
	nearQuotedContain = 0.75
	// nearClearJaccard: the text is near-identical to one staff cleared. The
	// appeal path asks for more than the scam path: it lowers a verdict.
	nearClearJaccard = 0.7
)

// Unit ids: a CJK (or other non-Latin letter) rune is its code point, a
// Latin word a hash with the top bit set, the mask one constant.
const (
	unitMask = uint64(1) << 62
	unitWord = uint64(1) << 63
)

// nearUnits appends the units of normalised runes r to dst.
func nearUnits(r []rune, dst []uint64) []uint64 {
	masked := func() {
		if n := len(dst); n == 0 || dst[n-1] != unitMask {
			dst = append(dst, unitMask)
		}
	}
	cue := -100 // index just past the last contact word
	for i := 0; i < len(r) && len(dst) < nearMaxUnits; {
		q := r[i]
		switch {
		case q == '[':
			if j := placeholderEnd(r, i); j > 0 {
				masked()
				i = j
				continue
			}
			i++
		case norm.IsDigit(q):
			j := i + 1
			for j < len(r) && (norm.IsDigit(r[j]) || (j+1 < len(r) && isNumSep(r[j]) && norm.IsDigit(r[j+1]))) {
				j++
			}
			masked()
			i = j
		case isCNNumeral(q) && i+1 < len(r) && isCNNumeral(r[i+1]):
			j := i + 2
			for j < len(r) && isCNNumeral(r[j]) {
				j++
			}
			masked()
			i = j
		case isTokenRune(q):
			// A Latin token: a word, or a handle, link, e-mail or code.
			// Punctuation at its ends ("telegram:", "job.") is not part of it.
			j := i
			for j < len(r) && isTokenRune(r[j]) {
				j++
			}
			s, e := i, j
			for s < e && !norm.IsAlnum(r[s]) && r[s] != '@' && r[s] != '_' {
				s++
			}
			for e > s && !norm.IsAlnum(r[e-1]) && r[e-1] != '_' {
				e--
			}
			hasDigit, special := false, false
			for k := s; k < e; k++ {
				switch c := r[k]; {
				case norm.IsDigit(c):
					hasDigit = true
				case c == '_' || c == '@' || c == '/' || c == ':' || c == '=' || c == '?' || c == '&' || c == '%':
					special = true
				case c == '.' && norm.IsLatin(r[k-1]) && norm.IsLatin(r[k+1]):
					special = true // a domain: example.com (k-1 ≥ s and k+1 < e: ends are alphanumeric)
				}
			}
			word, letters := wordUnit(r[s:e])
			switch {
			case hasDigit || special || (letters > 0 && s-cue <= 3):
				masked()
			case letters == 0:
			default:
				dst = append(dst, word)
				if contactWords[word] {
					cue = e
				}
			}
			i = j
		case unicode.IsLetter(q):
			dst = append(dst, uint64(q))
			if q == '信' && i > 0 && r[i-1] == '微' || (q == '话' || q == '机') && i > 0 && (r[i-1] == '电' || r[i-1] == '手') ||
				q == '系' && i > 0 && r[i-1] == '联' || q == '加' {
				cue = i + 1
			}
			i++
		default:
			i++
		}
	}
	return dst
}

// placeholderEnd returns the index after a privacy.Redact placeholder that
// starts at r[i] == '[', or 0.
func placeholderEnd(r []rune, i int) int {
	for _, p := range redactPlaceholders {
		if i+len(p)+2 <= len(r) && r[i+len(p)+1] == ']' && slices.Equal(r[i+1:i+1+len(p)], p) {
			return i + len(p) + 2
		}
	}
	return 0
}

var redactPlaceholders = func() [][]rune {
	var out [][]rune
	for _, s := range []string{"电话", "账号", "邮箱", "银行卡", "身份证", "号码", "链接", "phone", "handle", "email", "link"} {
		out = append(out, []rune(s))
	}
	return out
}()

func isNumSep(q rune) bool {
	return q == '.' || q == ',' || q == ':' || q == '-' || q == '/' || q == ' '
}

func isCNNumeral(q rune) bool {
	switch q {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟':
		return true
	}
	return false
}

// isTokenRune: the runes of a Latin token (after normalisation Latin is
// lower case).
func isTokenRune(q rune) bool {
	return norm.IsAlnum(q) || q == '_' || q == '@' || q == '.' || q == '/' || q == ':' || q == '-' ||
		q == '=' || q == '?' || q == '&' || q == '%' || q == '+' || q == '~'
}

// contactWords are the units of the Latin words after which a token is a
// contact (normalisation already made 薇信/vx/扣扣/纸飞机… canonical).
var contactWords = func() map[uint64]bool {
	m := make(map[uint64]bool)
	for _, w := range []string{"qq", "telegram", "whatsapp", "wechat", "line", "signal", "skype", "tel", "phone", "call", "text", "contact", "email", "dm"} {
		u, _ := wordUnit([]rune(w))
		m[u] = true
	}
	return m
}()

// wordUnit is the unit of a Latin token: a hash of its letters only
// ("full-time." reads as "fulltime"), and how many letters it has.
func wordUnit(t []rune) (uint64, int) {
	h, n := uint64(14695981039346656037), 0
	for _, q := range t {
		if norm.IsLatin(q) {
			h ^= uint64(q)
			h *= 1099511628211
			n++
		}
	}
	return unitWord | (h >> 2), n
}

func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// nearShingles appends the distinct shingle hashes of units to dst, sorted.
func nearShingles(units []uint64, dst []uint64) []uint64 {
	start := len(dst)
	for i := 0; i+nearShingle <= len(units); i++ {
		h := uint64(0x9e3779b97f4a7c15)
		for _, u := range units[i : i+nearShingle] {
			h = mix64(h ^ u)
		}
		dst = append(dst, h)
	}
	s := dst[start:]
	slices.Sort(s)
	return dst[:start+len(slices.Compact(s))]
}

// nearKind is what a staff decision says about a text.
type nearKind uint8

const (
	nearCase    nearKind = iota // a published case's story: a confirmed scam
	nearScam                    // a report staff marked as a scam
	nearNotScam                 // a report staff marked as not a scam
)

type nearDoc struct {
	kind   nearKind
	size   int32 // distinct shingles
	sample int32 // 1 or nearSample
	caseAt int32 // index into nearIndex.cases for nearCase, else -1
	report int64 // report id for nearScam / nearNotScam
}

// nearIndex is the index of decided texts. Immutable after construction.
type nearIndex struct {
	docs      []nearDoc
	cases     []caseEntry
	terms     map[uint64]int32
	postStart []int32
	postDoc   []int32
	pool      sync.Pool
}

type nearScratch struct {
	units   []uint64
	shing   []uint64
	acc     []int32
	touched []int32
}

// nearBuilder collects documents before the postings are laid out.
type nearBuilder struct {
	ix      *nearIndex
	docKeys [][]uint64
	units   []uint64
	shing   []uint64
}

func newNearBuilder() *nearBuilder {
	return &nearBuilder{ix: &nearIndex{terms: make(map[uint64]int32)}}
}

// add indexes one text; texts too short to tell offers apart are skipped.
func (b *nearBuilder) add(text string, d nearDoc) {
	nt := norm.NormalizeText(text, maxCheckRunes)
	b.units = nearUnits(nt.Runes, b.units[:0])
	b.shing = nearShingles(b.units, b.shing[:0])
	if len(b.shing) < nearMinDoc {
		return
	}
	d.size, d.sample = int32(len(b.shing)), 1
	keys := b.shing
	if len(keys) >= nearFullBelow {
		d.sample = nearSample
		var kept []uint64
		for _, h := range keys {
			if h%nearSample == 0 {
				kept = append(kept, h)
			}
		}
		keys = kept
	} else {
		keys = slices.Clone(keys)
	}
	b.ix.docs = append(b.ix.docs, d)
	b.docKeys = append(b.docKeys, keys)
}

// addCase indexes a published case's stories (Chinese, and English when it
// differs).
func (b *nearBuilder) addCase(c Case) {
	at := int32(len(b.ix.cases))
	b.ix.cases = append(b.ix.cases, caseEntry{id: c.ID, typ: c.Type, titleZH: c.TitleZH, titleEN: c.TitleEN,
		summaryZH: firstSentence(c.StoryZH), summaryEN: firstSentence(c.StoryEN)})
	b.add(c.StoryZH, nearDoc{kind: nearCase, caseAt: at})
	if c.StoryEN != c.StoryZH {
		b.add(c.StoryEN, nearDoc{kind: nearCase, caseAt: at})
	}
}

// build lays out the postings; nil when nothing was indexed.
func (b *nearBuilder) build() *nearIndex {
	ix := b.ix
	if len(ix.docs) == 0 {
		return nil
	}
	var df []int32
	for _, keys := range b.docKeys {
		for _, h := range keys {
			id, ok := ix.terms[h]
			if !ok {
				id = int32(len(df))
				ix.terms[h] = id
				df = append(df, 0)
			}
			df[id]++
		}
	}
	ix.postStart = make([]int32, len(df)+1)
	for t, n := range df {
		ix.postStart[t+1] = ix.postStart[t] + n
	}
	ix.postDoc = make([]int32, ix.postStart[len(df)])
	fill := slices.Clone(ix.postStart[:len(df)])
	for d, keys := range b.docKeys {
		for _, h := range keys {
			t := ix.terms[h]
			ix.postDoc[fill[t]] = int32(d)
			fill[t]++
		}
	}
	n := len(ix.docs)
	ix.pool.New = func() any { return &nearScratch{acc: make([]int32, n)} }
	b.docKeys = nil
	return ix
}

// nearHit is a decided text similar to a query.
type nearHit struct {
	doc     int32
	jaccard float64
	contain float64 // of the decided text in the query
	quoted  float64 // of the query in the decided text
}

// nearMatches returns the best scam match (a case or a report marked scam)
// and the best "not a scam" match of normalised runes r; ok is false when
// there is none.
func (ix *nearIndex) nearMatches(r []rune) (scam, clear nearHit, scamOK, clearOK bool) {
	if ix == nil || len(r) == 0 {
		return
	}
	sc := ix.pool.Get().(*nearScratch)
	defer ix.pool.Put(sc)
	sc.units = nearUnits(r, sc.units[:0])
	sc.shing = nearShingles(sc.units, sc.shing[:0])
	nq := len(sc.shing)
	if nq < nearMinDoc {
		return
	}
	sc.touched = sc.touched[:0]
	for _, h := range sc.shing {
		t, ok := ix.terms[h]
		if !ok {
			continue
		}
		for _, d := range ix.postDoc[ix.postStart[t]:ix.postStart[t+1]] {
			if sc.acc[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.acc[d]++
		}
	}
	for _, d := range sc.touched {
		shared := sc.acc[d]
		sc.acc[d] = 0
		doc := &ix.docs[d]
		inter := float64(shared * doc.sample)
		inter = min(inter, float64(nq), float64(doc.size))
		h := nearHit{doc: d, jaccard: inter / (float64(nq) + float64(doc.size) - inter),
			contain: inter / float64(doc.size), quoted: inter / float64(nq)}
		switch doc.kind {
		case nearCase, nearScam:
			if h.jaccard < nearScamJaccard && (h.contain < nearScamContain || doc.size < nearMinContain) &&
				(doc.kind != nearCase || h.quoted < nearQuotedContain || nq < nearMinQuoted) {
				continue
			}
			if !scamOK || ix.betterScam(h, scam) {
				scam, scamOK = h, true
			}
		case nearNotScam:
			if h.jaccard < nearClearJaccard {
				continue
			}
			if !clearOK || h.jaccard > clear.jaccard || (h.jaccard == clear.jaccard && h.doc < clear.doc) {
				clear, clearOK = h, true
			}
		}
	}
	return
}

// betterScam orders scam matches: a published case (it has a title and a
// story to show) before a bare report, then the stronger match, then the
// earlier document.
func (ix *nearIndex) betterScam(a, b nearHit) bool {
	ac, bc := ix.docs[a.doc].kind == nearCase, ix.docs[b.doc].kind == nearCase
	if ac != bc {
		return ac
	}
	sa, sb := a.strength(), b.strength()
	if sa != sb {
		return sa > sb
	}
	return a.doc < b.doc
}

// strength is how strongly a hit says "the same text": the best of its
// measures.
func (h nearHit) strength() float64 { return max(h.jaccard, h.contain, h.quoted) }
