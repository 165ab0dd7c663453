package dialog

// The screen the worker is looking at. Workers slip: they type "3" for a
// button, "下一页" without the arrow, "１" from a Chinese keyboard, "二". The
// session remembers the buttons of the last screen sent (state.Screen), so
//
//   - a typed number or label presses a button of that screen, and only one
//     of those: never a button from an older message, and never one that
//     changes a setting (subscription, language, deletion);
//   - a number that is not on the screen, or text nobody understood, gets a
//     short answer and the same buttons again: the worker keeps their place.

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// screen is the last screen's buttons, rows kept.
type screen struct {
	Rows [][]screenButton `json:"r,omitempty"`
}

type screenButton struct {
	L string `json:"l"`
	D string `json:"d"`
}

// maxScreenButtons bounds what is remembered (and written per turn).
const maxScreenButtons = 40

// rememberScreen keeps the buttons of the last reply that has any.
func (t *turn) rememberScreen(replies []Reply) {
	var rows [][]Button
	for _, r := range replies {
		if len(r.Buttons) > 0 {
			rows = r.Buttons
		}
	}
	if rows == nil {
		return
	}
	sc := &screen{}
	n := 0
	for _, row := range rows {
		var out []screenButton
		for _, b := range row {
			if n++; n > maxScreenButtons {
				break
			}
			out = append(out, screenButton{L: b.Label, D: b.Data})
		}
		if len(out) > 0 {
			sc.Rows = append(sc.Rows, out)
		}
	}
	if !sameScreen(t.state.Screen, sc) {
		t.state.Screen = sc
		t.dirty = true
	}
}

func sameScreen(a, b *screen) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Rows) != len(b.Rows) {
		return false
	}
	for i := range a.Rows {
		if len(a.Rows[i]) != len(b.Rows[i]) {
			return false
		}
		for j := range a.Rows[i] {
			if a.Rows[i][j] != b.Rows[i][j] {
				return false
			}
		}
	}
	return true
}

// buttons are the remembered screen's buttons, for a reply.
func (s *screen) buttons() [][]Button {
	if s == nil {
		return nil
	}
	var rows [][]Button
	for _, row := range s.Rows {
		var out []Button
		for _, b := range row {
			out = append(out, Button{Label: b.L, Data: b.D})
		}
		rows = append(rows, out)
	}
	return rows
}

// settingButton: data that changes a setting or erases data. A typed
// number or word never presses one.
func settingButton(data string) bool {
	for _, p := range []string{"sub:", "lang:", "del:", "set:"} {
		if strings.HasPrefix(data, p) {
			return true
		}
	}
	return false
}

// keepPlace is a short text with the buttons of the screen the worker was
// on (or the main menu's, when there is none).
func (t *turn) keepPlace(text string) Reply {
	if rows := t.state.Screen.buttons(); len(rows) > 0 {
		return Reply{Text: text, Buttons: rows}
	}
	return t.withMenu(text)
}

// typedNumber reads "3", "３", "三", "第3个", "3号", "No. 3" as 3.
func typedNumber(text string) (int, bool) {
	s := strings.TrimSpace(width.Narrow.String(text))
	s = strings.TrimPrefix(s, "第")
	s = strings.TrimRight(s, "个号条项。.！!")
	s = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(s), "no."), "no")
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && len(s) <= 2 && n >= 0 {
		return n, true
	}
	zh := map[string]int{"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
	if n, ok := zh[s]; ok {
		return n, true
	}
	return 0, false
}

