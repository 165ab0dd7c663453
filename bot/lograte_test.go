package bot

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// During an outage a loop failing 3 times a second writes one line per
// interval, and the next line counts the ones left out.
func TestRateLimitLog(t *testing.T) {
	var buf bytes.Buffer
	log := rateLimitLog(slog.New(slog.NewTextHandler(&buf, nil)), 10*time.Second)
	now := time.Unix(0, 0)
	log.Handler().(*limitedHandler).now = func() time.Time { return now }
	log = log.With("component", "broadcast")
	for range 30 { // 10 s of errors at 3 a second
		log.Error("claim delivery", "err", "connection refused")
		log.Info("progress")
		now = now.Add(time.Second / 3)
	}
	now = now.Add(time.Second)
	log.Error("claim delivery", "err", "connection refused")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var errs []string
	for _, l := range lines {
		if strings.Contains(l, "claim delivery") {
			errs = append(errs, l)
		}
	}
	if len(errs) != 2 || !strings.Contains(errs[1], "suppressed=29") || !strings.Contains(errs[0], "component=broadcast") {
		t.Fatalf("error lines:\n%s", strings.Join(errs, "\n"))
	}
	if n := strings.Count(buf.String(), "progress"); n != 30 {
		t.Errorf("info lines = %d, want all 30", n)
	}
}
