package llm

import "testing"

func TestCombine(t *testing.T) {
	tests := []struct{ offline, llm, want string }{
		{"low", "high", "high"},
		{"low", "medium", "medium"},
		{"high", "low", "high"},
		{"medium", "low", "medium"},
		{"medium", "high", "high"},
		{"high", "high", "high"},
		{"low", "", "low"},
		{"medium", "critical", "medium"},
		{"low", "HIGH", "high"},
		{"Medium", "low", "medium"},
		{"", "high", ""},
		{"unknown", "high", "unknown"},
	}
	for _, tt := range tests {
		if got := Combine(tt.offline, tt.llm); got != tt.want {
			t.Errorf("Combine(%q, %q) = %q, want %q", tt.offline, tt.llm, got, tt.want)
		}
	}
}

// TestCombineNeverLowers is the L1 property over every pair of levels,
// including junk from the model.
func TestCombineNeverLowers(t *testing.T) {
	levels := []string{"low", "medium", "high"}
	llmLevels := append(levels, "", "none", "LOW", " high ", "safe", "低", "{\"risk\":\"low\"}")
	for _, off := range levels {
		for _, l := range llmLevels {
			got := Combine(off, l)
			if rank(got) < rank(off) {
				t.Errorf("Combine(%q, %q) = %q: lower than offline", off, l, got)
			}
			if rank(got) == 0 {
				t.Errorf("Combine(%q, %q) = %q: not a level", off, l, got)
			}
			if want := max(rank(off), rank(l)); rank(got) != want {
				t.Errorf("Combine(%q, %q) = %q, want rank %d", off, l, got, want)
			}
		}
	}
}
