package bot

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Update kinds, the values of the kind label of gongyou_updates_total. A
// channel maps what it receives onto these (a web form post is a message, a
// tapped button a callback).
const (
	kindMessage  = "message"
	kindCallback = "callback"
	kindMember   = "member"
	kindOther    = "other"
)

// Stages, the values of the stage label of gongyou_update_errors_total.
const (
	stageDecode   = "decode"   // a request body that is not an update
	stageEnqueue  = "enqueue"  // queue full or shutting down: the update was refused
	stageDedupe   = "dedupe"   // the dedupe log failed; the update is processed anyway
	stageHandler  = "handler"  // the dialog engine returned an error
	stageRender   = "render"   // a reply or button the channel had to drop
	stageAnswer   = "answer"   // acknowledging a button press failed (answerCallbackQuery)
	stageShutdown = "shutdown" // queued updates dropped when the grace period ran out
)

// Send outcomes, the values of the outcome label of gongyou_sends_total.
const (
	outcomeOK        = "ok"
	outcomeRetry     = "retry" // a rate limit answered with a wait and one more attempt
	outcomeForbidden = "forbidden"
	outcomeError     = "error"
)

// Metrics are the Prometheus metrics of every channel, on a registry of
// their own (no global registry), together with the Go and process
// collectors. Each series carries a channel label; a channel takes its
// share with forChannel.
type Metrics struct {
	reg          *prometheus.Registry
	updates      *prometheus.CounterVec
	updateErrors *prometheus.CounterVec
	panics       *prometheus.CounterVec
	sends        *prometheus.CounterVec
	duplicates   *prometheus.CounterVec
	floodDropped *prometheus.CounterVec
	turn         *prometheus.HistogramVec
}

// NewMetrics builds the metrics and registers them on a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_updates_total",
			Help: "Updates received, by channel and kind.",
		}, []string{"channel", "kind"}),
		updateErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_update_errors_total",
			Help: "Failures while handling updates, by channel and stage.",
		}, []string{"channel", "stage"}),
		panics: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_panics_total",
			Help: "Panics recovered while handling an update, by channel.",
		}, []string{"channel"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_sends_total",
			Help: "Message send attempts, by channel and outcome (retry: a rate limit that was waited out and retried).",
		}, []string{"channel", "outcome"}),
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_duplicates_total",
			Help: "Updates skipped because they were already processed (Telegram: same update_id), by channel.",
		}, []string{"channel"}),
		floodDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongyou_flood_dropped_total",
			Help: "Updates dropped because the user sent too many per minute, by channel.",
		}, []string{"channel"}),
		turn: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gongyou_turn_seconds",
			Help:    "Time from taking an update off its queue to the last reply sent, by channel.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"channel"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.updates, m.updateErrors, m.panics, m.sends, m.duplicates, m.floodDropped, m.turn,
	)
	return m
}

// Registry is the registry the metrics live on, for /metrics and for other
// packages that want to add their own collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// channelMetrics are one channel's series of Metrics: the vectors are
// curried with the channel label, so a channel counts with the same label
// values whichever channel it is.
type channelMetrics struct {
	updates      *prometheus.CounterVec // kind
	updateErrors *prometheus.CounterVec // stage
	sends        *prometheus.CounterVec // outcome
	panics       prometheus.Counter
	duplicates   prometheus.Counter
	floodDropped prometheus.Counter
	turn         prometheus.Observer
}

// forChannel returns channel's series, every label value exported from the start
// so that rates and alerts see zeros. m may be nil: the series then live on
// a registry nobody reads.
func (m *Metrics) forChannel(channel string) *channelMetrics {
	if m == nil {
		m = NewMetrics()
	}
	l := prometheus.Labels{"channel": channel}
	c := &channelMetrics{
		updates:      m.updates.MustCurryWith(l),
		updateErrors: m.updateErrors.MustCurryWith(l),
		sends:        m.sends.MustCurryWith(l),
		panics:       m.panics.WithLabelValues(channel),
		duplicates:   m.duplicates.WithLabelValues(channel),
		floodDropped: m.floodDropped.WithLabelValues(channel),
		turn:         m.turn.WithLabelValues(channel),
	}
	for _, k := range []string{kindMessage, kindCallback, kindMember, kindOther} {
		c.updates.WithLabelValues(k)
	}
	for _, s := range []string{stageDecode, stageEnqueue, stageDedupe, stageHandler, stageRender, stageAnswer, stageShutdown} {
		c.updateErrors.WithLabelValues(s)
	}
	for _, o := range []string{outcomeOK, outcomeRetry, outcomeForbidden, outcomeError} {
		c.sends.WithLabelValues(o)
	}
	return c
}
