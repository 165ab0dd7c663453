package dialog

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/store"
)

// Every staff command and every staff button, pressed by someone without
// the role, gets exactly the unknown-command answer and changes nothing.
// The lists come from the routing tables, so a new command is covered the
// day it is added.
func TestStaffOnlyForStaff(t *testing.T) { ForEachBackend(t, testStaffOnlyForStaff) }

func testStaffOnlyForStaff(t *testing.T, backend EnvOption) {
	ctx := context.Background()
	const admin, editor, worker = 9001, 9002, 1001
	env := NewEnv(t, backend, EnvEngine(WithStaff(admin)))
	st, e := env.Store, env.Engine
	if _, _, err := st.EnsureUser(ctx, editor, editor); err != nil {
		t.Fatal(err)
	}
	if err := st.GrantRole(ctx, editor, store.RoleEditor, admin); err != nil {
		t.Fatal(err)
	}
	send := func(user int64, ev Event) []Reply {
		t.Helper()
		ev.UserID, ev.ChatID = user, user
		r, err := e.Handle(ctx, ev)
		if err != nil {
			t.Fatalf("user %d %+v: %v", user, ev, err)
		}
		return r
	}
	unknown := map[int64][]Reply{}
	for _, u := range []int64{admin, editor, worker} {
		unknown[u] = send(u, Event{Text: "/nosuchcommand"})
	}

	cmds := make([]string, 0, len(staffCommands))
	for c := range staffCommands {
		cmds = append(cmds, c)
	}
	sort.Strings(cmds)
	var datas []string
	for code := range staffButtons {
		for _, arg := range []string{"", ":", ":0", ":1", ":1:s", ":1:n", ":1:d", ":upfront_fee", ":type", ":title_zh", ":x:1", ":" + strings.Repeat("9", 40)} {
			datas = append(datas, cbStaffPrefix+code+arg)
		}
	}
	datas = append(datas, "stf:", "stf:zz", "stf:"+strings.Repeat("a", 60), "stf:cv:../../etc", "stf:rd:1;DROP TABLE reports:s")
	sort.Strings(datas)

	auditBefore, _ := st.AuditLog(ctx, 100)
	for _, c := range cmds {
		for _, args := range []string{"", " 1001", " upfront-fee-1", " 1 2 3"} {
			if got := send(worker, Event{Text: "/" + c + args}); !reflect.DeepEqual(got, unknown[worker]) {
				t.Errorf("worker /%s%s = %q; want the unknown-command answer", c, args, got[0].Text)
			}
			gotE := send(editor, Event{Text: "/" + c + args})
			if isUnknown := reflect.DeepEqual(gotE, unknown[editor]); isUnknown != staffCommands[c].admin {
				t.Errorf("editor /%s%s: unknown-command answer = %v; want %v", c, args, isUnknown, staffCommands[c].admin)
			}
			send(editor, Event{Text: "/menu"}) // leave any flow the command started
		}
		if got := send(admin, Event{Text: "/" + c}); reflect.DeepEqual(got, unknown[admin]) {
			t.Errorf("admin /%s got the unknown-command answer", c)
		}
		send(admin, Event{Text: "/menu"})
	}
	for _, d := range datas {
		if got := send(worker, Event{Callback: d}); !reflect.DeepEqual(got, unknown[worker]) {
			t.Errorf("worker button %q = %q; want the unknown-command answer", d, got[0].Text)
		}
		code, _, _ := strings.Cut(strings.TrimPrefix(d, cbStaffPrefix), ":")
		if b, ok := staffButtons[code]; ok && b.admin {
			if got := send(editor, Event{Callback: d}); !reflect.DeepEqual(got, unknown[editor]) {
				t.Errorf("editor admin button %q = %q; want the unknown-command answer", d, got[0].Text)
			}
		}
	}
	// Text that would feed a staff flow is the worker's own text.
	if got := send(worker, Event{Text: "upfront_fee"}); len(got) == 0 || strings.Contains(got[0].Text, "📝") {
		t.Errorf("worker text reached a staff flow: %q", got)
	}
	sess, err := st.Session(ctx, worker)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(sess.Flow, flowStaffPrefix) || strings.Contains(sess.Payload, `"s":`) {
		t.Errorf("worker session touched by staff commands: %+v", sess)
	}
	if roles, _ := st.StaffRoles(ctx); len(roles) != 1 {
		t.Errorf("roles changed: %+v", roles)
	}
	auditAfter, _ := st.AuditLog(ctx, 100)
	if len(auditAfter) != len(auditBefore) {
		t.Errorf("worker and editor presses wrote %d audit entries", len(auditAfter)-len(auditBefore))
	}
}

// An editor whose role is revoked in the middle of /newcase is a worker
// from the next message on: the draft is not continued.
func TestRevokedEditorLeavesStaffFlow(t *testing.T) {
	ForEachBackend(t, testRevokedEditorLeavesStaffFlow)
}

func testRevokedEditorLeavesStaffFlow(t *testing.T, backend EnvOption) {
	ctx := context.Background()
	env := NewEnv(t, backend, EnvEngine(WithStaff(1)))
	st, e := env.Store, env.Engine
	if _, _, err := st.EnsureUser(ctx, 2, 2); err != nil {
		t.Fatal(err)
	}
	if err := st.GrantRole(ctx, 2, store.RoleEditor, 1); err != nil {
		t.Fatal(err)
	}
	r, err := e.Handle(ctx, Event{UserID: 2, Callback: "stf:nw"})
	if err != nil || !strings.Contains(r[0].Text, "📝") {
		t.Fatalf("editor /newcase = %v, %v", r, err)
	}
	if err := st.RevokeRole(ctx, 2, 1); err != nil {
		t.Fatal(err)
	}
	r, err = e.Handle(ctx, Event{UserID: 2, Text: "upfront_fee"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r[0].Text, "📝") {
		t.Fatalf("revoked editor continued the draft: %q", r[0].Text)
	}
	if sess, _ := st.Session(ctx, 2); strings.HasPrefix(sess.Flow, flowStaffPrefix) {
		t.Fatalf("revoked editor still in %q", sess.Flow)
	}
	r, _ = e.Handle(ctx, Event{UserID: 2, Text: "/cases"})
	r2, _ := e.Handle(ctx, Event{UserID: 2, Text: "/nosuchcommand"})
	if !reflect.DeepEqual(r, r2) {
		t.Fatalf("revoked editor /cases = %q", r[0].Text)
	}
}
