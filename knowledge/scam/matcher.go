package scam

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
)

type termHit struct {
	term int32
	i, j int32 // rune range in the normalised text
}

type termSet []uint64

func (s termSet) has(t int32) bool { return s[t>>6]&(1<<(uint(t)&63)) != 0 }

func (s termSet) add(t int32) { s[t>>6] |= 1 << (uint(t) & 63) }

type cPart struct {
	set   termSet
	plain bool // only entity classes, or a context part (~…): never negated
}

type cPattern struct {
	src   string
	parts []cPart
}

type cDef struct {
	def                     *signalDef
	strong, weak, with, not []cPattern
	handle                  []cPattern
	requires, unless        []int // indexes of earlier rows
	gap                     int32
}

type lexMatcher struct {
	trie     map[uint64]int32 // node<<32 | rune → child node
	nodeTerm []int32          // node → term id, or -1
	terms    []string
	termID   map[string]int32
	defs     []cDef

	negator, warnB, warnA, threat termSet
	postNeg                       termSet
	jobSet, questionSet           termSet
	contactSet                    termSet
	reassure                      termSet // 不是骗子 …: their 骗/诈骗 is not a warning
	shadowable, shadowers         termSet // 费 does not count at the end of 加班费, 免费 …
	filler                        map[rune]bool
	// scope (scope.go)
	benign, maskable, companyCut termSet
	payer, selfKeep, show        termSet
	scopeFill, payWord, feeWord  termSet
	retainWord                   termSet
	lawfulFeeWord, lawfulCtx     termSet
	personal                     termSet
	termEdge                     []uint8 // per term: 1 starts with a letter, 2 with a digit, 4 ends with a letter, 8 with a digit
}

var lexicon = buildMatcher()

func (m *lexMatcher) termOf(w string) int32 {
	if id, ok := m.termID[w]; ok {
		return id
	}
	id := int32(len(m.terms))
	m.terms = append(m.terms, w)
	m.termID[w] = id
	var edge uint8
	if rs := []rune(w); len(rs) > 0 {
		switch first := rs[0]; {
		case norm.IsLatin(first):
			edge |= 1
		case norm.IsDigit(first):
			edge |= 2
		}
		switch last := rs[len(rs)-1]; {
		case norm.IsLatin(last):
			edge |= 4
		case norm.IsDigit(last):
			edge |= 8
		}
	}
	m.termEdge = append(m.termEdge, edge)
	if strings.HasPrefix(w, "$") {
		return id
	}
	node := int32(0)
	for _, q := range w {
		key := uint64(node)<<32 | uint64(uint32(q))
		child, ok := m.trie[key]
		if !ok {
			child = int32(len(m.nodeTerm))
			m.nodeTerm = append(m.nodeTerm, -1)
			m.trie[key] = child
		}
		node = child
	}
	m.nodeTerm[node] = id
	return id
}

