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

// addUser creates a user with the given settings.
func addUser(t testing.TB, s *store.Store, id int64, lang, city, topics string, subscribed bool) {
	t.Helper()
	ctx := context.Background()
	if _, _, err := s.EnsureUser(ctx, id, id*10); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		s.SetLang(ctx, id, lang), s.SetCity(ctx, id, city), s.SetTopics(ctx, id, topics), s.SetSubscribed(ctx, id, subscribed),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestBroadcastAudience(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		addUser(t, s, 1, "zh", "东莞", "", true)
		addUser(t, s, 2, "zh", "深圳", "insurance,scam", true)
		addUser(t, s, 3, "en", "东莞", "jobs", true)
		addUser(t, s, 4, "zh", "东莞", "", false) // not subscribed
		addUser(t, s, 5, "", "东莞", "subsidy", true)
		addUser(t, s, 6, "zh", "东莞'; DROP TABLE users; --", "", true)
		for _, tc := range []struct {
			f    store.BroadcastFilter
			want int
		}{
			{store.BroadcastFilter{}, 5},
			{store.BroadcastFilter{Lang: "zh"}, 4}, // "" counts as zh
			{store.BroadcastFilter{Lang: "en"}, 1},
			{store.BroadcastFilter{City: "东莞"}, 3},
			{store.BroadcastFilter{City: "东莞'; DROP TABLE users; --"}, 1},
			{store.BroadcastFilter{Topic: "insurance"}, 3}, // 1 and 6 (all topics) and 2
			{store.BroadcastFilter{Topic: "insur"}, 2},     // no partial matches: only the all-topics users
			{store.BroadcastFilter{Topic: "subsidy"}, 3},   // 1, 5, 6
			{store.BroadcastFilter{Lang: "zh", City: "东莞", Topic: "subsidy"}, 2},
			{store.BroadcastFilter{City: "%"}, 0},
		} {
			n, err := s.CountAudience(ctx, tc.f)
			if err != nil || n != tc.want {
				t.Errorf("CountAudience(%+v) = %d, %v; want %d", tc.f, n, err, tc.want)
			}
		}
		// Unreachable users are left out until they talk to the bot again.
		if err := s.SetReachable(ctx, 1, false); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountAudience(ctx, store.BroadcastFilter{}); n != 4 {
			t.Fatalf("audience after user 1 blocked the bot = %d; want 4", n)
		}
		if u, _ := s.User(ctx, 1); u.Subscribed {
			t.Fatal("blocked user still subscribed")
		}
		if err := s.SetReachable(ctx, 1, true); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountAudience(ctx, store.BroadcastFilter{}); n != 4 {
			t.Fatalf("unblocking must not subscribe again: audience = %d; want 4", n)
		}
		if err := s.SetReachable(ctx, 999, false); err != nil {
			t.Fatalf("SetReachable on unknown user: %v", err)
		}
	})
}

func TestBroadcastLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for id := int64(1); id <= 5; id++ {
			addUser(t, s, id, "zh", "", "", true)
		}
		b, err := s.CreateBroadcast(ctx, "社保补贴'); DELETE FROM users; --", store.BroadcastFilter{}, 9001)
		if err != nil {
			t.Fatal(err)
		}
		if b.Audience != 5 {
			t.Fatalf("audience = %d; want 5", b.Audience)
		}
		addUser(t, s, 6, "zh", "", "", true) // subscribes after: not in this broadcast

		const me = "sender-a"
		if _, _, err := s.RenewSender(ctx, me, time.Minute); err != nil {
			t.Fatal(err)
		}
		claim := func() store.Delivery {
			t.Helper()
			d, _, err := s.ClaimDelivery(ctx, me)
			if err != nil {
				t.Fatalf("claim: %v", err)
			}
			if d.Text != "社保补贴'); DELETE FROM users; --" || d.BroadcastID != b.ID {
				t.Fatalf("claimed %+v", d)
			}
			return d
		}
		d1, d2, d3, d4 := claim(), claim(), claim(), claim()
		if d1.UserID != 1 || d1.ChatID != 10 || d1.Lang != "zh" {
			t.Fatalf("first delivery = %+v; want user 1, chat 10", d1)
		}
		if err := s.MarkSent(ctx, d1, me); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkSent(ctx, d1, "other"); err != nil { // not its row: no change
			t.Fatal(err)
		}
		if err := s.MarkUnreachable(ctx, d2, me, "Forbidden: bot was blocked by the user"); err != nil {
			t.Fatal(err)
		}
		// 5xx: back to pending later, attempt counted.
		if err := s.RequeueDelivery(ctx, d3, me, time.Now().Add(time.Hour), true, "500"); err != nil {
			t.Fatal(err)
		}
		// 429: back to pending now, attempt not counted.
		if err := s.RequeueDelivery(ctx, d4, me, time.Now().Add(-time.Second), false, "429"); err != nil {
			t.Fatal(err)
		}
		again := claim()
		if again.ID != d4.ID || again.Attempts != 0 {
			t.Fatalf("after a 429 the same row comes back with 0 attempts: got %+v want id %d", again, d4.ID)
		}
		if err := s.FinishDelivery(ctx, again, me, store.DeliveryFailed, "400 Bad Request: message is too long"); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishDelivery(ctx, again, me, "sent", ""); err == nil {
			t.Fatal("FinishDelivery accepted state sent")
		}
		d5 := claim()
		if _, _, err := s.ClaimDelivery(ctx, me); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("claim with nothing due = %v; want ErrNotFound", err)
		}
		got, err := s.Broadcast(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Broadcast{Pending: 1, Sending: 1, Sent: 1, Unreachable: 1, Failed: 1}
		if got.Pending != want.Pending || got.Sending != want.Sending || got.Sent != want.Sent ||
			got.Unreachable != want.Unreachable || got.Failed != want.Failed || got.Unknown != 0 || !got.Active() {
			t.Fatalf("progress = %+v", got)
		}
		if u, _ := s.User(ctx, d2.UserID); u.Subscribed {
			t.Fatal("unreachable user still subscribed")
		}
		if n, _ := s.CountAudience(ctx, store.BroadcastFilter{}); n != 5 {
			t.Fatalf("audience after one unreachable = %d; want 5 (users 1,3,4,5,6)", n)
		}

		// Cancel: the pending row (d3) is cancelled, the one in flight (d5) finishes.
		n, err := s.CancelBroadcast(ctx, b.ID)
		if err != nil || n != 1 {
			t.Fatalf("CancelBroadcast = %d, %v; want 1", n, err)
		}
		if err := s.MarkSent(ctx, d5, me); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Broadcast(ctx, b.ID)
		if got.Active() || got.Cancelled != 1 || got.Sent != 2 || !got.CancelledAt.Valid {
			t.Fatalf("after cancel = %+v", got)
		}
		if _, err := s.CancelBroadcast(ctx, 424242); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("cancel missing broadcast = %v; want ErrNotFound", err)
		}
		list, err := s.Broadcasts(ctx, 10)
		if err != nil || len(list) != 1 || list[0].ID != b.ID || list[0].Sent != 2 {
			t.Fatalf("Broadcasts = %+v, %v", list, err)
		}
		// Erasing a user erases their delivery rows.
		if err := s.DeleteUser(ctx, d1.UserID); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Broadcast(ctx, b.ID)
		if got.Sent != 1 {
			t.Fatalf("after erasing user %d, sent = %d; want 1", d1.UserID, got.Sent)
		}
	})
}

func TestBroadcastUniquePerUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		addUser(t, s, 1, "zh", "", "", true)
		b, err := s.CreateBroadcast(ctx, "x", store.BroadcastFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.DB().ExecContext(ctx,
			`INSERT INTO deliveries (broadcast_id, user_id, chat_id, next_at) VALUES ($1, 1, 10, $2)`, b.ID, time.Now().UTC())
		if err == nil {
			t.Fatal("a second delivery row for the same broadcast and user was accepted")
		}
	})
}

