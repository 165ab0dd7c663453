// Package shot renders the project's own labelled texts as phone
// screenshots — chat bubbles and plain ads — for the OCR tests and
// measurements. Nothing third-party is shipped: the texts are the
// project's (knowledge/scam/testdata/sets) and the font is loaded at run
// time from a Debian package (fonts-noto-cjk; see FontPaths).
package shot

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// FontPaths are where Debian puts the CJK fonts this package tries, in
// order. fonts-noto-cjk first: golang.org/x/image/font/sfnt cannot read
// Debian's wqy-zenhei.ttc ("invalid table offset"), which is tried anyway.
var FontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",    // fonts-noto-cjk
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",              // fonts-wqy-zenhei
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",            // fonts-wqy-microhei
	"/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",  // older fonts-noto-cjk
	"/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",    // some derivatives
	"/usr/share/fonts/truetype/arphic/uming.ttc",                // fonts-arphic-uming
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", // fonts-droid-fallback
}

// ErrNoFont: none of FontPaths is installed.
var ErrNoFont = errors.New("shot: no CJK font this package can read (apt-get install fonts-noto-cjk)")

// Font is a loaded CJK font.
type Font struct {
	Path string
	f    *opentype.Font
}

// LoadFont loads the first CJK font of FontPaths that is installed.
func LoadFont() (*Font, error) {
	for _, p := range FontPaths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		c, err := opentype.ParseCollection(b)
		if err != nil {
			continue
		}
		f, err := c.Font(0)
		if err != nil {
			continue
		}
		return &Font{Path: p, f: f}, nil
	}
	return nil, ErrNoFont
}

func (f *Font) face(px float64) font.Face {
	face, err := opentype.NewFace(f.f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only for invalid options
	}
	return face
}

// Style is how a screenshot looks.
type Style struct {
	Width    int     // phone width in pixels: 720, 1080, 1440
	Chat     bool    // chat bubbles (else a plain ad page)
	Dark     bool    // dark mode
	Scale    float64 // text size relative to the width's usual size (0: 1)
	Noise    float64 // amplitude of added grey noise (0: none)
	Seed     uint64
	JPEGQual int // 0: PNG
}

var (
	bgChat    = color.RGBA{0xED, 0xED, 0xED, 0xFF}
	bubbleIn  = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	bubbleOut = color.RGBA{0x95, 0xEC, 0x69, 0xFF} // WeChat's green
	ink       = color.RGBA{0x19, 0x19, 0x19, 0xFF}
	darkBg    = color.RGBA{0x11, 0x11, 0x11, 0xFF}
	darkIn    = color.RGBA{0x2C, 0x2C, 0x2C, 0xFF}
	darkOut   = color.RGBA{0x3E, 0xB5, 0x75, 0xFF}
	darkInk   = color.RGBA{0xD5, 0xD5, 0xD5, 0xFF}
)

// Messages splits a text into chat messages: at line breaks, after
// sentence-final punctuation and at the spaces of a typed text, grouped
// into messages of at most about 40 characters.
func Messages(text string) []string {
	var parts []string
	var cur []rune
	cut := func() {
		if s := strings.TrimSpace(string(cur)); s != "" {
			parts = append(parts, s)
		}
		cur = cur[:0]
	}
	for _, r := range text {
		switch {
		case r == '\n':
			cut()
		case r == ' ' && len(cur) > 0 && isHan(cur[len(cur)-1]):
			cut()
		default:
			cur = append(cur, r)
			if strings.ContainsRune("。！？!?；", r) {
				cut()
			}
		}
	}
	cut()
	var msgs []string
	for _, p := range parts {
		if n := len(msgs); n > 0 && utf8.RuneCountInString(msgs[n-1])+utf8.RuneCountInString(p) <= 40 {
			sep := ""
			if l, f := lastRune(msgs[n-1]), firstRune(p); l < 0x80 && f < 0x80 {
				sep = " "
			}
			msgs[n-1] += sep + p
			continue
		}
		msgs = append(msgs, p)
	}
	return msgs
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// Render draws text as a screenshot in style st and encodes it (PNG, or
// JPEG at st.JPEGQual).
func (f *Font) Render(text string, st Style) []byte {
	img := f.Draw(text, st)
	var b bytes.Buffer
	if st.JPEGQual > 0 {
		_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: st.JPEGQual})
	} else {
		_ = png.Encode(&b, img)
	}
	return b.Bytes()
}

