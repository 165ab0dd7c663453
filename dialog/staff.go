package dialog

// Staff (issue 5): roles, case editing, report queue, stats, audit. Owned by
// the staff feature. Every staff command and button is reachable only when
// isStaff is true; the engine answers everyone else as for an unknown
// command.

const (
	flowStaffPrefix = "staff."
	cbStaffPrefix   = "stf:"
)

// StaffStore is what staff features need from persistence.
type StaffStore interface{}

// staffDeps holds the staff features' dependencies (set by options).
type staffDeps struct {
	admins map[int64]bool // GONGYOU_STAFF: admins from configuration
}

// WithStaff names the users who are admins by configuration (GONGYOU_STAFF).
func WithStaff(admins ...int64) Option {
	return func(e *Engine) {
		e.staff.admins = make(map[int64]bool, len(admins))
		for _, id := range admins {
			e.staff.admins[id] = true
		}
	}
}

// staffState is a staff flow's session payload.
type staffState struct{}

var staffCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

// isStaff reports whether the user of this turn has a staff role.
func (t *turn) isStaff() bool { return t.e.staff.admins[t.user.ID] }

func (t *turn) staffCommand(cmd, args string) ([]Reply, bool, error) { return nil, false, nil }

func (t *turn) onStaffButton(data string) ([]Reply, error) { return t.unknownCommand() }

func (t *turn) staffText(text string) ([]Reply, bool, error) { return nil, false, nil }

// audit records a staff action (who is the turn's user): action is a short
// code like "case.publish", target the thing acted on, detail a summary.
func (t *turn) audit(action, target, detail string) error { return nil }
