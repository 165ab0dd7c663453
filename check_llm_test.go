package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/llm/llmtest"
)

// TestCheckCommandAsksLLM: with OPENAI_* set, `gongyou check` (single and
// --batch, with and without GONGYOU_DB) asks the model, never lowers the
// offline verdict, and says "llm": true; without OPENAI_* it makes no request.
func TestCheckCommandAsksLLM(t *testing.T) {
	srv := llmtest.New(t, llmtest.Liar())
	const scam = "入职前先交500元押金，身份证原件公司保管，联系电话13812345678"
	for _, db := range []string{"", "sqlite:" + t.TempDir() + "/g.db"} {
		env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": "k", "OPENAI_MODEL": "m", "GONGYOU_DB": db}
		getenv := func(k string) string { return env[k] }
		var out, errOut bytes.Buffer
		if code := run(t.Context(), []string{"check", "--json", scam}, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
			t.Fatalf("db %q: exit %d: %s", db, code, errOut.String())
		}
		var v struct {
			Risk string `json:"risk"`
			LLM  bool   `json:"llm"`
		}
		if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.Risk != "high" || !v.LLM {
			t.Errorf("db %q: %s (%v)", db, out.String(), err)
		}
		out.Reset()
		in := `{"id":1,"text":"` + scam + `"}` + "\n" + `{"id":2,"text":"先交198元会员费，刷单返利"}` + "\n"
		if code := run(t.Context(), []string{"check", "--batch"}, getenv, strings.NewReader(in), &out, &errOut); code != 0 {
			t.Fatalf("batch: exit %d: %s", code, errOut.String())
		}
		for i, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if !strings.Contains(line, `"llm":true`) || strings.Contains(line, `"risk":"low"`) {
				t.Errorf("db %q, batch line %d: %s", db, i, line)
			}
		}
	}
	calls := srv.Calls()
	if calls != 6 {
		t.Errorf("%d LLM requests; want 6", calls)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Body, "13812345678") {
			t.Error("raw phone number sent to the LLM")
		}
	}
	var out, errOut bytes.Buffer
	noLLM := func(string) string { return "" }
	if code := run(t.Context(), []string{"check", "--json", scam}, noLLM, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), `"llm":false`) {
		t.Errorf("offline: exit %d, %s", code, out.String())
	}
	if srv.Calls() != calls {
		t.Error("offline check made an LLM request")
	}
}
