package scam

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/gongyou/gongyou/knowledge/live"
	"github.com/gongyou/gongyou/store"
)

// CaseStore is what the case base needs from persistence; *store.Store has it.
type CaseStore interface {
	Cases(ctx context.Context) ([]store.CaseRecord, error)
	SeedCases(ctx context.Context, cases []store.CaseRecord, author string) (int, error)
	PutCase(ctx context.Context, c store.CaseRecord, baseRevision int, author string) (store.CaseRecord, error)
	PutCases(ctx context.Context, cases []store.CaseRecord, bases map[string]int, author, action string) error
	ContentVersion(ctx context.Context, kind string) (int64, error)
	// Staff decisions on reports (decisions.go) and this process's own
	// commits (live.LocalChanger).
	DecidedReports(ctx context.Context) ([]store.DecidedReport, error)
	LocalChanges() uint64
}

// DefaultPoll is how often a case base asks the store whether cases or
// staff decisions changed (the base's own process's changes are seen at
// once): a case published or retired, or a report decided, on one replica
// reaches every replica within it. At most live.MaxPoll (30 s).
const DefaultPoll = 10 * time.Second

// baseVersion is the content version a case base follows: the sum of the
// case and the decision counters, so it moves when either does.
type baseVersion struct{ st CaseStore }

func (v baseVersion) ContentVersion(ctx context.Context, _ string) (int64, error) {
	cv, err := v.st.ContentVersion(ctx, store.ContentCases)
	if err != nil {
		return 0, err
	}
	dv, err := v.st.ContentVersion(ctx, store.ContentDecisions)
	if err != nil {
		return 0, err
	}
	return cv + dv, nil
}

func (v baseVersion) LocalChanges() uint64 { return v.st.LocalChanges() }

// Base is the live case base: the cases in the store and a checker built
// from them. A change in the store (this process or another one sharing the
// database) is picked up by the next call to Checker.
type Base struct {
	st      CaseStore
	logger  *slog.Logger
	advisor Advisor

	live *live.Value[*snapshot]
}

// snapshot is one build of the case base: the checker and the cases (with
// their store revisions) it was built from.
type snapshot struct {
	checker *Checker
	cases   map[string]Case
	revs    map[string]int
}

// NewBase loads the case base, seeding the store from the shipped cases on
// first start.
func NewBase(ctx context.Context, st CaseStore, logger *slog.Logger) (*Base, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b := &Base{st: st, logger: logger}
	b.live = live.New[*snapshot](baseVersion{st}, store.ContentCases, b.load)
	b.live.SetPoll(DefaultPoll)
	seed, err := SeedCases()
	if err != nil {
		return nil, fmt.Errorf("knowledge: seed cases: %w", err)
	}
	recs, err := toRecords(seed)
	if err != nil {
		return nil, err
	}
	n, err := st.SeedCases(ctx, recs, "seed")
	if err != nil {
		return nil, fmt.Errorf("knowledge: seed cases: %w", err)
	}
	if n > 0 {
		logger.Info("case base seeded", "cases", n)
	}
	if _, err := b.Checker(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// SetPoll changes how often the base asks the store for changes made by
// other replicas (0: on every call; at most live.MaxPoll).
func (b *Base) SetPoll(d time.Duration) { b.live.SetPoll(d) }

// Checker returns a checker over the current cases and staff decisions,
// rebuilding it when the store's case or decision version moved (asked at
// most once per poll interval, and after every write of this process).
func (b *Base) Checker(ctx context.Context) (*Checker, error) {
	snap, err := b.live.Get(ctx)
	if err != nil {
		return nil, err
	}
	return snap.checker, nil
}

// load builds a snapshot from the store's cases.
func (b *Base) load(ctx context.Context, v int64) (*snapshot, error) {
	recs, err := b.st.Cases(ctx)
	if err != nil {
		return nil, fmt.Errorf("knowledge: load cases: %w", err)
	}
	cases := make(map[string]Case, len(recs))
	revs := make(map[string]int, len(recs))
	list := make([]Case, 0, len(recs))
	for _, r := range recs {
		c, err := CaseFromRecord(r)
		if err != nil {
			b.logger.Warn("skipping unreadable case", "id", r.ID, "err", err)
			continue
		}
		cases[c.ID], revs[c.ID] = c, r.Revision
		list = append(list, c)
	}
	reps, err := b.st.DecidedReports(ctx)
	if err != nil {
		return nil, fmt.Errorf("knowledge: load decisions: %w", err)
	}
	decided := make([]Decision, 0, len(reps))
	for _, r := range reps {
		decided = append(decided, Decision{ReportID: r.ID, Text: r.Text, Scam: r.Status == store.ReportScam})
	}
	b.logger.Debug("case base loaded", "cases", len(list), "decisions", len(decided), "version", v)
	return &snapshot{checker: NewCheckerWithDecisions(list, decided), cases: cases, revs: revs}, nil
}

// loaded is the last snapshot (empty before the first load).
func (b *Base) loaded() *snapshot {
	if snap, ok := b.live.Loaded(); ok {
		return snap
	}
	return &snapshot{}
}

// Case returns one case (retired ones too) from the loaded copy.
func (b *Base) Case(id string) (Case, bool) {
	c, ok := b.loaded().cases[id]
	return c, ok
}

// Export lists every case, by id.
func (b *Base) Export(ctx context.Context) ([]Case, error) {
	if _, err := b.Checker(ctx); err != nil {
		return nil, err
	}
	snap := b.loaded()
	out := make([]Case, 0, len(snap.cases))
	for _, c := range snap.cases {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Import writes cases (already validated) over whatever the store has,
// each as a new revision by author, in ONE transaction: all or nothing.
// Each write is audited as "case.import" by author. When a case changed in
// the store since this process loaded it, nothing is written and the error
// wraps store.ErrConflict.
func (b *Base) Import(ctx context.Context, cases []Case, author string) error {
	if _, err := b.Checker(ctx); err != nil {
		return err
	}
	recs, err := toRecords(cases)
	if err != nil {
		return err
	}
	revs := b.loaded().revs
	bases := make(map[string]int, len(recs))
	for _, r := range recs {
		if rev, ok := revs[r.ID]; ok {
			bases[r.ID] = rev
		}
	}
	if err := b.st.PutCases(ctx, recs, bases, author, "case.import"); err != nil {
		return fmt.Errorf("knowledge: import cases: %w", err)
	}
	_, err = b.Checker(ctx)
	return err
}

func toRecords(cases []Case) ([]store.CaseRecord, error) {
	recs := make([]store.CaseRecord, 0, len(cases))
	for _, c := range cases {
		data, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("knowledge: encode case %q: %w", c.ID, err)
		}
		recs = append(recs, store.CaseRecord{ID: c.ID, Type: c.Type, Data: string(data), Retired: c.Retired})
	}
	return recs, nil
}

// CaseFromRecord is the one conversion from a stored case row to a Case
// (toRecords is the other way).
func CaseFromRecord(r store.CaseRecord) (Case, error) {
	var c Case
	if err := json.Unmarshal([]byte(r.Data), &c); err != nil {
		return Case{}, err
	}
	c.ID, c.Retired = r.ID, r.Retired
	return c, nil
}

// CheckOffline gives the offline verdict on text, without the LLM (staff
// tools re-check a report's text with it).
func (b *Base) CheckOffline(ctx context.Context, text string) (Verdict, error) {
	ch, err := b.Checker(ctx)
	if err != nil {
		return Verdict{}, err
	}
	return ch.Check(text), nil
}