func buildMatcher() *lexMatcher {
	m := &lexMatcher{trie: make(map[uint64]int32), nodeTerm: []int32{-1}, termID: make(map[string]int32)}
	for _, c := range entityClasses {
		m.termOf(c)
	}
	// Register every word first so that sets can be sized.
	names := make([]string, 0, len(lexFamilies))
	for name := range lexFamilies {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, w := range lexFamilies[name] {
			m.termOf(w)
		}
	}
	for _, list := range [][]string{negators, postNegators, warnBefore, warnAfter, negThreat} {
		for _, w := range list {
			m.termOf(w)
		}
	}
	var pats []string
	for i := range signalDefs {
		d := &signalDefs[i]
		for _, l := range [][]string{d.Strong, d.Weak, d.With, d.Not, d.Handle} {
			pats = append(pats, l...)
		}
	}
	for _, p := range pats {
		for _, part := range strings.Split(p, "…") {
			for _, alt := range strings.Split(strings.TrimPrefix(part, "~"), "|") {
				if alt == "" || strings.HasPrefix(alt, "{") {
					continue
				}
				if strings.HasPrefix(alt, "$") && !Contains(entityClasses, alt) {
					panic("lexicon: unknown entity class " + alt)
				}
				m.termOf(alt)
			}
		}
	}
	words := func(list []string) termSet {
		s := m.newSet()
		for _, w := range list {
			s.add(m.termID[w])
		}
		return s
	}
	m.negator, m.warnB, m.warnA, m.threat = words(negators), words(warnBefore), words(warnAfter), words(negThreat)
	m.postNeg = words(postNegators)
	m.shadowable = words([]string{"费", "金"})
	m.shadowers = words(append(append(append([]string(nil), lexFamilies["not_fee"]...), lexFamilies["fee"]...), lexFamilies["deposit"]...))
	m.jobSet, m.questionSet = words(lexFamilies["job"]), words(lexFamilies["question"])
	m.contactSet = words(lexFamilies["contact_word"])
	fam := func(names ...string) termSet {
		var list []string
		for _, n := range names {
			list = append(list, lexFamilies[n]...)
		}
		return words(list)
	}
	m.benign = fam("benign", "not_fee")
	m.companyCut = fam("deposit", "fee", "personal_acct", "id_doc", "before_work")
	m.payer, m.selfKeep, m.show = fam("payer"), fam("self_keep"), fam("show")
	m.scopeFill, m.payWord, m.feeWord = fam("scope_fill"), fam("pay"), fam("fee")
	m.feeWord.add(m.termID["费"])
	m.retainWord = fam("retain", "retain_before")
	m.lawfulFeeWord, m.lawfulCtx = fam("lawful_fee"), fam("lawful_ctx")
	m.lawfulCtx.add(m.termID["$licence"])
	m.personal = fam("personal_acct")
	// maskable: the words of the flag families and of the red-flag rows,
	// not the negators, warnings and scope words.
	m.maskable = fam("pay", "deposit", "fee", "id_doc", "retain", "retain_before", "rent_verb", "card", "secret", "give",
		"loan", "beauty", "easy", "place_risky", "place_border", "place_abroad", "abroad_lure", "personal_acct", "before_work", "refund")
	for _, w := range []string{"费", "金", "$money", "$highpay", "$veryhighpay", "$extremerate", "$obfuscated", "$contactslang", "$wechat", "$qq", "$telegram"} {
		m.maskable.add(m.termID[w])
	}
	for i := range signalDefs {
		d := &signalDefs[i]
		if d.Weight <= 0 {
			continue
		}
		for _, p := range append(append(append([]string(nil), d.Strong...), d.Weak...), d.Handle...) {
			for _, part := range strings.Split(p, "…") {
				for _, alt := range strings.Split(strings.TrimPrefix(part, "~"), "|") {
					if alt != "" && !strings.HasPrefix(alt, "{") && !strings.HasPrefix(alt, "$") {
						m.maskable.add(m.termID[alt])
					}
				}
			}
		}
	}
	keep := fam("payer", "self_keep", "show", "scope_fill", "lawful_ctx")
	for _, list := range [][]string{negators, postNegators, warnBefore, warnAfter, negThreat} {
		for _, w := range list {
			keep.add(m.termID[w])
		}
	}
	for k := range m.maskable {
		m.maskable[k] &^= keep[k]
	}
	m.filler = make(map[rune]bool)
	for _, q := range negFiller {
		m.filler[q] = true
	}
	m.filler[' '] = true

	codes := make(map[string]int)
	for i := range signalDefs {
		d := &signalDefs[i]
		if _, dup := codes[d.Code]; dup {
			panic("lexicon: duplicate code " + d.Code)
		}
		cd := cDef{def: d, gap: int32(d.Gap)}
		if cd.gap == 0 {
			cd.gap = 8
		}
		cd.strong, cd.weak, cd.with, cd.not = m.compile(d.Strong), m.compile(d.Weak), m.compile(d.With), m.compile(d.Not)
		cd.handle = m.compile(d.Handle)
		for _, r := range d.Requires {
			k, ok := codes[r]
			if !ok {
				panic(fmt.Sprintf("lexicon: %s requires %s, which must come earlier", d.Code, r))
			}
			cd.requires = append(cd.requires, k)
		}
		for _, r := range d.Unless {
			k, ok := codes[r]
			if !ok {
				panic(fmt.Sprintf("lexicon: %s names %s under Unless, which must come earlier", d.Code, r))
			}
			cd.unless = append(cd.unless, k)
		}
		if d.Code == "reassurance" {
			m.reassure = m.newSet()
			for _, p := range cd.strong {
				for _, part := range p.parts {
					for w := range m.reassure {
						m.reassure[w] |= part.set[w]
					}
				}
			}
		}
		codes[d.Code] = i
		m.defs = append(m.defs, cd)
	}
	return m
}

