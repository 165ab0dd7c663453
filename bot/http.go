package bot

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// readyTimeout bounds one /readyz answer, both attempts together: well
// under the 5 s in which a full disk or a dead database must show.
const readyTimeout = 3 * time.Second

// readyRetryPause is the wait before the second attempt: long enough for
// the pool to drop a connection the database reset, short enough to stay
// inside readyTimeout.
const readyRetryPause = 100 * time.Millisecond

// NewAdminServer builds the operations listener (GONGYOU_ADMIN_ADDR,
// loopback by default), apart from the public one:
//
//	GET /healthz   alive: 200 "ok" while the process serves HTTP (no store call)
//	GET /readyz    ready: 200 "ok" when ready answers within readyTimeout,
//	               tried twice so one reset connection does not flap it;
//	               else 503 "not ready" (the error is logged, never shown)
//	GET /metrics   Prometheus text format from m's registry
//
// ready may be nil (always ready); m may be nil (an empty registry).
func NewAdminServer(addr string, ready func(context.Context) error, m *Metrics, logger *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	adminRoutes(mux, ready, m, logger)
	return newServer(addr, mux)
}

// NewPublicServer builds the public listener (GONGYOU_HTTP_ADDR): the
// Telegram webhook at webhookPath (when webhook is not nil) and mounts (the
// web chat, the WeChat callback). Nothing for operations is served here.
func NewPublicServer(addr, webhookPath string, webhook http.Handler, mounts ...Mount) *http.Server {
	mux := http.NewServeMux()
	publicRoutes(mux, webhookPath, webhook, mounts)
	return newServer(addr, mux)
}

// NewHTTPServer is both listeners' routes on one (GONGYOU_ADMIN_ADDR equal
// to GONGYOU_HTTP_ADDR, and tests): the admin routes of NewAdminServer
// (health is the readiness check; errors go to slog.Default) and the
// public ones of NewPublicServer.
func NewHTTPServer(addr string, health func(context.Context) error, m *Metrics, webhookPath string, webhook http.Handler, mounts ...Mount) *http.Server {
	mux := http.NewServeMux()
	adminRoutes(mux, health, m, slog.Default())
	publicRoutes(mux, webhookPath, webhook, mounts)
	return newServer(addr, mux)
}

func adminRoutes(mux *http.ServeMux, ready func(context.Context) error, m *Metrics, logger *slog.Logger) {
	if m == nil {
		m = NewMetrics()
	}
	if logger == nil {
		logger = slog.Default()
	}
	plain := func(w http.ResponseWriter, code int, body string) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		plain(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := checkReady(r.Context(), ready); err != nil {
			logger.Warn("not ready", "err", err)
			plain(w, http.StatusServiceUnavailable, "not ready\n")
			return
		}
		plain(w, http.StatusOK, "ok\n")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry(), promhttp.HandlerOpts{Registry: m.Registry()}))
}

// checkReady runs ready under readyTimeout, and once more after a short
// pause if the first attempt failed and time is left.
func checkReady(ctx context.Context, ready func(context.Context) error) error {
	if ready == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	first, cancelFirst := context.WithTimeout(ctx, readyTimeout/2)
	err := ready(first)
	cancelFirst()
	if err == nil {
		return nil
	}
	select {
	case <-ctx.Done():
		return err
	case <-time.After(readyRetryPause):
	}
	return ready(ctx)
}

func publicRoutes(mux *http.ServeMux, webhookPath string, webhook http.Handler, mounts []Mount) {
	if webhook != nil {
		if !strings.HasPrefix(webhookPath, "/") {
			webhookPath = "/" + webhookPath
		}
		mux.Handle("POST "+webhookPath, webhook)
	}
	for _, mt := range mounts {
		mux.Handle(mt.Pattern, mt.Handler)
	}
}

func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		// The webhook answers once the update is queued, never after the turn,
		// so writes are quick; /metrics is the slowest and still well below.
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 16 << 10,
	}
}

// Mount is a handler served on the listener at a ServeMux pattern.
type Mount struct {
	Pattern string
	Handler http.Handler
}