// Draw draws text as a screenshot in style st.
func (f *Font) Draw(text string, st Style) *image.RGBA {
	w := st.Width
	if w == 0 {
		w = 1080
	}
	sc := st.Scale
	if sc == 0 {
		sc = 1
	}
	px := float64(w) / 1080 * 44 * sc // WeChat's body text on a 1080-wide phone
	face := f.face(px)
	defer face.Close()
	lineH := int(px * 1.45)
	pad := int(px * 0.6)
	margin := w / 30
	maxText := w*68/100 - 2*pad
	if !st.Chat {
		maxText = w - 2*margin - 2*pad
	}
	type block struct {
		lines []string
		right bool
		width int
	}
	var blocks []block
	msgs := []string{text}
	if st.Chat {
		msgs = Messages(text)
	} else {
		msgs = strings.Split(text, "\n")
	}
	right := false
	for i, m := range msgs {
		lines := wrap(face, m, maxText)
		bw := 0
		for _, l := range lines {
			bw = max(bw, font.MeasureString(face, l).Ceil())
		}
		blocks = append(blocks, block{lines: lines, right: right, width: bw})
		if st.Chat && (i%2 == 1 || len(lines) > 2) {
			right = !right
		}
	}
	top := lineH * 2 // status bar and title
	h := top + lineH
	for _, b := range blocks {
		h += len(b.lines)*lineH + 2*pad + pad
	}
	h = max(h, w*16/9)
	bg, inBg, outBg, fg := bgChat, bubbleIn, bubbleOut, ink
	if !st.Chat {
		bg, inBg, outBg = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	if st.Dark {
		bg, inBg, outBg, fg = darkBg, darkIn, darkOut, darkInk
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	// a status bar: clock and battery, as on a real screenshot
	small := f.face(px * 0.7)
	defer small.Close()
	sd := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: small,
		Dot: fixed.P(margin, int(px))}
	sd.DrawString("9:41")
	sd.Dot = fixed.P(w-margin-int(px*2.5), int(px))
	sd.DrawString("87%")
	y := top
	for _, b := range blocks {
		bh := len(b.lines)*lineH + 2*pad
		x0 := margin + int(px*1.6) // room for an avatar
		fill := inBg
		if b.right {
			x0 = w - margin - int(px*1.6) - b.width - 2*pad
			fill = outBg
		}
		if st.Chat {
			ax := margin
			if b.right {
				ax = w - margin - int(px*1.3)
			}
			draw.Draw(img, image.Rect(ax, y, ax+int(px*1.3), y+int(px*1.3)), image.NewUniform(color.RGBA{0x8A, 0x9B, 0xB0, 0xFF}), image.Point{}, draw.Src)
			draw.Draw(img, image.Rect(x0, y, x0+b.width+2*pad, y+bh), image.NewUniform(fill), image.Point{}, draw.Src)
		} else {
			x0 = margin
		}
		for i, l := range b.lines {
			d.Dot = fixed.P(x0+pad, y+pad+i*lineH+int(px*1.05))
			d.DrawString(l)
		}
		y += bh + pad
	}
	if st.Noise > 0 {
		rng := rand.New(rand.NewPCG(st.Seed, 7))
		for i := 0; i < len(img.Pix); i += 4 {
			n := int((rng.Float64()*2 - 1) * st.Noise)
			for c := 0; c < 3; c++ {
				img.Pix[i+c] = uint8(min(max(int(img.Pix[i+c])+n, 0), 255))
			}
		}
	}
	return img
}

// wrap breaks s into lines of at most maxW pixels: between any two Chinese
// characters, at spaces between Latin words.
func wrap(face font.Face, s string, maxW int) []string {
	var lines []string
	var cur []rune
	width := func(rs []rune) int { return font.MeasureString(face, string(rs)).Ceil() }
	for _, r := range s {
		cur = append(cur, r)
		if width(cur) <= maxW {
			continue
		}
		// break before r; for a Latin word, at its last space
		cut := len(cur) - 1
		if !isHan(r) && r != ' ' {
			if i := lastSpace(cur[:cut]); i > 0 {
				cut = i + 1
			}
		}
		lines = append(lines, strings.TrimSpace(string(cur[:cut])))
		cur = append([]rune(nil), cur[cut:]...)
	}
	if s := strings.TrimSpace(string(cur)); s != "" {
		lines = append(lines, s)
	}
	return lines
}

func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == ' ' {
			return i
		}
		if isHan(rs[i]) {
			return -1
		}
	}
	return -1
}
