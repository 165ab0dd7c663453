package dialog

// Flows as values. Every feature of the conversation (jobs, training, the
// FAQ, settings, the scam check, the account, the staff group) is one flow
// value, registered from its own file:
//
//	var _ = register(&flow{name: "jobs", commands: ..., buttons: []string{"job:"}, ...})
//
// The engine never names a feature: route (route.go) asks the registry which
// flow owns a command, a button or the session's flow, and the catalogue is
// the core texts plus every flow's part. A new flow is one new file.

import (
	"fmt"
	"sort"
	"strings"
)

// flow is one feature of the conversation.
type flow struct {
	// name is the session flow the feature owns (store.Session.Flow). A
	// name ending in "." owns every session flow starting with it
	// ("staff." owns "staff.new" and "staff.edit").
	name string
	// staffOnly flows form the staff group: their commands, buttons and
	// typed text reach them only when the user has a staff role. Everyone
	// else gets the unknown-command answer (and leaves a staff flow they
	// lost the role for).
	staffOnly bool
	// commands the flow answers, without the slash ("jobs" for /jobs).
	commands map[string]command
	// buttons are the callback-data prefixes the flow owns ("job:"). No
	// prefix may start another flow's prefix.
	buttons []string
	// onButton handles a pressed button; data is the full callback data
	// (one of buttons is its prefix).
	onButton func(t *turn, data string) ([]Reply, error)
	// onText handles typed text while the session is in this flow. ok is
	// false when the flow does not want the text: the router then reads it
	// as free text (a job search, a pasted offer, a question).
	onText func(t *turn, a *analysis) (r []Reply, ok bool, err error)
	// catalog is the flow's part of the message catalogue, per language.
	catalog map[string]map[string]string
}

// command is one slash command. admin ones are refused to staff editors
// with the unknown-command answer.
type command struct {
	admin bool
	run   func(t *turn, args string) ([]Reply, error)
}

// noArgs is a command that ignores what follows it.
func noArgs(run func(t *turn) ([]Reply, error)) command {
	return command{run: func(t *turn, _ string) ([]Reply, error) { return run(t) }}
}

// registry holds every registered flow. It is filled while the package
// initialises (register is called from package-level variables, which Go
// initialises after the registry and the catalogue they depend on) and
// only read afterwards.
var registry = struct {
	flows    []*flow
	commands map[string]*flow
}{commands: map[string]*flow{}}

// register adds flows to the registry and their texts to the catalogue. A
// command, button prefix, flow name or catalogue key claimed twice is a
// programming error: it panics at start-up.
func register(fs ...*flow) []*flow {
	for _, f := range fs {
		for _, other := range registry.flows {
			if f.name != "" && (strings.HasPrefix(f.name, other.name) && strings.HasSuffix(other.name, ".") ||
				strings.HasPrefix(other.name, f.name) && strings.HasSuffix(f.name, ".") || f.name == other.name) {
				panic(fmt.Sprintf("dialog: flow %q overlaps flow %q", f.name, other.name))
			}
			for _, p := range f.buttons {
				for _, q := range other.buttons {
					if strings.HasPrefix(p, q) || strings.HasPrefix(q, p) {
						panic(fmt.Sprintf("dialog: button prefix %q of flow %q overlaps %q of flow %q", p, f.name, q, other.name))
					}
				}
			}
		}
		for name := range f.commands {
			if other, dup := registry.commands[name]; dup {
				panic(fmt.Sprintf("dialog: command /%s of flow %q already belongs to flow %q", name, f.name, other.name))
			}
			registry.commands[name] = f
		}
		if f.catalog != nil {
			catalog = mergeCatalogs(catalog, f.catalog)
		}
		registry.flows = append(registry.flows, f)
	}
	return fs
}

// owns reports whether session flow name belongs to f.
func (f *flow) owns(name string) bool {
	if f.name == "" || name == "" {
		return false
	}
	if strings.HasSuffix(f.name, ".") {
		return strings.HasPrefix(name, f.name)
	}
	return name == f.name
}

// flowNamed is the flow that owns session flow name, or nil.
func flowNamed(name string) *flow {
	for _, f := range registry.flows {
		if f.owns(name) {
			return f
		}
	}
	return nil
}

// flowForButton is the flow whose prefix starts data, or nil.
func flowForButton(data string) *flow {
	for _, f := range registry.flows {
		for _, p := range f.buttons {
			if strings.HasPrefix(data, p) {
				return f
			}
		}
	}
	return nil
}

// commandNames lists every registered command, sorted (tests walk it).
func commandNames() []string {
	names := make([]string, 0, len(registry.commands))
	for name := range registry.commands {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// onCommand runs a slash command. A staff command typed by a worker, an
// admin command typed by an editor and a command nobody has all get the
// same unknown-command answer.
func (t *turn) onCommand(cmd, args string) ([]Reply, error) {
	f := registry.commands[cmd]
	if f == nil || (f.staffOnly && !t.isStaff()) {
		return t.unknownCommand()
	}
	c := f.commands[cmd]
	if c.admin && !t.isAdmin() {
		return t.unknownCommand()
	}
	return c.run(t, args)
}

// onButton runs a pressed button. A staff button pressed by a worker gets
// the unknown-command answer; data nobody owns is stale.
func (t *turn) onButton(data string) ([]Reply, error) {
	f := flowForButton(data)
	if f == nil {
		return t.stale()
	}
	if f.staffOnly && !t.isStaff() {
		return t.unknownCommand()
	}
	return f.onButton(t, data)
}

// flowText hands typed text to the flow the user is in, if that flow waits
// for text. ok is false when no flow wants it. A user in a staff flow who
// lost the role is put back at the menu and the text read as free text.
func (t *turn) flowText(a *analysis) (r []Reply, ok bool, err error) {
	f := flowNamed(t.sess.Flow)
	if f == nil {
		return nil, false, nil
	}
	if f.staffOnly && !t.isStaff() {
		t.reset()
		return nil, false, nil
	}
	if f.onText == nil {
		return nil, false, nil
	}
	return f.onText(t, a)
}

// unknownCommand is the one answer for a command we do not have, and for
// every staff command or button pressed by someone who is not staff.
func (t *turn) unknownCommand() ([]Reply, error) {
	return []Reply{t.withMenu(t.T("unknown.command"))}, nil
}

// stale answers a button that no longer means anything: an old message,
// a finished flow, or hand-crafted data.
func (t *turn) stale() ([]Reply, error) {
	return []Reply{t.keepPlace(t.T("unknown.stale"))}, nil
}
