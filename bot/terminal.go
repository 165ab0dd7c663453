package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/dialog"
)

// Terminal runs the dialog engine in a terminal: replies are printed,
// buttons are numbered, and typing a number presses that button (or the
// button labelled with exactly what was typed). It reads
// from any io.Reader, so scripts can pipe a conversation in.
type Terminal struct {
	h      Handler
	in     io.Reader
	out    io.Writer
	userID int64
	lang   string
}

// NewTerminal builds a terminal chat for one local user.
func NewTerminal(h Handler, in io.Reader, out io.Writer, userID int64, lang string) *Terminal {
	return &Terminal{h: h, in: in, out: out, userID: userID, lang: lang}
}

// maxTerminalLine bounds one input line (a pasted offer can be long).
const maxTerminalLine = 1 << 20

// Run starts the conversation with /start and then reads one line per
// turn until EOF, "/quit" or ctx is done.
func (t *Terminal) Run(ctx context.Context) error {
	var buttons []dialog.Button
	turn := func(ev dialog.Event) error {
		ev.UserID, ev.ChatID, ev.Lang = t.userID, t.userID, t.lang
		replies, err := t.h.Handle(ctx, ev)
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

// pressed finds the button typed input means: a button whose label is
// exactly the input (a results page labels its postings "6" to "9"), else
// the button with that number in the printed list.
func pressed(buttons []dialog.Button, input string) (dialog.Button, bool) {
	for _, b := range buttons {
		if b.Label == input {
			return b, true
		}
	}
	if n, err := strconv.Atoi(input); err == nil && n >= 1 && n <= len(buttons) {
		return buttons[n-1], true
	}
	return dialog.Button{}, false
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
		for _, row := range rep.Buttons {
			labels := make([]string, 0, len(row))
			for _, b := range row {
				all = append(all, b)
				labels = append(labels, fmt.Sprintf("%d) %s", len(all), b.Label))
			}
			fmt.Fprintln(t.out, "   "+strings.Join(labels, "   "))
		}
		fmt.Fprintln(t.out)
	}
	return all
}
