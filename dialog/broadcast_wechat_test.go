package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// TestBroadcastsShowWeChatCounts: /broadcasts tells staff how many WeChat
// subscribers got an announcement inside their window and how many wait
// for their next message, on both databases.
func TestBroadcastsShowWeChatCounts(t *testing.T) {
	dialog.ForEachBackend(t, func(t *testing.T, backend dialog.EnvOption) {
		ctx := context.Background()
		env := dialog.NewEnv(t, backend, dialog.EnvEngine(dialog.WithStaff(9001)))
		st := env.Store
		for _, ext := range []string{"openid-a", "openid-b"} {
			id, err := st.ChannelUserID(ctx, store.ChannelWeChat, ext, true)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
			if err := st.SetSubscribed(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
		b, err := st.CreateBroadcast(ctx, "社保补贴开始申请", store.BroadcastFilter{}, 9001)
		if err != nil {
			t.Fatal(err)
		}
		if sent, waiting, err := st.WeChatAnnouncementCounts(ctx, b.ID); err != nil || sent != 0 || waiting != 2 {
			t.Fatalf("counts %d sent, %d waiting, %v; want 0, 2", sent, waiting, err)
		}
		send(t, env.Engine, 9001, "/start", "")
		send(t, env.Engine, 9001, "", "lang:zh")
		var text string
		for _, r := range send(t, env.Engine, 9001, "/broadcasts", "") {
			text += r.Text
		}
		if !strings.Contains(text, "微信：0 人在48小时窗口内已收到，2 人等他们下次发消息时看到") {
			t.Errorf("/broadcasts lacks the WeChat counts:\n%s", text)
		}
	})
}
