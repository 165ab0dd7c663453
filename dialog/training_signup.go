package dialog

// Training sign-up steps: consent, name, mobile, confirm; /mytraining and
// cancelling an enrollment (see training.go for the flow).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

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
