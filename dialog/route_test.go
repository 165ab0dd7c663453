package dialog

import (
	"os"
	"strings"
	"testing"
)

// routingFloor is the least accuracy the router may have on its labelled
// set (dialog/testdata/routing.jsonl); `go run ./dialog/cmd/routeeval -v`
// shows the misses.
const routingFloor = 0.95

func TestRoutingAccuracy(t *testing.T) {
	f, err := os.Open("testdata/routing.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := ReadRoutingSet(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 300 {
		t.Errorf("routing set has %d lines, want at least 300", len(set))
	}
	rep := EvaluateRouting(set)
	if rep.Accuracy() < routingFloor {
		var b strings.Builder
		rep.Print(&b, true)
		t.Errorf("routing accuracy %.3f below the floor %.2f\n%s", rep.Accuracy(), routingFloor, b.String())
	}
	// Never a verdict for a worker's own search, never a search for text
	// that must be checked.
	for _, ex := range set {
		c := Classify(ex.Text)
		if ex.Intent == "jobs" && c.Intent == "check" && c.Alt == "" {
			t.Errorf("job search %q routed to the checker", ex.Text)
		}
		if ex.Intent == "check" && c.Intent != "check" && c.Alt != "check" {
			t.Errorf("offer %q does not reach the checker (%s)", ex.Text, c.Intent)
		}
	}
}

// The issue's own examples.
func TestRouteIssueExamples(t *testing.T) {
	for text, want := range map[string]string{
		"深圳 保安 日结":             "jobs",
		"有没有日结的活 广州":           "jobs",
		"我想找个活干 东莞这边 有没有包吃住的":  "jobs",
		"dongguan dianzichang": "jobs",
		"广洲":                   "jobs",
		"我想学个电工":               "course",
		"叉车培训":                 "course",
		"[转发] 姐妹们，每天抢单 佣金秒到，日赚300+":          "check",
		"老板拖欠工资怎么办":                          "question",
		"急招普工\n月薪8000\n包吃住\n先交300押金 加微信 abc": "check",
	} {
		if c := Classify(text); c.Intent != want || c.Alt != "" {
			t.Errorf("Classify(%q) = %s (alt %q) %v, want %s", text, c.Intent, c.Alt, c.Why, want)
		}
	}
}

func TestTypedNumber(t *testing.T) {
	for in, want := range map[string]int{"3": 3, "３": 3, "三": 3, "第2个": 2, "１２": 12, "二": 2, "No. 4": 4} {
		if n, ok := typedNumber(in); !ok || n != want {
			t.Errorf("typedNumber(%q) = %d %v, want %d", in, n, ok, want)
		}
	}
	for _, in := range []string{"13812345678", "abc", "", "三十二万"} {
		if n, ok := typedNumber(in); ok {
			t.Errorf("typedNumber(%q) = %d, want none", in, n)
		}
	}
}
