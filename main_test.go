package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/content"
	"github.com/gongyou/gongyou/store"
)

// gongyou runs a subcommand in-process with its own SQLite file.
func gongyou(t *testing.T, dbPath, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		if k == "GONGYOU_DB" {
			return "sqlite:" + dbPath
		}
		return ""
	}
	code = run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestChatCommandPipedInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	code, out, errOut := gongyou(t, db, "1\n1\n/help\n", "chat")
	if code != 0 {
		t.Fatalf("chat exit %d: %s", code, errOut)
	}
	for _, want := range []string{"请选择语言", "🔒 隐私", "/mydata"} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q", want)
		}
	}
	// A second run continues with the same user: no language question.
	_, out, _ = gongyou(t, db, "", "chat")
	if strings.Contains(out, "请选择语言") {
		t.Errorf("restarted chat asked for the language again:\n%s", out)
	}
}

func TestCheckCommandJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	code, out, errOut := gongyou(t, db, "", "check", "--json", "入职前先交500元押金，身份证原件公司保管")
	if code != 0 {
		t.Fatalf("check exit %d: %s", code, errOut)
	}
	var v struct {
		Risk  string  `json:"risk"`
		Score float64 `json:"score"`
		LLM   bool    `json:"llm"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("check --json printed %q: %v", out, err)
	}
	if v.Risk != "high" || v.Score < 0 || v.Score > 1 || v.LLM {
		t.Fatalf("verdict = %+v", v)
	}
	code, out, _ = gongyou(t, db, "{\"id\":\"a\",\"text\":\"交押金\"}\nnot json\n{\"id\":\"b\",\"text\":\"\"}\n", "check", "--batch")
	if code != 0 || strings.Count(out, "\n") != 3 || !strings.Contains(out, `"error"`) {
		t.Fatalf("check --batch exit %d, output:\n%s", code, out)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	seeded(t, db)
	code, exported, errOut := gongyou(t, db, "", "export", "cases")
	if code != 0 || !strings.Contains(exported, "title_zh:") {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	edited := strings.Replace(exported, "title_en: ", "title_en: EDITED ", 1)
	file := filepath.Join(dir, "cases.yaml")
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := gongyou(t, db, "", "import", file); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	_, again, _ := gongyou(t, db, "", "export", "cases")
	if !strings.Contains(again, "EDITED") {
		t.Fatal("the imported edit is not in the next export")
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- id: xy\n  type: nonsense\n"), 0o644)
	if code, _, errOut := gongyou(t, db, "", "import", bad); code == 0 || !strings.Contains(errOut, "type") {
		t.Fatalf("bad import exit %d: %s", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	for _, args := range [][]string{nil, {"frobnicate"}, {"serve"}, {"export", "nonsense"}, {"import"}} {
		if code, _, _ := gongyou(t, db, "", args...); code != 2 {
			t.Errorf("gongyou %v exit %d; want 2", args, code)
		}
	}
	if code, out, _ := gongyou(t, db, "", "migrate"); code != 0 || !strings.Contains(out, "sqlite") {
		t.Errorf("migrate exit %d: %s", code, out)
	}
}

// seeded runs the one seeding step on a new database at dbPath, as serve
// and chat do on first start.
func seeded(t *testing.T, dbPath string) {
	t.Helper()
	st, err := store.Open(t.Context(), "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := content.Seed(t.Context(), st, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
}

// TestExportWritesNothing: export on a new database seeds nothing.
func TestExportWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	for _, kind := range []string{"cases", "faqs", "jobs", "stations", "trainings"} {
		code, out, errOut := gongyou(t, db, "", "export", kind)
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Fatalf("export %s on a new database: exit %d, %q %s", kind, code, out, errOut)
		}
	}
}

// TestCheckAndAskCreateNoDatabase: without GONGYOU_DB, check and ask leave
// no gongyou.db in the working directory.
func TestCheckAndAskCreateNoDatabase(t *testing.T) {
	t.Chdir(t.TempDir())
	noEnv := func(string) string { return "" }
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"check", "--json", "先交押金500元"}, noEnv, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), `"risk":"high"`) {
		t.Fatalf("check: exit %d, %s %s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run(t.Context(), []string{"ask", "--json", "劳动仲裁要钱吗"}, noEnv, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), `"answer"`) {
		t.Fatalf("ask: exit %d, %s %s", code, out.String(), errOut.String())
	}
	if _, err := os.Stat("gongyou.db"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("gongyou.db was created: %v", err)
	}
}
