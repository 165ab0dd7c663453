package scam

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args []string, stdin string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = RunCheckCLI(context.Background(), testChecker, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

type cliOut struct {
	ID      json.RawMessage `json:"id"`
	Risk    string          `json:"risk"`
	Score   *float64        `json:"score"`
	Signals []struct {
		Code, Label, Evidence string
	} `json:"signals"`
	Cases []struct {
		ID, Title string
		Score     float64
	} `json:"cases"`
	Advice []string `json:"advice"`
	LLM    *bool    `json:"llm"`
	Error  string   `json:"error"`
}

func TestCLIJSON(t *testing.T) {
	code, out, errOut := runCLI(t, []string{"--json", "入职前先交300元押金，", "干满一个月退"}, "")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var v cliOut
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("want one line, got %q", out)
	}
	if v.Risk != "high" || v.Score == nil || *v.Score < highThreshold() || v.LLM == nil || *v.LLM {
		t.Errorf("verdict %+v", v)
	}
	if len(v.Signals) == 0 || v.Signals[0].Code != "deposit" || v.Signals[0].Label != "要求交押金或保证金" || !strings.Contains(v.Signals[0].Evidence, "押金") {
		t.Errorf("signals %+v", v.Signals)
	}
	if len(v.Advice) == 0 || !strings.ContainsAny(v.Advice[0], "钱费") {
		t.Errorf("advice %q", v.Advice)
	}
	for _, c := range v.Cases {
		if c.ID == "" || c.Title == "" || c.Score <= 0 || c.Score > 1 {
			t.Errorf("case %+v", c)
		}
	}
	// every field of the contract is present, as an array where one is due
	var raw map[string]json.RawMessage
	_ = json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"risk", "score", "signals", "cases", "advice", "llm"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
}

func TestCLIEnglishAndEmpty(t *testing.T) {
	code, out, _ := runCLI(t, []string{"--json", "--lang", "en", "你好"}, "")
	var raw map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &raw) != nil {
		t.Fatalf("exit %d: %s", code, out)
	}
	if raw["risk"] != "low" || raw["empty"] != true || raw["label"] != "Nothing to check" {
		t.Errorf("empty text: %s", out)
	}
	for _, k := range []string{"signals", "cases", "advice"} {
		if _, ok := raw[k].([]any); !ok {
			t.Errorf("%s is not an array: %s", k, out)
		}
	}
	_, out, _ = runCLI(t, []string{"--json", "--lang=en", "pay a 300 yuan deposit before you start"}, "")
	var v cliOut
	_ = json.Unmarshal([]byte(out), &v)
	if len(v.Signals) == 0 || v.Signals[0].Label != "Asks for a deposit or guarantee money" || len(v.Advice) == 0 || !strings.Contains(v.Advice[0], "job") {
		t.Errorf("English labels: %s", out)
	}
}

func TestCLIStdinAndText(t *testing.T) {
	code, out, _ := runCLI(t, nil, "身份证原件统一交公司保管\n工资按季度发")
	if code != 0 || !strings.HasPrefix(out, "高风险") || !strings.Contains(out, "身份证原件统一交公司") || !strings.Contains(out, "建议") {
		t.Errorf("stdin, human output (exit %d):\n%s", code, out)
	}
	code, out, _ = runCLI(t, []string{"--lang", "en", "--", "-300 yuan deposit, pay now"}, "")
	if code != 0 || !strings.HasPrefix(out, "High risk") || !strings.Contains(out, "What to do") {
		t.Errorf("text after --, English (exit %d):\n%s", code, out)
	}
	code, out, _ = runCLI(t, []string{"-300元押金"}, "")
	if code != 0 || !strings.HasPrefix(out, "高风险") {
		t.Errorf("text that starts with a dash (exit %d):\n%s", code, out)
	}
	code, out, _ = runCLI(t, nil, "")
	if code != 0 || !strings.Contains(out, "没有可检查的内容") {
		t.Errorf("empty stdin (exit %d): %q", code, out)
	}
}

func TestCLIUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--lang", "fr", "x"}, {"--lang"}, {"--bogus", "x"}, {"--batch", "text"}} {
		code, out, errOut := runCLI(t, args, "")
		if code != 2 || out != "" || !strings.Contains(errOut, "usage") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, out, _ := runCLI(t, []string{"--help"}, ""); code != 0 || !strings.Contains(out, "usage") {
		t.Errorf("--help: exit %d %q", code, out)
	}
}

