package knowledge

import (
	"strings"
	"testing"
)

// An entry that hands off to 12333 must say so in its own text, in both
// languages: a worker reads the text, not the handoff field.
func TestSeedFAQHandoffNamed(t *testing.T) {
	faqs, err := SeedFAQs()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faqs {
		if f.Handoff == "" {
			continue
		}
		for lang, text := range map[string]string{"zh": f.AnswerZH, "en": f.AnswerEN} {
			if !strings.Contains(text, f.Handoff) {
				t.Errorf("%s: hands off to %s but answer_%s does not name it", f.ID, f.Handoff, lang)
			}
		}
	}
}
