package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestWeChatSeenOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first, _, err := s.MarkWeChatSeen(ctx, "m:1")
		if err != nil || !first {
			t.Fatalf("first: %v %v", first, err)
		}
		first, reply, err := s.MarkWeChatSeen(ctx, "m:1")
		if err != nil || first || reply != "" {
			t.Fatalf("retry in flight: %v %q %v", first, reply, err)
		}
		if err := s.SetWeChatReply(ctx, "m:1", "<xml/>"); err != nil {
			t.Fatal(err)
		}
		if first, reply, _ = s.MarkWeChatSeen(ctx, "m:1"); first || reply != "<xml/>" {
			t.Fatalf("retry after: %v %q", first, reply)
		}
		if n, err := s.PruneWeChatSeen(ctx, time.Now().Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("prune: %d %v", n, err)
		}
	})
}

func TestWeChatWindowQuota(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, _ := s.ChannelUserID(ctx, store.ChannelWeChat, "openid-1", true)
		now := time.Now()
		if ok, _ := s.TakeWeChatQuota(ctx, u, now); ok {
			t.Fatal("quota without a window")
		}
		if err := s.OpenWeChatWindow(ctx, u, now, now.Add(48*time.Hour), true); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < store.WeChatWindowQuota; i++ {
			if ok, err := s.TakeWeChatQuota(ctx, u, now); !ok || err != nil {
				t.Fatalf("message %d: %v %v", i+1, ok, err)
			}
		}
		if ok, _ := s.TakeWeChatQuota(ctx, u, now); ok {
			t.Fatal("sixth message allowed")
		}
		// An event inside the window does not give the quota back…
		if err := s.OpenWeChatWindow(ctx, u, now, now.Add(time.Minute), false); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.TakeWeChatQuota(ctx, u, now); ok {
			t.Fatal("an event refilled the quota")
		}
		// …a new message does.
		_ = s.OpenWeChatWindow(ctx, u, now, now.Add(48*time.Hour), true)
		if ok, _ := s.TakeWeChatQuota(ctx, u, now); !ok {
			t.Fatal("a new message did not open a new window")
		}
		if ok, _ := s.TakeWeChatQuota(ctx, u, now.Add(49*time.Hour)); ok {
			t.Fatal("message past the 48-hour window")
		}
		_ = s.CloseWeChatWindow(ctx, u, now)
		if ok, _ := s.TakeWeChatQuota(ctx, u, now); ok {
			t.Fatal("message after 45015")
		}
	})
}

func TestWeChatOutboxAndAnnouncements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now()
		in, _ := s.ChannelUserID(ctx, store.ChannelWeChat, "inside", true)
		out, _ := s.ChannelUserID(ctx, store.ChannelWeChat, "outside", true)
		for _, u := range []int64{in, out} {
			if _, _, err := s.EnsureUser(ctx, u, u); err != nil {
				t.Fatal(err)
			}
			_ = s.SetSubscribed(ctx, u, true)
		}
		_ = s.OpenWeChatWindow(ctx, in, now, now.Add(48*time.Hour), true)
		b, err := s.CreateBroadcast(ctx, "补贴申报开始", store.BroadcastFilter{}, 1)
		if err != nil || b.Audience != 2 {
			t.Fatalf("broadcast: %+v %v", b, err)
		}
		// The Telegram sender never claims WeChat users.
		if d, _, err := s.ClaimDelivery(ctx, "tg"); err == nil && d.ID != 0 {
			t.Fatalf("telegram sender claimed %+v", d)
		}
		d, ok, err := s.ClaimWeChatDelivery(ctx, now)
		if err != nil || !ok || d.UserID != in {
			t.Fatalf("claim: %+v %v %v", d, ok, err)
		}
		if _, ok, _ := s.ClaimWeChatDelivery(ctx, now); ok {
			t.Fatal("claimed a worker outside the window")
		}
		if err := s.FinishWeChatDelivery(ctx, d.ID, store.DeliverySent, ""); err != nil {
			t.Fatal(err)
		}
		if sent, waiting, _ := s.WeChatAnnouncementCounts(ctx, b.ID); sent != 1 || waiting != 1 {
			t.Fatalf("counts: sent %d waiting %d", sent, waiting)
		}
		if err := s.QueueWeChat(ctx, out, "跟进：您的举报已处理"); err != nil {
			t.Fatal(err)
		}
		texts, err := s.TakeWeChatOutbox(ctx, out)
		if err != nil || len(texts) != 2 || texts[0] != "跟进：您的举报已处理" || texts[1] != "📢 补贴申报开始" {
			t.Fatalf("outbox: %q %v", texts, err)
		}
		if texts, _ := s.TakeWeChatOutbox(ctx, out); len(texts) != 0 {
			t.Fatalf("outbox twice: %q", texts)
		}
		if sent, waiting, _ := s.WeChatAnnouncementCounts(ctx, b.ID); sent != 2 || waiting != 0 {
			t.Fatalf("counts after: sent %d waiting %d", sent, waiting)
		}
	})
}

func TestWeChatTokenLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now()
		if ok, err := s.LeaseWeChatToken(ctx, "wx1", now, 10*time.Second); !ok || err != nil {
			t.Fatalf("first lease: %v %v", ok, err)
		}
		if ok, _ := s.LeaseWeChatToken(ctx, "wx1", now, 10*time.Second); ok {
			t.Fatal("second replica got the lease")
		}
		exp := now.Add(2 * time.Hour).Truncate(time.Second)
		if err := s.SaveWeChatToken(ctx, "wx1", "T1", exp); err != nil {
			t.Fatal(err)
		}
		tok, e, err := s.WeChatToken(ctx, "wx1")
		if err != nil || tok != "T1" || !e.Equal(exp) {
			t.Fatalf("token: %q %v %v", tok, e, err)
		}
		if ok, _ := s.LeaseWeChatToken(ctx, "wx1", now, 10*time.Second); !ok {
			t.Fatal("lease after save")
		}
		_ = s.ExpireWeChatToken(ctx, "wx1", "OLD")
		if _, e, _ := s.WeChatToken(ctx, "wx1"); !e.Equal(exp) {
			t.Fatal("an old token expired the new one")
		}
		_ = s.ExpireWeChatToken(ctx, "wx1", "T1")
		if _, e, _ := s.WeChatToken(ctx, "wx1"); e.After(now) {
			t.Fatal("not expired")
		}
	})
}
