package bot

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Update kinds, the values of the kind label of gongyou_updates_total.
const (
	kindMessage  = "message"
	kindCallback = "callback"
	kindMember   = "member"
	kindOther    = "other"
)

// Stages, the values of the stage label of gongyou_update_errors_total.
const (
	stageDecode   = "decode"   // a webhook body that is not an update
	stageEnqueue  = "enqueue"  // queue full or shutting down: the update was refused
	stageDedupe   = "dedupe"   // MarkUpdate failed; the update is processed anyway
	stageHandler  = "handler"  // the dialog engine returned an error
	stageRender   = "render"   // a reply or button the channel had to drop
	stageAnswer   = "answer"   // answerCallbackQuery failed
	stageShutdown = "shutdown" // queued updates dropped when the grace period ran out
)

// Send outcomes, the values of the outcome label of gongyou_sends_total.
const (
	outcomeOK        = "ok"
	outcomeRetry     = "retry" // a 429 answered with a wait and one more attempt
	outcomeForbidden = "forbidden"
	outcomeError     = "error"
)

// Metrics are the channel's Prometheus metrics, on a registry of their own
// (no global registry), together with the Go and process collectors.
type Metrics struct {
	reg          *prometheus.Registry
	updates      *prometheus.CounterVec
	updateErrors *prometheus.CounterVec
	panics       prometheus.Counter
	sends        *prometheus.CounterVec
	duplicates   prometheus.Counter
	floodDropped prometheus.Counter
	turn         prometheus.Histogram
}

// NewMetrics builds the metrics and registers them on a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_updates_total",
			Help: "Telegram updates received, by kind.",
		}, []string{"kind"}),
		updateErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_update_errors_total",
			Help: "Failures while handling updates, by stage.",
		}, []string{"stage"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gongyou_panics_total",
			Help: "Panics recovered while handling an update.",
		}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_sends_total",
			Help: "sendMessage attempts, by outcome (retry: a 429 that was waited out and retried).",
		}, []string{"outcome"}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gongyou_duplicates_total",
			Help: "Updates skipped because their update_id was already processed.",
		}),
		floodDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gongyou_flood_dropped_total",
			Help: "Updates dropped because the user sent too many per minute.",
		}),
		turn: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "gongyou_turn_seconds",
			Help:    "Time from taking an update off its queue to the last reply sent.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.updates, m.updateErrors, m.panics, m.sends, m.duplicates, m.floodDropped, m.turn,
	)
	// Export every label value from the start, so rates and alerts see zeros.
	for _, k := range []string{kindMessage, kindCallback, kindMember, kindOther} {
		m.updates.WithLabelValues(k)
	}
	for _, s := range []string{stageDecode, stageEnqueue, stageDedupe, stageHandler, stageRender, stageAnswer, stageShutdown} {
		m.updateErrors.WithLabelValues(s)
	}
	for _, o := range []string{outcomeOK, outcomeRetry, outcomeForbidden, outcomeError} {
		m.sends.WithLabelValues(o)
	}
	return m
}

// Registry is the registry the metrics live on, for /metrics and for other
// packages that want to add their own collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }
