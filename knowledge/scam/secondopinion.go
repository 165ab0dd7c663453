package scam

import (
	"context"
	"errors"
	"strings"

	"github.com/gongyou/gongyou/knowledge/llm"
)

// Advisor gives an LLM second opinion on a text; *llm.Client has it.
type Advisor interface {
	SecondOpinion(ctx context.Context, user, text, offlineRisk string) (llm.Opinion, error)
}

// SetAdvisor connects an optional LLM second opinion. Call before use.
func (b *Base) SetAdvisor(a Advisor) { b.advisor = a }

// Check gives the verdict on text for user (an opaque key for the LLM
// quota). The offline verdict always stands; an LLM, when configured, may
// raise the level and add its reasons, never lower it. Any LLM failure
// (timeout, quota, malformed reply) leaves the offline verdict as it is.
func (b *Base) Check(ctx context.Context, user, text string) (Verdict, error) {
	ch, err := b.Checker(ctx)
	if err != nil {
		return Verdict{}, err
	}
	v := ch.Check(text)
	if b.advisor == nil || v.Empty {
		return v, nil
	}
	op, err := b.advisor.SecondOpinion(ctx, user, text, string(v.Risk))
	if err != nil {
		if !errors.Is(err, llm.ErrQuota) {
			b.logger.Warn("llm second opinion failed, using the offline verdict", "err", err)
		}
		return v, nil
	}
	return mergeOpinion(v, op), nil
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
