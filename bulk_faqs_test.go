package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFAQImportExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	seeded(t, db)
	code, exported, errOut := gongyou(t, db, "", "export", "faqs")
	if code != 0 || !strings.Contains(exported, "question_zh:") {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	// the export of the seed imports cleanly (and changes nothing)
	same := filepath.Join(dir, "same.yaml")
	os.WriteFile(same, []byte(exported), 0o644)
	if code, out, errOut := gongyou(t, db, "", "import", same); code != 0 || !strings.Contains(out, "imported 150 faqs") {
		t.Fatalf("re-import exit %d: %s %s", code, out, errOut)
	}
	// an edit is answered from by the next `gongyou ask`
	edited := strings.Replace(exported, "question_zh: 试用期最长能定多久？", "question_zh: 试用期最长能定多久？鹅场学徒也一样吗？", 1)
	edited = strings.Replace(edited, "    合同不满3个月的，不能定试用期。\n", "    合同不满3个月的，不能定试用期（示例修改）。\n", 1)
	if edited == exported {
		t.Fatal("test edit did not apply")
	}
	file := filepath.Join(dir, "faqs.yaml")
	os.WriteFile(file, []byte(edited), 0o644)
	if code, _, errOut := gongyou(t, db, "", "import", file); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	code, out, errOut := gongyou(t, db, "", "ask", "--json", "鹅场学徒试用期最长多久")
	if code != 0 {
		t.Fatalf("ask exit %d: %s", code, errOut)
	}
	var ans struct {
		Answer string `json:"answer"`
		FAQs   []struct{ ID string }
		LLM    bool `json:"llm"`
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatal(err, out)
	}
	if !strings.Contains(ans.Answer, "示例修改") || ans.FAQs[0].ID != "probation-length" || ans.LLM {
		t.Fatalf("ask after the edit: %s", out)
	}
}

func TestFAQImportErrorsNameLineAndField(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	bad := `- id: ok-entry
  topic: wages
  question_zh: 问题？
  question_en: Question?
  answer_zh: 答案，打12333。
  answer_en: Answer, call 12333.
  keywords_zh: [工资]
  handoff: "12333"
  source: test sample
  date: "2026-11-23"
- id: Bad_ID
  topic: weather
  question_zh: 问题？
  question_en: Question?
  answer_zh: |-
    1
    2
    3
    4
    5
    6
  answer_en: Answer.
  keywords_zh: [工资]
  handoff: "12333"
  source: test sample
  date: 23/11/2026
  colour: red
- id: ok-entry
  topic: wages
  question_zh: 问题？
  question_en: Question?
  answer_zh: 答案。
  answer_en: Answer.
  keywords_zh: []
  source: ""
  date: "2026-11-23"
`
	file := filepath.Join(dir, "bad.yaml")
	os.WriteFile(file, []byte(bad), 0o644)
	code, _, errOut := gongyou(t, db, "", "import", "--kind", "faqs", file)
	if code == 0 {
		t.Fatal("a bad file was imported")
	}
	for _, want := range []string{
		"line 27: Bad_ID: colour: unknown field",
		"line 28: ok-entry: id:", "is already used by the entry on line 1",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("errors lack %q:\n%s", want, errOut)
		}
	}
	// the decode error stops that record's other checks; fix it and look again
	fixed := strings.Replace(bad, "  colour: red\n", "", 1)
	os.WriteFile(file, []byte(fixed), 0o644)
	_, _, errOut = gongyou(t, db, "", "import", "--kind", "faqs", file)
	for _, want := range []string{
		"line 11: Bad_ID: id:",
		"line 12: Bad_ID: topic:", "is not a topic",
		"line 15: Bad_ID: answer_zh: has 6 lines",
		"line 22: Bad_ID: answer_en: hands off to 12333 but does not name it",
		"line 26: Bad_ID: date:",
		"line 33: ok-entry: keywords_zh:",
		"line 34: ok-entry: source: is required",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("errors lack %q:\n%s", want, errOut)
		}
	}
	// nothing was written: the first, valid record is not in the store
	_, exported, _ := gongyou(t, db, "", "export", "faqs")
	if strings.Contains(exported, "ok-entry") {
		t.Fatal("a file with errors imported some records")
	}
}

// With an LLM configured, `gongyou ask --json` says "llm": true only when
// the LLM's grounded answer was used.
func TestAskUsesGroundedLLM(t *testing.T) {
	tests := []struct {
		name    string
		reply   func(sources string) string
		status  int
		wantLLM bool
	}{
		{"grounded", func(src string) string {
			return `{"answer":"劳动仲裁不收费（AI整理）。","cited_ids":["` + src + `"],"known":true}`
		}, 200, true},
		{"cites an id it was not given", func(string) string {
			return `{"answer":"交加急费。","cited_ids":["made-up-id"],"known":true}`
		}, 200, false},
		{"server error", nil, 500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var req struct {
					Messages []struct{ Role, Content string }
				}
				json.NewDecoder(r.Body).Decode(&req)
				if tt.status != 200 {
					w.WriteHeader(tt.status)
					return
				}
				user := req.Messages[len(req.Messages)-1].Content
				i := strings.Index(user, `{"id":"`) + len(`{"id":"`)
				id := user[i : i+strings.Index(user[i:], `"`)]
				w.Header().Set("Content-Type", "application/json")
				json.NewEncoder(w).Encode(map[string]any{
					"id": "x", "object": "chat.completion", "model": "m",
					"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
						"message": map[string]any{"role": "assistant", "content": tt.reply(id)}}},
				})
			}))
			defer srv.Close()
			env := map[string]string{
				"GONGYOU_DB":      "sqlite:" + filepath.Join(t.TempDir(), "g.db"),
				"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_MODEL": "m", "OPENAI_API_KEY": "k",
			}
			var out, errOut strings.Builder
			code := run(t.Context(), []string{"ask", "--json", "劳动仲裁要钱吗"}, func(k string) string { return env[k] },
				strings.NewReader(""), &out, &errOut)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			var ans struct {
				Answer string `json:"answer"`
				LLM    bool   `json:"llm"`
			}
			if err := json.Unmarshal([]byte(out.String()), &ans); err != nil {
				t.Fatal(err, out.String())
			}
			if ans.LLM != tt.wantLLM || strings.Contains(ans.Answer, "AI整理") != tt.wantLLM {
				t.Fatalf("llm=%v answer=%q; want llm=%v", ans.LLM, ans.Answer, tt.wantLLM)
			}
		})
	}
}

// FuzzParseFAQsFile: any file gives entries or line-numbered errors, never a panic,
// and accepted entries carry the required fields.
//
//	go test . -run XXX -fuzz FuzzParseFAQsFile -fuzztime 60s
func TestExportFAQFeedback(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	code, out, errOut := gongyou(t, db, "/insurance\n老板不给交社保怎么办？\n1\n", "chat")
	if code != 0 {
		t.Fatalf("chat exit %d: %s", code, errOut)
	}
	code, out, errOut = gongyou(t, db, "", "export", "faq-feedback", "--csv")
	if code != 0 || out != "id,helpful,not_helpful\nemployer-no-insurance,1,0\n" {
		t.Fatalf("export exit %d: %q %s", code, out, errOut)
	}
}
