package ocr_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/ocr/shot"
)

func TestReaderUnavailable(t *testing.T) {
	r := ocr.New(ocr.Config{Binary: "/nonexistent/tesseract"})
	if r.Available() || r.Why() == "" {
		t.Fatal("a missing tesseract reads as available")
	}
	if _, err := r.Read(context.Background(), []byte("x")); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Read: %v", err)
	}
	if off := ocr.New(ocr.Config{Binary: "off"}); off.Available() {
		t.Error("off is available")
	}
}

func readable(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// portrait is a stand-in for a photo of a person: smooth shading, an oval
// face, shoulders, JPEG-compressed. No text in it.
func portrait() []byte {
	const w, h = 900, 1200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(120 + 80*y/h), uint8(140 + 60*x/w), 200, 255}
			dx, dy := float64(x-450)/180, float64(y-450)/240
			if dx*dx+dy*dy < 1 {
				shade := uint8(200 - 40*math.Sqrt(dx*dx+dy*dy))
				c = color.RGBA{shade, uint8(float64(shade) * 0.8), uint8(float64(shade) * 0.65), 255}
			}
			if y > 800 && math.Abs(float64(x-450)) < float64(y-650) {
				c = color.RGBA{40, 50, 90, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return b.Bytes()
}

func blank() []byte {
	img := image.NewGray(image.Rect(0, 0, 1080, 1920))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// Pictures without text read as (almost) nothing: the chat then asks for
// the text instead of checking noise.
func TestReaderNoText(t *testing.T) {
	r, _ := needOCR(t)
	for name, data := range map[string][]byte{"blank screenshot": blank(), "photo of a person": portrait()} {
		res, err := r.Read(context.Background(), data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := readable(res.Text); n >= 6 {
			t.Errorf("%s: read %q (%d characters), want almost nothing", name, res.Text, n)
		}
	}
}

func TestReaderTimeLimit(t *testing.T) {
	_, f := needOCR(t)
	r := ocr.New(ocr.Config{Timeout: 5 * time.Millisecond})
	img := f.Render("入职前需要先交500元押金", shot.Style{Width: 1080, Chat: true})
	if _, err := r.Read(context.Background(), img); !errors.Is(err, ocr.ErrTimeout) {
		t.Errorf("5 ms limit: %v", err)
	}
	// Waiting for a free reader is bounded by the caller.
	one := ocr.New(ocr.Config{Workers: 1})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _, _ = one.Read(context.Background(), img) }()
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := one.Read(ctx, img); !errors.Is(err, ocr.ErrBusy) {
		t.Errorf("no free reader: %v", err)
	}
	wg.Wait()
}
