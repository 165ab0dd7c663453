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

var broadcastCatalog = map[string]map[string]string{
	LangZH: {
		"bc.msg.head": "📢 政策通知",
		"bc.msg.foot": "—— 工友。不想再收通知，发 /unsubscribe。",
	},
	LangEN: {
		"bc.msg.head": "📢 Policy notice",
		"bc.msg.foot": "— Gongyou. To stop these notices, send /unsubscribe.",
	},
}

// BroadcastMessage is the exact text a worker whose language is lang gets
// for a broadcast of text: the sender sends it, the preview shows it.
func BroadcastMessage(lang, text string) string {
	lang = NormLang(lang)
	return T(lang, "bc.msg.head") + "\n\n" + text + "\n\n" + T(lang, "bc.msg.foot")
}

func (t *turn) broadcastCommand(cmd, args string) ([]Reply, bool, error) { return nil, false, nil }

func (t *turn) onBroadcastButton(data string) ([]Reply, error) { return t.unknownCommand() }

func (t *turn) broadcastText(text string) ([]Reply, bool, error) { return nil, false, nil }
