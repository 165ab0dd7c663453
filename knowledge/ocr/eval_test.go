package ocr_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/ocr/shot"
	"github.com/gongyou/gongyou/knowledge/scam"
)

// setPath is the project's own hold-out set: written texts, labelled.
const setPath = "../scam/testdata/sets/holdout.jsonl"

// needOCR skips the test, saying why, without tesseract or a CJK font.
func needOCR(tb testing.TB) (*ocr.Reader, *shot.Font) {
	tb.Helper()
	r := ocr.New(ocr.Config{})
	if !r.Available() {
		tb.Skipf("OCR unavailable (%s): apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng", r.Why())
	}
	f, err := shot.LoadFont()
	if err != nil {
		tb.Skip(err.Error())
	}
	return r, f
}

func read(r *ocr.Reader) shot.ReadFunc {
	return func(ctx context.Context, img []byte) (string, error) {
		res, err := r.Read(ctx, img)
		return res.Text, err
	}
}

// TestScreenshots renders the project's own labelled texts as phone
// screenshots (chat bubbles and ads, 720–1440 px wide, JPEG, some noisy,
// some dark), reads them back and checks the character error rate and
// that the verdict on the image equals the verdict on the text.
// GONGYOU_OCR_N sets the number of texts (default 36; 0 = the whole set),
// GONGYOU_OCR_SET the set (default holdout; e.g. train_more).
func TestScreenshots(t *testing.T) {
	r, f := needOCR(t)
	path := setPath
	if s := os.Getenv("GONGYOU_OCR_SET"); s != "" {
		path = "../scam/testdata/sets/" + s + ".jsonl"
	}
	rows, err := shot.LoadRows(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 36
	if s := os.Getenv("GONGYOU_OCR_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	rows = shot.Sample(rows, n)
	seed, err := scam.SeedCases()
	if err != nil {
		t.Fatal(err)
	}
	ch := scam.NewChecker(seed)
	verdict := func(s string) string { return string(ch.Check(s).Risk) }
	rep := f.Eval(context.Background(), rows, r.Workers(), read(r), verdict)
	t.Logf("font %s", f.Path)
	t.Log(rep.String())
	for _, m := range rep.Worst {
		t.Logf("%s: verdict %s → %s, CER %.2f\n  text: %s\n  read: %s", m.ID, m.Want, m.Got, m.CER, m.Text, m.Read)
	}
	if rep.CER > 0.10 {
		t.Errorf("CER %.3f, want ≤ 0.10", rep.CER)
	}
	if float64(rep.Agree) < 0.9*float64(rep.N) {
		t.Errorf("verdict on image = verdict on text for %d of %d, want ≥ 90 %%", rep.Agree, rep.N)
	}
}
