package dialog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
)

// A worker reports an offer from replica A; staff on A mark it a scam and
// start a case from it. The pre-filled case starts from the red flags the
// checker finds in the report's text (never from the low-risk advice the
// worker saw). On replica B, which polls the store every 300 ms here
// (production: scam.DefaultPoll, at most 30 s), the same offer forwarded
// with another phone number and handle is high within the poll interval,
// first as a confirmed report and, once the case is published, under the
// case's title.
func TestStaffScamDecisionReachesReplica(t *testing.T) {
	dialog.ForEachBackend(t, func(t *testing.T, backend dialog.EnvOption) {
		const poll = 300 * time.Millisecond
		env := dialog.NewEnv(t, backend, dialog.EnvKnowledge(), dialog.EnvPoll(poll), dialog.EnvEngine(dialog.WithStaff(9001)))
		a, b := env.Engine, env.Replica().Engine
		say := func(e *dialog.Engine, user int64, text, data string) []dialog.Reply {
			t.Helper()
			return send(t, e, user, text, data)
		}
		button := func(r []dialog.Reply, prefix string) (string, bool) {
			return buttonData(r, func(b dialog.Button) bool { return strings.HasPrefix(b.Data, prefix) })
		}
		press := func(e *dialog.Engine, user int64, r []dialog.Reply, prefix string) []dialog.Reply {
			t.Helper()
			data, ok := button(r, prefix)
			if !ok {
				t.Fatalf("no button %q in %+v", prefix, r)
			}
			return say(e, user, "", data)
		}
		text := func(r []dialog.Reply) string {
			var parts []string
			for _, rep := range r {
				parts = append(parts, rep.Text)
			}
			return strings.Join(parts, "\n")
		}
		const (
			offer     = "王姐服装店招店员，做六休一，早九晚六，底薪3500加提成，地址福田区华强北路，有意者加微信 wangjie_fz 报名，电话13812345678"
			forwarded = "王姐服装店招店员 做六休一 早九晚六 底薪3800加提成 地址福田区华强北路 有意者加微信：fz2024wj 报名 电话 139 8765 4321"
			title     = "假服装店招店员，入职后卖培训"
		)
		before := text(say(b, 1002, "/check", ""))
		before = text(say(b, 1002, forwarded, ""))
		if strings.Contains(before, "很像已确认的骗局") {
			t.Fatalf("confirmed before any decision: %s", before)
		}

		// The worker on A checks and reports.
		say(a, 1001, "/check", "")
		seen := text(say(a, 1001, offer, ""))
		r := say(a, 1001, "", "chk:report")
		press(a, 1001, r, "chk:send:")

		// Staff on A: scam → pre-filled case.
		r = say(a, 9001, "/reports", "")
		r = press(a, 9001, r, "stf:rs:")
		if _, ok := button(r, "stf:nt:"); ok { // no best-matching case: staff pick the type
			r = say(a, 9001, "", "stf:nt:upfront_fee")
		}
		r = say(a, 9001, title, "")
		preview := text(r)
		if !strings.Contains(preview, "预览") || !strings.Contains(preview, "骗局特征：\n• ") {
			t.Fatalf("preview without red flags:\n%s", preview)
		}
		if strings.Contains(preview, "暂未发现明显骗局特征") || strings.Contains(preview, "很像已确认的骗局") {
			t.Fatalf("preview copies low-risk advice or the decision itself:\n%s\n(the worker saw:\n%s)", preview, seen)
		}

		// Replica B: the forward is high, as a report confirmed by staff.
		within := func(what, want string) {
			t.Helper()
			start := time.Now()
			for {
				got := text(say(b, 1002, forwarded, ""))
				if strings.Contains(got, want) {
					if d := time.Since(start); d > poll+2*time.Second {
						t.Errorf("%s: took %v with a poll interval of %v", what, d, poll)
					}
					return
				}
				if time.Since(start) > 60*time.Second {
					t.Fatalf("%s: not within 60 s; last reply:\n%s", what, got)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		within("scam decision", "很像已确认的骗局：工作人员已确认的骗局举报")

		// Published, the case gives its title.
		r = press(a, 9001, r, "stf:np:")
		if !strings.Contains(text(r), "已发布") {
			t.Fatalf("publish: %s", text(r))
		}
		within("published case", "很像已确认的骗局："+title)
	})
}
