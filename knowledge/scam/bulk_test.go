package scam

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/importfile"
)

type testRecord struct {
	ID    string   `yaml:"id"`
	N     int      `yaml:"n"`
	Items []string `yaml:"items"`
}

func TestSplitYAMLList(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		records int
		err     string // substring of the error, "" for none
	}{
		{"empty", "", 0, ""},
		{"comment only", "# nothing\n", 0, ""},
		{"two records", "- id: a\n- id: b\n", 2, ""},
		{"not a list", "id: a\n", 0, "line 1: want a list of records"},
		{"scalar item", "- id: a\n- just text\n", 0, "line 2: #2: want a record"},
		{"invalid utf-8", "- id: a\n- id: \xff\n", 0, "line 2: not valid UTF-8"},
		{"bad yaml", "- id: [a\n", 0, "not valid YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := importfile.SplitYAMLList([]byte(tc.in))
			if tc.err == "" {
				if err != nil || len(recs) != tc.records {
					t.Fatalf("= %d records, %v; want %d", len(recs), err, tc.records)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v; want %q", err, tc.err)
			}
			var ie importfile.ImportErrors
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not ImportErrors", err)
			}
		})
	}
	if _, err := importfile.SplitYAMLList(make([]byte, importfile.MaxImportBytes+1)); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("oversized file: %v", err)
	}
}

func TestYAMLRecordDecodeNamesLineAndField(t *testing.T) {
	in := "- id: first\n  n: 1\n- id: second\n  n: many\n  colour: red\n  items:\n    - a\n    - {b: c}\n"
	recs, err := importfile.SplitYAMLList([]byte(in))
	if err != nil || len(recs) != 2 {
		t.Fatalf("split = %d, %v", len(recs), err)
	}
	var ok testRecord
	if errs := recs[0].Decode(&ok); len(errs) != 0 || ok.N != 1 {
		t.Fatalf("first = %+v, %v", ok, errs)
	}
	var bad testRecord
	errs := recs[1].Decode(&bad)
	got := importfile.ImportErrors(errs).Error()
	for _, want := range []string{
		"line 5: second: colour: unknown field",
		"line 4: second: n: cannot unmarshal",
		"line 8: second: items: cannot unmarshal",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if l := recs[1].FieldLine("items"); l != 6 {
		t.Errorf("FieldLine(items) = %d; want 6", l)
	}
	if l := recs[1].FieldLine("absent"); l != 3 {
		t.Errorf("FieldLine(absent) = %d; want the record's line 3", l)
	}
	if e := recs[1].Err("n", "too %s", "big"); e.Error() != "line 4: second: n: too big" {
		t.Errorf("Err = %q", e.Error())
	}
	noID, _ := importfile.SplitYAMLList([]byte("- n: 1\n"))
	if noID[0].Name() != "#1" {
		t.Errorf("Name without id = %q", noID[0].Name())
	}
}

func TestImportErrorsCapped(t *testing.T) {
	var es importfile.ImportErrors
	if es.Err() != nil {
		t.Fatal("no problems is not nil")
	}
	for i := range importfile.MaxImportErrors + 7 {
		es = append(es, importfile.FieldError{Line: i + 1, Msg: "x"})
	}
	s := es.Error()
	if n := strings.Count(s, "\n"); n != importfile.MaxImportErrors {
		t.Errorf("%d lines; want %d", n+1, importfile.MaxImportErrors+1)
	}
	if !strings.HasSuffix(s, fmt.Sprintf("… and %d more", 7)) {
		t.Errorf("tail %q", s[len(s)-20:])
	}
}

func TestParseCasesYAMLSeedRoundTrip(t *testing.T) {
	seed, err := SeedCases()
	if err != nil {
		t.Fatal(err)
	}
	out, err := MarshalCasesYAML(seed)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseCasesYAML(out)
	if err != nil || len(again) != len(seed) {
		t.Fatalf("round trip = %d cases, %v", len(again), err)
	}
}

// FuzzParseCasesYAML: any input gives cases or line-numbered errors, never
// a panic; accepted cases are valid and their ids unique.
func FuzzParseCasesYAML(f *testing.F) {
	f.Add([]byte("- id: ab\n  type: overseas\n"))
	f.Add([]byte("- id: ab\n  type: [x\n"))
	f.Add([]byte("- {id: ab, red_flags_zh: {a: b}}\n- id: ab\n"))
	f.Add([]byte("\xff- id"))
	seed, _ := SeedCases()
	if out, err := MarshalCasesYAML(seed[:2]); err == nil {
		f.Add(out)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := ParseCasesYAML(data)
		if err != nil {
			if cases != nil {
				t.Fatal("cases returned with an error")
			}
			var ie importfile.ImportErrors
			if !errors.As(err, &ie) || len(ie) == 0 {
				t.Fatalf("error %T %v is not ImportErrors", err, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range cases {
			if err := c.Validate(); err != nil {
				t.Fatalf("accepted an invalid case: %v", err)
			}
			if seen[c.ID] {
				t.Fatalf("accepted duplicate id %q", c.ID)
			}
			seen[c.ID] = true
		}
	})
}
