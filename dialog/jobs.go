package dialog

// Find work (issue 4): job search by city, trade and pay; postings; public
// employment stations. Owned by the jobs feature.
//
// Flow: city (typed, the saved one, or common cities as buttons) → trade
// buttons → pay buttons → results, five per page. The search lives in the
// session (jobsState); every results button carries the search's nonce and
// the postings' content version, so a press on an old list, or after an
// import changed the postings, gets a clear answer instead of a wrong page.

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

const (
	flowJobs     = "jobs"
	cbJobsPrefix = "job:"

	stepJobsCity     = "city"
	stepJobsTrade    = "trade"
	stepJobsPay      = "pay"
	stepJobsList     = "list"
	stepStationsCity = "st_city"

	jobsPageSize = 4 // a page fits a phone: a head line, four postings, a foot line
)

// JobStore is what job search needs from persistence.
type JobStore interface {
	SearchJobs(ctx context.Context, q store.JobQuery) ([]store.Job, int, error)
	Job(ctx context.Context, id string) (store.Job, error)
	JobCities(ctx context.Context, now time.Time, limit int) ([]store.CityCount, error)
	Stations(ctx context.Context, city, nationwide string) ([]store.Station, error)
	ContentVersion(ctx context.Context, kind string) (int64, error)
	SetCity(ctx context.Context, id int64, city string) error
}

// The jobs flow: /jobs, /stations, the "job:" buttons, typed cities.
var _ = register(&flow{
	name: flowJobs,
	commands: map[string]command{
		"jobs":     {run: (*turn).jobsCommand},
		"stations": {run: (*turn).stationsCommand},
	},
	buttons: []string{cbJobsPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onJobsButton(strings.TrimPrefix(data, cbJobsPrefix))
	},
	onText:  (*turn).jobsText,
	catalog: jobsCatalog,
})

// jobsDeps holds the job search's dependencies (none beyond the store yet).
type jobsDeps struct{}

// jobsState is the job search's session payload: the search being paged.
type jobsState struct {
	City  string `json:"c,omitempty"` // Chinese name
	Trade string `json:"t,omitempty"` // trade code; "" any
	Pay   string `json:"p,omitempty"` // pay preference code; "" any
	Nonce int64  `json:"n,omitempty"` // identifies the search; its buttons carry it
	Ver   int64  `json:"v,omitempty"` // postings version the search ran on
	Page  int    `json:"g,omitempty"`
}

// payPref is a pay preference button.
type payPref struct {
	code, key string
	unit      string
	min       float64
}

var payPrefs = []payPref{
	{"any", "jobs.btn.pay_any", "", 0},
	{"day", "jobs.btn.pay_day", listings.PayDay, 0},
	{"hour", "jobs.btn.pay_hour", listings.PayHour, 0},
	{"piece", "jobs.btn.pay_piece", listings.PayPiece, 0},
	{"m4", "jobs.btn.pay_m4", listings.PayMonth, 4000},
	{"m6", "jobs.btn.pay_m6", listings.PayMonth, 6000},
}

func findPayPref(code string) (payPref, bool) {
	for _, p := range payPrefs {
		if p.code == code {
			return p, true
		}
	}
	return payPref{}, false
}

// Callback data after "job:".
const (
	cbJobCity      = "ci:" // + city code: search in this city
	cbJobTypeCity  = "ct"
	cbJobTrade     = "tr:"  // + trade code or "any"
	cbJobPay       = "pay:" // + pay preference code
	cbJobPage      = "p:"   // + nonce36:version36:page
	cbJobDetail    = "d:"   // + job id
	cbJobCheck     = "c:"   // + job id
	cbJobMore      = "m:"   // + job id: the whole posting
	cbJobStMore    = "sm:"  // + city code: every station, and the nationwide ones
	cbJobStations  = "st"
	cbJobStCity    = "sc:" // + city code
	cbJobNew       = "new"
	cbJobAnyTrade  = "at:" // + nonce36: the same search without trade and pay
	tradeAnyCode   = "any"
	jobButtonsWide = 2
)

func (t *turn) jobsBtn(key, data string) Button { return t.btn(key, cbJobsPrefix+data) }

