package scam

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/gongyou/gongyou/knowledge/llm"
)

// Advisor gives an LLM second opinion on a text; *llm.Client has it. The
// client redacts personal data (knowledge/privacy), fences the text, keeps
// a per-user daily quota and a hard timeout.
type Advisor interface {
	SecondOpinion(ctx context.Context, user, text, offlineRisk string) (llm.Opinion, error)
}

// MaxOpinionWait caps how long a verdict waits for an advisor, whatever
// the advisor's own timeout says: the offline verdict is given after it.
const MaxOpinionWait = 10 * time.Second

// opinionWait is how long a verdict waits for adv: its own timeout (an
// advisor with a Timeout method, like *llm.Client) plus a second of grace,
// at most MaxOpinionWait.
func opinionWait(adv Advisor) time.Duration {
	d := llm.DefaultTimeout
	if t, ok := adv.(interface{ Timeout() time.Duration }); ok && t.Timeout() > 0 {
		d = t.Timeout()
	}
	return min(d+time.Second, MaxOpinionWait)
}

// SetAdvisor connects an optional LLM second opinion. Call before use.
func (b *Base) SetAdvisor(a Advisor) { b.advisor = a }

// Advisor returns the advisor set with SetAdvisor, or nil.
func (b *Base) Advisor() Advisor { return b.advisor }

// Check gives the verdict on text for user (an opaque key for the LLM
// quota). The offline verdict always stands; an LLM, when configured, may
// raise the level and add its reasons, never lower it. Any LLM failure
// (timeout, quota, malformed reply) leaves the offline verdict as it is.
func (b *Base) Check(ctx context.Context, user, text string) (Verdict, error) {
	ch, err := b.Checker(ctx)
	if err != nil {
		return Verdict{}, err
	}
	v, _ := withOpinion(ctx, b.advisor, b.logger, user, text, ch.Check(text))
	return v, nil
}

// withOpinion is the one LLM step of a check, used by the chat
// (Base.Check) and by `gongyou check`: it asks adv about text and folds the
// answer into v, the offline verdict on text. It never waits longer than
// opinionWait(adv), even for an advisor that ignores its context. On any
// failure it returns v unchanged with the error (already logged, except a
// spent quota, which is not a fault). A nil adv or an empty verdict is
// returned as it is, with no request.
func withOpinion(ctx context.Context, adv Advisor, logger *slog.Logger, user, text string, v Verdict) (Verdict, error) {
	if adv == nil || v.Empty {
		return v, nil
	}
	ctx, cancel := context.WithTimeout(ctx, opinionWait(adv))
	defer cancel()
	type result struct {
		op  llm.Opinion
		err error
	}
	done := make(chan result, 1)
	go func() {
		op, err := adv.SecondOpinion(ctx, user, text, string(v.Risk))
		done <- result{op, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		r.err = fmt.Errorf("llm: no reply in time: %w", ctx.Err())
	}
	if r.err != nil {
		if !errors.Is(r.err, llm.ErrQuota) && logger != nil {
			logger.Warn("llm second opinion failed, using the offline verdict", "err", r.err)
		}
		return v, r.err
	}
	return mergeOpinion(v, r.op), nil
}

// mergeOpinion folds an LLM opinion into an offline verdict: the level is
// the higher of the two, the score never drops, and the LLM's reasons are
// added as signals without evidence spans.
func mergeOpinion(v Verdict, op llm.Opinion) Verdict {
	v.LLM = true
	final := Level(llm.Combine(string(v.Risk), op.Risk))
	if final != v.Risk {
		v.Risk = final
		if floor := v.Floor(final); v.Score < floor {
			v.Score = floor
		}
	}
	if op.Risk == string(LevelHigh) || op.Risk == string(LevelMedium) {
		for _, r := range op.Reasons {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			v.Signals = append(v.Signals, Signal{Code: "llm", LabelZH: "AI 提示：" + r, LabelEN: "AI note: " + r, Weight: 0.01})
		}
	}
	return v
}
