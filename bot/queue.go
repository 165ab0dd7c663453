package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// stopTimeout is how long, after the grace period, cancelled turns get to
// return.
const stopTimeout = 5 * time.Second

// prunePeriod is how often a queue forgets the flood state of idle users.
const prunePeriod = time.Minute

var (
	errQueueFull = errors.New("bot: update queue full")
	errClosed    = errors.New("bot: channel is shutting down")
)

// userQueues serve a channel's updates: those of one user one at a time in
// arrival order, different users in parallel. Each user id maps to one of
// n queues (shards), and each queue has one worker goroutine, which alone
// touches the queue's flood state.
type userQueues[T any] struct {
	mu     sync.RWMutex // guards closed against sends on closed queues
	closed bool
	qs     []*userQueue[T]
	wg     sync.WaitGroup
}

// userQueue is one worker's FIFO and the state only that worker touches.
type userQueue[T any] struct {
	ch        chan T
	flood     map[int64]*floodState
	lastPrune time.Time
}

type floodState struct {
	lim    *rate.Limiter
	warned bool // the slow-down notice went out; reset once the user is let through again
}

func newUserQueues[T any](workers, size int) *userQueues[T] {
	u := &userQueues[T]{}
	for range workers {
		u.qs = append(u.qs, &userQueue[T]{ch: make(chan T, size), flood: map[int64]*floodState{}})
	}
	return u
}

// shardOf maps a user id to a queue (Fibonacci hashing, so that ids with a
// common stride still spread).
func shardOf(userID int64, n int) int {
	h := uint64(userID) * 0x9E3779B97F4A7C15
	return int((h >> 32) % uint64(n))
}

// put queues item on userID's queue. With wait it blocks while the queue is
// full (back-pressure on a poller); without, a full queue is errQueueFull
// (a webhook answers 503 and is retried). After close it is errClosed.
func (u *userQueues[T]) put(ctx context.Context, userID int64, item T, wait bool) error {
	q := u.qs[shardOf(userID, len(u.qs))]
	u.mu.RLock()
	defer u.mu.RUnlock()
	if u.closed {
		return errClosed
	}
	select {
	case q.ch <- item:
		return nil
	default:
	}
	if !wait {
		return errQueueFull
	}
	select {
	case q.ch <- item:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("bot: queue update: %w", ctx.Err())
	}
}

// start runs one worker per queue: each calls process for its items in
// order until the queue is closed; once ctx is cancelled (grace over) the
// rest goes to drop instead.
func (u *userQueues[T]) start(ctx context.Context, process func(context.Context, *userQueue[T], T), drop func(T)) {
	for _, q := range u.qs {
		u.wg.Go(func() {
			for item := range q.ch {
				if ctx.Err() != nil {
					drop(item)
					continue
				}
				process(ctx, q, item)
			}
		})
	}
}

// stop closes the queues, waits up to grace for the workers to finish what
// is queued, then calls cancelWork (the context given to start) and waits
// stopTimeout more. onGraceOver is called when the grace period runs out.
func (u *userQueues[T]) stop(grace time.Duration, cancelWork context.CancelFunc, onGraceOver func()) error {
	u.mu.Lock()
	u.closed = true
	for _, q := range u.qs {
		close(q.ch)
	}
	u.mu.Unlock()

	done := make(chan struct{})
	go func() { u.wg.Wait(); close(done) }()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		return nil
	case <-timer.C:
	}
	onGraceOver()
	cancelWork()
	hard := time.NewTimer(stopTimeout)
	defer hard.Stop()
	select {
	case <-done:
		return nil
	case <-hard.C:
		return errors.New("bot: workers did not stop after the grace period")
	}
}

// allow reports whether the user may have one more update processed now
// (perMinute per minute, as a burst of perMinute), and forgets users whose
// limiter has refilled (idle) once a minute.
func (q *userQueue[T]) allow(userID int64, now time.Time, perMinute int) bool {
	if now.Sub(q.lastPrune) >= prunePeriod {
		for id, st := range q.flood {
			if st.lim.TokensAt(now) >= float64(st.lim.Burst()) {
				delete(q.flood, id)
			}
		}
		q.lastPrune = now
	}
	st, ok := q.flood[userID]
	if !ok {
		st = &floodState{lim: rate.NewLimiter(rate.Limit(float64(perMinute)/60), perMinute)}
		q.flood[userID] = st
	}
	if st.lim.AllowN(now, 1) {
		st.warned = false
		return true
	}
	return false
}

// warnOnce reports whether the slow-down notice is due: once per flood.
func (q *userQueue[T]) warnOnce(userID int64) bool {
	st := q.flood[userID]
	if st == nil || st.warned {
		return false
	}
	st.warned = true
	return true
}
