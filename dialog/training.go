package dialog

// Training sign-up (issue 4): browse courses by city and trade, read the
// details, consent, name, mobile, confirm, and get a reference code;
// /mytraining lists and cancels. Owned by the training feature.

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

const (
	flowTraining     = "training"
	cbTrainingPrefix = "trn:"
)

// The training flow: /training, /mytraining, the "trn:" buttons, typed
// cities, names and phone numbers.
var _ = register(&flow{
	name: flowTraining,
	commands: map[string]command{
		"training":   {run: (*turn).trainingCommand},
		"mytraining": noArgs((*turn).myTraining),
	},
	buttons: []string{cbTrainingPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onTrainingButton(strings.TrimPrefix(data, cbTrainingPrefix))
	},
	onText:  func(t *turn, a *analysis) ([]Reply, bool, error) { return t.trainingText(a.text) },
	catalog: trainingCatalog,
})

// TrainingFlow names the sign-up flow in stored sessions: a session left
// in it for a day is forgotten (store.ForgetStaleSessions), so a half-done
// sign-up does not keep a name and phone number.
const TrainingFlow = flowTraining

// Steps of the training flow.
const (
	trnStepCity    = "city"    // waiting for a typed city
	trnStepList    = "list"    // looking at courses (a typed city switches city)
	trnStepConsent = "consent" // consent asked for one course
	trnStepName    = "name"    // waiting for the name
	trnStepPhone   = "phone"   // waiting for the mobile number
	trnStepConfirm = "confirm" // summary shown; the confirm button carries the nonce
	trnStepCancel  = "cancel"  // asked whether to cancel an enrollment
)

// TrainingStore is what training sign-up needs from persistence.
type TrainingStore interface {
	OpenTrainings(ctx context.Context, city, trade, today string) ([]store.Training, error)
	TrainingCities(ctx context.Context, today string) ([]string, error)
	Training(ctx context.Context, id string) (store.Training, error)
	Enroll(ctx context.Context, trainingID string, userID int64, name, phone, today string) (store.Enrollment, error)
	ActiveEnrollment(ctx context.Context, userID int64, trainingID string) (store.Enrollment, error)
	EnrollmentsByUser(ctx context.Context, userID int64) ([]store.Enrollment, error)
	CancelEnrollment(ctx context.Context, userID int64, ref string) (store.Enrollment, error)
	CountEnrollments(ctx context.Context, userID int64) (int, error)
}

// trainState is the sign-up's session payload. Name and phone live here
// only between their step and the confirmation; any reset drops them.
type trainState struct {
	City   string `json:"c,omitempty"`  // city being browsed (Chinese name)
	Trade  string `json:"t,omitempty"`  // trade filter, "" = all
	Course string `json:"id,omitempty"` // course being signed up for
	Name   string `json:"n,omitempty"`
	Phone  string `json:"p,omitempty"`
	Ref    string `json:"r,omitempty"`  // enrollment the worker may cancel
	Page   int    `json:"pg,omitempty"` // page of the course list
}

// trnMaxListed is the most cities one question shows.
const trnMaxListed = 8

// trnPageSize is the most courses one page shows: a head line, four
// courses of one line each, a foot line.
const trnPageSize = 4

// trnZone is the time zone course dates are in.
var trnZone = time.FixedZone("UTC+8", 8*3600)

func (t *turn) trnToday() string { return t.e.now().In(trnZone).Format(time.DateOnly) }

// trn returns the payload, creating it; the caller is about to change it.
func (t *turn) trn() *trainState {
	if t.state.Train == nil {
		t.state.Train = &trainState{}
	}
	t.dirty = true
	return t.state.Train
}

func (t *turn) trnState() trainState {
	if t.state.Train == nil {
		return trainState{}
	}
	return *t.state.Train
}

// trnCityName shows a stored (Chinese) city name in the user's language.
func (t *turn) trnCityName(zh string) string {
	if c, ok := places.FindCity(zh); ok {
		return c.Name(t.lang)
	}
	return zh
}

// trnCitySlug is the ASCII code of a city for callback data ("dongguan").
func trnCitySlug(zh string) string {
	c, ok := places.FindCity(zh)
	if !ok {
		return ""
	}
	return strings.ToLower(strings.ReplaceAll(c.EN, "'", ""))
}

// trnShort quotes user input back, cut to a few characters.
func trnShort(s string) string {
	return norm.Clip(oneLine(s), 16, "…")
}

// trnLabel cuts a button label to what fits on a phone.
func trnLabel(s string) string {
	const max = 24
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return norm.Clip(s, max-1, "…")
}

