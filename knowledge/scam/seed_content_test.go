package scam

import (
	"strings"
	"testing"
	"unicode/utf8"
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
		if !strings.Contains(c.Source, "http") && !strings.Contains(c.Source, "法") {
			t.Errorf("case %s: source names neither a URL nor a law: %q", c.ID, c.Source)
		}
	}
	for _, typ := range ScamTypes {
		if perType[typ] < 2 {
			t.Errorf("scam type %s has %d seed cases, want at least 2", typ, perType[typ])
		}
	}
}
