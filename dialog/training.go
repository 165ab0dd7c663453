package dialog

// Training sign-up (issue 4): courses, enrollment, /mytraining. Owned by the
// training feature.

const (
	flowTraining     = "training"
	cbTrainingPrefix = "trn:"
)

// TrainingStore is what training sign-up needs from persistence.
type TrainingStore interface{}

// trainState is the sign-up's session payload.
type trainState struct{}

var trainingCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

func (t *turn) trainingCommand(args string) ([]Reply, error) { return t.soon("training") }

func (t *turn) myTraining() ([]Reply, error) { return t.soon("training") }

func (t *turn) onTrainingButton(data string) ([]Reply, error) { return t.stale() }

func (t *turn) trainingText(text string) ([]Reply, bool, error) { return nil, false, nil }
