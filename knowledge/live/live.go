// Package live is the one "live base": a value built from the store's
// content of one kind (the scam checker from the case studies, the FAQ
// answerer from the entries), rebuilt when the store's content version of
// that kind moves, by this process or another one sharing the database.
// Seeding the shipped content happens once, before the first build
// (knowledge/content).
//
// How fresh: with a poll interval of 0 (the default of New) every Get asks
// the store for the version. With an interval d (SetPoll), Get asks at most
// once per d, so a change made by another replica is used within d; a change
// made through this process's own store handle is seen at once when the
// store counts its commits (LocalChanges, as *store.Store does). When the
// store cannot be asked, Get keeps answering with the last build.
package live

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Versioner reports the content version of one kind; *store.Store has it.
type Versioner interface {
	ContentVersion(ctx context.Context, kind string) (int64, error)
}

// LocalChanger is optional on a Versioner: a counter of the writes this
// process committed through it (*store.Store has it).
type LocalChanger interface {
	LocalChanges() uint64
}

// MaxPoll is the longest poll interval SetPoll accepts: a change made on one
// replica reaches every other one within it.
const MaxPoll = 30 * time.Second

// Value is the current build of one kind of content. Safe for concurrent use.
type Value[T any] struct {
	st    Versioner
	kind  string
	build func(ctx context.Context, version int64) (T, error)

	poll      atomic.Int64  // nanoseconds between version queries; 0 = every Get
	checked   atomic.Int64  // unix nanoseconds of the last version query
	localSeen atomic.Uint64 // LocalChanges at the last version query
	now       func() time.Time

	mu      sync.RWMutex
	version int64
	cur     T
	ok      bool
}

// New returns a Value of kind (a store.Content* name) that build makes
// from the store at a version. Nothing is built until the first Get.
func New[T any](st Versioner, kind string, build func(ctx context.Context, version int64) (T, error)) *Value[T] {
	return &Value[T]{st: st, kind: kind, build: build, now: time.Now}
}

// SetPoll sets how often Get asks the store for the version: 0 on every
// Get; otherwise at most once per d (capped at MaxPoll).
func (l *Value[T]) SetPoll(d time.Duration) {
	d = max(0, min(d, MaxPoll))
	l.poll.Store(int64(d))
}

// Poll is the current poll interval.
func (l *Value[T]) Poll() time.Duration { return time.Duration(l.poll.Load()) }

// fresh reports whether the current build may be used without asking the
// store: one exists, the poll interval has not passed, and this process
// wrote nothing since the last query.
func (l *Value[T]) fresh() bool {
	poll := l.poll.Load()
	if poll <= 0 {
		return false
	}
	l.mu.RLock()
	ok := l.ok
	l.mu.RUnlock()
	if !ok || l.now().UnixNano()-l.checked.Load() >= poll {
		return false
	}
	if lc, isLocal := l.st.(LocalChanger); isLocal && lc.LocalChanges() != l.localSeen.Load() {
		return false
	}
	return true
}

// Get returns the build for the store's current version, rebuilding it when
// the version moved. Of two concurrent rebuilds the newer version wins.
func (l *Value[T]) Get(ctx context.Context) (T, error) {
	var zero T
	if l.fresh() {
		l.mu.RLock()
		defer l.mu.RUnlock()
		return l.cur, nil
	}
	// Read the local counter and the time before the query: a write that
	// commits meanwhile makes the next Get ask again.
	var local uint64
	if lc, ok := l.st.(LocalChanger); ok {
		local = lc.LocalChanges()
	}
	at := l.now().UnixNano()
	v, err := l.st.ContentVersion(ctx, l.kind)
	if err != nil {
		if cur, ok := l.last(at); ok {
			return cur, nil
		}
		return zero, fmt.Errorf("knowledge: %s version: %w", l.kind, err)
	}
	l.mu.RLock()
	cur, have, curV := l.cur, l.ok, l.version
	l.mu.RUnlock()
	if have && curV == v {
		l.noteChecked(at, local)
		return cur, nil
	}
	nv, err := l.build(ctx, v)
	if err != nil {
		if cur, ok := l.last(at); ok {
			return cur, nil
		}
		return zero, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ok || v >= l.version {
		l.cur, l.version, l.ok = nv, v, true
	}
	l.noteChecked(at, local)
	return l.cur, nil
}

// last is the current build when the store cannot be asked (database
// down, disk trouble): answering from the last content beats not
// answering. The next ask waits for the poll interval (with 0, the next Get).
func (l *Value[T]) last(at int64) (T, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.ok {
		l.checked.Store(at)
	}
	return l.cur, l.ok
}

func (l *Value[T]) noteChecked(at int64, local uint64) {
	l.checked.Store(at)
	l.localSeen.Store(local)
}

// Loaded returns the last build without asking the store (ok is false
// before the first Get).
func (l *Value[T]) Loaded() (T, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur, l.ok
}
