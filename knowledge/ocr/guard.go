package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // registers GIF (a still GIF is read; an animated one is refused)
	_ "image/jpeg" // registers JPEG with image.Decode / DecodeConfig
	_ "image/png"  // registers PNG

	_ "golang.org/x/image/webp" // registers WebP
)

// Limits of one image, checked before anything is decoded.
const (
	MaxBytes  = 10 << 20   // 10 MB: larger files are refused unread
	MaxPixels = 20_000_000 // 20 megapixels (width × height in the header)
	// MaxSide bounds one side: a 1×100000 strip is under MaxPixels but is
	// no screenshot, and a very long side makes tesseract slow.
	MaxSide = 16_384
	// MinSide: anything smaller cannot hold a line of text.
	MinSide = 16
)

// The reasons an image is not read. Each is answered in the chat with its
// own short message (dialog catalogue "img.*").
var (
	ErrUnavailable = errors.New("ocr: no OCR engine here (tesseract not installed)")
	ErrTooLarge    = errors.New("ocr: image too large")
	ErrNotImage    = errors.New("ocr: not a PNG, JPEG, WebP or GIF image")
	ErrAnimated    = errors.New("ocr: animated image")
	ErrBadSize     = errors.New("ocr: image dimensions out of range")
	ErrTimeout     = errors.New("ocr: reading the image took too long")
	ErrBusy        = errors.New("ocr: too many images at once")
)

// Info is what the header says about an image.
type Info struct {
	Format        string // "png", "jpeg", "webp", "gif"
	Width, Height int
	bpp           int64 // decoded bytes a pixel, and the grey copy
}

// bytesPerPixel estimates the decoded size of a pixel (and its grey copy)
// from the header's colour model.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 2
	case color.Gray16Model:
		return 3
	case color.RGBA64Model, color.NRGBA64Model:
		return 9
	case color.YCbCrModel, color.CMYKModel:
		return 5
	}
	return 5
}

// Check reads only the header of data (image.DecodeConfig) and refuses,
// before any pixel is decoded: more than MaxBytes, an unknown or corrupt
// format, dimensions over MaxPixels or MaxSide or under MinSide (a
// decompression bomb declares huge dimensions in a small file), and an
// animated GIF. A nil error means Decode may allocate width×height pixels.
func Check(data []byte) (Info, error) {
	if len(data) > MaxBytes {
		return Info{}, fmt.Errorf("%w: %d bytes (at most %d)", ErrTooLarge, len(data), MaxBytes)
	}
	if len(data) == 0 {
		return Info{}, ErrNotImage
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	in := Info{Format: format, Width: cfg.Width, Height: cfg.Height, bpp: bytesPerPixel(cfg.ColorModel)}
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch {
	case w <= 0 || h <= 0:
		return in, fmt.Errorf("%w: %d×%d", ErrBadSize, w, h)
	case w*h > MaxPixels:
		return in, fmt.Errorf("%w: %d×%d is over %d pixels", ErrTooLarge, w, h, MaxPixels)
	case w > MaxSide || h > MaxSide || w < MinSide || h < MinSide:
		return in, fmt.Errorf("%w: %d×%d", ErrBadSize, w, h)
	}
	if format == "gif" {
		// An animated GIF is refused: which frame would be the message?
		// Frames are counted by walking the blocks, decoding nothing.
		if n, err := gifFrames(data); err != nil {
			return in, fmt.Errorf("%w: %v", ErrNotImage, err)
		} else if n > 1 {
			return in, ErrAnimated
		}
	}
	return in, nil
}

// Decode checks data (Check) and decodes it.
func Decode(data []byte) (image.Image, Info, error) {
	in, err := Check(data)
	if err != nil {
		return nil, in, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, in, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	b := img.Bounds()
	if b.Dx() != in.Width || b.Dy() != in.Height {
		return nil, in, fmt.Errorf("%w: header says %d×%d, pixels are %d×%d", ErrNotImage, in.Width, in.Height, b.Dx(), b.Dy())
	}
	return img, in, nil
}

// gifFrames counts the image descriptors of a GIF without decoding them.
func gifFrames(b []byte) (int, error) {
	bad := errors.New("truncated GIF")
	if len(b) < 13 {
		return 0, bad
	}
	i := 13
	if b[10]&0x80 != 0 { // global colour table
		i += 3 << (int(b[10]&7) + 1)
	}
	skipSub := func() bool { // data sub-blocks up to the 0 terminator
		for i < len(b) {
			n := int(b[i])
			i++
			if n == 0 {
				return true
			}
			i += n
		}
		return false
	}
	frames := 0
	for i < len(b) {
		switch b[i] {
		case 0x3B: // trailer
			return frames, nil
		case 0x21: // extension: label, sub-blocks
			i += 2
			if !skipSub() {
				return frames, bad
			}
		case 0x2C: // image descriptor
			if i+10 > len(b) {
				return frames, bad
			}
			frames++
			if frames > 1 {
				return frames, nil
			}
			flags := b[i+9]
			i += 10
			if flags&0x80 != 0 { // local colour table
				i += 3 << (int(flags&7) + 1)
			}
			i++ // LZW minimum code size
			if !skipSub() {
				return frames, bad
			}
		default:
			return frames, fmt.Errorf("unknown GIF block 0x%02x", b[i])
		}
	}
	return frames, nil
}
