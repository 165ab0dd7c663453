package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestChannelUsersDoNotCollide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.ChannelUserID(ctx, store.ChannelWeb, "v1", false); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown visitor: %v, want ErrNotFound", err)
		}
		a, err := s.ChannelUserID(ctx, store.ChannelWeb, "v1", true)
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.ChannelUserID(ctx, store.ChannelWeb, "v1", true)
		if err != nil || again != a {
			t.Fatalf("same visitor: %d, %v; want %d", again, err, a)
		}
		b, _ := s.ChannelUserID(ctx, store.ChannelWeb, "v2", true)
		if a == b || store.ChannelOf(a) != store.ChannelWeb || store.ChannelOf(b) != store.ChannelWeb {
			t.Fatalf("ids %d %d", a, b)
		}
		const maxTelegram = 1<<52 - 1
		if a <= maxTelegram || store.ChannelOf(maxTelegram) != store.ChannelTelegram {
			t.Fatalf("web id %d inside Telegram's range", a)
		}
		// A Telegram user and a web visitor both subscribe; a broadcast
		// goes to the Telegram sender for one and waits for the page for the other.
		for _, id := range []int64{42, a} {
			if _, _, err := s.EnsureUser(ctx, id, id); err != nil {
				t.Fatal(err)
			}
			if err := s.SetSubscribed(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreateBroadcast(ctx, "通知", store.BroadcastFilter{}, 1); err != nil {
			t.Fatal(err)
		}
		d, _, err := s.ClaimDelivery(ctx, "tg")
		if err != nil || d.UserID != 42 {
			t.Fatalf("claim: %+v %v", d, err)
		}
		if _, _, err := s.ClaimDelivery(ctx, "tg"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the web visitor's row was claimed by the Telegram sender: %v", err)
		}
		texts, err := s.TakeWebBroadcasts(ctx, a)
		if err != nil || len(texts) != 1 || texts[0] != "通知" {
			t.Fatalf("web broadcasts: %q %v", texts, err)
		}
		if texts, _ := s.TakeWebBroadcasts(ctx, a); len(texts) != 0 {
			t.Fatalf("shown twice: %q", texts)
		}
		// Transcript: kept per visitor, pruned, erased by DeleteUser with the mapping.
		var msgs []store.WebMessage
		for i := range 210 {
			msgs = append(msgs, store.WebMessage{Role: "in", Text: fmt.Sprint(i)})
		}
		if err := s.AddWebMessages(ctx, a, msgs); err != nil {
			t.Fatal(err)
		}
		got, err := s.WebMessages(ctx, a, 0, 1000)
		if err != nil || len(got) != 200 || got[199].Text != "209" {
			t.Fatalf("transcript: %d %v", len(got), err)
		}
		last, _ := s.WebMessages(ctx, a, 0, 3)
		if len(last) != 3 || last[0].Text != "207" {
			t.Fatalf("last 3: %+v", last)
		}
		if other, _ := s.WebMessages(ctx, b, 0, 10); len(other) != 0 {
			t.Fatalf("visitor b sees a's messages: %+v", other)
		}
		if err := s.DeleteUser(ctx, a); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.WebMessages(ctx, a, 0, 10); len(got) != 0 {
			t.Fatalf("transcript left after delete: %d", len(got))
		}
		fresh, err := s.ChannelUserID(ctx, store.ChannelWeb, "v1", true)
		if err != nil || fresh == a {
			t.Fatalf("after delete the visitor got %d (%v), want a new id", fresh, err)
		}
	})
}
