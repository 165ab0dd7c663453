package bot

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongyou/gongyou/dialog"
)

// layout is what a channel accepts in one message. Zero fields mean no limit.
type layout struct {
	maxUnits   int // message text, UTF-16 code units
	labelUnits int // one button label, UTF-16 code units
	perRow     int // buttons in one row; a longer row wraps
	maxButtons int // buttons in one message; the rest are dropped
}

// message is one message as a channel sends it: plain text within the
// channel's limit and, on the last message of a reply, the reply's buttons.
type message struct {
	text    string
	buttons [][]dialog.Button
}

// renderer turns dialog replies into a channel's messages. It never
// changes what the engine wrote beyond cutting it to fit; what it must drop
// it counts (stage render) and logs.
type renderer struct {
	lay layout
	m   *channelMetrics
}

// messages renders one reply: invalid UTF-8 replaced, the text split at
// lay.maxUnits (blank parts dropped: channels reject a blank message), the
// buttons checked and laid out on the last part. A reply without text
// yields no message and an error.
func (r renderer) messages(log *slog.Logger, rep dialog.Reply) ([]message, error) {
	buttons := r.buttons(log, rep.Buttons)
	text := strings.ToValidUTF8(rep.Text, "\uFFFD")
	parts := []string{text}
	if r.lay.maxUnits > 0 {
		parts = SplitText(text, r.lay.maxUnits)
	}
	var out []message
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, message{text: p})
		}
	}
	if len(out) == 0 {
		r.m.updateErrors.WithLabelValues(stageRender).Inc()
		log.Error("reply without text dropped", "buttons", buttons != nil)
		return nil, fmt.Errorf("bot: reply without text")
	}
	out[len(out)-1].buttons = buttons
	return out, nil
}

// buttons checks button rows against the layout: buttons without a label
// or with callback data outside 1-64 bytes are dropped (a truncated code
// could mean another action), labels are cut to lay.labelUnits, rows wrap
// at lay.perRow, at most lay.maxButtons in all. No buttons is nil.
func (r renderer) buttons(log *slog.Logger, rows [][]dialog.Button) [][]dialog.Button {
	var out [][]dialog.Button
	total := 0
	for _, row := range rows {
		var cur []dialog.Button
		for _, b := range row {
			label := strings.TrimSpace(strings.ToValidUTF8(b.Label, "\uFFFD"))
			if r.lay.labelUnits > 0 {
				label = truncateUTF16(label, r.lay.labelUnits)
			}
			if label == "" || b.Data == "" || len(b.Data) > dialog.MaxCallbackData || !utf8.ValidString(b.Data) {
				r.m.updateErrors.WithLabelValues(stageRender).Inc()
				log.Error("button dropped: empty label or callback data not 1-64 bytes",
					"label", b.Label, "data_bytes", len(b.Data))
				continue
			}
			if r.lay.maxButtons > 0 && total == r.lay.maxButtons {
				r.m.updateErrors.WithLabelValues(stageRender).Inc()
				log.Error("keyboard cut at the button limit", "limit", r.lay.maxButtons)
				break
			}
			cur = append(cur, dialog.Button{Label: label, Data: b.Data})
			total++
			if r.lay.perRow > 0 && len(cur) == r.lay.perRow {
				out = append(out, cur)
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

// Channels without tappable buttons (the terminal; WeChat text replies)
// show choices as numbered lines and read a typed number as a press: only
// the choices of the last turn count.

// numberedRows renders button rows as lines "   1) 中文   2) English",
// numbering on after the buttons already in shown; it returns the lines and
// shown with these buttons appended, in numbering order.
func numberedRows(rows [][]dialog.Button, shown []dialog.Button) ([]string, []dialog.Button) {
	var lines []string
	for _, row := range rows {
		labels := make([]string, 0, len(row))
		for _, b := range row {
			shown = append(shown, b)
			labels = append(labels, strconv.Itoa(len(shown))+") "+b.Label)
		}
		lines = append(lines, "   "+strings.Join(labels, "   "))
	}
	return lines, shown
}

// pressed finds the button typed input means: a button whose label is
// exactly the input (a results page labels its postings "6" to "9"), else
// the button with that number among those shown.
func pressed(shown []dialog.Button, input string) (dialog.Button, bool) {
	for _, b := range shown {
		if b.Label == input {
			return b, true
		}
	}
	if n, err := strconv.Atoi(input); err == nil && n >= 1 && n <= len(shown) {
		return shown[n-1], true
	}
	return dialog.Button{}, false
}
