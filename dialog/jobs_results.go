package dialog

// Job search results: a page of postings, one posting's details, and the
// scam check of a posting (see jobs.go for the flow).

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

// runSearch shows page `page` of the search in the session. A new search
// (page 0 from the pay question, a free-text search, a changed list) gets
// a new nonce, so the buttons of older lists stop working.
func (t *turn) runSearch(page int, note string) ([]Reply, error) {
	js := t.state.Jobs
	ver, err := t.e.store.ContentVersion(t.ctx, store.ContentJobs)
	if err != nil {
		return nil, err
	}
	if page == 0 || js.Nonce == 0 {
		js.Nonce = t.e.now().UnixMilli()
	}
	js.Ver, js.Page = ver, page
	t.dirty = true
	t.setFlow(flowJobs, stepJobsList)
	q := store.JobQuery{City: js.City, Trade: js.Trade, Now: t.e.now(), Offset: page * jobsPageSize, Limit: jobsPageSize}
	if p, ok := findPayPref(js.Pay); ok {
		q.PayUnit, q.MinPay = p.unit, p.min
	}
	jobs, total, err := t.e.store.SearchJobs(t.ctx, q)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 && page > 0 && total > 0 {
		// Postings expired while the worker was paging: show the last page.
		page = (min(total, store.JobCountCap) - 1) / jobsPageSize
		js.Page = page
		q.Offset = page * jobsPageSize
		if jobs, total, err = t.e.store.SearchJobs(t.ctx, q); err != nil {
			return nil, err
		}
	}
	c, _ := places.FindCity(js.City)
	if total == 0 {
		return t.noJobs(c)
	}
	pages := (min(total, store.JobCountCap) + jobsPageSize - 1) / jobsPageSize
	found := strconv.Itoa(total)
	if total > store.JobCountCap {
		found = t.T("jobs.results_more")
	}
	var b strings.Builder
	if note != "" {
		b.WriteString(note + "\n\n")
	}
	b.WriteString(Tf(t.lang, "jobs.results_head", c.Name(t.lang), t.tradeLabel(js.Trade), t.payLabel(js.Pay), found, page+1, pages))
	var numbers []Button
	for i, j := range jobs {
		n := page*jobsPageSize + i + 1
		b.WriteString("\n" + strconv.Itoa(n) + ". " + t.jobLine(j))
		numbers = append(numbers, Button{Label: strconv.Itoa(n), Data: cbJobsPrefix + cbJobDetail + j.ID})
	}
	b.WriteString("\n" + t.T("jobs.results_foot"))
	rows := [][]Button{numbers}
	var nav []Button
	key := cbJobPage + strconv.FormatInt(js.Nonce, 36) + ":" + strconv.FormatInt(ver, 36) + ":"
	if page > 0 {
		nav = append(nav, t.jobsBtn("jobs.btn.prev", key+strconv.Itoa(page-1)))
	}
	if page+1 < pages {
		nav = append(nav, t.jobsBtn("jobs.btn.next", key+strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.new", cbJobNew), t.jobsBtn("jobs.btn.stations", cbJobStations)},
		[]Button{t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

// jobLine is one posting in a results list: one line.
func (t *turn) jobLine(j store.Job) string {
	var b strings.Builder
	if j.Sample {
		b.WriteString("🧪 ")
	}
	b.WriteString(j.Title)
	if j.District != "" {
		b.WriteString(" · " + j.District)
	}
	b.WriteString(" · 💰 " + listings.FormatPay(j.PayMin, j.PayMax) + " " + listings.PayUnitLabel(j.PayUnit, t.lang))
	if j.Housing != "" {
		b.WriteString(" · " + firstClause(j.Housing))
	}
	if j.Verified == listings.VerifiedNone {
		b.WriteString(" · ⚠️")
	} else {
		b.WriteString(" · ✅")
	}
	return b.String()
}

// firstClause is "包住" of "包住，8人间".
func firstClause(s string) string {
	if i := strings.IndexAny(s, "，,；;（("); i > 0 {
		return s[:i]
	}
	return s
}

func (t *turn) noJobs(c places.City) ([]Reply, error) {
	js := t.state.Jobs
	var b strings.Builder
	b.WriteString(Tf(t.lang, "jobs.none", c.Name(t.lang), t.tradeLabel(js.Trade), t.payLabel(js.Pay)))
	b.WriteString("\n" + t.T("jobs.none_try"))
	var rows [][]Button
	if js.Trade != "" || js.Pay != "" {
		rows = append(rows, []Button{t.jobsBtn("jobs.btn.widen", cbJobAnyTrade+strconv.FormatInt(js.Nonce, 36))})
	}
	cities, err := t.e.store.JobCities(t.ctx, t.e.now(), 4)
	if err != nil {
		return nil, err
	}
	var names []string
	var btns []Button
	for _, cc := range cities {
		if other, ok := places.FindCity(cc.City); ok && other.ZH != c.ZH {
			names = append(names, other.Name(t.lang))
			btns = append(btns, Button{Label: other.Name(t.lang), Data: cbJobsPrefix + cbJobCity + other.Code()})
		}
	}
	if len(btns) > 0 {
		b.WriteString("\n" + Tf(t.lang, "jobs.none_cities", strings.Join(names, t.listSep())))
		rows = append(rows, btns)
	}
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.stations", cbJobStations), t.jobsBtn("jobs.btn.new", cbJobNew)},
		[]Button{t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

func (t *turn) listSep() string {
	if t.lang == LangEN {
		return ", "
	}
	return "、"
}

// jobDetail shows one posting as a short card: who, where, pay, housing,
// contract, how to apply. "📖 更多" opens the whole posting.
func (t *turn) jobDetail(id string) ([]Reply, error) { return t.jobPosting(id, false) }

// jobDetailMore shows the whole posting: hours, details and the source.
func (t *turn) jobDetailMore(id string) ([]Reply, error) { return t.jobPosting(id, true) }

func (t *turn) jobPosting(id string, more bool) ([]Reply, error) {
	j, ok, err := t.liveJob(id)
	if err != nil || !ok {
		return t.jobGone(err)
	}
	var lines []string
	badge := t.T("jobs.badge_none")
	switch j.Verified {
	case listings.VerifiedLicence:
		badge = t.T("jobs.badge_licence")
	case listings.VerifiedPublic:
		badge = t.T("jobs.badge_public")
	}
	if j.Sample {
		badge = t.T("jobs.badge_sample") + " · " + badge
	}
	place := j.City
	if c, ok := places.FindCity(j.City); ok {
		place = c.Name(t.lang)
	}
	if j.District != "" {
		place += " " + j.District
	}
	tr, _ := listings.TradeByCode(j.Trade)
	pay := "💰 " + listings.FormatPay(j.PayMin, j.PayMax) + " " + listings.PayUnitLabel(j.PayUnit, t.lang)
	contract := t.T("jobs.contract_no")
	if j.Contract {
		contract = t.T("jobs.contract_yes")
	}
	ins := t.T("jobs.insurance_no")
	if j.Insurance {
		ins = t.T("jobs.insurance_yes")
	}
	if !more {
		// The card: six lines at most.
		for _, x := range []string{j.Housing, j.Meals} {
			if x != "" {
				pay += " · " + firstClause(x)
			}
		}
		lines = append(lines, "【"+j.Title+"】"+badge, "🏢 "+j.Employer, "📍 "+place+" · "+tr.Label(t.lang), pay,
			contract+" · "+ins, Tf(t.lang, "jobs.apply", j.Apply))
	} else {
		lines = append(lines, badge, "【"+j.Title+"】", "🏢 "+j.Employer, "📍 "+place+" · "+tr.Label(t.lang), pay)
		if j.Hours != "" {
			lines = append(lines, "🕒 "+j.Hours)
		}
		var food []string
		if j.Housing != "" {
			food = append(food, Tf(t.lang, "jobs.housing", j.Housing))
		}
		if j.Meals != "" {
			food = append(food, Tf(t.lang, "jobs.meals", j.Meals))
		}
		if len(food) > 0 {
			lines = append(lines, strings.Join(food, " · "))
		}
		lines = append(lines, contract+" · "+ins)
		if j.Details != "" {
			lines = append(lines, "ℹ️ "+j.Details)
		}
		lines = append(lines, Tf(t.lang, "jobs.apply", j.Apply),
			Tf(t.lang, "jobs.source", j.Source, chinaDate(j.PostedAt), chinaDate(j.ExpiresAt.Add(-time.Second))))
	}
	rows := [][]Button{{t.jobsBtn("jobs.btn.check", cbJobCheck+j.ID)}}
	if !more {
		rows[0] = append(rows[0], t.jobsBtn("jobs.btn.more", cbJobMore+j.ID))
	}
	var back []Button
	if js := t.state.Jobs; js != nil && js.Nonce != 0 && t.sess.Flow == flowJobs {
		ver := strconv.FormatInt(js.Ver, 36)
		back = append(back, t.jobsBtn("jobs.btn.back_list",
			cbJobPage+strconv.FormatInt(js.Nonce, 36)+":"+ver+":"+strconv.Itoa(js.Page)))
	}
	rows = append(rows, append(back, t.btn("menu.back", cbMenu)))
	return []Reply{{Text: strings.Join(lines, "\n"), Buttons: rows}}, nil
}

func chinaDate(ts time.Time) string { return ts.In(listings.ChinaTime).Format(time.DateOnly) }

// liveJob loads a posting that has not expired; ok is false when it is
// gone (or the id is hand-crafted nonsense).
func (t *turn) liveJob(id string) (store.Job, bool, error) {
	if id == "" || len(id) > 32 {
		return store.Job{}, false, nil
	}
	j, err := t.e.store.Job(t.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Job{}, false, nil
	}
	if err != nil {
		return store.Job{}, false, err
	}
	return j, t.e.now().Before(j.ExpiresAt), nil
}

func (t *turn) jobGone(err error) ([]Reply, error) {
	if err != nil {
		return nil, err
	}
	rows := [][]Button{{t.jobsBtn("jobs.btn.search", cbJobNew), t.btn("menu.back", cbMenu)}}
	return []Reply{{Text: t.T("jobs.gone"), Buttons: rows}}, nil
}

// checkJob runs the scam check on a posting's text, as if the worker had
// pasted it.
func (t *turn) checkJob(id string) ([]Reply, error) {
	j, ok, err := t.liveJob(id)
	if err != nil || !ok {
		return t.jobGone(err)
	}
	if t.e.know == nil {
		return []Reply{{Text: t.T("jobs.no_check"), Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
	}
	return t.checkText(listings.PostingText(j))
}
