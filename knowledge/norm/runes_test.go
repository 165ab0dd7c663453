package norm

import "testing"

func TestClipAndShorten(t *testing.T) {
	for _, c := range []struct {
		s       string
		n       int
		clip    string
		shorten string
	}{
		{"abc", 3, "abc", "abc"},
		{"abcd", 3, "abc…", "ab…"},
		{"社保怎么交", 4, "社保怎么…", "社保怎…"},
		{"ab cd", 4, "ab c…", "ab…"},
		{"", 2, "", ""},
	} {
		if got := Clip(c.s, c.n, "…"); got != c.clip {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.clip)
		}
		if got := Shorten(c.s, c.n); got != c.shorten {
			t.Errorf("Shorten(%q, %d) = %q, want %q", c.s, c.n, got, c.shorten)
		}
	}
}
