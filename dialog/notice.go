package dialog

// Notice keys are messages a channel sends on its own, outside a dialog turn.
type Notice string

const (
	NoticeSlowDown Notice = "notice.slow_down" // the user sends too fast; later messages are dropped for a while
	NoticeError    Notice = "notice.error"     // a turn failed; nothing was changed
)

// NoticeText returns the text of a channel notice in the language closest to lang.
func NoticeText(lang string, n Notice) string {
	return T(lang, string(n))
}
