package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestStaffRolesAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if role, err := s.StaffRoleOf(ctx, 7); err != nil || role != "" {
			t.Fatalf("role of a stranger = %q, %v", role, err)
		}
		if err := s.GrantRole(ctx, 7, store.RoleEditor, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.GrantRole(ctx, 7, "boss", 1); err == nil {
			t.Fatal("unknown role granted")
		}
		if role, _ := s.StaffRoleOf(ctx, 7); role != store.RoleEditor {
			t.Fatalf("role = %q; want editor", role)
		}
		if err := s.GrantRole(ctx, 7, store.RoleEditor, 2); err != nil { // again: replaces
			t.Fatal(err)
		}
		roles, err := s.StaffRoles(ctx)
		if err != nil || len(roles) != 1 || roles[0].GrantedBy != 2 {
			t.Fatalf("roles = %+v, %v", roles, err)
		}
		if err := s.RevokeRole(ctx, 7, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeRole(ctx, 7, 1); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second revoke = %v; want ErrNotFound", err)
		}
		if err := s.Audit(ctx, "cli:x.yaml", "case.import", "c1", string(make([]byte, 2000))); err != nil {
			t.Fatal(err)
		}
		log, err := s.AuditLog(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"case.import", "role.revoke", "role.grant", "role.grant"}
		if len(log) != len(want) {
			t.Fatalf("audit log = %+v", log)
		}
		for i, e := range log {
			if e.Action != want[i] {
				t.Errorf("audit[%d] = %s; want %s", i, e.Action, want[i])
			}
		}
		if log[1].Actor != "tg:1" || log[1].Target != "7" {
			t.Errorf("revoke audited as %+v", log[1])
		}
		if len(log[0].Detail) > 600 {
			t.Errorf("audit detail kept %d bytes", len(log[0].Detail))
		}
	})
}

func TestReportQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, id := range []int64{1, 2, 3} {
			if _, _, err := s.EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
		}
		file := func(user int64, topCase, contact string, notify bool) int64 {
			id, err := s.FileReport(ctx, store.NewReport{UserID: user, Text: "offer", Verdict: "{}", Risk: "high", TopCase: topCase, Contact: contact, Notify: notify})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		a := file(1, "case-a", "13800000000", true)
		b := file(2, "case-a", "", false)
		c := file(3, "", "13800000000", true)
		d := file(3, "case-z", "wx:zzz", false)
		page, total, err := s.PendingReports(ctx, 0, 2)
		if err != nil || total != 4 || len(page) != 2 || page[0].ID != a || page[1].ID != b {
			t.Fatalf("page 1 = %+v, %d, %v", page, total, err)
		}
		if page[0].Similar != 2 || page[1].Similar != 1 {
			t.Errorf("similar = %d, %d; want 2, 1", page[0].Similar, page[1].Similar)
		}
		page, _, _ = s.PendingReports(ctx, 2, 2)
		if len(page) != 2 || page[0].ID != c || page[0].Similar != 1 || page[1].ID != d || page[1].Similar != 0 {
			t.Fatalf("page 2 = %+v", page)
		}
		r, err := s.DecideReport(ctx, a, store.ReportScam, 9001, "case x")
		if err != nil || r.Status != store.ReportScam || !r.Notify || r.UserID.Int64 != 1 || !r.DecidedAt.Valid {
			t.Fatalf("decide = %+v, %v", r, err)
		}
		if _, err := s.DecideReport(ctx, a, store.ReportNotScam, 9002, ""); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second decision = %v; want ErrConflict", err)
		}
		if _, err := s.DecideReport(ctx, 999, store.ReportScam, 9001, ""); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("decide missing = %v; want ErrNotFound", err)
		}
		if _, err := s.DecideReport(ctx, b, "maybe", 9001, ""); err == nil {
			t.Fatal("unknown status accepted")
		}
		if _, total, _ := s.PendingReports(ctx, 0, 5); total != 3 {
			t.Fatalf("pending after a decision = %d; want 3", total)
		}
		// A worker who erased their data has no user on the report.
		if err := s.DeleteUser(ctx, 3); err != nil {
			t.Fatal(err)
		}
		qr, err := s.QueuedReportByID(ctx, c)
		if err != nil || qr.UserID.Valid {
			t.Fatalf("report of a deleted user = %+v, %v", qr, err)
		}
		log, _ := s.AuditLog(ctx, 1)
		if len(log) != 1 || log[0].Action != "report.decide" || log[0].Actor != "tg:9001" {
			t.Fatalf("audit = %+v", log)
		}
	})
}

func TestNotifications(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, _, err := s.EnsureUser(ctx, 5, 5); err != nil {
			t.Fatal(err)
		}
		if got, err := s.TakeNotifications(ctx, 5); err != nil || got != nil {
			t.Fatalf("none = %v, %v", got, err)
		}
		notices := func() int {
			t.Helper()
			u, err := s.User(ctx, 5)
			if err != nil {
				t.Fatal(err)
			}
			return u.Notices
		}
		for _, txt := range []string{"one", "two"} {
			if err := s.AddNotification(ctx, 5, txt); err != nil {
				t.Fatal(err)
			}
		}
		if n := notices(); n != 2 {
			t.Fatalf("User.Notices = %d with two waiting; want 2", n)
		}
		got, err := s.TakeNotifications(ctx, 5)
		if err != nil || len(got) != 2 || got[0] != "one" || got[1] != "two" {
			t.Fatalf("take = %v, %v", got, err)
		}
		if n := notices(); n != 0 {
			t.Fatalf("User.Notices = %d after taking them; want 0", n)
		}
		if got, _ := s.TakeNotifications(ctx, 5); got != nil {
			t.Fatalf("taken twice: %v", got)
		}
		if err := s.AddNotification(ctx, 5, "three"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUser(ctx, 5); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.TakeNotifications(ctx, 5); got != nil {
			t.Fatalf("a deleted user's follow-up survived: %v", got)
		}
	})
}

