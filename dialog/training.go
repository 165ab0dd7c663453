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
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

const (
	flowTraining     = "training"
	cbTrainingPrefix = "trn:"
)

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
	Ref    string `json:"r,omitempty"` // enrollment the worker may cancel
}

// trnMaxListed is the most courses one list shows.
const trnMaxListed = 8

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
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 16 {
		r := []rune(s)
		s = string(r[:16]) + "…"
	}
	return s
}

// trnLabel cuts a button label to what fits on a phone.
func trnLabel(s string) string {
	const max = 24
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
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

	var b strings.Builder
	if intro != "" {
		b.WriteString(intro + "\n\n")
	}
	head := Tf(t.lang, "trn.list_title", t.trnCityName(city), len(shown))
	if tr, ok := listings.FindSkill(trade); ok {
		head = Tf(t.lang, "trn.list_title_trade", t.trnCityName(city), tr.Name(t.lang), len(shown))
	}
	b.WriteString(head)
	var rows [][]Button
	for i, r := range shown {
		if i == trnMaxListed {
			b.WriteString("\n\n" + Tf(t.lang, "trn.list_more", len(shown)-i))
			break
		}
		c, err := listings.CourseFromRecord(r)
		if err != nil {
			return nil, fmt.Errorf("dialog: %w", err)
		}
		fmt.Fprintf(&b, "\n\n%d. %s\n   %s · %s · %s", i+1, t.trnTitle(c), Tf(t.lang, "trn.starts", t.trnDate(r.StartsOn)), t.trnFee(c.Fee), t.trnSeats(r))
		rows = append(rows, []Button{{Label: trnLabel(fmt.Sprintf("%d. %s", i+1, c.Title(t.lang))), Data: cbTrainingPrefix + "v:" + r.ID}})
	}
	b.WriteString("\n\n" + t.T("trn.list_pick"))
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

// trnDetail shows everything about one course.
func (t *turn) trnDetail(id string) ([]Reply, error) {
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
	lines = append(lines, "",
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
	var rows [][]Button
	if r.Left() > 0 {
		rows = append(rows, []Button{t.btn("trn.btn.signup", cbTrainingPrefix+"s:"+r.ID)})
	}
	rows = append(rows, []Button{t.btn("trn.btn.list", cbTrainingPrefix+"l"), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: strings.Join(lines, "\n"), Buttons: rows}}, nil
}

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

// trnSignUp starts the sign-up for a course: consent first.
func (t *turn) trnSignUp(id string) ([]Reply, error) {
	r, c, ok, err := t.trnLoad(id)
	if err != nil || !ok {
		return t.trnMissing(err)
	}
	if !t.trnOpen(r) {
		return t.trnClosed(r.City)
	}
	if prev, err := t.e.store.ActiveEnrollment(t.ctx, t.user.ID, id); err == nil {
		return t.trnAlready(c, prev)
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("dialog: enrollment: %w", err)
	}
	if r.Left() == 0 {
		return t.trnList(r.City, "", t.T("trn.full_already"))
	}
	s := t.trn()
	s.City, s.Course, s.Name, s.Phone = r.City, id, "", ""
	t.setFlow(flowTraining, trnStepConsent)
	text := Tf(t.lang, "trn.consent", t.trnTitle(c))
	if c.Sample {
		text += "\n\n" + t.T("trn.consent_sample")
	}
	return []Reply{{Text: text, Buttons: [][]Button{{
		t.btn("trn.btn.agree", cbTrainingPrefix+"a:"+id), t.btn("trn.btn.quit", cbTrainingPrefix+"x"),
	}}}}, nil
}

func (t *turn) trnQuitRow() [][]Button {
	return [][]Button{{t.btn("trn.btn.quit", cbTrainingPrefix+"x")}}
}

// trnAskName moves to the name step (after consent, or to fill in again).
func (t *turn) trnAskName(id string) ([]Reply, error) {
	st := t.trnState()
	allowed := map[string]bool{trnStepConsent: true, trnStepPhone: true, trnStepConfirm: true}
	if t.sess.Flow != flowTraining || !allowed[t.sess.Step] || st.Course != id {
		return t.stale()
	}
	s := t.trn()
	s.Name, s.Phone = "", ""
	t.state.Nonce = 0
	t.setFlow(flowTraining, trnStepName)
	return []Reply{{Text: t.T("trn.ask_name"), Buttons: t.trnQuitRow()}}, nil
}

// trnQuitWords typed during the sign-up stop it.
var trnQuitWords = map[string]bool{"取消": true, "不报了": true, "退出": true, "算了": true, "不报": true,
	"cancel": true, "stop": true, "quit": true}

// trainingText takes typed text in the steps that wait for it.
func (t *turn) trainingText(text string) ([]Reply, bool, error) {
	switch t.sess.Step {
	case trnStepCity:
		if c, ok := places.FindCity(text); ok {
			r, err := t.trnList(c.ZH, "", "")
			return r, true, err
		}
		r, err := t.trnAskCity(Tf(t.lang, "trn.city_unknown", trnShort(text)))
		return r, true, err
	case trnStepList:
		if c, ok := places.FindCity(text); ok {
			r, err := t.trnList(c.ZH, "", "")
			return r, true, err
		}
	case trnStepConsent, trnStepName, trnStepPhone, trnStepConfirm:
		if trnQuitWords[strings.ToLower(text)] { // "取消" is not a name
			t.reset()
			return []Reply{t.withMenu(t.T("trn.quit"))}, true, nil
		}
	}
	switch t.sess.Step {
	case trnStepName:
		r, err := t.trnName(text)
		return r, true, err
	case trnStepPhone:
		r, err := t.trnPhone(text)
		return r, true, err
	}
	return nil, false, nil
}

// trnStillOpen reloads the course the worker is signing up for. When it
// closed or filled up while they typed, closed is the answer to send.
func (t *turn) trnStillOpen() (r store.Training, c listings.Course, closed []Reply, err error) {
	st := t.trnState()
	r, c, ok, err := t.trnLoad(st.Course)
	switch {
	case err != nil:
		return r, c, nil, err
	case !ok || !t.trnOpen(r):
		closed, err = t.trnClosed(st.City)
	case r.Left() == 0:
		closed, err = t.trnFull(r.City)
	}
	return r, c, closed, err
}

func (t *turn) trnName(text string) ([]Reply, error) {
	name, problem := listings.CheckName(text)
	if problem != listings.NameOK {
		return []Reply{{Text: t.T("trn.name." + problem), Buttons: t.trnQuitRow()}}, nil
	}
	if _, _, closed, err := t.trnStillOpen(); closed != nil || err != nil {
		return closed, err
	}
	t.trn().Name = name
	t.setFlow(flowTraining, trnStepPhone)
	return []Reply{{Text: Tf(t.lang, "trn.ask_phone", name), Buttons: t.trnQuitRow()}}, nil
}

func (t *turn) trnPhone(text string) ([]Reply, error) {
	phone, problem := listings.CheckPhone(text)
	if problem != listings.PhoneOK {
		return []Reply{{Text: t.T("trn.phone." + problem), Buttons: t.trnQuitRow()}}, nil
	}
	r, c, closed, err := t.trnStillOpen()
	if closed != nil || err != nil {
		return closed, err
	}
	st := t.trnState()
	t.trn().Phone = phone
	t.setFlow(flowTraining, trnStepConfirm)
	t.state.Nonce = t.e.now().UnixMilli()
	text = Tf(t.lang, "trn.summary", t.trnTitle(c), t.trnDate(r.StartsOn), c.Provider, st.Name, listings.MaskPhone(phone))
	return []Reply{{Text: text, Buttons: [][]Button{
		{t.btn("trn.btn.confirm", cbTrainingPrefix+"ok:"+r.ID+":"+strconv.FormatInt(t.state.Nonce, 36))},
		{t.btn("trn.btn.refill", cbTrainingPrefix+"re:"+r.ID), t.btn("trn.btn.quit", cbTrainingPrefix+"x")},
	}}}, nil
}

// trnConfirm enrolls, once: the button carries the course and the nonce
// of the summary it belongs to. A second press (or an old copy) finds the
// enrollment already made and says so with its reference code.
func (t *turn) trnConfirm(arg string) ([]Reply, error) {
	id, nonce, _ := strings.Cut(arg, ":")
	st := t.trnState()
	current := t.sess.Flow == flowTraining && t.sess.Step == trnStepConfirm && st.Course == id &&
		st.Name != "" && st.Phone != "" && nonce == strconv.FormatInt(t.state.Nonce, 36)
	if !current {
		if prev, err := t.e.store.ActiveEnrollment(t.ctx, t.user.ID, id); err == nil {
			_, c, ok, err := t.trnLoad(id)
			if err != nil || !ok {
				return t.trnMissing(err)
			}
			return []Reply{t.trnAlreadyKeepFlow(c, prev)}, nil
		}
		return t.stale()
	}
	e, err := t.e.store.Enroll(t.ctx, id, t.user.ID, st.Name, st.Phone, t.trnToday())
	_, c, ok, lerr := t.trnLoad(id)
	if lerr != nil {
		return nil, lerr
	}
	switch {
	case err == nil && ok:
		t.reset()
		text := Tf(t.lang, "trn.done", e.Ref, t.trnTitle(c), t.trnDate(c.Start))
		if c.Sample {
			text += "\n\n" + t.T("trn.done_sample")
		}
		return []Reply{{Text: text, Buttons: [][]Button{t.trnBackRow()}}}, nil
	case errors.Is(err, store.ErrAlreadyEnrolled):
		return t.trnAlready(c, e)
	case errors.Is(err, store.ErrTrainingFull):
		return t.trnFull(st.City)
	case errors.Is(err, store.ErrTrainingClosed), errors.Is(err, store.ErrNotFound), err == nil:
		return t.trnClosed(st.City)
	}
	return nil, fmt.Errorf("dialog: enroll: %w", err)
}

// trnAlready says the worker is already signed up, with the reference.
func (t *turn) trnAlready(c listings.Course, e store.Enrollment) ([]Reply, error) {
	t.reset()
	return []Reply{t.trnAlreadyKeepFlow(c, e)}, nil
}

func (t *turn) trnAlreadyKeepFlow(c listings.Course, e store.Enrollment) Reply {
	return Reply{Text: Tf(t.lang, "trn.already", t.trnTitle(c), e.Ref), Buttons: [][]Button{t.trnBackRow()}}
}

// trnFull answers a course that filled up: nothing was saved; here are
// the other courses of the city.
func (t *turn) trnFull(city string) ([]Reply, error) {
	return t.trnList(city, "", t.T("trn.full"))
}

// myTraining is /mytraining: the worker's active enrollments, each with a
// cancel button.
func (t *turn) myTraining() ([]Reply, error) {
	t.reset()
	es, err := t.e.store.EnrollmentsByUser(t.ctx, t.user.ID)
	if err != nil {
		return nil, fmt.Errorf("dialog: my training: %w", err)
	}
	if len(es) == 0 {
		return []Reply{{Text: t.T("trn.my_none"), Buttons: [][]Button{{
			t.btn("trn.btn.browse", cbTrainingPrefix+"home"), t.btn("menu.back", cbMenu),
		}}}}, nil
	}
	var b strings.Builder
	b.WriteString(t.T("trn.my_title"))
	var rows [][]Button
	for i, e := range es {
		r, c, ok, err := t.trnLoad(e.TrainingID)
		if err != nil {
			return nil, err
		}
		title := e.TrainingID
		if ok {
			title = t.trnTitle(c)
		}
		fmt.Fprintf(&b, "\n\n%d. %s\n   %s · %s\n   %s", i+1, title, t.trnCityName(r.City),
			Tf(t.lang, "trn.starts", t.trnDate(r.StartsOn)), Tf(t.lang, "trn.ref", e.Ref))
		rows = append(rows, []Button{{Label: trnLabel(Tf(t.lang, "trn.btn.cancel_n", i+1, c.Title(t.lang))), Data: cbTrainingPrefix + "cx:" + e.Ref}})
	}
	b.WriteString("\n\n" + t.T("trn.my_footer"))
	rows = append(rows, []Button{t.btn("trn.btn.browse", cbTrainingPrefix+"home"), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}

// trnFindMine finds one of the worker's active enrollments by reference.
func (t *turn) trnFindMine(ref string) (store.Enrollment, bool, error) {
	es, err := t.e.store.EnrollmentsByUser(t.ctx, t.user.ID)
	if err != nil {
		return store.Enrollment{}, false, fmt.Errorf("dialog: my training: %w", err)
	}
	for _, e := range es {
		if e.Ref == ref {
			return e, true, nil
		}
	}
	return store.Enrollment{}, false, nil
}

func (t *turn) trnCancelGone() ([]Reply, error) {
	return []Reply{{Text: t.T("trn.cancel_gone"), Buttons: [][]Button{t.trnBackRow()}}}, nil
}

// trnAskCancel asks before cancelling; the yes button carries a nonce.
func (t *turn) trnAskCancel(ref string) ([]Reply, error) {
	e, ok, err := t.trnFindMine(ref)
	if err != nil {
		return nil, err
	}
	if !ok {
		return t.trnCancelGone()
	}
	_, c, _, err := t.trnLoad(e.TrainingID)
	if err != nil {
		return nil, err
	}
	t.reset()
	t.trn().Ref = ref
	t.setFlow(flowTraining, trnStepCancel)
	t.state.Nonce = t.e.now().UnixMilli()
	return []Reply{{Text: Tf(t.lang, "trn.cancel_confirm", t.trnTitle(c), ref), Buttons: [][]Button{{
		t.btn("trn.btn.cancel_yes", cbTrainingPrefix+"cy:"+ref+":"+strconv.FormatInt(t.state.Nonce, 36)),
		t.btn("trn.btn.cancel_no", cbTrainingPrefix+"my"),
	}}}}, nil
}

func (t *turn) trnDoCancel(arg string) ([]Reply, error) {
	ref, nonce, _ := strings.Cut(arg, ":")
	current := t.sess.Flow == flowTraining && t.sess.Step == trnStepCancel && t.trnState().Ref == ref &&
		nonce == strconv.FormatInt(t.state.Nonce, 36)
	if !current {
		if _, ok, err := t.trnFindMine(ref); err != nil {
			return nil, err
		} else if !ok {
			return t.trnCancelGone()
		}
		return t.stale()
	}
	e, err := t.e.store.CancelEnrollment(t.ctx, t.user.ID, ref)
	if errors.Is(err, store.ErrNotFound) {
		t.reset()
		return t.trnCancelGone()
	}
	if err != nil {
		return nil, fmt.Errorf("dialog: cancel enrollment: %w", err)
	}
	_, c, _, err := t.trnLoad(e.TrainingID)
	if err != nil {
		return nil, err
	}
	t.reset()
	return []Reply{{Text: Tf(t.lang, "trn.cancel_done", t.trnTitle(c), ref), Buttons: [][]Button{t.trnBackRow()}}}, nil
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
		return t.trnList(st.City, st.Trade, "")
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
