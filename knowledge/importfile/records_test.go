package importfile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/importfile"
)

func records(t *testing.T, in string) ([]importfile.YAMLRecord, importfile.ImportErrors) {
	t.Helper()
	var errs importfile.ImportErrors
	var recs []importfile.YAMLRecord
	for r := range importfile.YAMLRecords([]byte(in), &errs) {
		recs = append(recs, r)
	}
	return recs, errs
}

// Records parsed one at a time keep the file's line numbers; a broken
// record is reported at its line and the others still come.
func TestYAMLRecordsLines(t *testing.T) {
	in := "# comment\n---\n- id: a\n  n: 1\n\n# between\n- id: b\n  n: [1, 2\n- id: c\n  n: 3\n  m: x\n"
	recs, errs := records(t, in)
	if len(recs) != 2 || recs[0].Name() != "a" || recs[1].Name() != "c" || recs[1].Index != 3 {
		t.Fatalf("records = %+v", recs)
	}
	if got := recs[1].FieldLine("m"); got != 11 {
		t.Errorf("line of c.m = %d, want 11", got)
	}
	if len(errs) != 1 || errs[0].Line != 7 || !strings.Contains(errs[0].Msg, "not valid YAML") {
		t.Errorf("errors = %v", errs)
	}
	// A layout that cannot be cut by lines is parsed whole (small files).
	recs, errs = records(t, "[{id: a}, {id: b}]\n")
	if len(recs) != 2 || len(errs) != 0 {
		t.Errorf("flow list: %d records, %v", len(recs), errs)
	}
	if _, errs = records(t, "id: a\n"); len(errs) != 1 || !strings.Contains(errs[0].Msg, "want a list") {
		t.Errorf("mapping: %v", errs)
	}
	if recs, errs = records(t, ""); len(recs) != 0 || len(errs) != 0 {
		t.Errorf("empty: %v %v", recs, errs)
	}
}

// The file's limits: records per file, bytes per record.
func TestYAMLRecordsLimits(t *testing.T) {
	var b strings.Builder
	for i := range importfile.MaxImportRecords + 5 {
		fmt.Fprintf(&b, "- {id: r%d}\n", i)
	}
	recs, errs := records(t, b.String())
	if len(recs) != importfile.MaxImportRecords || len(errs) != 1 || !strings.Contains(errs[0].Msg, "split the file") {
		t.Errorf("%d records, %v", len(recs), errs)
	}
	big := "- id: x\n  title: t\n  story: " + strings.Repeat("骗", importfile.MaxRecordBytes/3+1) + "\n  source: s\n- id: y\n"
	recs, errs = records(t, big)
	if len(recs) != 1 || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "line 3: x: story: ") ||
		!strings.HasSuffix(errs[0].Error(), fmt.Sprintf(" bytes, at most %d per record", importfile.MaxRecordBytes)) {
		t.Errorf("%d records, %v", len(recs), errs)
	}
}

// Add keeps the first MaxImportErrors problems and counts the rest.
func TestImportErrorsAdd(t *testing.T) {
	var es importfile.ImportErrors
	for i := range 250 {
		es.Add(importfile.FieldError{Line: 250 - i, Msg: "x"})
	}
	if len(es) != importfile.MaxImportErrors+1 || es.Total() != 250 {
		t.Fatalf("kept %d, total %d", len(es), es.Total())
	}
	es.SortByLine()
	s := es.Error()
	if !strings.HasPrefix(s, "line 151: x\n") || !strings.HasSuffix(s, "… and 150 more") || strings.Count(s, "\n") != importfile.MaxImportErrors {
		t.Errorf("report:\n%s", s)
	}
}
