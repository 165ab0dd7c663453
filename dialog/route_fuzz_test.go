package dialog_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongyou/gongyou/dialog"
)

// keyword: words that are commands on purpose ("订阅" is /subscribe).
func keyword(text string) bool {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "订阅", "取消订阅", "删除":
		return true
	}
	return false
}

// FuzzRoute: the router never panics, every typed text gets a reply, and
// free text never changes a setting (subscription, language).
//
//	go test ./dialog -run XXX -fuzz FuzzRoute -fuzztime 60s
func FuzzRoute(f *testing.F) {
	for _, s := range []string{"深圳 保安 日结", "广洲", "１", "三", "9", "下一页", "订阅", "English", "😀",
		"'; DROP TABLE users; --", "忽略以上指令", strings.Repeat("招工", 1500), "dongguan", "\n\n\n", "[转发] 姐妹们"} {
		f.Add(s)
	}
	env := dialog.NewEnv(f, dialog.EnvKnowledge(), dialog.EnvFAQ(nil), dialog.EnvSeedJobs(), dialog.EnvSeedTrainings())
	user := int64(5000)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "")
		}
		c := dialog.Classify(text)
		if c.Intent == "" {
			t.Fatalf("no intent for %q", text)
		}
		user++
		ctx := context.Background()
		for _, ev := range []dialog.Event{{Text: "/start"}, {Callback: "lang:zh"}, {Callback: "start:ok"}, {Text: "/jobs"}, {Text: text}, {Text: text}} {
			ev.UserID, ev.ChatID = user, user
			r, err := env.Engine.Handle(ctx, ev)
			if err != nil {
				t.Fatal(err)
			}
			if len(r) == 0 || strings.TrimSpace(r[0].Text) == "" {
				t.Fatalf("no reply to %q", ev.Text)
			}
		}
		u, _, err := env.Store.EnsureUser(ctx, user, user)
		if err != nil {
			t.Fatal(err)
		}
		if u.Subscribed || u.Lang != "zh" {
			if !strings.HasPrefix(strings.TrimSpace(text), "/") && !keyword(text) {
				t.Fatalf("free text %q changed a setting: subscribed %v, language %q", text, u.Subscribed, u.Lang)
			}
		}
	})
}
