package scam

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/gongyou/gongyou/knowledge/cli"
	"github.com/gongyou/gongyou/knowledge/ocr"
)

// `gongyou check --image FILE` and batch lines {"id","image":"PATH"}: the
// screenshot is read with tesseract (knowledge/ocr: the same guard,
// preprocessing and cleanup as the chat) and its text checked like pasted
// text; the output adds "ocr_text". An image that cannot be read is an
// error: exit 1 with a message (with --json, {"error":…}), or the line's
// {"id","error"} in a batch.

var defaultOCR = sync.OnceValue(func() *ocr.Reader { return ocr.New(ocr.Config{}) })

func (c CheckCLI) reader() *ocr.Reader {
	if c.OCR != nil {
		return c.OCR
	}
	return defaultOCR()
}

// readImage reads the screenshot at path and returns the text read.
func (c CheckCLI) readImage(ctx context.Context, path string) (string, error) {
	r := c.reader()
	if !r.Available() {
		return "", fmt.Errorf("cannot read images here: %s (apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)", r.Why())
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > ocr.MaxBytes {
		return "", fmt.Errorf("%s: %w: %d bytes (at most %d)", path, ocr.ErrTooLarge, st.Size(), ocr.MaxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, ocr.MaxBytes+1))
	if err != nil {
		return "", err
	}
	res, err := r.Read(ctx, data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return res.Text, nil
}

func (c CheckCLI) runImage(ctx context.Context, o cli.Options, stdout, stderr io.Writer) int {
	text, err := c.readImage(ctx, o.Image)
	if err != nil {
		if o.JSON {
			b, _ := json.Marshal(map[string]string{"error": err.Error()})
			fmt.Fprintf(stdout, "%s\n", b)
		}
		fmt.Fprintf(stderr, "gongyou check --image: %v\n", err)
		return 1
	}
	return c.print(ctx, o, text, &text, stdout, stderr)
}
