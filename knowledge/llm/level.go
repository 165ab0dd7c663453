package llm

import "strings"

// Risk levels, lowest first.
const (
	RiskLow    = "low"
	RiskMedium = "medium"
	RiskHigh   = "high"
)

// rank returns 1..3 for a known level and 0 for anything else.
func rank(level string) int {
	switch strings.ToLower(strings.TrimSpace(level)) {
	case RiskLow:
		return 1
	case RiskMedium:
		return 2
	case RiskHigh:
		return 3
	}
	return 0
}

func levelOf(rank int) string {
	return [...]string{"", RiskLow, RiskMedium, RiskHigh}[rank]
}

// Combine returns the final level: never lower than offline
// (max(offline, llm)); an unknown llm level counts as offline. Known levels
// are returned in canonical lower case. An unknown offline level cannot be
// ordered, so it is returned unchanged whatever the model says: the model
// can only raise a verdict the rules gave.
func Combine(offline, llm string) string {
	o, l := rank(offline), rank(llm)
	if o == 0 {
		return offline
	}
	if l > o {
		return levelOf(l)
	}
	return levelOf(o)
}
