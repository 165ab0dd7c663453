package dialog

import (
	"github.com/gongyou/gongyou/knowledge/scam"

	"fmt"
	"strings"
)

// statsDays is how many days /stats covers (today included, China Standard Time).
const statsDays = 7

// statsCommand is /stats: checks per day, level distribution, top red
// flags, pending reports, subscribers and enrollments.
func (t *turn) statsCommand(string) ([]Reply, error) {
	st, err := t.e.store.Stats(t.ctx, statsDays, 5)
	if err != nil {
		return nil, fmt.Errorf("dialog: stats: %w", err)
	}
	var b strings.Builder
	b.WriteString(Tf(t.lang, "staff.stats.title", statsDays))
	total := 0
	var days []string
	for _, d := range st.ChecksPerDay {
		total += d.N
		days = append(days, fmt.Sprintf("%s %d", d.Day[5:], d.N))
	}
	b.WriteString("\n" + Tf(t.lang, "staff.stats.checks", total) + "\n" + strings.Join(days, " · "))
	if len(st.Levels) > 0 {
		var ls []string
		for _, l := range st.Levels {
			ls = append(ls, fmt.Sprintf("%s %d", t.T("staff.risk."+l.Code), l.N))
		}
		b.WriteString("\n" + Tf(t.lang, "staff.stats.levels", strings.Join(ls, " · ")))
	}
	if len(st.TopSignals) > 0 {
		b.WriteString("\n" + t.T("staff.stats.signals"))
		for i, s := range st.TopSignals {
			fmt.Fprintf(&b, "\n%d. %s: %d", i+1, scam.SignalLabel(s.Code, t.lang), s.N)
		}
	}
	b.WriteString("\n\n" + Tf(t.lang, "staff.stats.pending", st.ReportsPending))
	b.WriteString("\n" + Tf(t.lang, "staff.stats.subscribers", st.Subscribers))
	b.WriteString("\n" + Tf(t.lang, "staff.stats.enrollments", st.Enrollments))
	return []Reply{t.staffHome(b.String())}, nil
}
