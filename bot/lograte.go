package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// outageLogEvery is how often a loop that keeps failing (the broadcast
// sender while the database is down) logs the same warning or error.
const outageLogEvery = 10 * time.Second

// rateLimitLog wraps logger so that warnings and errors with the same
// message are written at most once per every; the next one written says
// how many were left out ("suppressed"). Info and debug pass through.
// Loggers derived with With share the limit.
func rateLimitLog(logger *slog.Logger, every time.Duration) *slog.Logger {
	return slog.New(&limitedHandler{Handler: logger.Handler(), every: every, now: time.Now,
		st: &limitState{last: map[string]limitEntry{}}})
}

type limitedHandler struct {
	slog.Handler
	every time.Duration
	now   func() time.Time
	st    *limitState
}

type limitState struct {
	mu   sync.Mutex
	last map[string]limitEntry // by level and message: a fixed set of strings
}

type limitEntry struct {
	at         time.Time
	suppressed int
}

func (h *limitedHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelWarn {
		return h.Handler.Handle(ctx, r)
	}
	key := r.Level.String() + " " + r.Message
	now := h.now()
	h.st.mu.Lock()
	e := h.st.last[key]
	if !e.at.IsZero() && now.Sub(e.at) < h.every {
		e.suppressed++
		h.st.last[key] = e
		h.st.mu.Unlock()
		return nil
	}
	h.st.last[key] = limitEntry{at: now}
	h.st.mu.Unlock()
	if e.suppressed > 0 {
		r = r.Clone()
		r.AddAttrs(slog.Int("suppressed", e.suppressed), slog.Duration("since", now.Sub(e.at).Round(time.Second)))
	}
	return h.Handler.Handle(ctx, r)
}

func (h *limitedHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &limitedHandler{Handler: h.Handler.WithAttrs(as), every: h.every, now: h.now, st: h.st}
}

func (h *limitedHandler) WithGroup(name string) slog.Handler {
	return &limitedHandler{Handler: h.Handler.WithGroup(name), every: h.every, now: h.now, st: h.st}
}
