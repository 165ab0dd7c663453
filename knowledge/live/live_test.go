package live

import (
	"context"
	"errors"
	"testing"
	"time"
)

type fakeStore struct {
	version, local uint64
	queries        int
	down           bool
}

func (f *fakeStore) ContentVersion(context.Context, string) (int64, error) {
	f.queries++
	if f.down {
		return 0, errors.New("connection refused")
	}
	return int64(f.version), nil
}

func (f *fakeStore) LocalChanges() uint64 { return f.local }

// With a poll interval the store is asked at most once per interval, and
// at once after this process wrote; with 0 on every Get.
func TestPoll(t *testing.T) {
	ctx := context.Background()
	st := &fakeStore{version: 1}
	builds := 0
	v := New(st, "k", func(context.Context, int64) (int, error) { builds++; return builds, nil })
	now := time.Unix(1000, 0)
	v.now = func() time.Time { return now }
	v.SetPoll(time.Hour)
	if v.Poll() != MaxPoll {
		t.Fatalf("poll = %v, want capped at %v", v.Poll(), MaxPoll)
	}
	get := func() int {
		t.Helper()
		b, err := v.Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	get()
	get()
	st.version = 2 // another replica wrote
	if b := get(); b != 1 || st.queries != 1 {
		t.Fatalf("within the interval: build %d, %d queries", b, st.queries)
	}
	now = now.Add(MaxPoll)
	if b := get(); b != 2 || st.queries != 2 {
		t.Fatalf("after the interval: build %d, %d queries", b, st.queries)
	}
	st.version, st.local = 3, 1 // this process wrote
	if b := get(); b != 3 || st.queries != 3 {
		t.Fatalf("after a local write: build %d, %d queries", b, st.queries)
	}
	v.SetPoll(0)
	get()
	get()
	if st.queries != 5 {
		t.Fatalf("poll 0: %d queries, want one per Get", st.queries)
	}
}

// A store that cannot be asked: the last build keeps answering; with no
// build yet, the error comes back.
func TestStoreDown(t *testing.T) {
	ctx := context.Background()
	st := &fakeStore{version: 1, down: true}
	v := New(st, "k", func(context.Context, int64) (int, error) { return 7, nil })
	if _, err := v.Get(ctx); err == nil {
		t.Fatal("no build and the store down: want an error")
	}
	st.down = false
	if b, err := v.Get(ctx); b != 7 || err != nil {
		t.Fatalf("Get = %d, %v", b, err)
	}
	st.down = true
	if b, err := v.Get(ctx); b != 7 || err != nil {
		t.Fatalf("store down after a build: Get = %d, %v; want the last build", b, err)
	}
}
