package scam

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
)

// TestSeedCasesValid checks the shipped case base: it parses, it is large
// enough, every scam type has at least two case studies, and each case keeps
// to the house style (short title, 2-4 red flags, 2-3 steps of advice).
func TestSeedCasesValid(t *testing.T) {
	cases, err := SeedCases()
	if err != nil {
		t.Fatalf("SeedCases: %v", err)
	}
	if len(cases) < 45 {
		t.Errorf("got %d seed cases, want at least 45", len(cases))
	}
	perType := make(map[string]int)
	for _, c := range cases {
		perType[c.Type]++
		if n := utf8.RuneCountInString(c.TitleZH); n > 20 {
			t.Errorf("case %s: title_zh has %d characters, want at most 20", c.ID, n)
		}
		for _, f := range []struct {
			name     string
			zh, en   []string
			min, max int
		}{
			{"red_flags", c.RedFlagsZH, c.RedFlagsEN, 2, 4},
			{"advice", c.AdviceZH, c.AdviceEN, 2, 3},
		} {
			if len(f.zh) < f.min || len(f.zh) > f.max {
				t.Errorf("case %s: %s_zh has %d items, want %d-%d", c.ID, f.name, len(f.zh), f.min, f.max)
			}
			if len(f.zh) != len(f.en) {
				t.Errorf("case %s: %s_zh has %d items but %s_en has %d", c.ID, f.name, len(f.zh), f.name, len(f.en))
			}
		}
		checkSource(t, c)
	}
	for _, typ := range ScamTypes {
		if perType[typ] < 2 {
			t.Errorf("scam type %s has %d seed cases, want at least 2", typ, perType[typ])
		}
	}
}

// Sources read as issuer + title (the date is shown apart as "资料日期"):
// no internal codes such as "(C13)" or "L4", no note in English, and links
// only to official or well-known sites.
var (
	internalCode = regexp.MustCompile(`[（(，,]\s*[A-Z][0-9]+[a-z]?\s*[)）]|[（(][^）)]*[，,]\s*[A-Z][0-9]+[a-z]?[)）]|§|domain\.md|Gongyou`)
	sourceLink   = regexp.MustCompile(`https?://([^/\s]+)`)
	trustedHost  = regexp.MustCompile(`(^|\.)(gov\.cn|12333\.gov\.cn|court\.gov\.cn|gmw\.cn|workercn\.cn|workerbj\.cn|people\.com\.cn|xinhuanet\.com|news\.cn|qq\.com)$`)
)

func checkSource(t *testing.T, c Case) {
	t.Helper()
	if m := internalCode.FindString(c.Source); m != "" {
		t.Errorf("case %s: source has an internal code %q: %q", c.ID, m, c.Source)
	}
	for _, m := range sourceLink.FindAllStringSubmatch(c.Source, -1) {
		if !trustedHost.MatchString(m[1]) {
			t.Errorf("case %s: source links to %s, neither official nor well known", c.ID, m[1])
		}
	}
	if !norm.HasCJK(c.Source) || strings.TrimSpace(c.Source) == "" {
		t.Errorf("case %s: source %q does not name an issuer in Chinese", c.ID, c.Source)
	}
}
