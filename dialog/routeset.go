package dialog

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// RoutingExample is one line of dialog/testdata/routing.jsonl: a text as a
// worker typed it and the intent it is for (jobs, course, question, check,
// menu, none). An ask between two intents counts as right when the labelled
// intent is one of the two (the worker picks it with one tap) except for
// "check": text that must reach the checker is right only when it does.
type RoutingExample struct {
	Text   string `json:"text"`
	Intent string `json:"intent"`
	Lang   string `json:"lang,omitempty"`
}

// RoutingReport is the router's accuracy on a labelled set.
type RoutingReport struct {
	Total, Right, Asked int
	Confusion           map[string]map[string]int // labelled → routed ("jobs|check" for an ask)
	Misses              []string
}

// Accuracy is the share routed right.
func (r RoutingReport) Accuracy() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Right) / float64(r.Total)
}

// ReadRoutingSet reads a JSON-lines routing set.
func ReadRoutingSet(in io.Reader) ([]RoutingExample, error) {
	var out []RoutingExample
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var ex RoutingExample
		if err := json.Unmarshal([]byte(line), &ex); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if ex.Intent != "none" && intentByName(ex.Intent) == intentNone {
			return nil, fmt.Errorf("line %d: unknown intent %q", n, ex.Intent)
		}
		out = append(out, ex)
	}
	return out, sc.Err()
}

// EvaluateRouting classifies every example.
func EvaluateRouting(set []RoutingExample) RoutingReport {
	rep := RoutingReport{Confusion: map[string]map[string]int{}}
	for _, ex := range set {
		c := Classify(ex.Text)
		got := c.Intent
		right := got == ex.Intent
		if c.Alt != "" {
			rep.Asked++
			got += "|" + c.Alt
			right = ex.Intent != "check" && (c.Intent == ex.Intent || c.Alt == ex.Intent)
		}
		if rep.Confusion[ex.Intent] == nil {
			rep.Confusion[ex.Intent] = map[string]int{}
		}
		rep.Confusion[ex.Intent][got]++
		rep.Total++
		if right {
			rep.Right++
		} else {
			rep.Misses = append(rep.Misses, fmt.Sprintf("%-8s → %-15s %q %v", ex.Intent, got, ex.Text, c.Scores))
		}
	}
	return rep
}

// Print writes the accuracy and the confusion table.
func (r RoutingReport) Print(w io.Writer, misses bool) {
	fmt.Fprintf(w, "routing accuracy: %d/%d = %.1f%% (%d asked between two intents)\n\n", r.Right, r.Total, 100*r.Accuracy(), r.Asked)
	labels := make([]string, 0, len(r.Confusion))
	cols := map[string]bool{}
	for l, row := range r.Confusion {
		labels = append(labels, l)
		for g := range row {
			cols[g] = true
		}
	}
	sort.Strings(labels)
	var cl []string
	for g := range cols {
		cl = append(cl, g)
	}
	sort.Strings(cl)
	fmt.Fprintf(w, "%-10s", "label\\got")
	for _, g := range cl {
		fmt.Fprintf(w, " %*s", max(len(g), 4), g)
	}
	fmt.Fprintln(w)
	for _, l := range labels {
		fmt.Fprintf(w, "%-10s", l)
		for _, g := range cl {
			fmt.Fprintf(w, " %*d", max(len(g), 4), r.Confusion[l][g])
		}
		fmt.Fprintln(w)
	}
	if misses && len(r.Misses) > 0 {
		fmt.Fprintln(w, "\nmisses:")
		for _, m := range r.Misses {
			fmt.Fprintln(w, "  "+m)
		}
	}
}
