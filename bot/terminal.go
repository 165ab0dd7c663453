package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

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
}

var _ Channel = (*Terminal)(nil)

const terminalName = "terminal"

// NewTerminal builds a terminal chat for one local user.
func NewTerminal(h Handler, in io.Reader, out io.Writer, userID int64, lang string) *Terminal {
	return &Terminal{
		turns: &turner{h: h, m: (*Metrics)(nil).forChannel(terminalName), log: slog.New(slog.DiscardHandler)},
		in:    in, out: out, userID: userID, lang: lang,
	}
}

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
	r := bufio.NewReaderSize(t.in, 64<<10)
	for {
		if ctx.Err() != nil {
			return nil
		}
		fmt.Fprint(t.out, "> ")
		line, err := readLine(r, maxTerminalLine)
		if errors.Is(err, io.EOF) && line == "" {
			fmt.Fprintln(t.out)
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("terminal: read: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "/quit" || line == "/exit" {
			return nil
		}
		ev := dialog.Event{Text: line}
		if b, ok := pressed(buttons, strings.TrimSpace(line)); ok {
			ev = dialog.Event{Callback: b.Data}
		}
		if err := turn(ev); err != nil && ctx.Err() != nil {
			return nil
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
