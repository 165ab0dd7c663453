package dialog

// Settings (issue 4): language, city, announcement topics. Owned by the
// training feature.

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

const (
	flowSettings     = "settings"
	cbSettingsPrefix = "set:"
)

const settStepCity = "city" // waiting for a typed city

// The settings flow: /settings, the "set:" buttons, a typed city.
var _ = register(&flow{
	name:     flowSettings,
	commands: map[string]command{"settings": noArgs((*turn).settingsCommand)},
	buttons:  []string{cbSettingsPrefix},
	onButton: func(t *turn, data string) ([]Reply, error) {
		return t.onSettingsButton(strings.TrimPrefix(data, cbSettingsPrefix))
	},
	onText:  func(t *turn, a *analysis) ([]Reply, bool, error) { return t.settingsText(a.text) },
	catalog: settingsCatalog,
})

// SettingsStore is what settings need from persistence.
type SettingsStore interface {
	SetCity(ctx context.Context, id int64, city string) error
	SetTopics(ctx context.Context, id int64, topics string) error
}

// settingsState is the settings flow's session payload: the step says it all.
type settingsState struct{}

var settingsCatalog = map[string]map[string]string{
	LangZH: {
		"set.title":               "⚙️ 设置",
		"set.lang":                "🌐 语言：%s",
		"set.city":                "🏙 城市：%s",
		"set.topics":              "🔔 通知：%s",
		"set.city_why":            "城市用来先给您看这个城市的工作和培训，也用来发本地的政策通知。",
		"set.unset":               "没有设置",
		"set.not_subscribed":      "没有订阅（发 /subscribe 订阅）",
		"set.all_topics":          "全部类型",
		"set.ask_lang":            "请选择语言 / Please choose a language:",
		"set.ask_city":            "您在哪个城市？点下面的城市，或直接打城市名，例如：东莞。",
		"set.city_unknown":        "我不认识“%s”这个城市。请只写城市名，例如：东莞、深圳、成都。",
		"set.city_saved":          "✅ 城市已设为：%s。",
		"set.city_cleared":        "✅ 已清除城市。",
		"set.ask_topics":          "🔔 您想收哪些通知？点一下选上或去掉。\n都选上就是全部都收，以后新加的类型也会发给您。",
		"set.topics_unsub":        "您还没有订阅通知。选好后点“🔔 订阅政策通知”。",
		"set.topics_saved":        "✅ 已保存：%s。",
		"set.topics_one":          "至少要选一种。一种都不想收，请发 /unsubscribe。",
		"set.mydata.topics":       "通知类型：%s",
		"set.btn.menu":            "⚙️ 设置",
		"set.btn.lang":            "🌐 语言",
		"set.btn.city":            "🏙 城市",
		"set.btn.topics":          "🔔 通知类型",
		"set.btn.back":            "⬅️ 设置",
		"set.btn.clear_city":      "清除城市",
		"set.btn.all":             "全部都收",
		"set.btn.done":            "✅ 好了",
		"set.btn.topic.subsidy":   "补贴政策",
		"set.btn.topic.insurance": "社保",
		"set.btn.topic.scam":      "防骗提醒",
		"set.btn.topic.jobs":      "工作机会",
		"set.btn.topic.training":  "培训课程",
	},
	LangEN: {
		"set.title":               "⚙️ Settings",
		"set.lang":                "🌐 Language: %s",
		"set.city":                "🏙 City: %s",
		"set.topics":              "🔔 Announcements: %s",
		"set.city_why":            "Your city comes first when you look for work or training, and decides which local announcements you get.",
		"set.unset":               "not set",
		"set.not_subscribed":      "off (send /subscribe to get them)",
		"set.all_topics":          "all topics",
		"set.ask_lang":            "请选择语言 / Please choose a language:",
		"set.ask_city":            "Which city are you in? Tap a city, or type its name, e.g. Dongguan.",
		"set.city_unknown":        "I do not know the city “%s”. Please type only the city name, e.g. Dongguan, Shenzhen, Chengdu.",
		"set.city_saved":          "✅ City set to %s.",
		"set.city_cleared":        "✅ City cleared.",
		"set.ask_topics":          "🔔 Which announcements do you want? Tap to tick or untick.\nAll ticked means every topic, including new ones later.",
		"set.topics_unsub":        "You do not get announcements yet. When you are done, tap “🔔 Get announcements”.",
		"set.topics_saved":        "✅ Saved: %s.",
		"set.topics_one":          "Keep at least one topic. To get no announcements at all, send /unsubscribe.",
		"set.mydata.topics":       "Announcement topics: %s",
		"set.btn.menu":            "⚙️ Settings",
		"set.btn.lang":            "🌐 Language",
		"set.btn.city":            "🏙 City",
		"set.btn.topics":          "🔔 Topics",
		"set.btn.back":            "⬅️ Settings",
		"set.btn.clear_city":      "Clear city",
		"set.btn.all":             "All topics",
		"set.btn.done":            "✅ Done",
		"set.btn.topic.subsidy":   "Subsidies",
		"set.btn.topic.insurance": "Social insurance",
		"set.btn.topic.scam":      "Scam alerts",
		"set.btn.topic.jobs":      "Jobs",
		"set.btn.topic.training":  "Training",
	},
}