// labelKey is a label as a worker would type it: letters and digits only,
// lower case, full-width narrowed ("下一页 ➡️" → "下一页").
func labelKey(s string) string {
	s = strings.ToLower(width.Narrow.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// typedPress: text that names a button of the screen presses it. A number
// that is no button of the screen (or is one that changes a setting) gets
// the screen again, with what works. ok is false when the text is neither.
func (t *turn) typedPress(text string) ([]Reply, bool, error) {
	if t.numberIsInput() {
		return nil, false, nil
	}
	sc := t.state.Screen
	n, isNumber := typedNumber(text)
	key := labelKey(text)
	if sc != nil && key != "" {
		for _, row := range sc.Rows {
			for _, b := range row {
				bk := labelKey(b.L)
				match := bk == key || (isNumber && bk == strconv.Itoa(n))
				if !match && !isNumber && utf8.RuneCountInString(key) >= 2 {
					match = strings.HasPrefix(bk, key) && utf8.RuneCountInString(bk)-utf8.RuneCountInString(key) <= 1
				}
				if !match || settingButton(b.D) {
					continue // typing never changes a setting
				}
				r, err := t.onButton(b.D)
				return r, true, err
			}
		}
	}
	if !isNumber {
		return nil, false, nil
	}
	return []Reply{t.keepPlace(Tf(t.lang, "screen.no_number", n))}, true, nil
}

// numberIsInput: the flow is waiting for typed text in which a number is
// an answer (a city code, a name, a phone, a staff form).
func (t *turn) numberIsInput() bool {
	f := flowNamed(t.sess.Flow)
	if f == nil || f.onText == nil {
		return false
	}
	return f.staffOnly || t.sess.Flow == flowTraining && t.sess.Step != trnStepList
}

// The ask between two close intents: the text is kept until a button is
// pressed.

const cbRoutePrefix = "rt:" // + intent name

var _ = register(&flow{
	buttons:  []string{cbRoutePrefix},
	onButton: (*turn).onRouteButton,
	catalog:  screenCatalog,
})

func (t *turn) intentButton(i intent) Button {
	return t.btn("route.btn."+i.String(), cbRoutePrefix+i.String())
}

// maxAskedText bounds the text kept while asking (runes).
const maxAskedText = 4000

func (t *turn) askIntent(text string, a, b intent) ([]Reply, error) {
	t.state.Asked = clipRunes(text, maxAskedText)
	t.dirty = true
	return []Reply{{Text: t.T("route.ask"), Buttons: [][]Button{
		{t.intentButton(a), t.intentButton(b)},
		{t.btn("menu.back", cbMenu)},
	}}}, nil
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func (t *turn) onRouteButton(data string) ([]Reply, error) {
	text := t.state.Asked
	i := intentByName(strings.TrimPrefix(data, cbRoutePrefix))
	if text == "" || i == intentNone {
		return t.stale()
	}
	t.state.Asked = ""
	t.dirty = true
	a := &analysis{text: text}
	r, ok, err := t.runIntent(i, a)
	if ok || err != nil {
		return r, err
	}
	return []Reply{t.keepPlace(t.T("unknown.text"))}, nil
}

var screenCatalog = map[string]map[string]string{
	LangZH: {
		"route.ask":            "您是想：",
		"route.btn.jobs":       "🔍 找活",
		"route.btn.check":      "⚠️ 查这条招聘",
		"route.btn.question":   "❓ 问问题",
		"route.btn.course":     "📚 找培训",
		"route.btn.menu":       "⬅️ 主菜单",
		"screen.no_number":     "这一页没有 %d 号。请点下面的按钮，或打按钮上的编号。",
		"jobs.suggest_city":    "您是说%s吗？",
		"jobs.btn.suggest_yes": "✅ 是，%s",
		"jobs.btn.other_city":  "🏙 其他城市",
		"sub.undo":             "↩️ 撤销",
	},
	LangEN: {
		"route.ask":            "Do you want to:",
		"route.btn.jobs":       "🔍 Find jobs",
		"route.btn.check":      "⚠️ Check this offer",
		"route.btn.question":   "❓ Ask a question",
		"route.btn.course":     "📚 Find courses",
		"route.btn.menu":       "⬅️ Main menu",
		"screen.no_number":     "There is no %d on this screen. Tap a button below, or type the number on a button.",
		"jobs.suggest_city":    "Did you mean %s?",
		"jobs.btn.suggest_yes": "✅ Yes, %s",
		"jobs.btn.other_city":  "🏙 Another city",
		"sub.undo":             "↩️ Undo",
	},
}