func TestBroadcastPauseAndRecovery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for id := int64(1); id <= 3; id++ {
			addUser(t, s, id, "zh", "", "", true)
		}
		if _, err := s.CreateBroadcast(ctx, "x", store.BroadcastFilter{}, 1); err != nil {
			t.Fatal(err)
		}
		until := time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond)
		if err := s.PauseBroadcasts(ctx, until); err != nil {
			t.Fatal(err)
		}
		if err := s.PauseBroadcasts(ctx, time.Now().Add(time.Minute)); err != nil { // shorter: kept longer
			t.Fatal(err)
		}
		_, paused, err := s.ClaimDelivery(ctx, "a")
		if !errors.Is(err, store.ErrNotFound) || !paused.Equal(until) {
			t.Fatalf("claim while paused = %v, paused until %v; want ErrNotFound until %v", err, paused, until)
		}
		live, paused, err := s.RenewSender(ctx, "a", time.Minute)
		if err != nil || live != 1 || !paused.Equal(until) {
			t.Fatalf("RenewSender = %d, %v, %v", live, paused, err)
		}
		if _, err := s.DB().ExecContext(ctx, `UPDATE broadcast_control SET paused_until = NULL`); err != nil {
			t.Fatal(err)
		}

		// Sender "dead" claims two rows and disappears; its lease runs out.
		if _, _, err := s.RenewSender(ctx, "dead", -time.Second); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, _, err := s.ClaimDelivery(ctx, "dead"); err != nil {
				t.Fatal(err)
			}
		}
		// Sender "live" holds a lease and has one row in flight.
		if _, _, err := s.RenewSender(ctx, "live", time.Minute); err != nil {
			t.Fatal(err)
		}
		inFlight, _, err := s.ClaimDelivery(ctx, "live")
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.RecoverDeliveries(ctx, "me", false)
		if err != nil || n != 2 {
			t.Fatalf("RecoverDeliveries(lease) = %d, %v; want the dead sender's 2", n, err)
		}
		// A late answer for a row already marked unknown still records it as sent.
		if _, _, err := s.RenewSender(ctx, "live", -time.Second); err != nil {
			t.Fatal(err)
		}
		if n, err := s.RecoverDeliveries(ctx, "me", true); err != nil || n != 1 {
			t.Fatalf("RecoverDeliveries(all) = %d, %v; want 1", n, err)
		}
		if err := s.MarkSent(ctx, inFlight, "live"); err != nil {
			t.Fatal(err)
		}
		bs, _ := s.Broadcasts(ctx, 1)
		if bs[0].Unknown != 2 || bs[0].Sent != 1 || bs[0].Active() {
			t.Fatalf("after recovery = %+v; want 2 unknown, 1 sent", bs[0])
		}
		if _, _, err := s.ClaimDelivery(ctx, "me"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown rows were claimed again: %v", err)
		}
		var rows int
		if err := s.DB().GetContext(ctx, &rows, `SELECT COUNT(*) FROM broadcast_senders`); err != nil || rows != 0 {
			t.Fatalf("sender rows = %d, %v; want 0: recovering all forgets every other sender", rows, err)
		}
		if live, _, _ := s.RenewSender(ctx, "me", time.Minute); live != 1 {
			t.Fatalf("live senders = %d; want 1", live)
		}
		// Recovering by lease keeps live senders and drops expired ones.
		if _, _, err := s.RenewSender(ctx, "old", -time.Second); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RenewSender(ctx, "other", time.Minute); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecoverDeliveries(ctx, "me", false); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().GetContext(ctx, &rows, `SELECT COUNT(*) FROM broadcast_senders`); err != nil || rows != 2 {
			t.Fatalf("sender rows = %d, %v; want 2 (me, other)", rows, err)
		}
	})
}

// TestClaimConcurrent has several claimers on one store (and, on
// PostgreSQL, two stores = two processes) take every row exactly once.
func TestClaimConcurrent(t *testing.T) {
	run := func(t *testing.T, stores []*store.Store) {
		ctx := context.Background()
		const users = 300
		for id := int64(1); id <= users; id++ {
			if _, _, err := stores[0].EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
			if err := stores[0].SetSubscribed(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := stores[0].CreateBroadcast(ctx, "x", store.BroadcastFilter{}, 1); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		seen := map[int64]string{}
		var wg sync.WaitGroup
		errc := make(chan error, 16)
		for i := range 8 {
			st := stores[i%len(stores)]
			name := fmt.Sprintf("sender-%d", i)
			wg.Go(func() {
				for {
					d, _, err := st.ClaimDelivery(ctx, name)
					if errors.Is(err, store.ErrNotFound) {
						return
					}
					if err != nil {
						errc <- err
						return
					}
					mu.Lock()
					if prev, dup := seen[d.ID]; dup {
						errc <- fmt.Errorf("delivery %d claimed by %s and %s", d.ID, prev, name)
					}
					seen[d.ID] = name
					mu.Unlock()
					if err := st.MarkSent(ctx, d, name); err != nil {
						errc <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Error(err)
		}
		if len(seen) != users {
			t.Fatalf("claimed %d rows; want %d", len(seen), users)
		}
		bs, _ := stores[0].Broadcasts(ctx, 1)
		if bs[0].Sent != users {
			t.Fatalf("sent = %d; want %d", bs[0].Sent, users)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, []*store.Store{storetest.SQLite(t)}) })
	t.Run("postgres-two-processes", func(t *testing.T) {
		dsn := storetest.PostgresSchemaDSN(t)
		var stores []*store.Store
		for range 2 {
			st, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			stores = append(stores, st)
		}
		run(t, stores)
	})
}
