package llm

import (
	"strings"
	"testing"
)

// TestDisguisedHandlesAreRedacted: contact words the checker's normaliser
// sees through (V❤, ➕V, 薇❤信, v 信, V x) do not let a handle reach the model.
func TestDisguisedHandlesAreRedacted(t *testing.T) {
	for _, tt := range []struct{ in, handle string }{
		{"私聊 或 V❤: job8899，领取岗位", "job8899"},
		{"➕V job8899 日结", "job8899"},
		{"加 v 信 abc_99 详谈", "abc_99"},
		{"薇❤信 zz1234 报名", "zz1234"},
		{"V x：aa123456", "aa123456"},
		{"加V：abc123", "abc123"},
		{"纸飞机 @scam_boss 领取岗位", "scam_boss"},
	} {
		got := prepareText(tt.in, "nonce")
		if strings.Contains(got, tt.handle) || !strings.Contains(got, "[账号]") {
			t.Errorf("%q → %q", tt.in, got)
		}
	}
	// Text without contacts is unchanged.
	for _, s := range []string{"招聘普工，月薪6000，包住", "V领毛衣 ok", ""} {
		if got := prepareText(s, "nonce"); got != s {
			t.Errorf("%q → %q", s, got)
		}
	}
}
