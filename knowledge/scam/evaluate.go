package scam

import (
	"github.com/gongyou/gongyou/knowledge/scam/model"
)

// EvaluateSet runs the checker end to end on labelled rows and measures what
// a worker would see: recall and false-positive rate at medium-or-high and
// at high come from the verdicts' levels (not from a threshold on the raw
// score), AUC from the ranking by level then score, precision at a 5 %
// scam prevalence, each with a 95 % interval (model.Evaluate). It is what
// `go run ./knowledge/scam/cmd/eval` prints and what the floor test holds.
func EvaluateSet(ch *Checker, name string, rows []model.Example) model.Metrics {
	scores := make([]float64, len(rows))
	labels := make([]int, len(rows))
	for i, r := range rows {
		v := ch.Check(r.Text)
		scores[i] = ordinal(v)
		labels[i] = r.Label
	}
	return model.Evaluate(name, scores, labels, model.Thresholds{Medium: 1, High: 2, Prevalence: 0.05})
}

// ordinal orders verdicts by level first, then by score within a level:
// low in [0,1), medium in [1,2), high in [2,3).
func ordinal(v Verdict) float64 {
	s := min(max(v.Score, 0), 1) * 0.999
	switch v.Risk {
	case LevelHigh:
		return 2 + s
	case LevelMedium:
		return 1 + s
	}
	return s
}
