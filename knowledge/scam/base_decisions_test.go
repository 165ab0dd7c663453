package scam_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

// twoReplicas opens two store handles on one fresh database, as two
// replicas of the bot would.
func twoReplicas(t *testing.T, backend string) (*store.Store, *store.Store) {
	t.Helper()
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "gongyou.db")
	if backend == "postgres" {
		dsn = storetest.PostgresSchemaDSN(t)
	}
	var sts [2]*store.Store
	for i := range sts {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		sts[i] = st
	}
	return sts[0], sts[1]
}

func hasSignal(v scam.Verdict, code string) bool {
	return slices.ContainsFunc(v.Signals, func(s scam.Signal) bool { return s.Code == code })
}

// Staff decide reports on replica A; replica B, which asks the store for
// changes every poll interval, uses the decisions within that interval
// (production: scam.DefaultPoll = 10 s, at most 30 s; here 300 ms), and A
// at once:
//   - a report marked scam makes the same text with another phone number
//     and handle high (it was not before), with the confirmed_case reason;
//   - a report marked not a scam lowers the same soft false alarm on
//     near-identical text, but not the text with a deposit (a hard flag);
//   - a different offer is unaffected.
func TestDecisionReachesOtherReplicaWithinPoll(t *testing.T) {
	const (
		// An ordinary-looking ad that staff found to be a scam (a fake shop
		// that hires, then sells "training"), and its forward with another
		// phone number and WeChat handle.
		lure      = "王姐服装店招店员，做六休一，早九晚六，底薪3500加提成，地址福田区华强北路，有意者加微信 wangjie_fz 或打电话13812345678找王姐"
		forwarded = "王姐服装店招店员 做六休一 早九晚六 底薪3800加提成 地址福田区华强北路 有意者加微信：fz2024wj 或打电话 139 8765 4321 找王姐"
		other     = "招聘线上兼职，在家用手机做任务，时间自由，一单一结，每天能赚两三百，有意者加微信 qq556677 了解"
		ad        = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来，加微信 sf_hr2024 报名，电话13922223333"
		adForward = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来！加微信 dg_fenjian 报名 电话 13700001111"
		adDeposit = "顺丰速运东莞分拨中心招聘夜班分拣员，轻松不累，日入500，名额有限速来，加微信 sf_hr2024 报名，电话13922223333，入职先交300元押金"
		poll      = 300 * time.Millisecond
	)
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			ctx := context.Background()
			stA, stB := twoReplicas(t, backend.Name)
			a, err := scam.NewBase(ctx, stA, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, err := scam.NewBase(ctx, stB, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.SetPoll(poll)
			check := func(base *scam.Base, text string) scam.Verdict {
				t.Helper()
				v, err := base.Check(ctx, "u", text)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			// within waits until cond holds on B, at most 60 s, and says how long it took.
			within := func(what string, cond func() bool) {
				t.Helper()
				start := time.Now()
				for !cond() {
					if time.Since(start) > 60*time.Second {
						t.Fatalf("%s: not within 60 s", what)
					}
					time.Sleep(20 * time.Millisecond)
				}
				if d := time.Since(start); d > poll+2*time.Second {
					t.Errorf("%s: took %v, poll interval %v", what, d, poll)
				}
			}
			otherBefore, adBefore, depositBefore := check(b, other), check(b, adForward), check(b, adDeposit)
			if v := check(b, forwarded); v.Risk == scam.LevelHigh || hasSignal(v, scam.SignalConfirmedCase) {
				t.Fatalf("before any decision the forward is already %s %+v", v.Risk, v.Signals)
			}
			if len(adBefore.Signals) == 0 || adBefore.Signals[0].Weight <= 0 {
				t.Fatalf("the ad raises no red flag before the appeal: %+v", adBefore)
			}
			if _, _, err := stA.EnsureUser(ctx, 1, 1); err != nil {
				t.Fatal(err)
			}
			decide := func(text, status string) {
				t.Helper()
				id, err := stA.FileReport(ctx, store.NewReport{UserID: 1, Text: text, Verdict: "{}", Risk: "low"})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := stA.DecideReport(ctx, id, status, 9001, ""); err != nil {
					t.Fatal(err)
				}
			}

			decide(lure, store.ReportScam)
			if v := check(a, forwarded); v.Risk != scam.LevelHigh || !hasSignal(v, scam.SignalConfirmedCase) {
				t.Errorf("replica A after its own decision: %s %+v", v.Risk, v.Signals)
			}
			within("scam decision on B", func() bool {
				v := check(b, forwarded)
				return v.Risk == scam.LevelHigh && v.Signals[0].Code == scam.SignalConfirmedCase &&
					v.Signals[0].LabelZH == "很像已确认的骗局：工作人员已确认的骗局举报"
			})

			decide(ad, store.ReportNotScam)
			within("not-scam decision on B", func() bool {
				v := check(b, adForward)
				return v.Risk == scam.LevelLow && hasSignal(v, scam.SignalStaffCleared)
			})
			v := check(b, adForward)
			for _, s := range v.Signals {
				if s.Weight > 0 {
					t.Errorf("cleared ad keeps red flag %s", s.Code)
				}
			}
			if v := check(b, adDeposit); v.Risk != depositBefore.Risk || hasSignal(v, scam.SignalStaffCleared) || v.Risk == scam.LevelLow {
				t.Errorf("the ad with a deposit: %s (before %s) %+v", v.Risk, depositBefore.Risk, v.Signals)
			}
			if v := check(b, other); v.Risk != otherBefore.Risk || hasSignal(v, scam.SignalConfirmedCase) || hasSignal(v, scam.SignalStaffCleared) {
				t.Errorf("a different offer changed: %s → %s", otherBefore.Risk, v.Risk)
			}
		})
	}
}
