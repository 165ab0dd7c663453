package scam

import (
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// Staff decisions as evidence. A checked text that is near-identical
// (near.go) to
//
//   - the story of a published case, or to a report staff marked as a
//     scam, gets the red flag "confirmed_case" ("很像已确认的骗局：<title>")
//     and is high risk, whatever else it says;
//   - a report staff marked as not a scam (the appeal path) is lowered to
//     low and loses its soft red flags, with the note "staff_cleared" —
//     unless it carries a hard red flag (signalDef.Hard: an ID kept, a
//     deposit, a rented bank card, a loan…): then the verdict stands.
//
// A scam match wins over a "not a scam" match unless the latter is the
// closer one. The decisions come from the store through the live case base
// (base.go), so a decision on one replica reaches every replica within the
// base's poll interval.

// Decision is a report staff decided, as the checker uses it.
type Decision struct {
	ReportID int64
	Text     string
	Scam     bool // true: a scam; false: not a scam
}

// Signal codes of staff decisions.
const (
	SignalConfirmedCase = "confirmed_case"
	SignalStaffCleared  = "staff_cleared"
)

// confirmedWeight is the weight of the confirmed_case red flag (log-odds
// units, as the lexicon's); confirmedScore the least score of a verdict it
// raises.
const (
	confirmedWeight = 4.0
	confirmedScore  = 0.95
	clearedWeight   = -1.0
	clearedMaxScore = 0.1
)

// Neutral title of a scam report without a published case.
const (
	confirmedReportZH = "工作人员已确认的骗局举报"
	confirmedReportEN = "a scam report confirmed by staff"
)

// NewCheckerWithDecisions builds a checker over cases (retired ones are
// skipped) that also uses staff decisions on reports.
func NewCheckerWithDecisions(cases []Case, decided []Decision) *Checker {
	return &Checker{idx: newCaseIndex(cases), decided: newDecisionIndex(cases, decided)}
}

// newDecisionIndex indexes the stories of the published cases and the
// decided report texts; nil when there is nothing to index.
func newDecisionIndex(cases []Case, decided []Decision) *nearIndex {
	b := newNearBuilder()
	for _, c := range cases {
		if !c.Retired {
			b.addCase(c)
		}
	}
	for _, d := range decided {
		kind := nearNotScam
		if d.Scam {
			kind = nearScam
		}
		b.add(d.Text, nearDoc{kind: kind, caseAt: -1, report: d.ReportID})
	}
	return b.build()
}

// applyDecisions is the checker's hook (called once in check, after the
// case retrieval and before the advice): it raises or clears v when r, the
// normalised text, is near-identical to a decided one.
func (c *Checker) applyDecisions(r []rune, v Verdict) Verdict {
	if c == nil || c.decided == nil || v.Empty {
		return v
	}
	ix := c.decided
	scamHit, clearHit, scamOK, clearOK := ix.nearMatches(r)
	switch {
	case clearOK && (!scamOK || clearHit.jaccard > scamHit.jaccard):
		return clearVerdict(v)
	case scamOK:
		return ix.confirm(v, scamHit)
	}
	return v
}

// confirm raises v to high with the confirmed_case red flag, and shows the
// matching case first.
func (ix *nearIndex) confirm(v Verdict, h nearHit) Verdict {
	doc := ix.docs[h.doc]
	titleZH, titleEN := confirmedReportZH, confirmedReportEN
	if doc.kind == nearCase {
		e := ix.cases[doc.caseAt]
		titleZH, titleEN = clipTitle(e.titleZH), clipTitle(e.titleEN)
		cm := CaseMatch{ID: e.id, TitleZH: e.titleZH, TitleEN: e.titleEN, SummaryZH: e.summaryZH, SummaryEN: e.summaryEN,
			Type: e.typ, Score: norm.Round3(h.strength())}
		cases := []CaseMatch{cm}
		for _, m := range v.Cases {
			if m.ID != cm.ID && len(cases) < maxCases {
				cases = append(cases, m)
			}
		}
		v.Cases = cases
	}
	sig := Signal{Code: SignalConfirmedCase,
		LabelZH: "很像已确认的骗局：" + titleZH, LabelEN: "Very like a confirmed scam: " + titleEN,
		Weight: confirmedWeight}
	v.Signals = append([]Signal{sig}, v.Signals...)
	v.Risk = LevelHigh
	v.Score = max(v.Score, confirmedScore, v.Floor(LevelHigh))
	v.Offer = true
	return v
}

// clearVerdict is the appeal path: staff said near-identical text is not a
// scam. A hard red flag keeps the verdict as it is; otherwise the soft red
// flags go, the level is low, and the note says why.
func clearVerdict(v Verdict) Verdict {
	for _, s := range v.Signals {
		if d := signalDefByCode[s.Code]; s.Weight > 0 && d != nil && d.Hard {
			return v
		}
	}
	kept := v.Signals[:0:0]
	for _, s := range v.Signals {
		if s.Weight <= 0 {
			kept = append(kept, s)
		}
	}
	kept = append(kept, Signal{Code: SignalStaffCleared,
		LabelZH: "工作人员核实过几乎相同的内容：不是骗局", LabelEN: "Staff checked near-identical text: not a scam",
		Weight: clearedWeight})
	v.Signals = kept
	v.Risk = LevelLow
	v.Score = min(v.Score, clearedMaxScore)
	cases := v.Cases[:0:0]
	for _, m := range v.Cases {
		if m.Score >= minCaseScoreLow {
			cases = append(cases, m)
		}
	}
	v.Cases = cases
	return v
}

// clipTitle keeps a signal label short: at most 40 runes of the title.
func clipTitle(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return norm.Clip(s, 40, "…")
}

// ConfirmedScamAdvice is what the checker tells a worker about a confirmed
// scam with these red flags: the advice of a high verdict. A case made from
// a report starts from it (never from the low-risk advice the worker saw).
func ConfirmedScamAdvice(redFlags []Signal) []Advice { return pickAdvice(LevelHigh, redFlags) }
