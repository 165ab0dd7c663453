// Package live is the one "live base": a value built from the store's
// content of one kind (the scam checker from the case studies, the FAQ
// answerer from the entries), rebuilt when the store's content version of
// that kind moves, by this process or another one sharing the database.
// Seeding the shipped content happens once, before the first build
// (knowledge/content).
package live

import (
	"context"
	"fmt"
	"sync"
)

// Versioner reports the content version of one kind; *store.Store has it.
type Versioner interface {
	ContentVersion(ctx context.Context, kind string) (int64, error)
}

// Value is the current build of one kind of content. Safe for concurrent use.
type Value[T any] struct {
	st    Versioner
	kind  string
	build func(ctx context.Context, version int64) (T, error)

	mu      sync.RWMutex
	version int64
	cur     T
	ok      bool
}

// New returns a Value of kind (a store.Content* name) that build makes
// from the store at a version. Nothing is built until the first Get.
func New[T any](st Versioner, kind string, build func(ctx context.Context, version int64) (T, error)) *Value[T] {
	return &Value[T]{st: st, kind: kind, build: build}
}

// Get returns the build for the store's current version, rebuilding it when
// the version moved. Of two concurrent rebuilds the newer version wins.
func (l *Value[T]) Get(ctx context.Context) (T, error) {
	var zero T
	v, err := l.st.ContentVersion(ctx, l.kind)
	if err != nil {
		return zero, fmt.Errorf("knowledge: %s version: %w", l.kind, err)
	}
	l.mu.RLock()
	cur, have, curV := l.cur, l.ok, l.version
	l.mu.RUnlock()
	if have && curV == v {
		return cur, nil
	}
	nv, err := l.build(ctx, v)
	if err != nil {
		return zero, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ok || v >= l.version {
		l.cur, l.version, l.ok = nv, v, true
	}
	return l.cur, nil
}

// Loaded returns the last build without asking the store (ok is false
// before the first Get).
func (l *Value[T]) Loaded() (T, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur, l.ok
}
