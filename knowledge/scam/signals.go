package scam

import (
	"sort"
	"unicode"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// The signal engine: a rune trie over every word of the lexicon (lexicon.go)
// finds all word hits in one pass; the extraction step adds entity hits
// ($money, $link, …); then each lexicon row's patterns are matched against
// the hits.

func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// analysis is the shared state of one check.
type analysis struct {
	nt      *norm.Text
	ex      extraction
	hits    []termHit // sorted by start
	clause  []int32   // clause number of every rune
	sent    []int32   // sentence number of every rune
	negEnd  []bool    // a negator ends here (index = its end)
	postNeg []bool    // a post-negator (押金全免, fee waived) starts here
	warnB   []bool    // a warning word stands before this rune in the same clause
	warnA   []int32   // start of the next warning-after word in the same sentence, or -1
	threat  []int32   // start of the next threat word in the same clause, or -1
	unit    []int32   // units (a CJK rune, a Latin word or a number) before each rune: gaps are measured in units
	endAt   []int32   // index of the longest word hit ending at each position, or -1
	scope   []uint8   // per position: scopePayerEnd, scopePayerStart, scopeSelfEnd
}

const (
	scopePayerEnd   = 1 << iota // a payer word (报销, 公司承担) ends here
	scopePayerStart             // a payer word starts here
	scopeSelfEnd                // a self-keep word (自己, 本人) ends here
)

// maxCheckRunes caps the work per text.
const maxCheckRunes = 20000

func analyze(valid string) *analysis {
	return analyzeN(valid, maxCheckRunes)
}

func analyzeN(valid string, maxRunes int) *analysis {
	m := lexicon
	a := &analysis{nt: norm.NormalizeText(valid, maxRunes)}
	repairNumbers(a.nt, valid)
	r := a.nt.Runes
	a.ex = extract(r)
	for _, list := range []struct {
		spans []norm.Span
		class string
	}{{a.nt.Obf, "$obfuscated"}, {a.nt.Slang, "$contactslang"}} {
		for _, o := range list.spans {
			i := sort.Search(len(a.nt.Spans), func(k int) bool { return a.nt.Spans[k].End > o.Start })
			j := i
			for j < len(a.nt.Spans) && a.nt.Spans[j].Start < o.End {
				j++
			}
			if j > i {
				a.ex.ents = append(a.ex.ents, entity{class: list.class, i: i, j: j})
			}
		}
	}
	a.hits = m.scan(r, make([]termHit, 0, len(r)/2+len(a.ex.ents)))
	for _, e := range a.ex.ents {
		if id, ok := m.termID[e.class]; ok {
			a.hits = append(a.hits, termHit{id, int32(e.i), int32(e.j)})
		}
	}
	a.hits = m.dropShadowed(a.hits)
	a.maskHits()
	sort.Slice(a.hits, func(x, y int) bool { // by start, longest first
		if a.hits[x].i != a.hits[y].i {
			return a.hits[x].i < a.hits[y].i
		}
		return a.hits[x].j > a.hits[y].j
	})
	n := len(r)
	a.clause = make([]int32, n+1)
	a.sent = make([]int32, n+1)
	var c, s int32
	for i, q := range r {
		a.clause[i], a.sent[i] = c, s
		if q == ',' && i > 0 && i+1 < n && norm.IsDigit(r[i-1]) && norm.IsDigit(r[i+1]) {
			continue // 1,800
		}
		if isClauseBreak(q) {
			c++
		}
		if isSentenceBreak(q) {
			s++
		}
	}
	a.clause[n], a.sent[n] = c, s
	a.negEnd = make([]bool, n+1)
	a.postNeg = make([]bool, n+1)
	a.warnB = make([]bool, n+1)
	a.warnA = make([]int32, n+1)
	a.threat = make([]int32, n+1)
	a.unit = make([]int32, n+1)
	a.endAt = make([]int32, n+1)
	for i := range a.endAt {
		a.endAt[i] = -1
	}
	for x, h := range a.hits {
		if y := a.endAt[h.j]; y < 0 || a.hits[y].i > h.i {
			a.endAt[h.j] = int32(x)
		}
	}
	var u int32
	for i, q := range r {
		a.unit[i] = u
		switch {
		case q == ' ' || q == '\n':
		case norm.IsAlnum(q):
			if i == 0 || !norm.IsAlnum(r[i-1]) {
				u++
			}
		default:
			u++
		}
	}
	a.unit[n] = u
	warnEnd := make([]bool, n+1)
	warnStart := make([]bool, n+1)
	threatStart := make([]bool, n+1)
	reassured := make([]bool, n+1)
	for _, h := range a.hits {
		if m.reassure.has(h.term) {
			for k := h.i; k < h.j; k++ {
				reassured[k] = true
			}
		}
	}
	a.scope = make([]uint8, n+1)
	for _, h := range a.hits {
		switch {
		case m.negator.has(h.term):
			a.negEnd[h.j] = true
		}
		if m.payer.has(h.term) {
			a.scope[h.j] |= scopePayerEnd
			a.scope[h.i] |= scopePayerStart
		}
		if m.selfKeep.has(h.term) {
			a.scope[h.j] |= scopeSelfEnd
		}
		if m.postNeg.has(h.term) {
			a.postNeg[h.i] = true
		}
		if m.warnB.has(h.term) {
			warnEnd[h.j] = true
		}
		if m.warnA.has(h.term) && !reassured[h.i] && !(scamWord(r[h.i:h.j]) && asked(r, int(h.i), int(h.j))) {
			warnStart[h.i] = true
		}
		if m.threat.has(h.term) {
			threatStart[h.i] = true
		}
	}
	on := false
	for i := 0; i <= n; i++ {
		if i > 0 && a.clause[i] != a.clause[i-1] {
			on = false
		}
		if warnEnd[i] {
			on = true
		}
		a.warnB[i] = on
	}
	nextW, nextT := int32(-1), int32(-1)
	for i := n; i >= 0; i-- {
		if i < n && a.sent[i] != a.sent[i+1] {
			nextW = -1
		}
		if i < n && a.clause[i] != a.clause[i+1] {
			nextT = -1
		}
		if warnStart[i] {
			nextW = int32(i)
		}
		if threatStart[i] {
			nextT = int32(i)
		}
		a.warnA[i], a.threat[i] = nextW, nextT
	}
	return a
}

// negated reports whether the word at h is cancelled by a negator right
// before it (不收押金, 无需缴纳保证金), unless a threat follows (不交押金就不能上岗).
func (a *analysis) negated(h termHit) bool { return a.negatedDepth(h, 2) }

func (a *analysis) negatedDepth(h termHit, depth int) bool {
	r := a.nt.Runes
	m := lexicon
	fee := m.feeWord.has(h.term)
	// after the word: 押金全免, 押金：0元, deposit waived; 路费报销, 体检费由公司承担
	question := false // 要交押金吗？——不用: a question answered no
	for k, steps := int(h.j), 0; k < len(r) && steps < 8; k, steps = k+1, steps+1 {
		if a.postNeg[k] || (fee && a.scope[k]&scopePayerStart != 0) {
			return true
		}
		if question && deniesAt(r, k) {
			return true
		}
		q := r[k]
		if q == '吗' || q == '?' || q == '？' || q == '呢' {
			question = true
			continue
		}
		if question && (q == '，' || q == ',' || q == '：' || q == '。' || norm.IsLatin(q)) { // a speaker's label: B：
			continue
		}
		if steps >= 4 || q != ' ' && q != ':' && q != '为' && q != '是' && q != '由' && q != '可' && q != '全' && q != '均' && q != '都' {
			break
		}
	}
	retain := m.retainWord.has(h.term)
	k := int(h.i)
	object := false // one object phrase after 向/对/从/跟 may be skipped: 不向买卖双方收取
	for k >= 0 && int(h.i)-k <= 24 {
		if a.negEnd[k] {
			return a.threat[h.j] < 0
		}
		if fee && a.scope[k]&scopePayerEnd != 0 { // 报销路费, 包体检费
			return true
		}
		if retain && a.scope[k]&scopeSelfEnd != 0 { // 证件您自己保管
			return true
		}
		if k == 0 {
			return false
		}
		// a list: 不收押金和保证金, no deposit or fee
		if depth > 0 && k < int(h.i) && isCoordination(r[k]) {
			if x := a.endAt[k]; x >= 0 && a.negatedDepth(a.hits[x], depth-1) {
				return true
			}
		}
		if depth > 0 && isCoordination(r[k-1]) { // 不出租、出借银行卡: the item before the joiner
			if x := a.endAt[k-1]; x >= 0 && a.negatedDepth(a.hits[x], depth-1) {
				return true
			}
		}
		// A whole filler word first (员工, 要求), then a filler rune: the
		// last rune of a word may be a filler rune of its own (the 工 of 员工).
		if x := a.endAt[k]; x >= 0 {
			if t := a.hits[x].term; m.scopeFill.has(t) || m.payWord.has(t) {
				k = int(a.hits[x].i)
				continue
			}
		}
		if m.filler[r[k-1]] {
			k--
			continue
		}
		if norm.IsLatin(r[k-1]) { // an English filler word: no hidden fees
			s := k - 1
			for s > 0 && norm.IsLatin(r[s-1]) {
				s--
			}
			if enFiller[string(r[s:k])] {
				k = s
				continue
			}
		}
		if !object && norm.IsCJK(r[k-1]) {
			object = true
			found := -1
			for p := k - 1; p >= 0 && p >= k-8; p-- {
				q := r[p]
				if q == '向' || q == '对' || q == '从' || q == '跟' {
					found = p
					break
				}
				if !norm.IsCJK(q) {
					break
				}
			}
			if found >= 0 {
				k = found
				continue
			}
		}
		return false
	}
	return false
}

func isCoordination(q rune) bool {
	switch q {
	case '和', '及', '或', '与', '、', '/', ',':
		return true
	}
	return false
}

// warned reports whether the word at h stands in a warning (谨防交押金, 收押金的都是骗子).
func (a *analysis) warned(h termHit) bool {
	if a.warnB[h.i] {
		return true
	}
	if w := a.warnA[h.j]; w >= 0 && w-h.j <= 20 {
		return true
	}
	return false
}

// Match modes: how a word hit may be cancelled by its context.
const (
	matchPlain    = iota // every hit counts
	matchNegation        // negated hits do not count
	matchContext         // negated hits and hits inside a warning do not count
)

func (a *analysis) suppressed(h termHit, mode int) bool {
	switch mode {
	case matchNegation:
		return a.negated(h)
	case matchContext:
		if lexicon.retainWord.has(h.term) && a.shownNotKept(h) {
			return true
		}
		return a.negated(h) || a.warned(h) || a.lawfulFee(h)
	}
	return false
}

// firstHitFrom returns the index of the first hit starting at or after pos.
func (a *analysis) firstHitFrom(pos int32) int {
	return sort.Search(len(a.hits), func(k int) bool { return a.hits[k].i >= pos })
}

// match finds the first occurrence of p; mode says which hits count.
func (a *analysis) match(p *cPattern, gap int32, mode int) (int, int, bool) {
	first := p.parts[0]
	for _, h := range a.hits {
		if !first.set.has(h.term) || (!first.plain && a.suppressed(h, mode)) {
			continue
		}
		end := h.j
		ok := true
		for _, part := range p.parts[1:] {
			found := false
			for k := a.firstHitFrom(end); k < len(a.hits); k++ {
				h2 := a.hits[k]
				if a.unit[h2.i]-a.unit[end] > gap {
					break
				}
				if !part.set.has(h2.term) || (!part.plain && a.suppressed(h2, mode)) {
					continue
				}
				end = max(end, h2.j)
				found = true
				break
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return int(h.i), int(end), true
		}
	}
	return 0, 0, false
}

func (a *analysis) anyMatch(ps []cPattern, gap int32, mode int) bool {
	for i := range ps {
		if _, _, ok := a.match(&ps[i], gap, mode); ok {
			return true
		}
	}
	return false
}

// firedSignal is a signal found in one analysis.
type firedSignal struct {
	def    *signalDef
	weight float64
	i, j   int
}

// signals evaluates the lexicon table.
func (a *analysis) signals() []firedSignal {
	m := lexicon
	fired := make([]bool, len(m.defs))
	var out, pending []firedSignal
	for di := range m.defs {
		cd := &m.defs[di]
		d := cd.def
		skip := false
		for _, k := range cd.unless {
			skip = skip || fired[k]
		}
		if skip {
			continue
		}
		if len(cd.requires) > 0 {
			ok := false
			for _, k := range cd.requires {
				ok = ok || fired[k]
			}
			if !ok {
				continue
			}
		}
		if len(cd.not) > 0 && a.anyMatch(cd.not, cd.gap, matchNegation) {
			continue
		}
		if len(cd.with) > 0 && !a.anyMatch(cd.with, cd.gap, matchPlain) {
			continue
		}
		mode := matchContext
		if d.Literal {
			mode = matchPlain
		}
		found := false
		for _, group := range []struct {
			ps []cPattern
			w  float64
		}{{cd.strong, d.Weight}, {cd.weak, d.WeakWeight}} {
			for pi := range group.ps {
				if i, j, ok := a.match(&group.ps[pi], cd.gap, mode); ok {
					out = append(out, firedSignal{def: d, weight: group.w, i: i, j: j})
					found = true
					break
				}
			}
			if found {
				break
			}
		}
		if !found && len(cd.handle) > 0 {
			for pi := range cd.handle {
				if i, j, ok := a.match(&cd.handle[pi], cd.gap, mode); ok {
					pending = append(pending, firedSignal{def: d, weight: d.WeakWeight, i: i, j: j})
					break
				}
			}
		}
		fired[di] = found
	}
	// A chat handle alone is no flag (this bot itself runs on Telegram): it
	// counts only next to another red flag.
	if len(pending) > 0 {
		other := false
		for _, f := range out {
			if f.weight >= 0.8 {
				other = true
				break
			}
		}
		if other {
			out = append(out, pending...)
		}
	}
	return out
}

// purposeOf names the fee or deposit word next to an amount (same clause).
func (a *analysis) purposeOf(am amount) string {
	fee, dep := lexFamiliesSet("fee"), lexFamiliesSet("deposit")
	best, bestDist := "", int32(1<<30)
	for _, h := range a.hits {
		if !fee.has(h.term) && !dep.has(h.term) {
			continue
		}
		var d int32
		switch {
		case h.j <= int32(am.i):
			d = a.unit[am.i] - a.unit[h.j]
		case h.i >= int32(am.j):
			d = a.unit[h.i] - a.unit[am.j]
		default:
			d = 0
		}
		if d <= 6 && d < bestDist && a.clause[h.i] == a.clause[am.i] {
			best, bestDist = lexicon.terms[h.term], d
		}
	}
	return best
}

// signalDefByCode finds a lexicon row by its code.
var signalDefByCode = func() map[string]*signalDef {
	m := make(map[string]*signalDef, len(signalDefs))
	for i := range signalDefs {
		m[signalDefs[i].Code] = &signalDefs[i]
	}
	return m
}()

var famSets = map[string]termSet{}

func init() {
	for name, words := range lexFamilies {
		s := lexicon.newSet()
		for _, w := range words {
			s.add(lexicon.termID[w])
		}
		famSets[name] = s
	}
}

func lexFamiliesSet(name string) termSet { return famSets[name] }

// meaningfulRunes counts letters, digits and CJK characters.
func meaningfulRunes(r []rune) int {
	n := 0
	for _, q := range r {
		if unicode.IsLetter(q) || unicode.IsDigit(q) {
			n++
		}
	}
	return n
}

// letterRunes counts letters (CJK or Latin): a text of digits and symbols
// only is nothing to check.
func letterRunes(r []rune) int {
	n := 0
	for _, q := range r {
		if unicode.IsLetter(q) {
			n++
		}
	}
	return n
}

// offerLike scores how much the text reads like a job offer or recruiter
// message rather than a question or a greeting.
func (a *analysis) offerLike() bool {
	m := lexicon
	jobs, questions := 0, 0
	contactWord := false
	seen := map[int32]bool{}
	for _, h := range a.hits {
		switch {
		case m.jobSet.has(h.term):
			if !seen[h.term] {
				jobs++
				seen[h.term] = true
			}
		case m.questionSet.has(h.term):
			questions++
		case m.contactSet.has(h.term):
			contactWord = true
		}
	}
	score := float64(min(jobs, 4))
	for _, q := range a.nt.Runes {
		if q == '员' || q == '工' || q == '师' { // job titles: 保安员, 普工, 厨师
			score += 0.5
			break
		}
	}
	var money, link bool
	contact := contactWord
	for _, e := range a.ex.ents {
		switch e.class {
		case "$money":
			money = true
		case "$phone", "$wechat", "$qq", "$telegram", "$email":
			contact = true
		case "$anylink":
			link = true
		}
	}
	if money {
		score++
	}
	if contact {
		score++
	}
	if link {
		score += 0.5
	}
	n := len(a.nt.Runes)
	question := questions > 0 && n < 60 && score < 3
	return score >= 2 && !question
}