func (t *turn) trnDate(d string) string {
	day, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	if t.lang == LangEN {
		return day.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", day.Year(), day.Month(), day.Day())
}

// trnDateShort is a date without the year, for one-line lists.
func (t *turn) trnDateShort(d string) string {
	day, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	if t.lang == LangEN {
		return day.Format("2 Jan")
	}
	return fmt.Sprintf("%d月%d日", day.Month(), day.Day())
}

func (t *turn) trnFee(fee int) string {
	if fee == 0 {
		return t.T("trn.fee_free")
	}
	return Tf(t.lang, "trn.fee", fee)
}

func (t *turn) trnTitle(c listings.Course) string {
	if c.Sample {
		return t.T("trn.sample_tag") + c.Title(t.lang)
	}
	return c.Title(t.lang)
}

func (t *turn) trnSeats(r store.Training) string {
	if r.Left() == 0 {
		return t.T("trn.seats_full")
	}
	return Tf(t.lang, "trn.seats_left", r.Left())
}

// trnOpen tells whether a course takes sign-ups today.
func (t *turn) trnOpen(r store.Training) bool { return !r.Retired && r.StartsOn >= t.trnToday() }

// trnLoad reads a course; ok is false when it does not exist.
func (t *turn) trnLoad(id string) (store.Training, listings.Course, bool, error) {
	r, err := t.e.store.Training(t.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Training{}, listings.Course{}, false, nil
	}
	if err != nil {
		return store.Training{}, listings.Course{}, false, fmt.Errorf("dialog: course %q: %w", id, err)
	}
	c, err := listings.CourseFromRecord(r)
	if err != nil {
		return store.Training{}, listings.Course{}, false, fmt.Errorf("dialog: %w", err)
	}
	return r, c, true, nil
}

func (t *turn) trnBackRow() []Button {
	return []Button{t.btn("trn.btn.my", cbTrainingPrefix+"my"), t.btn("menu.back", cbMenu)}
}

// trainingCommand is /training [CITY]: the courses of the city named, or
// of the user's saved city, or the question which city.
func (t *turn) trainingCommand(args string) ([]Reply, error) {
	t.reset()
	if args != "" {
		if c, ok := places.FindCity(args); ok {
			return t.trnList(c.ZH, "", "")
		}
		return t.trnAskCity(Tf(t.lang, "trn.city_unknown", trnShort(args)))
	}
	if t.user.City != "" {
		return t.trnList(t.user.City, "", "")
	}
	return t.trnAskCity(t.T("trn.ask_city"))
}

// trnAskCity asks for a city, with the cities that have courses as buttons.
func (t *turn) trnAskCity(text string) ([]Reply, error) {
	cities, err := t.e.store.TrainingCities(t.ctx, t.trnToday())
	if err != nil {
		return nil, fmt.Errorf("dialog: training cities: %w", err)
	}
	t.setFlow(flowTraining, trnStepCity)
	if len(cities) == 0 {
		t.reset()
		return []Reply{{Text: t.T("trn.none_at_all"), Buttons: [][]Button{t.trnBackRow()}}}, nil
	}
	var rows [][]Button
	var row []Button
	for _, zh := range cities[:min(len(cities), trnMaxListed)] {
		row = append(row, Button{Label: t.trnCityName(zh), Data: cbTrainingPrefix + "c:" + trnCitySlug(zh)})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, t.trnBackRow())
	return []Reply{{Text: text, Buttons: rows}}, nil
}

// trnList shows the open courses of a city (and trade), after an optional
// first paragraph.
func (t *turn) trnList(city, trade, intro string) ([]Reply, error) {
	return t.trnListPage(city, trade, intro, 0)
}

// trnListPage shows one page of the courses.
func (t *turn) trnListPage(city, trade, intro string, page int) ([]Reply, error) {
	if city == "" {
		if intro == "" {
			intro = t.T("trn.ask_city")
		}
		return t.trnAskCity(intro)
	}
	all, err := t.e.store.OpenTrainings(t.ctx, city, "", t.trnToday())
	if err != nil {
		return nil, fmt.Errorf("dialog: courses in %s: %w", city, err)
	}
	if len(all) == 0 {
		text := Tf(t.lang, "trn.none_in_city", t.trnCityName(city))
		if intro != "" {
			text = intro + "\n\n" + text
		}
		return t.trnAskCity(text)
	}
	var trades []string
	var shown []store.Training
	for _, r := range all {
		if !trnContains(trades, r.Trade) {
			trades = append(trades, r.Trade)
		}
		if trade == "" || r.Trade == trade {
			shown = append(shown, r)
		}
	}
	if len(shown) == 0 { // the trade has no course left: show them all
		trade, shown = "", all
	}
	s := t.trn()
	s.City, s.Trade, s.Course, s.Name, s.Phone, s.Ref = city, trade, "", "", "", ""
	t.setFlow(flowTraining, trnStepList)

	if page < 0 || page*trnPageSize >= len(shown) {
		page = 0
	}
	s.Page = page
	pages := (len(shown) + trnPageSize - 1) / trnPageSize
	allSample := true
	for _, r := range shown {
		if c, err := listings.CourseFromRecord(r); err != nil || !c.Sample {
			allSample = false
		}
	}

	var b strings.Builder
	if intro != "" {
		b.WriteString(intro + "\n\n")
	}
	head := Tf(t.lang, "trn.list_title", t.trnCityName(city), len(shown))
	if tr, ok := listings.FindSkill(trade); ok {
		head = Tf(t.lang, "trn.list_title_trade", t.trnCityName(city), tr.Name(t.lang), len(shown))
	}
	if allSample {
		head = strings.Replace(head, "📚 ", "📚 "+t.T("trn.sample_tag"), 1)
	}
	b.WriteString(head)
	var rows [][]Button
	for i := page * trnPageSize; i < len(shown) && i < (page+1)*trnPageSize; i++ {
		r := shown[i]
		c, err := listings.CourseFromRecord(r)
		if err != nil {
			return nil, fmt.Errorf("dialog: %w", err)
		}
		title := t.trnTitle(c)
		if allSample {
			title = c.Title(t.lang)
		}
		line := fmt.Sprintf("\n%d. %s · %s · %s", i+1, title, t.trnFee(c.Fee), t.trnDateShort(r.StartsOn))
		if r.Left() == 0 {
			line += " · " + t.T("trn.seats_full")
		}
		b.WriteString(line)
		rows = append(rows, []Button{{Label: trnLabel(fmt.Sprintf("%d. %s", i+1, c.Title(t.lang))), Data: cbTrainingPrefix + "v:" + r.ID}})
	}
	// The foot line: the page, and what to do (left out under an intro,
	// so the screen stays within six lines).
	var foot []string
	if pages > 1 {
		foot = append(foot, Tf(t.lang, "trn.list_page", page+1, pages))
	}
	if intro == "" {
		foot = append(foot, t.T("trn.list_pick"))
	}
	if len(foot) > 0 {
		b.WriteString("\n" + strings.Join(foot, " "))
	}
	if pages > 1 {
		var nav []Button
		if page > 0 {
			nav = append(nav, t.btn("trn.btn.prev", cbTrainingPrefix+"p:"+strconv.Itoa(page-1)))
		}
		if page+1 < pages {
			nav = append(nav, t.btn("trn.btn.next", cbTrainingPrefix+"p:"+strconv.Itoa(page+1)))
		}
		rows = append(rows, nav)
	}
	if len(trades) > 1 {
		var row []Button
		for _, code := range trades {
			if tr, ok := listings.FindSkill(code); ok && code != trade {
				row = append(row, Button{Label: trnLabel("🔧 " + tr.Name(t.lang)), Data: cbTrainingPrefix + "t:" + code})
			}
			if len(row) == 3 {
				rows, row = append(rows, row), nil
			}
		}
		if trade != "" {
			row = append(row, t.btn("trn.btn.all_trades", cbTrainingPrefix+"t:all"))
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	rows = append(rows, []Button{t.btn("trn.btn.city", cbTrainingPrefix+"city"), t.btn("trn.btn.my", cbTrainingPrefix+"my")},
		[]Button{t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

func trnContains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// trnDetail shows a course as a short card: what a worker decides on
// (provider, dates, cost, seats); "更多" opens the rest.
func (t *turn) trnDetail(id string) ([]Reply, error) { return t.trnCourse(id, false) }

// trnDetailMore shows everything about one course: schedule, subsidy,
// who can get it, certificate, source.
func (t *turn) trnDetailMore(id string) ([]Reply, error) { return t.trnCourse(id, true) }

func (t *turn) trnCourse(id string, more bool) ([]Reply, error) {
	r, c, ok, err := t.trnLoad(id)
	if err != nil || !ok {
		return t.trnMissing(err)
	}
	if !t.trnOpen(r) {
		return t.trnClosed(r.City)
	}
	s := t.trn()
	s.City, s.Course, s.Name, s.Phone = r.City, "", "", ""
	t.setFlow(flowTraining, trnStepList)
	lines := []string{t.trnTitle(c)}
	if c.Sample {
		lines = append(lines, t.T("trn.sample_note"))
	}
	onList := t.T("trn.on_list")
	if !c.OnList {
		onList = t.T("trn.off_list")
	}
	if more {
		lines = append(lines,
			Tf(t.lang, "trn.d.provider", c.Provider), onList,
			Tf(t.lang, "trn.d.city", t.trnCityName(r.City)),
			Tf(t.lang, "trn.d.dates", t.trnDate(r.StartsOn), t.trnDate(r.EndsOn)),
			Tf(t.lang, "trn.d.schedule", c.Schedule(t.lang)),
			t.trnDetailSeats(r),
			Tf(t.lang, "trn.d.fee", t.trnFee(c.Fee)),
			Tf(t.lang, "trn.d.subsidy", c.Subsidy(t.lang)),
			Tf(t.lang, "trn.d.eligible", c.Eligible(t.lang)),
			Tf(t.lang, "trn.d.certificate", c.Certificate(t.lang)),
			Tf(t.lang, "trn.d.source", c.SourceIn(t.lang), c.Updated))
	} else {
		lines = append(lines,
			Tf(t.lang, "trn.d.provider", c.Provider), onList,
			Tf(t.lang, "trn.d.dates", t.trnDate(r.StartsOn), t.trnDate(r.EndsOn)),
			Tf(t.lang, "trn.d.fee_seats", t.trnFee(c.Fee), t.trnSeats(r)))
		if len(lines) < maxCardLines {
			lines = append(lines, Tf(t.lang, "trn.d.certificate", c.Certificate(t.lang)))
		}
	}
	var rows [][]Button
	var top []Button
	if r.Left() > 0 {
		top = append(top, t.btn("trn.btn.signup", cbTrainingPrefix+"s:"+r.ID))
	}
	if !more {
		top = append(top, t.btn("trn.btn.more", cbTrainingPrefix+"m:"+r.ID))
	}
	if len(top) > 0 {
		rows = append(rows, top)
	}
	rows = append(rows, []Button{t.btn("trn.btn.list", cbTrainingPrefix+"l"), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: strings.Join(lines, "\n"), Buttons: rows}}, nil
}

// maxCardLines is the most lines of a card that fits a phone screen.
const maxCardLines = 6

func (t *turn) trnDetailSeats(r store.Training) string {
	if r.Left() == 0 {
		return Tf(t.lang, "trn.d.seats_full", r.Seats)
	}
	return Tf(t.lang, "trn.d.seats", r.Left(), r.Seats)
}

// trnMissing answers a course id that does not exist (hand-crafted data).
func (t *turn) trnMissing(err error) ([]Reply, error) {
	if err != nil {
		return nil, err
	}
	return t.stale()
}

// trnClosed answers a course that no longer takes sign-ups.
func (t *turn) trnClosed(city string) ([]Reply, error) {
	return t.trnList(city, "", t.T("trn.closed"))
}

// onTrainingButton handles "trn:..." data (prefix stripped).
func (t *turn) onTrainingButton(data string) ([]Reply, error) {
	verb, arg, _ := strings.Cut(data, ":")
	st := t.trnState()
	switch verb {
	case "home":
		return t.trainingCommand("")
	case "city":
		t.reset()
		return t.trnAskCity(t.T("trn.ask_city"))
	case "c":
		c, ok := places.FindCity(arg)
		if !ok || arg == "" {
			return t.stale()
		}
		return t.trnList(c.ZH, "", "")
	case "t":
		if t.sess.Flow != flowTraining || st.City == "" {
			return t.stale()
		}
		if arg == "all" {
			return t.trnList(st.City, "", "")
		}
		if _, ok := listings.FindSkill(arg); !ok {
			return t.stale()
		}
		return t.trnList(st.City, arg, "")
	case "l":
		if st.City == "" {
			return t.trainingCommand("")
		}
		return t.trnListPage(st.City, st.Trade, "", st.Page)
	case "p":
		page, err := strconv.Atoi(arg)
		if t.sess.Flow != flowTraining || st.City == "" || err != nil {
			return t.stale()
		}
		return t.trnListPage(st.City, st.Trade, "", page)
	case "m":
		return t.trnDetailMore(arg)
	case "v":
		return t.trnDetail(arg)
	case "s":
		return t.trnSignUp(arg)
	case "a", "re":
		return t.trnAskName(arg)
	case "ok":
		return t.trnConfirm(arg)
	case "x":
		if t.sess.Flow != flowTraining {
			return t.stale()
		}
		t.reset()
		return []Reply{t.withMenu(t.T("trn.quit"))}, nil
	case "my":
		return t.myTraining()
	case "cx":
		return t.trnAskCancel(arg)
	case "cy":
		return t.trnDoCancel(arg)
	}
	return t.stale()
}
