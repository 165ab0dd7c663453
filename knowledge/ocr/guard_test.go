package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

func pngOf(w, h int) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}

// pngHeader is a PNG that declares w×h and holds no pixels: what a
// decompression bomb looks like to DecodeConfig.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func gifOf(frames int) []byte {
	g := &gif.GIF{}
	for i := 0; i < frames; i++ {
		p := image.NewPaletted(image.Rect(0, 0, 64, 64), palette.Plan9)
		p.Set(i, i, color.Black)
		g.Image = append(g.Image, p)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	_ = gif.EncodeAll(&b, g)
	return b.Bytes()
}

func jpegOf(w, h int) []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h)), nil)
	return b.Bytes()
}

func TestCheckRefusesBadImages(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error // nil: accepted
	}{
		{"png", pngOf(720, 1280), nil},
		{"jpeg", jpegOf(1080, 1920), nil},
		{"still gif", gifOf(1), nil},
		{"empty", nil, ErrNotImage},
		{"corrupt", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xAB}, 300)...), ErrNotImage},
		{"zip renamed .jpg", append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), bytes.Repeat([]byte{1}, 200)...), ErrNotImage},
		{"text file", []byte("交500押金，这是文字不是图片"), ErrNotImage},
		{"1×100000", pngOf(1, 100000), ErrBadSize},
		{"decompression bomb", pngHeader(100000, 100000), ErrTooLarge},
		{"bomb, 2^31 wide", pngHeader(1<<31-1, 1), ErrTooLarge},
		{"21 megapixels", pngHeader(5000, 4200), ErrTooLarge},
		{"tiny", pngOf(8, 8), ErrBadSize},
		{"animated gif", gifOf(3), ErrAnimated},
		{"over 10 MB", append(pngOf(16, 16), make([]byte, MaxBytes)...), ErrTooLarge},
	}
	for _, c := range cases {
		_, err := Check(c.data)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: Check = %v, want %v", c.name, err, c.want)
		}
	}
}

// A header that passes but pixels that do not match it is refused too.
func TestDecodeTruncated(t *testing.T) {
	full := jpegOf(800, 600)
	if _, _, err := Decode(full[:len(full)/3]); !errors.Is(err, ErrNotImage) {
		t.Errorf("truncated JPEG: %v", err)
	}
	if _, _, err := Decode(pngHeader(1000, 1000)); !errors.Is(err, ErrNotImage) {
		t.Errorf("PNG with no pixels: %v", err)
	}
}

// FuzzImageGuard: whatever the bytes, the intake guard and the decoder
// behind it never panic, and what they accept is within the limits.
//
//	go test ./knowledge/ocr -run '^$' -fuzz FuzzImageGuard -fuzztime 60s
func FuzzImageGuard(f *testing.F) {
	for _, s := range [][]byte{pngOf(32, 32), jpegOf(40, 30), gifOf(1), gifOf(2), pngHeader(100000, 100000),
		pngHeader(1, 100000), []byte("PK\x03\x04"), []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), []byte("GIF89a")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Check(data)
		if err != nil {
			return
		}
		if in.Width*in.Height > MaxPixels || in.Width > MaxSide || in.Height > MaxSide {
			t.Fatalf("accepted %d×%d", in.Width, in.Height)
		}
		img, _, err := Decode(data)
		if err != nil {
			return
		}
		g := Prep{}.Gray(img)
		if b := g.Bounds(); b.Dx()*b.Dy() > maxWorkPixels+maxWorkPixels/10 {
			t.Fatalf("preprocessed to %v", b)
		}
	})
}
