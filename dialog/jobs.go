package dialog

// Find work (issue 4): job search by city, trade and pay; postings; public
// employment stations. Owned by the jobs feature.

const (
	flowJobs     = "jobs"
	cbJobsPrefix = "job:"
)

// JobStore is what job search needs from persistence.
type JobStore interface{}

// jobsDeps holds the job search's dependencies (set by options).
type jobsDeps struct{}

// jobsState is the job search's session payload.
type jobsState struct{}

var jobsCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

func (t *turn) jobsCommand(args string) ([]Reply, error) { return t.soon("jobs") }

func (t *turn) stationsCommand(args string) ([]Reply, error) { return t.soon("jobs") }

func (t *turn) onJobsButton(data string) ([]Reply, error) { return t.stale() }

func (t *turn) jobsText(text string) ([]Reply, bool, error) { return nil, false, nil }

// jobsFreeText starts a search from text like "找工作 东莞 电子厂".
func (t *turn) jobsFreeText(text string) ([]Reply, bool, error) { return nil, false, nil }
