package dialog

// Broadcasts (issue 6): /broadcast compose, preview, send; /broadcasts
// progress. Staff only. Owned by the broadcast feature.

const (
	flowBroadcastPrefix = "bc."
	cbBroadcastPrefix   = "bc:"
)

// BroadcastStore is what the broadcast flow needs from persistence.
type BroadcastStore interface{}

// broadcastDeps holds the broadcast flow's dependencies (set by options).
type broadcastDeps struct{}

// broadcastState is the broadcast flow's session payload.
type broadcastState struct{}

var broadcastCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

func (t *turn) broadcastCommand(cmd, args string) ([]Reply, bool, error) { return nil, false, nil }

func (t *turn) onBroadcastButton(data string) ([]Reply, error) { return t.unknownCommand() }

func (t *turn) broadcastText(text string) ([]Reply, bool, error) { return nil, false, nil }