// settingsCommand is /settings (and the ⚙️ menu button).
func (t *turn) settingsCommand() ([]Reply, error) {
	t.reset()
	return []Reply{t.settHome("")}, nil
}

// settHome shows the current settings with a button for each.
func (t *turn) settHome(intro string) Reply {
	lang := t.T("set.unset")
	if t.user.Lang != "" {
		lang = t.T("mydata.lang." + t.user.Lang)
	}
	city := t.T("set.unset")
	if t.user.City != "" {
		city = t.trnCityName(t.user.City)
	}
	lines := []string{}
	if intro != "" {
		lines = append(lines, intro, "")
	}
	lines = append(lines, t.T("set.title"),
		Tf(t.lang, "set.lang", lang),
		Tf(t.lang, "set.city", city),
		Tf(t.lang, "set.topics", t.settTopicsSummary()),
		"", t.T("set.city_why"))
	return Reply{Text: strings.Join(lines, "\n"), Buttons: [][]Button{
		{t.btn("set.btn.lang", cbSettingsPrefix+"lang"), t.btn("set.btn.city", cbSettingsPrefix+"city")},
		{t.btn("set.btn.topics", cbSettingsPrefix+"topics"), t.btn("menu.back", cbMenu)},
	}}
}

// settTopics reads the saved topics: known codes only, in TopicCodes order;
// nil means every topic.
func settTopics(saved string) []string {
	var out []string
	for _, code := range store.TopicCodes() {
		for _, s := range strings.Split(saved, ",") {
			if strings.TrimSpace(s) == code {
				out = append(out, code)
				break
			}
		}
	}
	if len(out) == len(store.TopicCodes()) {
		return nil
	}
	return out
}

func (t *turn) settTopicNames(codes []string) string {
	if len(codes) == 0 {
		return t.T("set.all_topics")
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = t.T("set.btn.topic." + c)
	}
	sep := "、"
	if t.lang == LangEN {
		sep = ", "
	}
	return strings.Join(names, sep)
}

func (t *turn) settTopicsSummary() string {
	if !t.user.Subscribed {
		return t.T("set.not_subscribed")
	}
	return t.settTopicNames(settTopics(t.user.Topics))
}

