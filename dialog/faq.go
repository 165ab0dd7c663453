package dialog

// Social insurance and labour-rights answers (issue 4). Owned by the FAQ
// feature.

const (
	flowFAQ     = "faq"
	cbFAQPrefix = "faq:"
)

// faqDeps holds the FAQ answerer (set by an option).
type faqDeps struct{}

// faqState is the FAQ flow's session payload.
type faqState struct{}

var faqCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

func (t *turn) faqCommand(args string) ([]Reply, error) { return t.soon("insurance") }

func (t *turn) onFAQButton(data string) ([]Reply, error) { return t.stale() }

func (t *turn) faqText(text string) ([]Reply, bool, error) { return nil, false, nil }

// faqFreeText answers free text that reads like a question.
func (t *turn) faqFreeText(text string) ([]Reply, bool, error) { return nil, false, nil }