// jobsCommand is /jobs [text]: with a city or trade in the text it searches
// at once, else it asks for the city.
func (t *turn) jobsCommand(args string) ([]Reply, error) {
	if args != "" {
		if r, ok, err := t.runJobSearch(readJobSearch(&analysis{text: args}, true)); ok || err != nil {
			return r, err
		}
	}
	return t.askJobCity("")
}

// askJobCity starts the search (keeping a trade already named).
func (t *turn) askJobCity(trade string) ([]Reply, error) {
	t.reset()
	t.state.Jobs = &jobsState{Trade: trade}
	t.dirty = true
	t.setFlow(flowJobs, stepJobsCity)
	text := t.T("jobs.ask_city")
	var rows [][]Button
	if c, ok := places.FindCity(t.user.City); ok {
		text = Tf(t.lang, "jobs.ask_city_saved", c.Name(t.lang), c.Name(t.lang))
		rows = append(rows, []Button{{Label: Tf(t.lang, "jobs.btn.saved_city", c.Name(t.lang)), Data: cbJobsPrefix + cbJobCity + c.Code()}})
	}
	rows = append(rows, t.cityRows(cbJobCity, t.user.City)...)
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.stations", cbJobStations), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: text, Buttons: rows}}, nil
}

// cityRows are the common cities as buttons, four to a row, without the
// city already offered on its own button (skip, "" for none).
func (t *turn) cityRows(prefix, skip string) [][]Button {
	var rows [][]Button
	var row []Button
	for _, c := range places.CommonCities() {
		if c.ZH == skip {
			continue
		}
		row = append(row, Button{Label: c.Name(t.lang), Data: cbJobsPrefix + prefix + c.Code()})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// chooseCity sets the search city (saving it as the user's city) and asks
// for the trade, or searches when the trade is already known.
func (t *turn) chooseCity(c places.City) ([]Reply, error) {
	var out []Reply
	if t.user.City != c.ZH {
		if err := t.e.store.SetCity(t.ctx, t.user.ID, c.ZH); err != nil {
			return nil, err
		}
		t.user.City = c.ZH
		out = append(out, Reply{Text: Tf(t.lang, "jobs.city_saved", c.Name(t.lang))})
	}
	js := t.state.Jobs
	if js == nil || t.sess.Flow != flowJobs {
		t.reset()
		js = &jobsState{}
	}
	js.City = c.ZH
	t.state.Jobs = js
	t.dirty = true
	if js.Trade != "" {
		r, err := t.runSearch(0, "")
		return append(out, r...), err
	}
	t.setFlow(flowJobs, stepJobsTrade)
	return append(out, t.askTrade(c)), nil
}

func (t *turn) askTrade(c places.City) Reply {
	var rows [][]Button
	var row []Button
	for _, tr := range listings.Trades() {
		row = append(row, Button{Label: tr.Label(t.lang), Data: cbJobsPrefix + cbJobTrade + tr.Code})
		if len(row) == jobButtonsWide {
			rows, row = append(rows, row), nil
		}
	}
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.any_trade", cbJobTrade+tradeAnyCode)},
		[]Button{t.jobsBtn("jobs.btn.new", cbJobNew), t.btn("menu.back", cbMenu)})
	return Reply{Text: Tf(t.lang, "jobs.ask_trade", c.Name(t.lang)), Buttons: rows}
}

func (t *turn) askPay() Reply {
	js := t.state.Jobs
	c, _ := places.FindCity(js.City)
	var rows [][]Button
	for i := 0; i < len(payPrefs); i += 2 {
		rows = append(rows, []Button{t.jobsBtn(payPrefs[i].key, cbJobPay+payPrefs[i].code),
			t.jobsBtn(payPrefs[i+1].key, cbJobPay+payPrefs[i+1].code)})
	}
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.new", cbJobNew), t.btn("menu.back", cbMenu)})
	return Reply{Text: Tf(t.lang, "jobs.ask_pay", c.Name(t.lang), t.tradeLabel(js.Trade)), Buttons: rows}
}

func (t *turn) tradeLabel(code string) string {
	if tr, ok := listings.TradeByCode(code); ok {
		return tr.Label(t.lang)
	}
	return t.T("jobs.any_trade")
}

func (t *turn) payLabel(code string) string {
	if p, ok := findPayPref(code); ok && code != "any" {
		return t.T(p.key)
	}
	return t.T("jobs.pay_any")
}

func (t *turn) onJobsButton(data string) ([]Reply, error) {
	js := t.state.Jobs
	inSearch := js != nil && js.City != "" && t.sess.Flow == flowJobs
	switch {
	case strings.HasPrefix(data, cbJobCity):
		c, ok := places.CityByCode(strings.TrimPrefix(data, cbJobCity))
		if !ok {
			return t.stale()
		}
		return t.chooseCity(c)
	case data == cbJobTypeCity || data == cbJobNew:
		return t.askJobCity("")
	case strings.HasPrefix(data, cbJobTrade):
		if !inSearch || t.sess.Step != stepJobsTrade {
			return t.stale()
		}
		code := strings.TrimPrefix(data, cbJobTrade)
		if _, ok := listings.TradeByCode(code); !ok && code != tradeAnyCode {
			return t.stale()
		}
		js.Trade = strings.TrimPrefix(code, tradeAnyCode)
		t.dirty = true
		t.setFlow(flowJobs, stepJobsPay)
		return []Reply{t.askPay()}, nil
	case strings.HasPrefix(data, cbJobPay):
		if !inSearch || t.sess.Step != stepJobsPay {
			return t.stale()
		}
		code := strings.TrimPrefix(data, cbJobPay)
		if _, ok := findPayPref(code); !ok {
			return t.stale()
		}
		js.Pay = strings.TrimPrefix(code, "any")
		t.dirty = true
		return t.runSearch(0, "")
	case strings.HasPrefix(data, cbJobPage):
		return t.pageButton(strings.TrimPrefix(data, cbJobPage))
	case strings.HasPrefix(data, cbJobAnyTrade):
		if !inSearch || strings.TrimPrefix(data, cbJobAnyTrade) != strconv.FormatInt(js.Nonce, 36) {
			return t.oldList()
		}
		js.Trade, js.Pay = "", ""
		return t.runSearch(0, "")
	case strings.HasPrefix(data, cbJobDetail):
		return t.jobDetail(strings.TrimPrefix(data, cbJobDetail))
	case strings.HasPrefix(data, cbJobMore):
		return t.jobDetailMore(strings.TrimPrefix(data, cbJobMore))
	case strings.HasPrefix(data, cbJobStMore):
		c, ok := places.CityByCode(strings.TrimPrefix(data, cbJobStMore))
		if !ok {
			return t.stale()
		}
		return t.stationsAll(c)
	case strings.HasPrefix(data, cbJobCheck):
		return t.checkJob(strings.TrimPrefix(data, cbJobCheck))
	case data == cbJobStations:
		city := t.user.City
		if inSearch {
			city = js.City
		}
		if c, ok := places.FindCity(city); ok {
			return t.stations(c)
		}
		return t.askStationsCity()
	case strings.HasPrefix(data, cbJobStCity):
		c, ok := places.CityByCode(strings.TrimPrefix(data, cbJobStCity))
		if !ok {
			return t.stale()
		}
		return t.stations(c)
	}
	return t.stale()
}

// pageButton turns to a page of the current search, if the button belongs
// to it and the postings have not changed since.
func (t *turn) pageButton(arg string) ([]Reply, error) {
	parts := strings.Split(arg, ":")
	if len(parts) != 3 {
		return t.stale()
	}
	page, err := strconv.Atoi(parts[2])
	if err != nil || page < 0 || page > store.JobCountCap/jobsPageSize {
		return t.stale()
	}
	js := t.state.Jobs
	if js == nil || js.City == "" || t.sess.Flow != flowJobs || parts[0] != strconv.FormatInt(js.Nonce, 36) {
		return t.oldList()
	}
	ver, err := t.e.store.ContentVersion(t.ctx, store.ContentJobs)
	if err != nil {
		return nil, err
	}
	if parts[1] != strconv.FormatInt(ver, 36) {
		return t.runSearch(0, t.T("jobs.changed"))
	}
	return t.runSearch(page, "")
}

func (t *turn) oldList() ([]Reply, error) {
	return []Reply{{Text: t.T("jobs.old_list"), Buttons: [][]Button{
		{t.jobsBtn("jobs.btn.search", cbJobNew), t.btn("menu.back", cbMenu)}}}}, nil
}

// jobsText is typed text while the worker is in the jobs flow.
func (t *turn) jobsText(a *analysis) ([]Reply, bool, error) {
	text := a.text
	step := t.sess.Step
	if step == stepJobsCity || step == stepStationsCity {
		if a.offer() {
			return nil, false, nil // a pasted offer: let the check have it
		}
		c, ok := places.FindCity(text)
		if !ok && utf8.RuneCountInString(text) <= maxSearchRunes {
			c, ok = places.FindCityIn(text)
		}
		prefix := cbJobCity
		if step == stepStationsCity {
			prefix = cbJobStCity
		}
		if !ok && step == stepJobsCity {
			// "广洲", "找活 东筦 电子厂": the router suggests or finds the city.
			if s := a.search(); s.kind == searchSuggest || s.kind == searchCity {
				return t.runJobSearch(s)
			}
		}
		if !ok {
			return []Reply{t.unknownCityReply(text, prefix)}, true, nil
		}
		if step == stepStationsCity {
			r, err := t.stations(c)
			return r, true, err
		}
		r, err := t.chooseCity(c)
		return r, true, err
	}
	// In the other steps a typed city or trade starts a new search; other
	// short text gets a nudge; anything else goes on to the check and FAQ.
	if r, ok, err := t.runJobSearch(a.search()); ok || err != nil {
		return r, ok, err
	}
	if (step == stepJobsTrade || step == stepJobsPay) && utf8.RuneCountInString(text) <= maxSearchRunes &&
		!a.offer() && t.state.Jobs != nil && t.state.Jobs.City != "" {
		c, _ := places.FindCity(t.state.Jobs.City)
		prompt := t.askTrade(c)
		if step == stepJobsPay {
			prompt = t.askPay()
		}
		prompt.Text = t.T("jobs.press_button") + "\n\n" + prompt.Text
		return []Reply{prompt}, true, nil
	}
	return nil, false, nil
}

// runJobSearch acts on free text read as a job search (readJobSearch in
// route.go): ask for the city, or search at once. ok is false when the
// text is not a search.
func (t *turn) runJobSearch(s jobSearch) ([]Reply, bool, error) {
	switch s.kind {
	case noSearch:
		return nil, false, nil
	case searchAskCity:
		r, err := t.askJobCity("")
		return r, true, err
	case searchTrade:
		r, err := t.askJobCity(s.trade.Code)
		return r, true, err
	case searchSuggest:
		// "广洲": ask back, keeping the trade and pay for the answer.
		t.reset()
		t.state.Jobs = &jobsState{Trade: s.trade.Code, Pay: s.pay}
		t.dirty = true
		t.setFlow(flowJobs, stepJobsCity)
		name := s.city.Name(t.lang)
		return []Reply{{Text: Tf(t.lang, "jobs.suggest_city", name), Buttons: [][]Button{
			{{Label: Tf(t.lang, "jobs.btn.suggest_yes", name), Data: cbJobsPrefix + cbJobCity + s.city.Code()}, t.jobsBtn("jobs.btn.other_city", cbJobTypeCity)},
			{t.btn("menu.back", cbMenu)},
		}}}, true, nil
	}
	c, tr := s.city, s.trade
	t.reset()
	t.state.Jobs = &jobsState{City: c.ZH, Trade: tr.Code, Pay: s.pay}
	t.dirty = true
	t.setFlow(flowJobs, stepJobsList)
	var out []Reply
	if t.user.City == "" {
		if err := t.e.store.SetCity(t.ctx, t.user.ID, c.ZH); err != nil {
			return nil, true, err
		}
		t.user.City = c.ZH
		out = append(out, Reply{Text: Tf(t.lang, "jobs.city_saved", c.Name(t.lang))})
	}
	r, err := t.runSearch(0, "")
	return append(out, r...), true, err
}
