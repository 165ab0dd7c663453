package dialog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxReplyLines: a reply fits a phone screen, at most six lines of text
// above its buttons (blank lines do not count). The screens a worker asks
// for more on are exempt: the answer to "为什么" / "更多" / "Why?" / "More",
// a detail screen opened from a list, and staff consoles (staff_*,
// broadcast_*), which staff read on a desktop.
const maxReplyLines = 6

// moreInputs are the presses and words that ask for more.
var moreInputs = []string{"为什么", "更多", "详细", "why", "more", "details"}

// longAllowed lists replies still longer than a phone screen, by file and
// input ("faq_en.txt How long can probation be?"): each one is work left.
// It is empty now and may only shrink.
var longAllowed = map[string]bool{}

func TestReplyLines(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var over []string
	total, long := 0, 0
	stillLong := map[string]bool{}
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "staff_") || strings.HasPrefix(base, "broadcast_") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		input, lines := "", 0
		flush := func() {
			if lines > 0 {
				total++
			}
			if lines > maxReplyLines && !asksMore(input) {
				long++
				key := base + " " + input
				stillLong[key] = true
				if !longAllowed[key] {
					over = append(over, fmt.Sprintf("%s: %d lines after %q", base, lines, input))
				}
			}
			lines = 0
		}
		for _, l := range strings.Split(string(raw), "\n") {
			switch {
			case strings.HasPrefix(l, "> "):
				flush()
				input = strings.TrimPrefix(l, "> ")
			case l == "---":
				flush()
			case strings.HasPrefix(l, "< "):
				lines++
			case l == "<", strings.HasPrefix(l, "  "):
			default:
				flush()
			}
		}
		flush()
	}
	// The list only shrinks: an entry whose reply got short must go.
	for key := range longAllowed {
		if !stillLong[key] {
			over = append(over, fmt.Sprintf("%s: now short enough, remove it from longAllowed", key))
		}
	}
	sort.Strings(over)
	t.Logf("%d of %d replies over %d lines (%d allowed for now)", long, total, maxReplyLines, len(longAllowed))
	for _, o := range over {
		t.Error(o)
	}
}

func asksMore(input string) bool {
	low := strings.ToLower(input)
	for _, w := range moreInputs {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
