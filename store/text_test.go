package store

import "testing"

func TestClipBytes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"社保", 4, "社…"}, // 社 is 3 bytes: the cut does not split 保
		{"社保", 2, "…"},
	} {
		if got := ClipBytes(c.s, c.n, "…"); got != c.want {
			t.Errorf("ClipBytes(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