func TestCLIBatch(t *testing.T) {
	big := strings.Repeat("招聘普工，月薪5000，包吃住。", 2<<20/len("招聘普工，月薪5000，包吃住。")) + "押金300元"
	bigLine, _ := json.Marshal(map[string]string{"id": "big", "text": big})
	if len(bigLine) < 2<<20 {
		t.Fatalf("big line is %d bytes", len(bigLine))
	}
	lines := []string{
		`{"id":"a","text":"入职前先交300元押金"}`,
		`{"id":2,"text":"招聘普工，签劳动合同，缴五险一金"}`,
		`this is not json`,
		``,
		`{"id":"no-text"}`,
		`{"id":"wrong","text":42}`,
		string(bigLine),
		`{"id":"last","text":"你好"}`,
	}
	code, out, errOut := runCLI(t, []string{"--batch", "--lang", "en"}, strings.Join(lines, "\n"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := strings.Split(strings.TrimRight(out, "\n"), "\n")
	wantIDs := []string{`"a"`, `2`, `null`, `"no-text"`, `"wrong"`, `"big"`, `"last"`}
	if len(got) != len(wantIDs) {
		t.Fatalf("%d output lines for %d input lines:\n%s", len(got), len(wantIDs), out)
	}
	for i, l := range got {
		var v cliOut
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		if string(v.ID) != wantIDs[i] {
			t.Errorf("line %d: id %s, want %s", i, v.ID, wantIDs[i])
		}
		isErr := i == 2 || i == 3 || i == 4
		if isErr != (v.Error != "") || isErr == (v.Risk != "") {
			t.Errorf("line %d: error %q risk %q", i, v.Error, v.Risk)
		}
	}
	var first, bigV cliOut
	_ = json.Unmarshal([]byte(got[0]), &first)
	_ = json.Unmarshal([]byte(got[5]), &bigV)
	if first.Risk != "high" || first.Score == nil || len(first.Signals) == 0 || first.Signals[0].Label != "Asks for a deposit or guarantee money" {
		t.Errorf("first line: %s", got[0])
	}
	if bigV.Risk == "" {
		t.Errorf("2 MB line: %.200s", got[5])
	}
}

func TestCLIBatchKeepsOrder(t *testing.T) {
	var in strings.Builder
	texts := []string{"入职前先交300元押金", "招聘普工，签劳动合同", "你好", "出租银行卡一个月1000", "加微信详聊"}
	const n = 500
	for i := 0; i < n; i++ {
		b, _ := json.Marshal(map[string]any{"id": i, "text": texts[i%len(texts)]})
		in.Write(b)
		in.WriteByte('\n')
	}
	code, out, _ := runCLI(t, []string{"--batch"}, in.String())
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != 0 || len(lines) != n {
		t.Fatalf("exit %d, %d lines", code, len(lines))
	}
	for i, l := range lines {
		var v struct {
			ID   int    `json:"id"`
			Risk string `json:"risk"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil || v.ID != i {
			t.Fatalf("line %d: %q", i, l)
		}
		if want := string(testChecker.Check(texts[i%len(texts)]).Risk); v.Risk != want {
			t.Errorf("line %d: risk %s, want %s", i, v.Risk, want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestCLIWriteError(t *testing.T) {
	var errb bytes.Buffer
	in := strings.Repeat(`{"id":1,"text":"押金300"}`+"\n", 100)
	if code := RunCheckCLI(context.Background(), testChecker, []string{"--batch"}, strings.NewReader(in), failWriter{}, &errb); code != 1 {
		t.Errorf("batch to a broken pipe: exit %d", code)
	}
	if code := RunCheckCLI(context.Background(), testChecker, []string{"--json", "x"}, nil, failWriter{}, &errb); code != 1 {
		t.Errorf("json to a broken pipe: exit %d", code)
	}
}

func TestCLICancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan int)
	go func() { done <- RunCheckCLI(ctx, testChecker, []string{"--batch"}, pr, io.Discard, io.Discard) }()
	go func() { _, _ = pw.Write([]byte(`{"id":1,"text":"x"}` + "\n")) }()
	if code := <-done; code != 1 {
		t.Errorf("cancelled batch: exit %d", code)
	}
}

func highThreshold() float64 { _, h := Thresholds(); return h }
