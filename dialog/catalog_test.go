package dialog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCatalogComplete(t *testing.T) {
	for key := range catalog[LangZH] {
		if _, ok := catalog[LangEN][key]; !ok {
			t.Errorf("key %q has no English text", key)
		}
	}
	for key := range catalog[LangEN] {
		if _, ok := catalog[LangZH][key]; !ok {
			t.Errorf("key %q has no Chinese text", key)
		}
	}
	for lang, texts := range catalog {
		for key, s := range texts {
			if strings.TrimSpace(s) == "" || !utf8.ValidString(s) {
				t.Errorf("%s/%s: empty or invalid text", lang, key)
			}
			if strings.Count(s, "%") != strings.Count(catalog[LangZH][key], "%") {
				t.Errorf("%s/%s: format verbs differ from the Chinese text", lang, key)
			}
		}
	}
}

func TestButtonLabelsFitTelegram(t *testing.T) {
	for lang, texts := range catalog {
		for key, s := range texts {
			if strings.Contains(key, ".btn.") || (strings.HasPrefix(key, "menu.") && key != "menu.title") {
				if n := utf8.RuneCountInString(s); n > 24 {
					t.Errorf("%s/%s: button label of %d characters is too long for a phone", lang, key, n)
				}
			}
		}
	}
}

func TestNormLang(t *testing.T) {
	for in, want := range map[string]string{"": LangZH, "zh-hans": LangZH, "en": LangEN, "en-US": LangEN, " EN ": LangEN, "ru": LangZH} {
		if got := NormLang(in); got != want {
			t.Errorf("NormLang(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	cases := map[string]string{
		"  hi  ":         "hi",
		"a\x00b\r\nc":    "ab\n\nc",
		"\xff\xfe":       "\uFFFD",         // one replacement per run of bad bytes
		"\u200b工友\u200d": "\u200b工友\u200d", // zero-width characters are the checker's business
	}
	for in, want := range cases {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q; want %q", in, got, want)
		}
	}
	long := strings.Repeat("工", MaxInputBytes) // 3 bytes each
	if got := cleanText(long); len(got) > MaxInputBytes || !utf8.ValidString(got) {
		t.Errorf("cleanText(long) = %d bytes, valid=%v", len(got), utf8.ValidString(got))
	}
}
