package ocr

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"strconv"
)

// Preprocessing before tesseract, in Go: grey scale, dark mode turned to
// dark-on-light, contrast stretched, text scaled to a size tesseract reads
// well, and an adaptive threshold. Chat screenshots are
// dark text on light bubbles (white, WeChat's green, Telegram's pale
// blue) over a grey background: after the stretch and the threshold the
// bubbles and the background are white and the text black.

// Target widths: a phone screenshot is 720–1440 px wide; below minWidth
// the text is small (a thumbnail, a cropped bubble) and is scaled up, at
// most maxUpscale times; above maxWidth it is scaled down (tesseract's time
// grows with the pixels and big glyphs gain nothing).
const (
	minWidth   = 900
	maxWidth   = 1000
	maxUpscale = 3
	// maxWorkPixels bounds the image handed to tesseract (time and memory).
	maxWorkPixels = 6_000_000
)

// Prep is the preprocessing of one image.
type Prep struct {
	NoThreshold bool // skip the adaptive threshold (tesseract binarises by itself)
}

// Gray turns img into the grey image tesseract gets.
func (p Prep) Gray(img image.Image) *image.Gray {
	g := toGray(img)
	if mean(g) < 110 { // dark mode: light text on dark bubbles
		invert(g)
	}
	stretch(g)
	g = rescale(g)
	if !p.NoThreshold {
		adaptive(g)
		dropBlobs(g)
	}
	return g
}

func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.Gray:
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+w], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		return g
	case *image.YCbCr: // JPEG: the luma plane is the grey image
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*g.Stride:y*g.Stride+w], m.Y[off:off+w])
		}
		return g
	case *image.RGBA:
		return fromRGBA(m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), w, h, false)
	case *image.NRGBA:
		return fromRGBA(m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), w, h, true)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Pix[y*g.Stride+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
		}
	}
	return g
}

// fromRGBA converts 8-bit RGBA rows to grey (ITU-R 601 luma), composing a
// transparent pixel over white (a PNG with an alpha channel).
func fromRGBA(pix []byte, stride, off, w, h int, nonPremul bool) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := pix[off+y*stride:]
		out := g.Pix[y*g.Stride:]
		for x := 0; x < w; x++ {
			r, gg, bb, a := int(row[4*x]), int(row[4*x+1]), int(row[4*x+2]), int(row[4*x+3])
			if nonPremul && a != 255 {
				r, gg, bb = r*a/255, gg*a/255, bb*a/255
			}
			l := (19595*r + 38470*gg + 7471*bb + 1<<15) >> 16
			l += 255 - a // over white
			if l > 255 {
				l = 255
			}
			out[x] = uint8(l)
		}
	}
	return g
}

func mean(g *image.Gray) int {
	var sum, n int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y += 4 {
		for x := 0; x < w; x += 4 {
			sum += int(g.Pix[y*g.Stride+x])
			n++
		}
	}
	if n == 0 {
		return 255
	}
	return sum / n
}

func invert(g *image.Gray) {
	for i := range g.Pix {
		g.Pix[i] = 255 - g.Pix[i]
	}
}

func histogram(g *image.Gray) (h [256]int, n int) {
	w, hh := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < hh; y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+w] {
			h[v]++
		}
	}
	return h, w * hh
}

// stretch maps the darkest 0.02 % (not a single speck; a short text may be under 1 % of a screenshot) to black and the 99.5th to white.
func stretch(g *image.Gray) {
	h, n := histogram(g)
	lo, hi := percentile(h, n, 0.0002), percentile(h, n, 0.995)
	if hi-lo < 16 || (lo == 0 && hi == 255) {
		return
	}
	var lut [256]uint8
	for v := range lut {
		x := (v - lo) * 255 / (hi - lo)
		lut[v] = uint8(min(max(x, 0), 255))
	}
	for i, v := range g.Pix {
		g.Pix[i] = lut[v]
	}
}

func percentile(h [256]int, n int, q float64) int {
	want := int(float64(n) * q)
	acc := 0
	for v, c := range h {
		acc += c
		if acc > want {
			return v
		}
	}
	return 255
}

// scaleFor is the factor that brings the width into [minWidth, maxWidth]
// (at most maxUpscale up) and the pixels under maxWorkPixels.
func scaleFor(w, h int) float64 {
	f := 1.0
	switch {
	case w < minWidth:
		f = min(float64(minWidth)/float64(w), maxUpscale)
	case w > maxWidth:
		f = float64(maxWidth) / float64(w)
	}
	if px := f * f * float64(w) * float64(h); px > maxWorkPixels {
		f *= math.Sqrt(maxWorkPixels / px)
	}
	return f
}

func rescale(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	f := scaleFor(w, h)
	if f > 0.97 && f < 1.03 {
		return g
	}
	nw, nh := max(int(float64(w)*f+0.5), 1), max(int(float64(h)*f+0.5), 1)
	return bilinear(g, nw, nh)
}

