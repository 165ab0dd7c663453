package dialog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/store"
)

const flowDelete = "delete"

// The account flow: onboarding, the menu, help, subscription, /mydata and
// /delete. Its texts are the core catalogue (catalog.go).
var _ = register(&flow{
	name: flowDelete,
	commands: map[string]command{
		"start":       noArgs((*turn).start),
		"menu":        noArgs((*turn).toMenu),
		"help":        noArgs((*turn).help),
		"subscribe":   noArgs(func(t *turn) ([]Reply, error) { return t.subscribe(true) }),
		"unsubscribe": noArgs(func(t *turn) ([]Reply, error) { return t.subscribe(false) }),
		"mydata":      noArgs((*turn).myData),
		"delete":      noArgs((*turn).askDelete),
	},
	buttons:  []string{cbMenu, cbHelp, "lang:", cbAgree, cbPrivacyMore, cbSvcPrefix, "sub:", "del:"},
	onButton: (*turn).onAccountButton,
	catalog:  coreCatalog,
})

func (t *turn) onAccountButton(data string) ([]Reply, error) {
	switch {
	case data == cbMenu:
		return t.toMenu()
	case data == cbHelp:
		return t.help()
	case data == cbLangZH || data == cbLangEN:
		return t.chooseLang(strings.TrimPrefix(data, "lang:"))
	case data == cbAgree:
		return t.agree()
	case data == cbPrivacyMore:
		return t.privacyMore()
	case strings.HasPrefix(data, cbSvcPrefix):
		return t.service(strings.TrimPrefix(data, cbSvcPrefix))
	case data == cbSubOn:
		return t.subscribe(true)
	case data == cbSubOff:
		return t.subscribe(false)
	case data == cbDelAsk:
		return t.askDelete()
	case strings.HasPrefix(data, cbDelYes):
		return t.confirmDelete(strings.TrimPrefix(data, cbDelYes))
	case data == cbDelNo:
		if t.sess.Flow == flowDelete {
			t.reset()
			return []Reply{t.withMenu(t.T("delete.kept"))}, nil
		}
	}
	return t.stale()
}

// toMenu is /menu: back to the main menu, dropping any pending state.
func (t *turn) toMenu() ([]Reply, error) {
	t.reset()
	return []Reply{t.menu()}, nil
}

// help is /help; staff also read their commands.
func (t *turn) help() ([]Reply, error) {
	text := t.T("help.text")
	if t.isStaff() {
		text += "\n\n" + t.T("staff.help")
		if t.isAdmin() {
			text += "\n" + t.T("staff.help.admin")
		}
		text += "\n" + t.T("bc.help")
	}
	return []Reply{t.withMenu(text)}, nil
}

// start is /start: language first, then what Gongyou does and the privacy
// notice, then the menu.
func (t *turn) start() ([]Reply, error) {
	t.reset()
	if t.user.Lang == "" {
		return []Reply{{Text: T(LangZH, "start.choose_lang"), Buttons: [][]Button{{
			{Label: "中文", Data: cbLangZH}, {Label: "English", Data: cbLangEN},
		}}}}, nil
	}
	return t.welcome(), nil
}

// welcome explains the bot and shows the privacy notice; until the user
// accepts it, the only button is "OK, let's start".
func (t *turn) welcome() []Reply {
	if t.user.ConsentAt.Valid {
		return []Reply{{Text: t.T("start.welcome")}, t.menu()}
	}
	return []Reply{
		{Text: t.T("start.welcome")},
		{Text: t.T("start.privacy"), Buttons: [][]Button{{t.btn("start.agree", cbAgree), t.btn("start.privacy_more_btn", cbPrivacyMore)}}},
	}
}

// cbPrivacyMore shows the privacy notice in full.
const cbPrivacyMore = "start:more"

func (t *turn) privacyMore() ([]Reply, error) {
	return []Reply{{Text: t.T("start.privacy_more"), Buttons: [][]Button{{t.btn("start.agree", cbAgree)}}}}, nil
}

func (t *turn) chooseLang(lang string) ([]Reply, error) {
	if err := t.e.store.SetLang(t.ctx, t.user.ID, lang); err != nil {
		return nil, fmt.Errorf("dialog: set language: %w", err)
	}
	first := t.user.Lang == ""
	t.user.Lang, t.lang = lang, lang
	if first || !t.user.ConsentAt.Valid {
		return t.welcome(), nil
	}
	// The switch may have been a slip (a number typed in the terminal or
	// on WeChat): the first row undoes it.
	back := Button{Label: "↩️ 中文", Data: cbLangZH}
	if lang == LangZH {
		back = Button{Label: "↩️ English", Data: cbLangEN}
	}
	m := t.withMenu(t.T("lang.switched"))
	m.Buttons = append([][]Button{{back}}, m.Buttons...)
	return []Reply{m}, nil
}

func (t *turn) agree() ([]Reply, error) {
	if !t.user.ConsentAt.Valid {
		if err := t.e.store.SetConsent(t.ctx, t.user.ID); err != nil {
			return nil, fmt.Errorf("dialog: consent: %w", err)
		}
	}
	if t.user.Lang == "" { // pressed on an old onboarding message after /delete
		if err := t.e.store.SetLang(t.ctx, t.user.ID, t.lang); err != nil {
			return nil, fmt.Errorf("dialog: set language: %w", err)
		}
	}
	t.reset()
	return []Reply{t.withMenu(t.T("start.agreed"))}, nil
}

