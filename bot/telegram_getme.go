package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// getMe backoff: Telegram unreachable at start (network down, a proxy not
// up yet, api.telegram.org blocked for a while) is waited out instead of
// stopping serve — the other channels and /healthz keep running meanwhile.
var (
	getMeFirstWait = time.Second
	getMeMaxWait   = time.Minute
)

// getMe asks Telegram who the bot is, retrying with backoff (1 s, 2 s, 4 s
// … at most 1 min) until it answers or ctx ends. A token Telegram refuses
// (401, 404) is a configuration error and returned at once.
func (t *Telegram) getMe(ctx context.Context) (*models.User, error) {
	wait := getMeFirstWait
	var failures int
	for {
		me, err := t.api.GetMe(ctx)
		if err == nil {
			if failures > 0 {
				t.log.Info("telegram reachable again", "failed_attempts", failures)
			}
			return me, nil
		}
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) || ctx.Err() != nil {
			return nil, fmt.Errorf("telegram: getMe: %w", err)
		}
		failures++
		t.log.Warn("telegram unreachable at start, retrying", "err", err, "attempt", failures, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("telegram: getMe: %w", err)
		case <-time.After(wait):
		}
		wait = min(2*wait, getMeMaxWait)
	}
}
