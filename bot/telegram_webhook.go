package bot

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/go-telegram/bot/models"
)

// WebhookHandler receives updates from Telegram in webhook mode:
// 401 without the right secret header, 413 over 1 MiB, 400 for a body that
// is not an update, 503 with Retry-After when the queues are full or the
// channel is stopping, else 200 once the update is queued (not processed).
func (t *Telegram) WebhookHandler() http.Handler {
	secret := []byte(t.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			t.log.Warn("webhook request with a wrong or missing secret", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		if err != nil {
			t.m.updateErrors.WithLabelValues(stageDecode).Inc()
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		upd := &models.Update{}
		if err := json.Unmarshal(body, upd); err != nil || upd.ID <= 0 {
			t.m.updateErrors.WithLabelValues(stageDecode).Inc()
			t.log.Warn("webhook body is not an update", "err", err, "bytes", len(body))
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := t.enqueue(r.Context(), upd, false); err != nil {
			t.m.updateErrors.WithLabelValues(stageEnqueue).Inc()
			t.log.Warn("webhook update refused", "update_id", upd.ID, "err", err)
			w.Header().Set("Retry-After", webhookRetry)
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
