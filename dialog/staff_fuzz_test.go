package dialog_test

import (
	"strings"
	"testing"

	"github.com/gongyou/gongyou/dialog"
)

// FuzzStaffHandle drives the staff flows as an admin with arbitrary text
// and button data: every event gets a well-formed reply, never an error.
//
//	go test ./dialog -run XXX -fuzz FuzzStaffHandle -fuzztime 60s
func FuzzStaffHandle(f *testing.F) {
	for _, s := range []string{"/cases", "/cases 押金", "/case fee-deposit-298", "/newcase", "/history fee-deposit-298",
		"/reports", "/stats", "/grant 5", "/revoke 5", "/staff", "stf:nw", "stf:nt:upfront_fee", "stf:np:1", "stf:ne",
		"stf:nf:story", "stf:cl:1", "stf:cv:fee-deposit-298", "stf:ce:fee-deposit-298", "stf:cf:type", "stf:ct:overseas",
		"stf:cf:flags_zh", "stf:cr:fee-deposit-298:1", "stf:cu:fee-deposit-298:2", "stf:eo:1", "stf:ed", "stf:rp:0",
		"stf:rd:1:s", "stf:rs:1", "stf:x", "一行\n两行\n三行", "\xff", strings.Repeat("长", 2000)} {
		f.Add(s, strings.HasPrefix(s, "stf:"))
	}
	eng := dialog.NewEnv(f, dialog.EnvKnowledge(), dialog.EnvEngine(dialog.WithStaff(9001))).Engine
	f.Fuzz(func(t *testing.T, input string, button bool) {
		handleChecked(t, eng, fuzzEvent(9001, input, button))
	})
}