func (m *lexMatcher) newSet() termSet { return make(termSet, (len(m.terms)+63)/64) }

func (m *lexMatcher) compile(pats []string) []cPattern {
	var out []cPattern
	for _, p := range pats {
		cp := cPattern{src: p}
		for _, part := range strings.Split(p, "…") {
			context := strings.HasPrefix(part, "~")
			cpart := cPart{set: m.newSet(), plain: true}
			for _, alt := range strings.Split(strings.TrimPrefix(part, "~"), "|") {
				switch {
				case alt == "":
				case strings.HasPrefix(alt, "{") && strings.HasSuffix(alt, "}"):
					fam, ok := lexFamilies[alt[1:len(alt)-1]]
					if !ok {
						panic("lexicon: unknown family " + alt)
					}
					for _, w := range fam {
						cpart.set.add(m.termID[w])
					}
					cpart.plain = context
				default:
					cpart.set.add(m.termID[alt])
					if !strings.HasPrefix(alt, "$") && !context {
						cpart.plain = false
					}
				}
			}
			cp.parts = append(cp.parts, cpart)
		}
		out = append(out, cp)
	}
	return out
}

// scan finds every lexicon word in r. Latin words and numbers match whole
// words only; a Latin word may take a plural "s".
func (m *lexMatcher) scan(r []rune, hits []termHit) []termHit {
	n := len(r)
	for i := range r {
		atLetter := i > 0 && norm.IsLatin(r[i-1])
		atDigit := i > 0 && norm.IsDigit(r[i-1])
		node := int32(0)
		for k := i; k < n; k++ {
			child, ok := m.trie[uint64(node)<<32|uint64(uint32(r[k]))]
			if !ok {
				break
			}
			node = child
			t := m.nodeTerm[node]
			if t < 0 {
				continue
			}
			edge := m.termEdge[t]
			if (edge&1 != 0 && atLetter) || (edge&2 != 0 && atDigit) {
				continue
			}
			j := k + 1
			if j < n {
				if edge&4 != 0 && norm.IsLatin(r[j]) {
					if r[j] != 's' || (j+1 < n && norm.IsLatin(r[j+1])) {
						continue
					}
					j++
				}
				if edge&8 != 0 && norm.IsDigit(r[j]) {
					continue
				}
			}
			hits = append(hits, termHit{t, int32(i), int32(j)})
		}
	}
	return hits
}

// dropShadowed removes hits of a generic one-character word (费, 金) that is
// part of a longer known word: a word that is not a fee (加班费, 免费, 费用,
// 奖金), or a fee word that its own patterns handle (押金, 介绍费).
func (m *lexMatcher) dropShadowed(hits []termHit) []termHit {
	var covered map[int32]bool
	for _, h := range hits {
		if m.shadowers.has(h.term) {
			if covered == nil {
				covered = make(map[int32]bool)
			}
			for k := h.i; k < h.j; k++ {
				covered[k] = true
			}
		}
	}
	if covered == nil {
		return hits
	}
	w := 0
	for _, h := range hits {
		if m.shadowable.has(h.term) && covered[h.i] {
			continue
		}
		hits[w] = h
		w++
	}
	return hits[:w]
}
