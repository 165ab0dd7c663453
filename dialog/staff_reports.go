package dialog

// The report queue: /reports shows the pending reports one at a time, with
// personal data masked, the verdict, and how many similar reports exist
// (same best-matching case or same contact). Staff mark each one: a scam
// (optionally starting a pre-filled new case), not a scam, or a duplicate.
// "Scam" and "not a scam" are evidence for the checker on every replica
// (knowledge/scam/decisions.go): the same text forwarded again is raised,
// or its soft false alarm cleared.
// A worker who asked to be told gets a short follow-up.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/privacy"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// maxReportShown bounds the report text shown to staff (runes).
const maxReportShown = 800

var decisionCodes = map[string]string{"s": store.ReportScam, "n": store.ReportNotScam, "d": store.ReportDuplicate}

func (t *turn) reportsCommand(string) ([]Reply, error) { return t.reportAt("0") }

// reportAt shows the pending report at position offset (0 = oldest).
func (t *turn) reportAt(arg string) ([]Reply, error) {
	offset, err := strconv.Atoi(arg)
	if err != nil || offset < 0 {
		return t.stale()
	}
	rs, total, err := t.e.store.PendingReports(t.ctx, offset, 1)
	if err != nil {
		return nil, fmt.Errorf("dialog: reports: %w", err)
	}
	if total == 0 {
		return []Reply{t.staffHome(t.T("staff.reports.none"))}, nil
	}
	if len(rs) == 0 { // past the end: start again from the oldest
		offset = 0
		if rs, total, err = t.e.store.PendingReports(t.ctx, 0, 1); err != nil {
			return nil, fmt.Errorf("dialog: reports: %w", err)
		}
		if len(rs) == 0 {
			return []Reply{t.staffHome(t.T("staff.reports.none"))}, nil
		}
	}
	return []Reply{t.reportReply(rs[0], offset, total)}, nil
}

func (t *turn) reportReply(r store.QueuedReport, offset, total int) Reply {
	risk := t.T("staff.risk.unknown")
	if r.Risk != "" {
		risk = t.T("staff.risk." + r.Risk)
	}
	top := t.T("staff.reports.no_case")
	if r.TopCase != "" {
		top = r.TopCase
		if t.e.know != nil {
			if c, ok := t.e.know.Case(r.TopCase); ok {
				top = c.TitleZH
				if t.lang == LangEN {
					top = c.TitleEN
				}
			}
		}
	}
	wants := t.T("mydata.no")
	if r.Notify && r.UserID.Valid {
		wants = t.T("mydata.yes")
	}
	masked := norm.Clip(privacy.Redact(r.Text), maxReportShown, "")
	text := Tf(t.lang, "staff.reports.item", offset+1, total, r.ID, r.CreatedAt.In(beijing).Format("2006-01-02 15:04"),
		risk, top, r.Similar, wants) + "\n\n" + t.T("staff.reports.text") + "\n" + masked
	id := strconv.FormatInt(r.ID, 10)
	return Reply{Text: text, Buttons: [][]Button{
		{t.btn("staff.btn.scam_case", cbStaffPrefix+"rs:"+id), t.btn("staff.btn.scam", cbStaffPrefix+"rd:"+id+":s")},
		{t.btn("staff.btn.not_scam", cbStaffPrefix+"rd:"+id+":n"), t.btn("staff.btn.duplicate", cbStaffPrefix+"rd:"+id+":d")},
		{t.btn("staff.btn.next_report", cbStaffPrefix+"rp:"+strconv.Itoa(offset+1)), t.btn("menu.back", cbMenu)},
	}}
}

// decide marks a report and tells the worker. done is false (with the
// replies to send) when the report is unknown or was already decided.
func (t *turn) decide(idText, status string) (store.Report, []Reply, bool, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		r, err := t.stale()
		return store.Report{}, r, false, err
	}
	rep, err := t.e.store.DecideReport(t.ctx, id, status, t.user.ID, "") // audited in the store
	switch {
	case errors.Is(err, store.ErrNotFound):
		r, err := t.stale()
		return store.Report{}, r, false, err
	case errors.Is(err, store.ErrConflict):
		next, nerr := t.reportAt("0")
		return rep, append([]Reply{{Text: Tf(t.lang, "staff.reports.already", id, t.T("staff.status."+rep.Status))}}, next...), false, nerr
	case err != nil:
		return store.Report{}, nil, false, fmt.Errorf("dialog: decide report: %w", err)
	}
	if err := t.notifyWorker(rep); err != nil {
		// The decision stands; the follow-up is best effort.
		t.e.logger.Warn("dialog: follow-up failed", "report", id, "err", err)
	}
	return rep, nil, true, nil
}

func (t *turn) reportDecide(arg string) ([]Reply, error) {
	idText, code, _ := strings.Cut(arg, ":")
	status, ok := decisionCodes[code]
	if !ok {
		return t.stale()
	}
	_, r, done, err := t.decide(idText, status)
	if !done || err != nil {
		return r, err
	}
	next, err := t.reportAt("0")
	if err != nil {
		return nil, err
	}
	return append([]Reply{{Text: Tf(t.lang, "staff.reports.marked", idText, t.T("staff.status."+status))}}, next...), nil
}

