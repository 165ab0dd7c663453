package dialog

import "strings"

// LangZH and LangEN are the languages Gongyou speaks; Chinese is the default.
const (
	LangZH = "zh"
	LangEN = "en"
)

// NormLang maps a client language hint to LangZH or LangEN.
func NormLang(hint string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(hint)), "en") {
		return LangEN
	}
	return LangZH
}

var catalog = map[string]map[string]string{
	LangZH: {
		"notice.slow_down": "您发得太快了，请休息一分钟再发。刚才这几条我先不处理。",
		"notice.error":     "抱歉，出了点问题，您的信息没有丢。请再发一次，或发 /menu 回到主菜单。",
	},
	LangEN: {
		"notice.slow_down": "You are sending messages very fast. Please wait a minute, then send again. I skipped the last few.",
		"notice.error":     "Sorry, something went wrong. Nothing was lost. Please send it again, or send /menu.",
	},
}

// T returns the catalogue text for key in lang (falling back to Chinese, then the key).
func T(lang, key string) string {
	if s, ok := catalog[NormLang(lang)][key]; ok {
		return s
	}
	if s, ok := catalog[LangZH][key]; ok {
		return s
	}
	return key
}