func TestStats(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			s := b.Open(t, store.WithClock(func() time.Time { return now }))
			ctx := context.Background()
			var wg sync.WaitGroup
			for i := 0; i < 8; i++ { // concurrent checks: no lost counts
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := s.RecordCheck(ctx, now, "high", []string{"upfront_fee", "upfront_fee", "diversion"}); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if err := s.RecordCheck(ctx, now.AddDate(0, 0, -1), "low", nil); err != nil {
				t.Fatal(err)
			}
			// 15:30 UTC on the 22nd is 23:30 in China: still the 22nd there;
			// 16:30 UTC on the 22nd is already the 23rd in China.
			if err := s.RecordCheck(ctx, time.Date(2026, 11, 22, 15, 30, 0, 0, time.UTC), "low", nil); err != nil {
				t.Fatal(err)
			}
			if err := s.RecordCheck(ctx, time.Date(2026, 11, 22, 16, 30, 0, 0, time.UTC), "low", nil); err != nil {
				t.Fatal(err)
			}
			if err := s.RecordCheck(ctx, now.AddDate(0, 0, -30), "medium", []string{"urgency"}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.EnsureUser(ctx, 1, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.SetSubscribed(ctx, 1, true); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FileReport(ctx, store.NewReport{UserID: 1, Text: "x", Verdict: "{}"}); err != nil {
				t.Fatal(err)
			}
			st, err := s.Stats(ctx, 7, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.ChecksPerDay) != 7 || st.ChecksPerDay[6] != (store.DayCount{Day: "2026-11-23", N: 9}) || st.ChecksPerDay[5].N != 2 || st.ChecksPerDay[0].N != 0 {
				t.Errorf("per day = %+v", st.ChecksPerDay)
			}
			if len(st.Levels) != 2 || st.Levels[0] != (store.CodeCount{Code: "high", N: 8}) || st.Levels[1] != (store.CodeCount{Code: "low", N: 3}) {
				t.Errorf("levels = %+v", st.Levels)
			}
			if len(st.TopSignals) != 2 || st.TopSignals[0] != (store.CodeCount{Code: "diversion", N: 8}) || st.TopSignals[1].Code != "upfront_fee" || st.TopSignals[1].N != 8 {
				t.Errorf("signals = %+v (duplicates count once, old days not at all)", st.TopSignals)
			}
			if st.ReportsPending != 1 || st.Subscribers != 1 || st.Enrollments != 0 {
				t.Errorf("pending %d, subscribers %d, enrollments %d", st.ReportsPending, st.Subscribers, st.Enrollments)
			}
		})
	}
}

func TestPutCasesIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rec := func(id string) store.CaseRecord {
			return store.CaseRecord{ID: id, Type: "upfront_fee", Data: `{"id":"` + id + `"}`}
		}
		if err := s.PutCases(ctx, []store.CaseRecord{rec("a"), rec("b")}, nil, "cli:one.yaml", "case.import"); err != nil {
			t.Fatal(err)
		}
		v1, _ := s.ContentVersion(ctx, store.ContentCases)
		// Someone edits b after the file was exported at revision 1.
		if _, err := s.PutCase(ctx, rec("b"), 1, "tg:5"); err != nil {
			t.Fatal(err)
		}
		err := s.PutCases(ctx, []store.CaseRecord{rec("c"), rec("b")}, map[string]int{"b": 1}, "cli:two.yaml", "case.import")
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale batch = %v; want ErrConflict", err)
		}
		if _, err := s.Case(ctx, "c"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("case c written by a failed batch: %v", err)
		}
		if v, _ := s.ContentVersion(ctx, store.ContentCases); v != v1+1 {
			t.Fatalf("version %d after a failed batch; want %d", v, v1+1)
		}
		log, _ := s.AuditLog(ctx, 10)
		if len(log) != 2 || log[0].Actor != "cli:one.yaml" {
			t.Fatalf("audit = %+v", log)
		}
	})
}

// BenchmarkPendingReports pages a queue of 10,000 reports (one page of 1,
// with the similar-report counts, as /reports does).
//
//	go test ./store -run XXX -bench PendingReports
func BenchmarkPendingReports(b *testing.B) {
	for _, be := range storetest.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			s := be.Open(b)
			ctx := context.Background()
			if _, _, err := s.EnsureUser(ctx, 1, 1); err != nil {
				b.Fatal(err)
			}
			for i := range 10000 {
				r := store.NewReport{UserID: 1, Text: "offer", Verdict: "{}", Risk: "high",
					TopCase: fmt.Sprintf("case-%d", i%50), Contact: fmt.Sprintf("tel:138%08d", i%700)}
				if _, err := s.FileReport(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				rs, total, err := s.PendingReports(ctx, i%100, 1)
				if err != nil || total != 10000 || len(rs) != 1 {
					b.Fatal(rs, total, err)
				}
			}
		})
	}
}
