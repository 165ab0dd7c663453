package dialog_test

import (
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
)

// A case an editor publishes in chat on one replica is used by the very
// next check on another replica sharing the database (its own store
// handle and case base), and a retirement likewise.
func TestCasePublishedInChatReachesOtherReplica(t *testing.T) {
	dialog.ForEachBackend(t, func(t *testing.T, backend dialog.EnvOption) {
		env := dialog.NewEnv(t, backend, dialog.EnvKnowledge(), dialog.EnvEngine(dialog.WithStaff(9001)))
		a, bEng := env.Engine, env.Replica().Engine
		say := func(e *dialog.Engine, user int64, text, button string) []dialog.Reply {
			t.Helper()
			return send(t, e, user, text, button)
		}
		press := func(e *dialog.Engine, user int64, last []dialog.Reply, label string) []dialog.Reply {
			t.Helper()
			data, ok := buttonData(last, func(b dialog.Button) bool { return b.Label == label })
			if !ok {
				t.Fatalf("no button %q in %+v", label, last)
			}
			return say(e, user, "", data)
		}
		const title = "示例：鹅场招饲养员先交鹅苗押金"
		offer := "鹅场招饲养员，包住，先交鹅苗押金2000元，养大回收后退还"
		cites := func() bool {
			r := say(bEng, 1001, offer, "")
			return strings.Contains(r[0].Text, title)
		}
		if cites() {
			t.Fatal("the case is cited before it exists")
		}
		r := say(a, 9001, "/newcase", "")
		r = press(a, 9001, r, "先交押金/费用")
		for _, text := range []string{title,
			"示例：鹅场招饲养员，说要先交2000元鹅苗押金，养大回收再退。交钱以后鹅场关门了。",
			"先交鹅苗押金", "不交押金", "示例来源（测试）"} {
			r = say(a, 9001, text, "")
		}
		r = press(a, 9001, r, "✅ 发布")
		if !strings.Contains(r[0].Text, "已发布") {
			t.Fatalf("publish = %q", r[0].Text)
		}
		if !cites() {
			t.Fatal("the other replica's next check does not use the published case")
		}
		r = press(a, 9001, r, "🗄 下架")
		if !strings.Contains(r[0].Text, "已下架") {
			t.Fatalf("retire = %q", r[0].Text)
		}
		if cites() {
			t.Fatal("the other replica still cites the retired case")
		}
	})
}