// bilinear resamples a grey image to nw×nh (fixed point, 8 fractional
// bits). Written for grey: x/image/draw's kernel scalers keep a float64
// RGBA buffer of the whole image (32 bytes a pixel), far more than the
// image itself.
func bilinear(g *image.Gray, nw, nh int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	x0s, fx := make([]int, nw), make([]int, nw)
	for x := 0; x < nw; x++ {
		sx := (float64(x)+0.5)*float64(w)/float64(nw) - 0.5
		sx = min(max(sx, 0), float64(w-1))
		x0s[x] = int(sx)
		fx[x] = int((sx - float64(int(sx))) * 256)
	}
	for y := 0; y < nh; y++ {
		sy := (float64(y)+0.5)*float64(h)/float64(nh) - 0.5
		sy = min(max(sy, 0), float64(h-1))
		y0 := int(sy)
		y1 := min(y0+1, h-1)
		fy := int((sy - float64(y0)) * 256)
		r0, r1 := g.Pix[y0*g.Stride:], g.Pix[y1*g.Stride:]
		dst := out.Pix[y*out.Stride:]
		for x := 0; x < nw; x++ {
			a := x0s[x]
			b := min(a+1, w-1)
			top := int(r0[a])*(256-fx[x]) + int(r0[b])*fx[x]
			bot := int(r1[a])*(256-fx[x]) + int(r1[b])*fx[x]
			dst[x] = uint8((top*(256-fy) + bot*fy + 1<<15) >> 16)
		}
	}
	return out
}

// adaptive binarises g against the mean of each pixel's neighbourhood
// (Bradley and Roth's method over an integral image): a pixel darker than
// its neighbourhood's mean by more than 15 % is ink, everything else paper.
// Unlike one global threshold it keeps dark text on any bubble colour
// (white, green, blue, a dark-mode bubble turned light).
func adaptive(g *image.Gray) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	sum := make([]uint32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row uint32
		for x := 0; x < w; x++ {
			row += uint32(g.Pix[y*g.Stride+x])
			sum[(y+1)*(w+1)+x+1] = sum[y*(w+1)+x+1] + row
		}
	}
	r := max(w/24, 8)
	for y := 0; y < h; y++ {
		y0, y1 := max(y-r, 0), min(y+r+1, h)
		for x := 0; x < w; x++ {
			x0, x1 := max(x-r, 0), min(x+r+1, w)
			n := uint32((x1 - x0) * (y1 - y0))
			s := sum[y1*(w+1)+x1] - sum[y0*(w+1)+x1] - sum[y1*(w+1)+x0] + sum[y0*(w+1)+x0]
			i := y*g.Stride + x
			if uint32(g.Pix[i])*n*100 < s*85 {
				g.Pix[i] = 0
			} else {
				g.Pix[i] = 255
			}
		}
	}
}

// dropBlobs whitens the black shapes that are not text: solid blocks
// (avatars, icons, a dark bar) and large frames (the rim of a bubble
// darker than the background, as in dark mode). A glyph is at most about
// a line high and never nearly solid.
func dropBlobs(g *image.Gray) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	seen := make([]bool, w*h)
	var stack, comp []int32
	maxW, maxH := w*45/100, w*8/100
	for start := 0; start < w*h; start++ {
		if seen[start] || g.Pix[(start/w)*g.Stride+start%w] != 0 {
			continue
		}
		comp = comp[:0]
		stack = append(stack[:0], int32(start))
		seen[start] = true
		x0, y0, x1, y1 := w, h, 0, 0
		for len(stack) > 0 {
			p := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			comp = append(comp, int32(p))
			x, y := p%w, p/w
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			for _, q := range [4][2]int{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}} {
				if q[0] < 0 || q[1] < 0 || q[0] >= w || q[1] >= h {
					continue
				}
				i := q[1]*w + q[0]
				if !seen[i] && g.Pix[q[1]*g.Stride+q[0]] == 0 {
					seen[i] = true
					stack = append(stack, int32(i))
				}
			}
		}
		bw, bh := x1-x0+1, y1-y0+1
		solid := len(comp) > 200 && len(comp)*100 > bw*bh*80
		frame := bw > maxW && bh > maxH
		if solid || frame {
			for _, p := range comp {
				g.Pix[(int(p)/w)*g.Stride+int(p)%w] = 255
			}
		}
	}
}

// pgm encodes g as a binary PGM (P5), which tesseract (leptonica) reads
// from standard input without any compression cost.
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var b bytes.Buffer
	b.Grow(w*h + 32)
	b.WriteString("P5\n" + strconv.Itoa(w) + " " + strconv.Itoa(h) + "\n255\n")
	for y := 0; y < h; y++ {
		b.Write(g.Pix[y*g.Stride : y*g.Stride+w])
	}
	return b.Bytes()
}
