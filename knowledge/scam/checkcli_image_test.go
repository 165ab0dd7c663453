package scam_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/ocr/shot"
	"github.com/gongyou/gongyou/knowledge/scam"
)

func TestCheckImageCLI(t *testing.T) {
	r := ocr.New(ocr.Config{})
	if !r.Available() {
		t.Skipf("OCR unavailable (%s): apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng", r.Why())
	}
	f, err := shot.LoadFont()
	if err != nil {
		t.Skip(err.Error())
	}
	dir := t.TempDir()
	text := "入职前需要先交500元押金和300元体检费，转到我个人微信，名额有限今天必须交。"
	img := filepath.Join(dir, "chat.jpg")
	if err := os.WriteFile(img, f.Render(text, shot.Style{Width: 1080, Chat: true, JPEGQual: 80}), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "notes.jpg")
	os.WriteFile(bad, []byte("PK\x03\x04 a zip renamed"), 0o644)

	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := scam.CheckCLI{OCR: r}.Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, out, _ := run("", "--json", "--image", img)
	var v struct {
		Risk    string  `json:"risk"`
		OCRText *string `json:"ocr_text"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.OCRText == nil {
		t.Fatalf("check --image: code %d, %s", code, out)
	}
	if v.Risk != "high" || !strings.Contains(*v.OCRText, "押金") {
		t.Errorf("risk %s, read %q", v.Risk, *v.OCRText)
	}
	if code, _, stderr := run("", "--image", bad); code != 1 || !strings.Contains(stderr, "not a PNG") {
		t.Errorf("a zip renamed .jpg: code %d, %s", code, stderr)
	}
	in := `{"id":1,"image":"` + img + `"}` + "\n" + `{"id":2,"image":"` + bad + `"}` + "\n" + `{"id":3,"text":"交500押金"}` + "\n"
	code, out, _ = run(in, "--batch")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.Contains(lines[0], `"ocr_text"`) || !strings.Contains(lines[1], `"error"`) || strings.Contains(lines[2], "ocr_text") {
		t.Errorf("batch: code %d\n%s", code, out)
	}
}
