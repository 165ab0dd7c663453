package store_test

import (
	"context"
	"testing"

	"github.com/gongyou/gongyou/store"
	"github.com/gongyou/gongyou/store/storetest"
)

func TestImageReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const u = 42
		if _, _, err := s.EnsureUser(ctx, u, u); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			ok, err := s.TakeImageRead(ctx, u, "2026-12-03", 3)
			if err != nil || !ok {
				t.Fatalf("read %d: ok=%v err=%v", i, ok, err)
			}
		}
		if ok, err := s.TakeImageRead(ctx, u, "2026-12-03", 3); err != nil || ok {
			t.Fatalf("4th read of the day: ok=%v err=%v, want refused", ok, err)
		}
		if err := s.GiveBackImageRead(ctx, u, "2026-12-03"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.TakeImageRead(ctx, u, "2026-12-03", 3); !ok {
			t.Fatal("a read given back is not available again")
		}
		if ok, _ := s.TakeImageRead(ctx, u, "2026-12-04", 3); !ok {
			t.Fatal("a new day has no reads left")
		}
		if err := s.DeleteUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.TakeImageRead(ctx, u, "2026-12-04", 1); !ok {
			t.Fatal("/delete kept the day's count")
		}
	})
}
