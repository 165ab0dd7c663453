package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/gongyou/gongyou/dialog"
)

// Terminal is the terminal chat (gongyou chat), a channel for one local
// user: replies are printed, buttons are numbered, and typing a number
// presses that button (or the button labelled with exactly what was typed;
// render.go). It reads from any io.Reader, so scripts can pipe a
// conversation in.
type Terminal struct {
	turns  *turner
	in     io.Reader
	out    io.Writer
	userID int64
	lang   string
	// paste: lines that arrive within this of the one before are one
	// message (a multi-line paste). 0 reads one line per message, as
	// scripts piping a conversation in expect.
	paste time.Duration
}

// PasteWindow is how close lines must arrive to be one pasted message in
// an interactive terminal. A person typing takes far longer between two
// Enters; a terminal delivers a paste's lines at once.
const PasteWindow = 50 * time.Millisecond

var _ Channel = (*Terminal)(nil)

const terminalName = "terminal"

// NewTerminal builds a terminal chat for one local user.
func NewTerminal(h Handler, in io.Reader, out io.Writer, userID int64, lang string) *Terminal {
	t := &Terminal{
		turns: &turner{h: h, m: (*Metrics)(nil).forChannel(terminalName), log: slog.New(slog.DiscardHandler)},
		in:    in, out: out, userID: userID, lang: lang,
	}
	if f, ok := in.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			t.paste = PasteWindow // a person at a terminal
		}
	}
	return t
}

// SetPasteWindow sets how close lines must arrive to be one message (0:
// one line per message).
func (t *Terminal) SetPasteWindow(d time.Duration) { t.paste = d }

// Name is "terminal".
func (t *Terminal) Name() string { return terminalName }

// Buttons is false: choices are numbered lines.
func (t *Terminal) Buttons() bool { return false }

// MaxMessage is 0: a terminal prints any length.
func (t *Terminal) MaxMessage() int { return 0 }

// Send prints a reply outside a turn. The terminal's one user is always
// there, so it never fails; the choices on screen stay those of the last
// turn.
func (t *Terminal) Send(_ context.Context, _ int64, r dialog.Reply) error {
	t.print([]dialog.Reply{r})
	return nil
}

// maxTerminalLine bounds one input line (a pasted offer can be long).
const maxTerminalLine = 1 << 20

// Run starts the conversation with /start and then reads one line per
// turn until EOF, "/quit" or ctx is done.
func (t *Terminal) Run(ctx context.Context) error {
	var buttons []dialog.Button
	turn := func(ev dialog.Event) error {
		ev.UserID, ev.ChatID, ev.Lang = t.userID, t.userID, t.lang
		replies, err := t.turns.run(ctx, ev)
		if err != nil {
			fmt.Fprintln(t.out, dialog.NoticeText(t.lang, dialog.NoticeError))
			return err
		}
		buttons = t.print(replies)
		return nil
	}
	if err := turn(dialog.Event{Text: "/start"}); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	next := t.messages(ctx)
	for {
		if ctx.Err() != nil {
			return nil
		}
		fmt.Fprint(t.out, "> ")
		msg, err := next()
		if errors.Is(err, io.EOF) && msg == "" {
			fmt.Fprintln(t.out)
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("terminal: read: %w", err)
		}
		if msg == "/quit" || msg == "/exit" {
			return nil
		}
		ev := dialog.Event{Text: msg}
		if !strings.Contains(msg, "\n") {
			if b, ok := pressed(buttons, strings.TrimSpace(msg)); ok {
				ev = dialog.Event{Callback: b.Data}
			}
		}
		if err := turn(ev); err != nil && ctx.Err() != nil {
			return nil
		}
	}
}

// messages returns a reader of messages: one line each, or with a paste
// window, every line that follows the one before within the window.
func (t *Terminal) messages(ctx context.Context) func() (string, error) {
	r := bufio.NewReaderSize(t.in, 64<<10)
	read := func() (string, error) {
		line, err := readLine(r, maxTerminalLine)
		return strings.TrimRight(line, "\r\n"), err
	}
	if t.paste <= 0 {
		return read
	}
	type got struct {
		line string
		err  error
	}
	lines := make(chan got, 64)
	go func() {
		defer close(lines)
		for {
			line, err := read()
			select {
			case lines <- got{line, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var pending *got // a read error held back until the message is out
	return func() (string, error) {
		if pending != nil {
			p := *pending
			pending = nil
			return "", p.err
		}
		first, ok := <-lines
		if !ok {
			return "", io.EOF
		}
		if first.err != nil {
			return first.line, first.err
		}
		msg := []string{first.line}
		size := len(first.line)
		timer := time.NewTimer(t.paste)
		defer timer.Stop()
		for {
			select {
			case g, ok := <-lines:
				if !ok {
					return strings.Join(msg, "\n"), nil
				}
				if g.line != "" || g.err == nil {
					if size += len(g.line) + 1; size <= maxTerminalLine {
						msg = append(msg, g.line)
					}
				}
				if g.err != nil {
					pending = &g
					return strings.TrimRight(strings.Join(msg, "\n"), "\n"), nil
				}
				timer.Reset(t.paste)
			case <-timer.C:
				return strings.TrimRight(strings.Join(msg, "\n"), "\n"), nil
			case <-ctx.Done():
				return "", io.EOF
			}
		}
	}
}

// readLine reads up to a newline, keeping at most max bytes of it.
func readLine(r *bufio.Reader, max int) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := r.ReadLine()
		if b.Len() < max {
			if room := max - b.Len(); len(chunk) > room {
				chunk = chunk[:room]
			}
			b.Write(chunk)
		}
		if err != nil {
			return b.String(), err
		}
		if !isPrefix {
			return b.String(), nil
		}
	}
}

// print writes replies and numbers their buttons across rows; it returns
// the buttons in that order.
func (t *Terminal) print(replies []dialog.Reply) []dialog.Button {
	var all []dialog.Button
	for _, rep := range replies {
		fmt.Fprintln(t.out, rep.Text)
		var lines []string
		lines, all = numberedRows(rep.Buttons, all)
		for _, l := range lines {
			fmt.Fprintln(t.out, l)
		}
		fmt.Fprintln(t.out)
	}
	return all
}
