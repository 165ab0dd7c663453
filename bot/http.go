package bot

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthTimeout bounds one /healthz check.
const healthTimeout = 2 * time.Second

// NewHTTPServer builds the listener for operations and the webhook:
//
//	GET  /healthz      200 "ok", or 503 with the error of health (checked with a 2 s timeout)
//	GET  /metrics      Prometheus text format from m's registry
//	POST webhookPath   webhook (only when webhook is not nil)
//
// health may be nil (always healthy); m may be nil (an empty registry).
// mounts add public handlers (the web chat at its path). The caller runs
// ListenAndServe and Shutdown.
func NewHTTPServer(addr string, health func(context.Context) error, m *Metrics, webhookPath string, webhook http.Handler, mounts ...Mount) *http.Server {
	if m == nil {
		m = NewMetrics()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if health != nil {
			ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
			defer cancel()
			if err := health(ctx); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = io.WriteString(w, err.Error()+"\n")
				return
			}
		}
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry(), promhttp.HandlerOpts{Registry: m.Registry()}))
	if webhook != nil {
		if !strings.HasPrefix(webhookPath, "/") {
			webhookPath = "/" + webhookPath
		}
		mux.Handle("POST "+webhookPath, webhook)
	}
	for _, mt := range mounts {
		mux.Handle(mt.Pattern, mt.Handler)
	}
	return &http.Server{
		Addr:              addr,
		Handler:           mux,
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
