package llm

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestParseVerdict(t *testing.T) {
	long := strings.Repeat("很长的理由", 2000) // 10k runes
	tests := []struct {
		name    string
		content string
		ok      bool
		risk    string
		check   func(t *testing.T, op Opinion)
	}{
		{name: "valid", content: `{"risk":"high","reasons":["收押金"],"types":["upfront_fee"]}`, ok: true, risk: "high"},
		{name: "whitespace", content: "\n  {\"risk\":\"low\",\"reasons\":[],\"types\":[]}  \n", ok: true, risk: "low"},
		{name: "json fence", content: "```json\n{\"risk\":\"medium\",\"reasons\":[\"a\"],\"types\":[]}\n```", ok: true, risk: "medium"},
		{name: "bare fence", content: "```\n{\"risk\":\"medium\",\"reasons\":[],\"types\":[]}\n```", ok: true, risk: "medium"},
		{name: "long reasons", content: `{"risk":"high","reasons":["` + long + `","` + strings.Repeat("x", 10000) + `","b","c"],"types":[]}`, ok: true, risk: "high",
			check: func(t *testing.T, op Opinion) {
				if len(op.Reasons) != 3 {
					t.Fatalf("reasons = %d, want 3", len(op.Reasons))
				}
				for _, r := range op.Reasons {
					if utf8.RuneCountInString(r) > 200 {
						t.Errorf("reason of %d runes", utf8.RuneCountInString(r))
					}
				}
			}},
		{name: "dirty reasons", content: `{"risk":"high","reasons":["a\u0000b\u001b[31mc\u202e","call 13812345678 or see https://evil.example/x","","   "],"types":["Upfront_Fee","bad-code","x1","upfront_fee","` + strings.Repeat("a", 41) + `"]}`,
			ok: true, risk: "high",
			check: func(t *testing.T, op Opinion) {
				if len(op.Reasons) != 2 {
					t.Fatalf("reasons = %q", op.Reasons)
				}
				for _, r := range op.Reasons {
					for _, c := range r {
						if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) {
							t.Errorf("control/format rune %U in %q", c, r)
						}
					}
				}
				if strings.Contains(op.Reasons[1], "13812345678") || strings.Contains(op.Reasons[1], "evil.example") {
					t.Errorf("reason not cleaned: %q", op.Reasons[1])
				}
				if len(op.Types) != 1 || op.Types[0] != "upfront_fee" {
					t.Errorf("types = %q", op.Types)
				}
			}},
		{name: "many types", content: `{"risk":"low","reasons":[],"types":["a","b","c","d","e","f","g"]}`, ok: true, risk: "low",
			check: func(t *testing.T, op Opinion) {
				if len(op.Types) != maxTypes {
					t.Errorf("types = %q", op.Types)
				}
			}},
		{name: "empty", content: ""},
		{name: "spaces", content: "      "},
		{name: "prose", content: "Sure! Here is the verdict: {\"risk\":\"low\",\"reasons\":[],\"types\":[]}"},
		{name: "prose after", content: "{\"risk\":\"low\",\"reasons\":[],\"types\":[]} hope this helps"},
		{name: "two objects", content: `{"risk":"high","reasons":[],"types":[]}{"risk":"low","reasons":[],"types":[]}`},
		{name: "truncated", content: `{"risk":"high","reasons":["收押`},
		{name: "wrong enum", content: `{"risk":"safe","reasons":[],"types":[]}`},
		{name: "upper enum", content: `{"risk":"HIGH","reasons":[],"types":[]}`},
		{name: "extra field", content: `{"risk":"high","reasons":[],"types":[],"confidence":0.9}`},
		{name: "case variant key", content: `{"risk":"high","Risk":"low","reasons":[],"types":[]}`},
		{name: "missing types", content: `{"risk":"high","reasons":[]}`},
		{name: "null reasons", content: `{"risk":"high","reasons":null,"types":[]}`},
		{name: "reasons not strings", content: `{"risk":"high","reasons":[1,2],"types":[]}`},
		{name: "risk object", content: `{"risk":{"level":"high"},"reasons":[],"types":[]}`},
		{name: "array", content: `[{"risk":"high","reasons":[],"types":[]}]`},
		{name: "string", content: `"high"`},
		{name: "python fence", content: "```python\n{\"risk\":\"high\",\"reasons\":[],\"types\":[]}\n```"},
		{name: "unterminated fence", content: "```json\n{\"risk\":\"high\",\"reasons\":[],\"types\":[]}"},
		{name: "think block", content: "<think>hmm</think>{\"risk\":\"high\",\"reasons\":[],\"types\":[]}"},
		{name: "too long", content: `{"risk":"high","reasons":["` + strings.Repeat("x", maxReplyBytes) + `"],"types":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, err := parseVerdict(tt.content)
			if !tt.ok {
				if !errors.Is(err, ErrBadReply) {
					t.Fatalf("err = %v, want ErrBadReply", err)
				}
				if strings.Contains(err.Error(), "risk\":") {
					t.Errorf("error quotes the reply: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if op.Risk != tt.risk {
				t.Errorf("risk = %q, want %q", op.Risk, tt.risk)
			}
			if op.Reasons == nil || op.Types == nil {
				t.Errorf("nil slices: %#v", op)
			}
			if tt.check != nil {
				tt.check(t, op)
			}
		})
	}
}
