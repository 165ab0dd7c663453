package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/store"
)

func TestTrainingsImportExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	seed, err := os.ReadFile(filepath.Join("knowledge", "seed", "trainings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "trainings.yaml")
	if err := os.WriteFile(file, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	// The kind is told by the "provider" field.
	code, out, errOut := gongyou(t, db, "", "import", file)
	if code != 0 || !strings.Contains(out, "imported 14 trainings") {
		t.Fatalf("import exit %d: %s %s", code, out, errOut)
	}
	code, exported, errOut := gongyou(t, db, "", "export", "trainings")
	if code != 0 || strings.Count(exported, "- id: ") != 14 {
		t.Fatalf("export exit %d (%d courses): %s", code, strings.Count(exported, "- id: "), errOut)
	}
	edited := strings.Replace(exported, "seats: 30", "seats: 31", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := gongyou(t, db, "", "import", "--kind", "trainings", file); code != 0 {
		t.Fatalf("re-import exit %d: %s", code, errOut)
	}
	_, again, _ := gongyou(t, db, "", "export", "trainings")
	if again != edited {
		t.Fatal("the imported edit is not in the next export")
	}

	// One bad field anywhere: nothing is imported, and the error names line and field.
	bad := strings.Replace(edited, "seats: 31", "seats: 40", 1)
	bad = strings.Replace(bad, "city: 杭州", "city: 火星", 1)
	badFile := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badFile, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = gongyou(t, db, "", "import", badFile)
	if code == 0 || !strings.Contains(errOut, "city: unknown city") || !strings.Contains(errOut, "line ") || !strings.Contains(errOut, "nothing imported") {
		t.Fatalf("bad import exit %d: %s", code, errOut)
	}
	if _, after, _ := gongyou(t, db, "", "export", "trainings"); after != edited {
		t.Fatal("a failed import changed the courses")
	}
	if code, _, _ := gongyou(t, db, "", "export", "trainings", "--csv"); code == 0 {
		t.Fatal("trainings exported as CSV; want a clear refusal")
	}
}

func TestEnrollmentsExportCSV(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	// A first start seeds the sample courses.
	if code, _, errOut := gongyou(t, db, "", "chat"); code != 0 {
		t.Fatalf("chat exit %d: %s", code, errOut)
	}
	st, err := store.Open(ctx, "sqlite:"+db)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{7, 8} {
		if _, _, err := st.EnsureUser(ctx, id, id); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := st.Enroll(ctx, "dg-eldercare-2612", 7, "=HYPERLINK(\"x\")", "13800138000", "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	gone, err := st.Enroll(ctx, "cd-cooking-2612", 8, "李四", "13900139000", "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CancelEnrollment(ctx, 8, gone.Ref); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := gongyou(t, db, "", "export", "enrollments")
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "reference,course_id,course,city,name,phone,status,created" {
		t.Fatalf("rows = %q", rows)
	}
	want := [][]string{
		{kept.Ref, "dg-eldercare-2612", "养老护理员（初级）", "东莞", "'=HYPERLINK(\"x\")", "13800138000", "active"},
		{gone.Ref, "cd-cooking-2612", "中式烹调师（初级）", "成都", "", "", "cancelled"},
	}
	for i, w := range want {
		if got := rows[i+1][:7]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q; want %q", i+1, got, w)
		}
	}
}
