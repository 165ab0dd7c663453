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
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/knowledge/scam"
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

	jobsPageSize = 5
	// maxSearchRunes bounds free text read as a search ("找工作 东莞 电子厂"):
	// longer text is a pasted offer or a question.
	maxSearchRunes = 40
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

var jobsCatalog = map[string]map[string]string{
	LangZH: {
		"jobs.ask_city":         "🔍 您想在哪个城市找工作？\n直接打城市名，比如“东莞”，或点下面的城市。",
		"jobs.ask_city_saved":   "🔍 在%s找工作吗？点“📍 %s”，或打别的城市名。",
		"jobs.city_unknown":     "没找到“%s”这个城市。请打地级市的名字，比如“东莞”“苏州”，或点下面的城市。",
		"jobs.city_saved":       "📍 已记住您的城市：%s。下次直接用它。",
		"jobs.ask_trade":        "📍 %s。想找哪一类工作？",
		"jobs.ask_pay":          "📍 %s · %s。工资想怎么算？",
		"jobs.press_button":     "请点上面的按钮选一个。想换城市，直接打城市名。",
		"jobs.results_head":     "🔍 %s · %s · %s\n找到 %s 条，第 %d/%d 页：",
		"jobs.results_more":     "200 多",
		"jobs.results_foot":     "点编号看详情。🧪 = 示例，不是真实岗位。⚠️ = 未核验，去之前先核实。",
		"jobs.none":             "🔍 %s · %s · %s\n现在没有符合条件的招聘。",
		"jobs.none_try":         "可以试试：放宽工种或工资，换个城市，或去公共就业服务机构、零工市场问（免费）。",
		"jobs.none_cities":      "这些城市有招聘：%s",
		"jobs.any_trade":        "不限工种",
		"jobs.changed":          "招聘信息刚更新过，列表变了。这是最新的第 1 页：",
		"jobs.old_list":         "这是以前的搜索结果，已经不能翻页了。请重新找。",
		"jobs.gone":             "这条招聘已经过期或下架了。请看别的岗位。",
		"jobs.pay_any":          "工资不限",
		"jobs.housing":          "🏠 %s",
		"jobs.meals":            "🍚 %s",
		"jobs.contract_yes":     "📝 签劳动合同",
		"jobs.contract_no":      "📝 没写签劳动合同，入职前问清楚",
		"jobs.insurance_yes":    "交社保",
		"jobs.insurance_no":     "没写交社保",
		"jobs.apply":            "📮 怎么报名：%s",
		"jobs.source":           "来源：%s。发布 %s，有效到 %s",
		"jobs.badge_licence":    "✅ 已核验（营业执照）",
		"jobs.badge_public":     "✅ 已核验（公共就业服务）",
		"jobs.badge_none":       "⚠️ 未核验",
		"jobs.badge_sample":     "🧪 示例",
		"jobs.remember":         "记住：正规招聘不收钱。要您先交钱、扣证件的，先发给我查。",
		"jobs.no_check":         "查骗局功能现在用不了。对方要您先交钱或扣证件，先别给，打 96110 问一问。",
		"jobs.st_ask_city":      "🏢 查哪个城市的就业服务站和零工市场？打城市名，或点下面的城市。",
		"jobs.st_head":          "🏢 %s：找工作的免费去处",
		"jobs.st_none":          "🏢 %s 的地址我这里还没有。打 12333，或看%s人社局的网站、公众号，问离您最近的公共就业服务机构和零工市场。",
		"jobs.st_address":       "📍 %s",
		"jobs.st_hours":         "🕒 %s",
		"jobs.st_national":      "全国都能用：",
		"jobs.st_foot":          "公共就业服务和政府办的招聘会都免费。信息核对于 %s，去之前先打电话确认。",
		"jobs.btn.new":          "🔄 重新选",
		"jobs.btn.stations":     "🏢 就业服务站",
		"jobs.btn.type_city":    "⌨️ 打别的城市",
		"jobs.btn.prev":         "⬅️ 上一页",
		"jobs.btn.next":         "下一页 ➡️",
		"jobs.btn.check":        "🛡 查这条招聘",
		"jobs.btn.back_list":    "⬅️ 返回列表",
		"jobs.btn.any_trade":    "不限工种",
		"jobs.btn.widen":        "🔓 不限工种和工资",
		"jobs.btn.search":       "🔍 找工作",
		"jobs.btn.pay_any":      "不限",
		"jobs.btn.pay_day":      "按天算（日薪）",
		"jobs.btn.pay_hour":     "按小时算",
		"jobs.btn.pay_piece":    "计件/按单",
		"jobs.btn.pay_m4":       "月薪 4000 以上",
		"jobs.btn.pay_m6":       "月薪 6000 以上",
		"jobs.btn.saved_city":   "📍 %s",
		"jobs.type_city_prompt": "请打城市名，比如“东莞”“成都”。",
	},
	LangEN: {
		"jobs.ask_city":         "🔍 Which city do you want to work in?\nType the name, e.g. “Dongguan”, or tap a city below.",
		"jobs.ask_city_saved":   "🔍 Look for work in %s? Tap “📍 %s”, or type another city.",
		"jobs.city_unknown":     "I do not know a city called “%s”. Type the name of a prefecture-level city, e.g. “Dongguan” or “Suzhou”, or tap a city below.",
		"jobs.city_saved":       "📍 I saved your city: %s. I will use it next time.",
		"jobs.ask_trade":        "📍 %s. What kind of work?",
		"jobs.ask_pay":          "📍 %s · %s. How should the pay be counted?",
		"jobs.press_button":     "Please tap one of the buttons above. To change the city, type its name.",
		"jobs.results_head":     "🔍 %s · %s · %s\n%s found, page %d/%d:",
		"jobs.results_more":     "over 200",
		"jobs.results_foot":     "Tap a number for details. 🧪 = sample, not a real job. ⚠️ = not verified: check before you go.",
		"jobs.none":             "🔍 %s · %s · %s\nNo postings match right now.",
		"jobs.none_try":         "You can: widen the trade or pay, try another city, or ask a public employment service or odd-job market (free).",
		"jobs.none_cities":      "These cities have postings: %s",
		"jobs.any_trade":        "any trade",
		"jobs.changed":          "The postings were just updated, so the list changed. Here is the new page 1:",
		"jobs.old_list":         "This is an old search: its pages are gone. Please search again.",
		"jobs.gone":             "This posting has expired or was taken down. Please look at the others.",
		"jobs.pay_any":          "any pay",
		"jobs.housing":          "🏠 %s",
		"jobs.meals":            "🍚 %s",
		"jobs.contract_yes":     "📝 Labour contract",
		"jobs.contract_no":      "📝 No labour contract mentioned: ask before you start",
		"jobs.insurance_yes":    "social insurance",
		"jobs.insurance_no":     "social insurance not mentioned",
		"jobs.apply":            "📮 How to apply: %s",
		"jobs.source":           "Source: %s. Posted %s, open until %s",
		"jobs.badge_licence":    "✅ Verified (business licence)",
		"jobs.badge_public":     "✅ Verified (public employment service)",
		"jobs.badge_none":       "⚠️ Not verified",
		"jobs.badge_sample":     "🧪 Sample",
		"jobs.remember":         "Remember: a real employer never asks you to pay. If someone wants money or your ID first, send it to me to check.",
		"jobs.no_check":         "The scam check is not available now. If someone asks you to pay first or keep your ID, do not do it. Call 96110 to ask.",
		"jobs.st_ask_city":      "🏢 Employment service stations and odd-job markets in which city? Type the name, or tap a city below.",
		"jobs.st_head":          "🏢 %s: free places to find work",
		"jobs.st_none":          "🏢 I do not have addresses for %s yet. Call 12333, or look at the %s human resources bureau (人社局) website or account, and ask for the nearest public employment service and odd-job market.",
		"jobs.st_address":       "📍 %s",
		"jobs.st_hours":         "🕒 %s",
		"jobs.st_national":      "Anywhere in China:",
		"jobs.st_foot":          "Public employment services and government job fairs are free. Checked on %s; call before you go.",
		"jobs.btn.new":          "🔄 Search again",
		"jobs.btn.stations":     "🏢 Job centres",
		"jobs.btn.type_city":    "⌨️ Type another city",
		"jobs.btn.prev":         "⬅️ Previous",
		"jobs.btn.next":         "Next ➡️",
		"jobs.btn.check":        "🛡 Check this posting",
		"jobs.btn.back_list":    "⬅️ Back to the list",
		"jobs.btn.any_trade":    "Any trade",
		"jobs.btn.widen":        "🔓 Any trade, any pay",
		"jobs.btn.search":       "🔍 Find work",
		"jobs.btn.pay_any":      "Any",
		"jobs.btn.pay_day":      "By the day",
		"jobs.btn.pay_hour":     "By the hour",
		"jobs.btn.pay_piece":    "By the piece/order",
		"jobs.btn.pay_m4":       "Monthly 4000+",
		"jobs.btn.pay_m6":       "Monthly 6000+",
		"jobs.btn.saved_city":   "📍 %s",
		"jobs.type_city_prompt": "Please type the city's name, e.g. “Dongguan” or “Chengdu”.",
	},
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
		if r, ok, err := t.searchFromText(args, true); ok || err != nil {
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
		b.WriteString("\n\n" + strconv.Itoa(n) + ". " + t.jobLine(j))
		numbers = append(numbers, Button{Label: strconv.Itoa(n), Data: cbJobsPrefix + cbJobDetail + j.ID})
	}
	b.WriteString("\n\n" + t.T("jobs.results_foot"))
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

// jobLine is one posting in a results list: two short lines.
func (t *turn) jobLine(j store.Job) string {
	var b strings.Builder
	if j.Sample {
		b.WriteString("🧪 ")
	}
	b.WriteString(j.Title)
	if j.District != "" {
		b.WriteString(" · " + j.District)
	}
	b.WriteString("\n   💰 " + listings.FormatPay(j.PayMin, j.PayMax) + " " + listings.PayUnitLabel(j.PayUnit, t.lang))
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

// jobDetail shows one posting: badges, pay, conditions, how to apply and
// the source, in at most twelve short lines.
func (t *turn) jobDetail(id string) ([]Reply, error) {
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
	lines = append(lines, badge, "【"+j.Title+"】", "🏢 "+j.Employer)
	place := j.City
	if c, ok := places.FindCity(j.City); ok {
		place = c.Name(t.lang)
	}
	if j.District != "" {
		place += " " + j.District
	}
	tr, _ := listings.TradeByCode(j.Trade)
	lines = append(lines, "📍 "+place+" · "+tr.Label(t.lang),
		"💰 "+listings.FormatPay(j.PayMin, j.PayMax)+" "+listings.PayUnitLabel(j.PayUnit, t.lang))
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
	contract := t.T("jobs.contract_no")
	if j.Contract {
		contract = t.T("jobs.contract_yes")
	}
	ins := t.T("jobs.insurance_no")
	if j.Insurance {
		ins = t.T("jobs.insurance_yes")
	}
	lines = append(lines, contract+" · "+ins)
	if j.Details != "" {
		lines = append(lines, "ℹ️ "+j.Details)
	}
	lines = append(lines, Tf(t.lang, "jobs.apply", j.Apply),
		Tf(t.lang, "jobs.source", j.Source, chinaDate(j.PostedAt), chinaDate(j.ExpiresAt.Add(-time.Second))))
	rows := [][]Button{{t.jobsBtn("jobs.btn.check", cbJobCheck+j.ID)}}
	if js := t.state.Jobs; js != nil && js.Nonce != 0 && t.sess.Flow == flowJobs {
		ver := strconv.FormatInt(js.Ver, 36)
		rows[0] = append(rows[0], t.jobsBtn("jobs.btn.back_list",
			cbJobPage+strconv.FormatInt(js.Nonce, 36)+":"+ver+":"+strconv.Itoa(js.Page)))
	}
	rows = append(rows, []Button{t.btn("menu.back", cbMenu)})
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

// stationsCommand is /stations [city].
func (t *turn) stationsCommand(args string) ([]Reply, error) {
	if args != "" {
		c, ok := places.FindCity(args)
		if !ok {
			c, ok = places.FindCityIn(args)
		}
		if !ok {
			t.reset()
			t.state.Jobs = &jobsState{}
			t.dirty = true
			t.setFlow(flowJobs, stepStationsCity)
			return []Reply{t.unknownCityReply(args, cbJobStCity)}, nil
		}
		return t.stations(c)
	}
	if c, ok := places.FindCity(t.user.City); ok {
		return t.stations(c)
	}
	return t.askStationsCity()
}

func (t *turn) askStationsCity() ([]Reply, error) {
	t.reset()
	t.state.Jobs = &jobsState{}
	t.dirty = true
	t.setFlow(flowJobs, stepStationsCity)
	rows := append(t.cityRows(cbJobStCity, ""), []Button{t.btn("menu.back", cbMenu)})
	return []Reply{{Text: t.T("jobs.st_ask_city"), Buttons: rows}}, nil
}

func (t *turn) unknownCityReply(text, prefix string) Reply {
	rows := append(t.cityRows(prefix, ""), []Button{t.btn("menu.back", cbMenu)})
	return Reply{Text: Tf(t.lang, "jobs.city_unknown", norm.Clip(oneLine(text), 20, "…")), Buttons: rows}
}

// stations lists the stations of a city and the nationwide services.
func (t *turn) stations(c places.City) ([]Reply, error) {
	st, err := t.e.store.Stations(t.ctx, c.ZH, listings.Nationwide)
	if err != nil {
		return nil, err
	}
	var local, national []store.Station
	checked := ""
	for _, s := range st {
		if s.City == listings.Nationwide {
			national = append(national, s)
		} else {
			local = append(local, s)
		}
		checked = max(checked, s.Checked)
	}
	var b strings.Builder
	if len(local) == 0 {
		b.WriteString(Tf(t.lang, "jobs.st_none", c.Name(t.lang), c.Name(t.lang)))
	} else {
		b.WriteString(Tf(t.lang, "jobs.st_head", c.Name(t.lang)))
		for i, s := range local {
			b.WriteString("\n\n" + strconv.Itoa(i+1) + ". " + s.Name + "\n" + s.Services)
			addr := s.Address
			if addr == "" {
				addr = s.HowToFind
			}
			b.WriteString("\n" + Tf(t.lang, "jobs.st_address", addr))
			if s.Hours != "" {
				b.WriteString("\n" + Tf(t.lang, "jobs.st_hours", s.Hours))
			}
		}
	}
	if len(national) > 0 {
		b.WriteString("\n\n" + t.T("jobs.st_national"))
		for _, s := range national {
			b.WriteString("\n• " + s.Name + "：" + s.Address)
		}
	}
	if checked != "" {
		b.WriteString("\n\n" + Tf(t.lang, "jobs.st_foot", checked))
	}
	// The worker stays where they were: a search in progress keeps its pages.
	if t.sess.Flow == flowJobs && t.sess.Step == stepStationsCity {
		t.reset()
	}
	rows := [][]Button{{t.jobsBtn("jobs.btn.search", cbJobCity+c.Code()), t.btn("menu.back", cbMenu)}}
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

// jobsText is typed text while the worker is in the jobs flow.
func (t *turn) jobsText(text string) ([]Reply, bool, error) {
	step := t.sess.Step
	if step == stepJobsCity || step == stepStationsCity {
		if scam.LooksLikeOffer(text) {
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
	if r, ok, err := t.searchFromText(text, false); ok || err != nil {
		return r, ok, err
	}
	if (step == stepJobsTrade || step == stepJobsPay) && utf8.RuneCountInString(text) <= maxSearchRunes &&
		!scam.LooksLikeOffer(text) && t.state.Jobs != nil && t.state.Jobs.City != "" {
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

// jobsFreeText starts a search from text like "找工作 东莞 电子厂". A worker
// who asked for a scam check gets the check, unless they plainly ask for
// work ("找工作 东莞").
func (t *turn) jobsFreeText(text string) ([]Reply, bool, error) {
	if t.sess.Flow == flowCheck && t.sess.Step == stepAwaitText && !containsWord(strings.ToLower(text), strongSearchWords) {
		return nil, false, nil
	}
	return t.searchFromText(text, false)
}

// Words that say "I am looking for work". Strong ones say it whatever else
// the text holds; weak ones also appear in offers and questions ("在东莞工作
// 受伤了怎么办"), so they count only in text that is not a question.
var (
	strongSearchWords = []string{"找工作", "找活", "找事做", "找份工", "求职", "job", "jobs", "find work", "looking for work"}
	weakSearchWords   = []string{"工作", "打工", "上班", "岗位", "招工", "招聘", "零工", "work", "hiring", "vacancy", "vacancies"}
	questionWords     = []string{"?", "？", "吗", "怎么", "如何", "为什么", "能不能", "可不可以", "多少", "哪里",
		"how", "what", "why", "can i", "should"}
	// otherTopics belong to the FAQ or training, even next to a city.
	otherTopics = []string{"社保", "工伤", "受伤", "欠薪", "拖欠", "没发", "维权", "仲裁", "赔偿", "保险", "培训", "补贴",
		"insurance", "injury", "injured", "unpaid", "owed", "arbitration", "compensation", "training", "subsidy"}
)

func containsWord(low string, words []string) bool {
	for _, w := range words {
		if w[0] < utf8.RuneSelf {
			if strings.Contains(" "+strings.Map(asciiWordChar, low)+" ", " "+w+" ") {
				return true
			}
		} else if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// asciiWordChar keeps a-z and turns everything else into a space.
func asciiWordChar(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r
	}
	return ' '
}

// searchFromText reads short free text as a job search: a search word with
// a city or a trade ("找工作 东莞", "jobs in Shenzhen", "电子厂 招工"), or a
// city and a trade together ("东莞 电子厂"). With explicit (the /jobs
// command) a city or a trade alone is enough. A pasted offer ("东莞电子厂
// 招工，先交300押金") is left to the scam check.
func (t *turn) searchFromText(text string, explicit bool) ([]Reply, bool, error) {
	if utf8.RuneCountInString(text) > maxSearchRunes {
		return nil, false, nil
	}
	low := strings.ToLower(text)
	strong := containsWord(low, strongSearchWords)
	question := containsWord(low, questionWords)
	if !explicit && !strong && (scam.LooksLikeOffer(text) || containsWord(low, otherTopics)) {
		return nil, false, nil
	}
	want := explicit || strong || (!question && containsWord(low, weakSearchWords))
	c, hasCity := places.FindCityIn(text)
	tr, hasTrade := listings.FindTradeIn(text)
	if !(want && (hasCity || hasTrade)) && !(hasCity && hasTrade && !question) {
		if strong && !explicit && utf8.RuneCountInString(text) <= 12 {
			r, err := t.askJobCity("") // "jobs", "我要找工作"
			return r, true, err
		}
		return nil, false, nil
	}
	if !hasCity {
		r, err := t.askJobCity(tr.Code)
		return r, true, err
	}
	t.reset()
	t.state.Jobs = &jobsState{City: c.ZH, Trade: tr.Code}
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
