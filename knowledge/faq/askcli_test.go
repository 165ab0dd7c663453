package faq

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/norm"
)

func runAsk(t *testing.T, a *Answerer, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunAskCLI(context.Background(), a, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAskCLIJSON(t *testing.T) {
	a := seedAnswerer(t)
	tests := []struct {
		name, stdin string
		args        []string
		wantFAQ     string
		handoff     any // nil or "12333"
		english     bool
	}{
		{"args", "", []string{"--json", "老板不给我交社保怎么办"}, "employer-no-insurance", "12333", false},
		{"stdin", "试用期最长能定多久", []string{"--json"}, "probation-length", nil, false},
		{"english", "", []string{"--json", "--lang", "en", "Can", "my", "boss", "keep", "my", "ID", "card?"}, "id-card-retained", nil, true},
		{"lang=en", "老板扣我身份证合法吗", []string{"--json", "--lang=en"}, "id-card-retained", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runAsk(t, a, tt.stdin, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			for _, k := range []string{"answer", "faqs", "handoff", "llm"} {
				if _, ok := got[k]; !ok {
					t.Errorf("missing %q in %s", k, out)
				}
			}
			faqs, _ := got["faqs"].([]any)
			if len(faqs) == 0 || faqs[0].(map[string]any)["id"] != tt.wantFAQ {
				t.Errorf("faqs %v, want first %s", got["faqs"], tt.wantFAQ)
			}
			first, _ := faqs[0].(map[string]any)
			if _, ok := first["title"].(string); !ok {
				t.Errorf("no title: %v", first)
			}
			if got["handoff"] != tt.handoff {
				t.Errorf("handoff %v, want %v", got["handoff"], tt.handoff)
			}
			if got["llm"] != false {
				t.Errorf("llm %v", got["llm"])
			}
			ans, _ := got["answer"].(string)
			if hasCJK := strings.ContainsFunc(ans, norm.IsCJK); hasCJK == tt.english && !strings.Contains(ans, "掌上12333") {
				t.Errorf("answer language wrong (english=%v): %q", tt.english, ans)
			}
		})
	}
}

func TestAskCLIText(t *testing.T) {
	a := seedAnswerer(t)
	code, out, _ := runAsk(t, a, "", "工伤认定怎么申请")
	if code != 0 || !strings.Contains(out, "相关问题: ") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = runAsk(t, a, "", "--lang", "en", "how do I apply for work injury recognition")
	if code != 0 || !strings.Contains(out, "Related questions: ") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	// nonsense: an honest "not sure", with a hotline to call, exit 0
	code, out, _ = runAsk(t, a, "", "--json", "推荐一部电影")
	var got struct {
		Answer  string
		Handoff *string
		FAQs    []any
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Handoff == nil || *got.Handoff != "12333" || !strings.Contains(got.Answer, "12348") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestAskCLIUsage(t *testing.T) {
	a := seedAnswerer(t)
	for _, args := range [][]string{{"--nope"}, {"--lang"}, {"--lang", "fr", "q"}, {"--batch", "q"}} {
		if code, _, errOut := runAsk(t, a, "", args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if code, out, _ := runAsk(t, a, "", "--help"); code != 0 || !strings.Contains(out, "gongyou ask") {
		t.Errorf("--help: exit %d", code)
	}
}

func TestAskCLIBatch(t *testing.T) {
	a := seedAnswerer(t)
	in := strings.Join([]string{
		`{"id":"a","question":"老板不给我交社保怎么办"}`,
		`this is not json`,
		``,
		`{"id":"c","question":"Can my boss keep my ID card?","lang":"en"}`,
		`{"id":7}`,
		`{"id":"e","question":"我的社保余额还有多少"}`,
		`{"id":"f","question":"推荐一部电影"}`,
	}, "\n")
	code, out, errOut := runAsk(t, a, in, "--batch")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	type row struct {
		ID      any      `json:"id"`
		Answer  string   `json:"answer"`
		FAQs    []string `json:"faqs"`
		Handoff *string  `json:"handoff"`
		Error   string   `json:"error"`
	}
	var rows []row
	for _, l := range lines {
		var r row
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		rows = append(rows, r)
	}
	if rows[0].ID != "a" || len(rows[0].FAQs) == 0 || rows[0].FAQs[0] != "employer-no-insurance" || rows[0].Answer == "" {
		t.Errorf("row a: %+v", rows[0])
	}
	if rows[1].ID != nil || rows[1].Error == "" {
		t.Errorf("bad line: %+v", rows[1])
	}
	if rows[2].ID != "c" || strings.ContainsFunc(rows[2].Answer, norm.IsCJK) {
		t.Errorf("row c: %+v", rows[2])
	}
	if rows[3].ID != float64(7) || rows[3].Error == "" {
		t.Errorf("missing question: %+v", rows[3])
	}
	if rows[4].Handoff == nil || *rows[4].Handoff != "12333" {
		t.Errorf("row e: %+v", rows[4])
	}
	if rows[5].Handoff == nil || *rows[5].Handoff != "12333" || rows[5].FAQs == nil {
		t.Errorf("row f: %+v (not sure: handoff 12333, faqs [] or the closest, never null)", rows[5])
	}
}
