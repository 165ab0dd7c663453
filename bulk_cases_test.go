package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

func sampleCaseYAML(t *testing.T, id string) string {
	t.Helper()
	out, err := scam.MarshalCasesYAML([]scam.Case{{
		ID: id, Type: "upfront_fee",
		TitleZH: "示例：仓库招工先交工衣费", TitleEN: "Sample: warehouse wants a uniform fee",
		StoryZH: "示例案例，用于测试。", StoryEN: "A sample case for tests.",
		RedFlagsZH: []string{"先交工衣费"}, RedFlagsEN: []string{"A uniform fee first"},
		AdviceZH: []string{"不交钱"}, AdviceEN: []string{"Pay nothing"},
		Source: "sample (tests)", Date: "2026-11-23",
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// A file with any problem imports nothing, and every problem names its
// line and field.
func TestImportCasesRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	_, before, _ := gongyou(t, db, "", "export", "cases")
	good := sampleCaseYAML(t, "sample-new-one")
	// The good record comes first: it must not be written either.
	tests := []struct {
		name string
		body string
		want []string // substrings of stderr
	}{
		{"unknown scam type", good + strings.Replace(sampleCaseYAML(t, "sample-b"), "type: upfront_fee", "type: lottery", 1),
			[]string{"line 18: sample-b: type: unknown scam type \"lottery\""}},
		{"wrong yaml type", good + strings.Replace(sampleCaseYAML(t, "sample-b"), "red_flags_zh:\n    - 先交工衣费", "red_flags_zh: {a: b}", 1),
			[]string{"sample-b: red_flags_zh: cannot unmarshal"}},
		{"duplicate id", good + sampleCaseYAML(t, "sample-new-one"),
			[]string{"line 17: sample-new-one: id: duplicate id \"sample-new-one\" (first used at line 1)"}},
		{"10 MB story", good + strings.Replace(sampleCaseYAML(t, "sample-b"), "story_zh: 示例案例，用于测试。", "story_zh: "+strings.Repeat("骗", 10<<20/3), 1),
			[]string{"line 21: sample-b: story_zh: 10485772 bytes, at most 1048576 per record"}}, // refused before parsing
		{"invalid utf-8", good + "- id: sample-b\n  title_zh: \"\xff\xfe\"\n",
			[]string{"line 18: not valid UTF-8"}},
		{"unknown field", good + strings.Replace(sampleCaseYAML(t, "sample-b"), "source:", "sauce: x\n  source:", 1),
			[]string{"sample-b: sauce: unknown field"}},
		{"missing fields", "- id: sample-c\n  type: overseas\n",
			[]string{"line 1: sample-c: title_zh: required", "sample-c: source: required", "sample-c: date: want YYYY-MM-DD"}},
		{"not a list", "id: x\n", []string{"want a list of records"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "cases.yaml")
			if err := os.WriteFile(file, []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := gongyou(t, db, "", "import", "--kind", "cases", file)
			if code == 0 {
				t.Fatalf("import of a bad file succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%.2000s", w, errOut)
				}
			}
			if !strings.Contains(errOut, "nothing imported") {
				t.Errorf("stderr does not say nothing was imported:\n%.500s", errOut)
			}
			if _, after, _ := gongyou(t, db, "", "export", "cases"); after != before {
				t.Fatal("a rejected file changed the case base")
			}
		})
	}
}

// A good file is imported in one go, audited with the file's name.
func TestImportCasesAudited(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	file := filepath.Join(dir, "new-cases.yaml")
	if err := os.WriteFile(file, []byte(sampleCaseYAML(t, "sample-one")+sampleCaseYAML(t, "sample-two")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := gongyou(t, db, "", "import", file)
	if code != 0 || !strings.Contains(out, "imported 2 cases") {
		t.Fatalf("import exit %d: %s %s", code, out, errOut)
	}
	st, err := store.Open(context.Background(), "sqlite:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := st.AuditLog(context.Background(), 10)
	if err != nil || len(log) != 2 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
	for _, e := range log {
		if e.Actor != "cli:new-cases.yaml" || e.Action != "case.import" {
			t.Errorf("audit entry %+v", e)
		}
	}
	c, err := st.Case(context.Background(), "sample-two")
	if err != nil || c.UpdatedBy != "cli:new-cases.yaml" {
		t.Fatalf("case = %+v, %v", c, err)
	}
}