// service opens one of the four services. Those not built yet say so and
// give a real next step instead of fake content.
func (t *turn) service(name string) ([]Reply, error) {
	switch name {
	case "check":
		return t.askOffer()
	case "jobs":
		return t.jobsCommand("")
	case "training":
		return t.trainingCommand("")
	case "insurance":
		return t.faqCommand("")
	case "settings":
		return t.settingsCommand()
	}
	return t.stale()
}

func (t *turn) subscribe(on bool) ([]Reply, error) {
	if t.user.Subscribed == on {
		key := "sub.already"
		if !on {
			key = "sub.none"
		}
		return []Reply{t.withMenu(t.T(key))}, nil
	}
	if err := t.e.store.SetSubscribed(t.ctx, t.user.ID, on); err != nil {
		return nil, fmt.Errorf("dialog: subscribe: %w", err)
	}
	t.user.Subscribed = on
	key, undo := "sub.on", cbSubOff
	if !on {
		key, undo = "sub.off", cbSubOn
	}
	// An undo button: the press may have been a slip.
	m := t.withMenu(t.T(key))
	m.Buttons = append([][]Button{{t.btn("sub.undo", undo)}}, m.Buttons...)
	return []Reply{m}, nil
}

// myData shows every field kept about the user, in plain words.
func (t *turn) myData() ([]Reply, error) {
	reports, err := t.e.store.ReportsByUser(t.ctx, t.user.ID)
	if err != nil {
		return nil, fmt.Errorf("dialog: my data: %w", err)
	}
	enrollments, err := t.e.store.CountEnrollments(t.ctx, t.user.ID)
	if err != nil {
		return nil, fmt.Errorf("dialog: my data: %w", err)
	}
	feedback := 0
	if t.e.faq.fb != nil {
		if feedback, err = t.e.faq.fb.CountFAQFeedback(t.ctx, t.user.ID); err != nil {
			return nil, fmt.Errorf("dialog: my data: %w", err)
		}
	}
	yesNo := func(b bool) string {
		if b {
			return t.T("mydata.yes")
		}
		return t.T("mydata.no")
	}
	orUnset := func(s string) string {
		if s == "" {
			return t.T("mydata.unset")
		}
		return s
	}
	lang := t.T("mydata.unset")
	if t.user.Lang != "" {
		lang = t.T("mydata.lang." + t.user.Lang)
	}
	consent := t.T("mydata.no")
	if t.user.ConsentAt.Valid {
		consent = t.user.ConsentAt.Time.UTC().Format("2006-01-02")
	}
	flow := t.T("mydata.flow.none")
	if t.sess.Flow != "" {
		flow = t.sess.Flow + "/" + t.sess.Step
	}
	idKey := "mydata.id" // a user is (channel, id in that channel)
	switch store.ChannelOf(t.user.ID) {
	case store.ChannelWeb:
		idKey = "mydata.id.web"
	case store.ChannelWeChat:
		idKey = "mydata.id.wechat"
	}
	// Six lines on a phone: related fields share a line.
	sep := " · "
	text := t.T("mydata.title") + "\n" +
		Tf(t.lang, idKey, t.user.ID) + sep + Tf(t.lang, "mydata.lang", lang) + sep + Tf(t.lang, "mydata.city", orUnset(t.user.City)) + "\n" +
		Tf(t.lang, "mydata.sub", yesNo(t.user.Subscribed)) + sep + Tf(t.lang, "set.mydata.topics", t.settTopicNames(settTopics(t.user.Topics))) + "\n" +
		Tf(t.lang, "trn.mydata.enrollments", enrollments) + sep + Tf(t.lang, "faq.mydata.feedback", feedback) + sep + Tf(t.lang, "mydata.reports", len(reports)) + "\n" +
		Tf(t.lang, "mydata.consent", consent) + sep + Tf(t.lang, "mydata.since", t.user.CreatedAt.UTC().Format("2006-01-02")) + sep + Tf(t.lang, "mydata.flow", flow) + "\n" +
		t.T("mydata.footer")
	return []Reply{{Text: text, Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
}

// askDelete asks for confirmation; the Yes button carries a nonce so only
// the latest question can erase anything.
func (t *turn) askDelete() ([]Reply, error) {
	t.setFlow(flowDelete, "confirm")
	t.state.Nonce = t.e.now().UnixMilli()
	t.dirty = true
	return []Reply{{Text: t.T("delete.confirm"), Buttons: [][]Button{{
		t.btn("delete.yes", cbDelYes+strconv.FormatInt(t.state.Nonce, 36)),
		t.btn("delete.no", cbDelNo),
	}}}}, nil
}

func (t *turn) confirmDelete(nonce string) ([]Reply, error) {
	if t.sess.Flow != flowDelete || nonce != strconv.FormatInt(t.state.Nonce, 36) {
		return t.stale()
	}
	if err := t.e.store.DeleteUser(t.ctx, t.user.ID); err != nil {
		return nil, fmt.Errorf("dialog: delete: %w", err)
	}
	t.deleted = true
	return []Reply{{Text: t.T("delete.done")}}, nil
}
