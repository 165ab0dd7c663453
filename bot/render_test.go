package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// Buttons are checked against the channel's layout (here Telegram's) and
// become an inline keyboard.
func TestKeyboardValidation(t *testing.T) {
	r := renderer{lay: telegramLayout, m: NewMetrics().forChannel(telegramName)}
	log := testLogger(t)
	kbOf := func(rows [][]dialog.Button) *models.InlineKeyboardMarkup { return keyboard(r.buttons(log, rows)) }
	if kb := kbOf(nil); kb != nil {
		t.Errorf("no buttons: %+v", kb)
	}
	if kb := kbOf([][]dialog.Button{{{Label: "x", Data: strings.Repeat("d", 65)}}}); kb != nil {
		t.Errorf("only a bad button: %+v", kb)
	}
	var big []dialog.Button
	for i := range 120 {
		big = append(big, dialog.Button{Label: fmt.Sprint(i), Data: fmt.Sprint(i)})
	}
	kb := kbOf([][]dialog.Button{
		{{Label: strings.Repeat("长", 100), Data: strings.Repeat("d", 64)}, {Label: "bad", Data: strings.Repeat("数", 22)}},
		big,
	})
	rows := kb.InlineKeyboard
	if len(rows[0]) != 1 || UTF16Len(rows[0][0].Text) != maxButtonUnits || len(rows[0][0].CallbackData) != 64 {
		t.Errorf("first row = %+v; want the 64-byte button kept, its label cut, the 66-byte one dropped", rows[0])
	}
	total := 0
	for _, r := range rows {
		if len(r) > maxButtonsPerRow {
			t.Errorf("row of %d", len(r))
		}
		total += len(r)
	}
	if total != maxButtons {
		t.Errorf("%d buttons, want the cap %d", total, maxButtons)
	}
}
