//go:build !gongyou_check

package dialog

// Temporary stand-in while the checker is being written: the check flow
// answers that it is not available.

type knowledgeHandle = any

type lastCheck struct{}

func (t *turn) wantsCheck(string) bool { return false }

func (t *turn) askOffer() ([]Reply, error) {
	t.reset()
	return []Reply{{Text: t.T("soon.check"), Buttons: [][]Button{{t.btn("menu.back", cbMenu)}}}}, nil
}

func (t *turn) checkText(string) ([]Reply, error) { return t.askOffer() }

func (t *turn) onCheckButton(string) ([]Reply, error) { return t.stale() }
