package bot

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// checkSplit asserts the SplitText contract: parts concatenate to s, each
// is valid UTF-8 when s is, none is empty, none exceeds limit.
func checkSplit(t *testing.T, s string, limit int) []string {
	t.Helper()
	parts := SplitText(s, limit)
	if got := strings.Join(parts, ""); got != s {
		t.Fatalf("parts do not concatenate to the input (%d vs %d bytes)", len(got), len(s))
	}
	for i, p := range parts {
		if p == "" && s != "" {
			t.Errorf("part %d is empty", i)
		}
		if n := UTF16Len(p); n > limit {
			t.Errorf("part %d: %d UTF-16 units > %d", i, n, limit)
		}
		if utf8.ValidString(s) && !utf8.ValidString(p) {
			t.Errorf("part %d is not valid UTF-8: a rune was cut", i)
		}
	}
	return parts
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{
		"": 0, "abc": 3, "工友": 2, "😀": 2, "工😀\r\n": 5, "\xff": 1, "👨‍👩‍👧": 8,
	} {
		if got := UTF16Len(s); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
		if utf8.ValidString(s) {
			if ref := len(utf16.Encode([]rune(s))); ref != want {
				t.Errorf("reference length of %q = %d", s, ref)
			}
		}
	}
}

func TestSplitTextShort(t *testing.T) {
	for _, s := range []string{"", "你好", strings.Repeat("工", MaxMessageUnits)} {
		if parts := SplitText(s, MaxMessageUnits); len(parts) != 1 || parts[0] != s {
			t.Errorf("%d units: %d parts, want the input unchanged", UTF16Len(s), len(parts))
		}
	}
}

func TestSplitTextHanLines(t *testing.T) {
	for _, total := range []int{5000, 10000} {
		var b strings.Builder
		for i := range total {
			b.WriteRune(rune('一' + i%500))
			if i%70 == 69 {
				b.WriteString("\n")
			}
		}
		s := b.String()
		parts := checkSplit(t, s, MaxMessageUnits)
		want := (UTF16Len(s) + MaxMessageUnits - 1) / MaxMessageUnits
		if len(parts) < want || len(parts) > want+1 {
			t.Errorf("%d Han: %d parts, want about %d", total, len(parts), want)
		}
		for i, p := range parts[:len(parts)-1] {
			if !strings.HasSuffix(p, "\n") {
				t.Errorf("%d Han: part %d does not end at a line break", total, i)
			}
		}
	}
}

func TestSplitTextSingleLongLine(t *testing.T) {
	s := strings.Repeat("骗", 10000)
	parts := checkSplit(t, s, MaxMessageUnits)
	if len(parts) != 3 || UTF16Len(parts[0]) != MaxMessageUnits {
		t.Errorf("10000 Han on one line: parts of %d, %d, … units; want full 4096-unit parts", UTF16Len(parts[0]), UTF16Len(parts[1]))
	}
}

func TestSplitTextSentenceEnds(t *testing.T) {
	s := strings.Repeat("先交押金才能上岗。", 1000) // one line, many sentences
	for i, p := range checkSplit(t, s, MaxMessageUnits)[:2] {
		if !strings.HasSuffix(p, "。") {
			t.Errorf("part %d ends %q, want a sentence end", i, p[len(p)-6:])
		}
	}
}

func TestSplitTextSurrogatePairs(t *testing.T) {
	// Emoji (2 units each) straddling every possible cut position.
	for _, prefix := range []string{"", "a"} {
		s := prefix + strings.Repeat("😀", 5000)
		for _, p := range checkSplit(t, s, MaxMessageUnits) {
			for _, r := range p {
				if r == utf8.RuneError {
					t.Fatal("a surrogate pair was split")
				}
			}
		}
	}
	// A limit smaller than one emoji still makes progress, one rune a part.
	if parts := SplitText("😀😀", 1); len(parts) != 2 || parts[0] != "😀" {
		t.Errorf("limit 1: %q", parts)
	}
}

func TestSplitTextCRLF(t *testing.T) {
	line := strings.Repeat("工", 99) + "\r\n"
	s := strings.Repeat(line, 100) // 101 units a line
	for i, p := range checkSplit(t, s, MaxMessageUnits) {
		if strings.HasPrefix(p, "\n") || (i < 2 && !strings.HasSuffix(p, "\r\n")) {
			t.Errorf("part %d splits a CRLF pair", i)
		}
	}
}

func TestSplitTextInvalidUTF8(t *testing.T) {
	s := strings.Repeat("a\xff工", 3000)
	checkSplit(t, s, 100)
}