// settAskCity asks for the city: common cities as buttons, or typed.
func (t *turn) settAskCity(text string) []Reply {
	t.setFlow(flowSettings, settStepCity)
	var rows [][]Button
	var row []Button
	for _, c := range places.CommonCities() {
		row = append(row, Button{Label: c.Name(t.lang), Data: cbSettingsPrefix + "c:" + trnCitySlug(c.ZH)})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	last := []Button{t.btn("set.btn.back", cbSettingsPrefix+"home")}
	if t.user.City != "" {
		last = append([]Button{t.btn("set.btn.clear_city", cbSettingsPrefix+"c:-")}, last...)
	}
	return []Reply{{Text: text, Buttons: append(rows, last)}}
}

func (t *turn) settCity(zh string) ([]Reply, error) {
	if err := t.e.store.SetCity(t.ctx, t.user.ID, zh); err != nil {
		return nil, fmt.Errorf("dialog: set city: %w", err)
	}
	t.user.City = zh
	t.reset()
	if zh == "" {
		return []Reply{t.settHome(t.T("set.city_cleared"))}, nil
	}
	return []Reply{t.settHome(Tf(t.lang, "set.city_saved", t.trnCityName(zh)))}, nil
}

// settTopicsView shows one toggle button per topic.
func (t *turn) settTopicsView(intro string) []Reply {
	chosen := settTopics(t.user.Topics)
	var rows [][]Button
	var row []Button
	for _, code := range store.TopicCodes() {
		mark := "⬜ "
		if len(chosen) == 0 || trnContains(chosen, code) {
			mark = "✅ "
		}
		row = append(row, Button{Label: mark + t.T("set.btn.topic."+code), Data: cbSettingsPrefix + "t:" + code})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	last := []Button{t.btn("set.btn.done", cbSettingsPrefix+"home")}
	if len(chosen) > 0 {
		last = append([]Button{t.btn("set.btn.all", cbSettingsPrefix+"t:all")}, last...)
	}
	rows = append(rows, last)
	text := t.T("set.ask_topics")
	if intro != "" {
		text = intro + "\n\n" + text
	}
	if !t.user.Subscribed {
		text += "\n\n" + t.T("set.topics_unsub")
		rows = append(rows, []Button{t.btn("menu.subscribe", cbSubOn)})
	}
	return []Reply{{Text: text, Buttons: rows}}
}

// settToggle turns one topic on or off ("all" chooses every topic) and
// saves at once. All topics chosen is saved as "" (every topic, including
// topics added later); the last chosen topic cannot be unticked (that
// would read as "all"): /unsubscribe is the way to get none.
func (t *turn) settToggle(code string) ([]Reply, error) {
	chosen := settTopics(t.user.Topics)
	switch {
	case code == "all":
		chosen = nil
	case !trnContains(store.TopicCodes(), code):
		return t.stale()
	case len(chosen) == 0: // every topic: untick this one
		for _, c := range store.TopicCodes() {
			if c != code {
				chosen = append(chosen, c)
			}
		}
	case trnContains(chosen, code):
		var keep []string
		for _, c := range chosen {
			if c != code {
				keep = append(keep, c)
			}
		}
		chosen = keep
	default:
		chosen = settTopics(strings.Join(append(chosen, code), ","))
	}
	if len(chosen) == 0 && code != "all" { // unticked the last one
		return t.settTopicsView(t.T("set.topics_one")), nil
	}
	saved := strings.Join(chosen, ",")
	if err := t.e.store.SetTopics(t.ctx, t.user.ID, saved); err != nil {
		return nil, fmt.Errorf("dialog: set topics: %w", err)
	}
	t.user.Topics = saved
	return t.settTopicsView(Tf(t.lang, "set.topics_saved", t.settTopicNames(settTopics(saved)))), nil
}

// onSettingsButton handles "set:..." data (prefix stripped).
func (t *turn) onSettingsButton(data string) ([]Reply, error) {
	verb, arg, _ := strings.Cut(data, ":")
	switch verb {
	case "home":
		return t.settingsCommand()
	case "lang":
		t.reset()
		return []Reply{{Text: t.T("set.ask_lang"), Buttons: [][]Button{
			{{Label: "中文", Data: cbLangZH}, {Label: "English", Data: cbLangEN}},
			{t.btn("set.btn.back", cbSettingsPrefix+"home")},
		}}}, nil
	case "city":
		t.reset()
		return t.settAskCity(t.T("set.ask_city")), nil
	case "c":
		if arg == "-" {
			return t.settCity("")
		}
		c, ok := places.FindCity(arg)
		if !ok || arg == "" {
			return t.stale()
		}
		return t.settCity(c.ZH)
	case "topics":
		t.reset()
		return t.settTopicsView(""), nil
	case "t":
		return t.settToggle(arg)
	}
	return t.stale()
}

// settingsText takes a typed city.
func (t *turn) settingsText(text string) ([]Reply, bool, error) {
	if t.sess.Step != settStepCity {
		return nil, false, nil
	}
	if c, ok := places.FindCity(text); ok {
		r, err := t.settCity(c.ZH)
		return r, true, err
	}
	return t.settAskCity(Tf(t.lang, "set.city_unknown", trnShort(text))), true, nil
}
