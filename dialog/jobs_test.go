package dialog_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/store"
)

// TestJobPagesSurviveAnImport: a results page pressed after staff imported
// postings says the list changed and shows the new page 1; paging the new
// list shows every posting once; the old list's buttons stop working.
func TestJobPagesSurviveAnImport(t *testing.T) {
	dialog.ForEachBackend(t, testJobPagesSurviveAnImport)
}

func testJobPagesSurviveAnImport(t *testing.T, backend dialog.EnvOption) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	env := dialog.NewEnv(t, backend, dialog.EnvClock(clock), dialog.EnvSeedJobs())
	st, eng := env.Store, env.Engine
	send := func(ev dialog.Event) dialog.Reply {
		t.Helper()
		ev.UserID, ev.Lang = 7, "zh"
		rs, err := eng.Handle(ctx, ev)
		if err != nil || len(rs) == 0 {
			t.Fatalf("Handle(%+v) = %v, %v", ev, rs, err)
		}
		return rs[len(rs)-1]
	}
	button := func(r dialog.Reply, label string) string {
		t.Helper()
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Label == label {
					return b.Data
				}
			}
		}
		t.Fatalf("no button %q in %q", label, r.Text)
		return ""
	}
	first := send(dialog.Event{Text: "/jobs 东莞"})
	oldNext := button(first, "下一页 ➡️")

	fresh := store.Job{ID: "real-new", Title: "新到的岗位", Employer: "某公司", City: "东莞", Trade: "factory",
		PayMin: 5000, PayMax: 6000, PayUnit: "month", Apply: "到人社局", Source: "东莞人社局",
		Verified: listings.VerifiedLicence, Licence: "91350100M000100Y43",
		PostedAt: now, ExpiresAt: now.Add(30 * 24 * time.Hour)}
	now = now.Add(time.Minute)
	// The file names the postings already there too, so the samples stay
	// (real postings replace the samples a file does not name) and the list
	// still has several pages.
	kept, err := st.AllJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.ImportJobs(ctx, append(kept, fresh)); err != nil {
		t.Fatal(err)
	}
	r := send(dialog.Event{Callback: oldNext})
	if !strings.Contains(r.Text, "招聘信息刚更新过") || !strings.Contains(r.Text, "第 1/3 页") || !strings.Contains(r.Text, "新到的岗位") {
		t.Fatalf("after the import:\n%s", r.Text)
	}
	seen := map[string]bool{}
	for page := 0; ; page++ {
		for _, row := range r.Buttons {
			for _, b := range row {
				if id, ok := strings.CutPrefix(b.Data, "job:d:"); ok {
					if seen[id] {
						t.Fatalf("posting %s shown twice", id)
					}
					seen[id] = true
				}
			}
		}
		if page == 2 { // three pages of four
			break
		}
		r = send(dialog.Event{Callback: button(r, "下一页 ➡️")})
	}
	if len(seen) != 10 {
		t.Fatalf("saw %d postings over the pages; want all 10", len(seen))
	}
	if r := send(dialog.Event{Callback: oldNext}); !strings.Contains(r.Text, "以前的搜索结果") {
		t.Fatalf("old list's button:\n%s", r.Text)
	}
	d := send(dialog.Event{Callback: "job:d:real-new"})
	if lines := strings.Split(d.Text, "\n"); !strings.HasSuffix(lines[0], "✅ 已核验（营业执照）") || len(lines) > 6 || strings.Contains(d.Text, "🧪") {
		t.Fatalf("details of a verified real posting:\n%s", d.Text)
	}
	// An expired posting's details say so instead of showing it.
	now = now.Add(31 * 24 * time.Hour)
	if r := send(dialog.Event{Callback: "job:d:real-new"}); !strings.Contains(r.Text, "过期或下架") {
		t.Fatalf("expired posting:\n%s", r.Text)
	}
}
