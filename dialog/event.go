// Package dialog is Gongyou's conversation engine: flows, per-user state and
// the message catalogue. It knows nothing about Telegram; channels (bot/)
// turn their updates into Events and render the Replies.
package dialog

// Event is one thing a user did: a message or a button press.
type Event struct {
	UserID   int64  // stable identity (Telegram user id)
	ChatID   int64  // where replies go
	Lang     string // client language hint ("zh-hans", "en", ...); the user's saved choice wins
	Name     string // display name, used only to greet
	Text     string // message text, or
	Callback string // data of the pressed button (≤ 64 bytes)
	Image    *Image // a picture sent for a scam check (image.go); Text is its caption

	read *imageRead // the text read from a picture: the engine's own follow-up turn
}

// Reply is one message the channel should send back.
type Reply struct {
	Text    string
	Buttons [][]Button // rows of inline buttons
}

// Button is an inline button. Data is at most MaxCallbackData bytes:
// Telegram's callback_data limit.
type Button struct{ Label, Data string }

// MaxCallbackData is Telegram's callback_data limit in bytes.
const MaxCallbackData = 64
