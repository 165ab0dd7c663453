package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
)

// TestDeleteLeavesNoBytes: after /delete (DeleteUser) none of the
// worker's id (as text), name, phone or pasted text is in the bytes of the
// SQLite database's files (db, -wal, -shm), while the store is still open
// and after it is closed. Other workers' rows stay readable. The report's
// text stays for staff without the worker (the promise /delete makes), so
// it is not a needle here; its link to the worker is checked instead.
func TestDeleteLeavesNoBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test: reads the database files")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "gongyou.db")
	s, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	const (
		tgID  = int64(7345129876)
		name  = "欧阳铁柱"
		phone = "13987654321"
		offer = "日结工资每天880元先交押金到私人账户ZQX"
		note  = "您举报的信息已核实为诈骗QWV"
		wmsg  = "我在东莞找电子厂的活WMX"
		wxout = "稍后发给您的公告WXO"
	)
	webID, err := s.ChannelUserID(ctx, store.ChannelWeb, "visitor-hash-erase", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedTrainings(ctx, []store.Training{{ID: "c1", City: "东莞", Trade: "eldercare",
		StartsOn: "2026-12-01", EndsOn: "2026-12-20", Seats: 50, Data: `{"id":"c1"}`}}); err != nil {
		t.Fatal(err)
	}
	// Neighbours on the same pages, before and after the worker's rows.
	neighbours := func(from int64) {
		for id := from; id < from+40; id++ {
			if _, _, err := s.EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveSession(ctx, store.Session{UserID: id, Flow: "check", Payload: fmt.Sprintf(`{"c":{"t":"neighbour %d"}}`, id)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	neighbours(1000)
	reportID := int64(0)
	for _, id := range []int64{tgID, webID} {
		if _, _, err := s.EnsureUser(ctx, id, id); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSubscribed(ctx, id, true); err != nil {
			t.Fatal(err)
		}
		// The session as it was while checking, then as it was after.
		for _, p := range []string{`{"c":{"t":"` + offer + `"},"u":` + strconv.FormatInt(id, 10) + `}`, `{"c":{"t":"` + offer + ` again"}}`} {
			if err := s.SaveSession(ctx, store.Session{UserID: id, Flow: "check", Step: "verdict", Payload: p}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Enroll(ctx, "c1", id, name, phone, "2026-11-23"); err != nil {
			t.Fatal(err)
		}
		if err := s.AddNotification(ctx, id, note); err != nil {
			t.Fatal(err)
		}
		if err := s.AddFAQFeedback(ctx, id, "faq-1", true); err != nil {
			t.Fatal(err)
		}
		if reportID, err = s.AddReport(ctx, id, "staff keep this report", "high"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddWebMessages(ctx, webID, []store.WebMessage{{Role: "in", Text: wmsg}, {Role: "out", Text: "reply to " + wmsg}}); err != nil {
		t.Fatal(err)
	}
	if err := s.QueueWeChat(ctx, tgID, wxout); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateBroadcast(ctx, "a broadcast for everyone", store.BroadcastFilter{}, 1); err != nil {
		t.Fatal(err)
	}
	neighbours(2000)

	needles := []string{name, phone, offer, note, wmsg, wxout, strconv.FormatInt(tgID, 10), strconv.FormatInt(webID, 10)}
	// Sanity: before the erasure the files do hold them (else the test proves nothing).
	if n := found(t, path, needles[:3]); len(n) != 3 {
		t.Fatalf("before /delete only %v of the needles are in the files", n)
	}
	for _, id := range []int64{tgID, webID} {
		start := time.Now()
		if err := s.DeleteUser(ctx, id); err != nil {
			t.Fatal(err)
		}
		t.Logf("/delete of %d with the checkpoint: %v", id, time.Since(start).Round(time.Microsecond))
	}
	if n := found(t, path, needles); len(n) > 0 {
		t.Errorf("after /delete, store open: found %q in the files", n)
	}
	// Other workers are untouched; the report stays, unlinked.
	if ss, err := s.Session(ctx, 2005); err != nil || ss.Payload != `{"c":{"t":"neighbour 2005"}}` {
		t.Errorf("neighbour's session = %+v, %v", ss, err)
	}
	var linked int
	if err := s.DB().GetContext(ctx, &linked, `SELECT COUNT(*) FROM reports WHERE id = $1 AND user_id IS NULL`, reportID); err != nil || linked != 1 {
		t.Errorf("report %d unlinked: %d, %v", reportID, linked, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := found(t, path, needles); len(n) > 0 {
		t.Errorf("after /delete, store closed: found %q in the files", n)
	}
}

// found lists the needles present in the bytes of path, path-wal and
// path-shm (files that do not exist are skipped).
func found(t *testing.T, path string, needles []string) []string {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
		all = append(all, 0)
	}
	var hit []string
	for _, n := range needles {
		if bytes.Contains(all, []byte(n)) {
			hit = append(hit, n)
		}
	}
	return hit
}