// reportToCase marks the report a scam and starts a new case from it:
// the story is the masked report; the red flags are those the checker finds
// in the report's text now (re-checked offline, without the match to the
// decision just made); the advice is what the checker tells a worker about
// a confirmed scam with those red flags — never the low-risk advice a
// worker may have seen ("暂未发现明显骗局特征"); the type is the
// best-matching case's. With no red flag found, the draft asks staff for
// them.
func (t *turn) reportToCase(idText string) ([]Reply, error) {
	rep, r, done, err := t.decide(idText, store.ReportScam)
	if !done || err != nil {
		return r, err
	}
	d := &caseDraft{Step: "type", Report: rep.ID}
	if rep.TopCase != "" && t.e.know != nil {
		if c, ok := t.e.know.Case(rep.TopCase); ok && scam.IsScamType(c.Type) {
			d.Type = c.Type
		}
	}
	d.Story = norm.Clip(strings.TrimSpace(privacy.Redact(rep.Text)), maxCaseStory, "")
	var sigs []scam.Signal
	if v, ok := t.recheck(rep.Text); ok {
		for _, s := range v.Signals {
			if s.Weight > 0 && s.Code != scam.SignalConfirmedCase && s.Code != "llm" && s.LabelZH != "" {
				sigs = append(sigs, s)
			}
		}
	}
	for _, s := range sigs {
		if len(d.Flags) < 5 && !slices.Contains(d.Flags, s.LabelZH) {
			d.Flags = append(d.Flags, norm.Clip(s.LabelZH, maxCaseItem, ""))
		}
	}
	for _, a := range scam.ConfirmedScamAdvice(sigs) {
		if len(d.Advice) < 3 {
			d.Advice = append(d.Advice, norm.Clip(a.ZH, maxCaseItem, ""))
		}
	}
	d.Source = Tf(LangZH, "staff.report.source", rep.ID, rep.CreatedAt.In(beijing).Format("2006-01-02"))
	if d.Type != "" {
		d.Step = "title"
	}
	return t.startDraft(d, Tf(t.lang, "staff.reports.to_case", rep.ID))
}

// offlineChecker is what reportToCase prefers for the re-check: the
// offline checker alone (*scam.Base has it), no LLM.
type offlineChecker interface {
	CheckOffline(ctx context.Context, text string) (scam.Verdict, error)
}

// recheck checks a report's text now; ok is false without a checker or on
// an error (logged: the draft then asks staff for the red flags).
func (t *turn) recheck(text string) (scam.Verdict, bool) {
	if t.e.know == nil {
		return scam.Verdict{}, false
	}
	var v scam.Verdict
	var err error
	if oc, ok := t.e.know.(offlineChecker); ok {
		v, err = oc.CheckOffline(t.ctx, text)
	} else {
		v, err = t.e.know.Check(t.ctx, "staff:"+strconv.FormatInt(t.user.ID, 10), text)
	}
	if err != nil {
		t.e.logger.Warn("dialog: re-check of a report failed", "err", err)
		return scam.Verdict{}, false
	}
	return v, true
}

// fileReport puts the worker's latest verdict in the staff queue (the
// worker's side, called from the check flow), with what staff need to find
// similar reports: the best-matching case and the first contact.
func (t *turn) fileReport(lc *lastCheck, notify bool) error {
	verdict, err := json.Marshal(lc.Verdict)
	if err != nil {
		return fmt.Errorf("dialog: encode verdict: %w", err)
	}
	r := store.NewReport{UserID: t.user.ID, Text: lc.Text, Verdict: string(verdict), Risk: string(lc.Verdict.Risk), Notify: notify}
	if len(lc.Verdict.Cases) > 0 {
		r.TopCase = lc.Verdict.Cases[0].ID
	}
	r.Contact = firstContact(scam.Extract(lc.Text))
	if _, err := t.e.store.FileReport(t.ctx, r); err != nil {
		return fmt.Errorf("dialog: report: %w", err)
	}
	return nil
}

// firstContact is the first phone number or chat handle of an offer, typed
// ("tel:", "wx:", "qq:", "tg:") so different kinds never match.
func firstContact(x scam.Extraction) string {
	for _, c := range []struct {
		kind string
		vals []string
	}{{"tel:", x.Phones}, {"wx:", x.WeChat}, {"qq:", x.QQ}, {"tg:", x.Telegram}} {
		if len(c.vals) > 0 {
			return c.kind + strings.ToLower(c.vals[0])
		}
	}
	return ""
}

// recordCheck counts a verdict for /stats (level and red-flag codes; no
// text, no user). A failure is logged: the worker still gets the verdict.
func (t *turn) recordCheck(v scam.Verdict) {
	var codes []string
	for _, s := range v.Signals {
		if s.Weight > 0 && s.Code != "" {
			codes = append(codes, s.Code)
		}
	}
	if err := t.e.store.RecordCheck(t.ctx, t.e.now(), string(v.Risk), codes); err != nil {
		t.e.logger.Warn("dialog: check not counted", "err", err)
	}
}
