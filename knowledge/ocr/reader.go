package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// Config configures a Reader. The zero value is usable: tesseract from
// PATH, Chinese (English when an image is mostly Latin), one image per
// CPU, 20 s per image.
type Config struct {
	// Binary is the tesseract program: a name looked up in PATH or a path;
	// "" means "tesseract", "off" turns reading off.
	Binary string
	// Langs are tesseract's languages (-l); "" means "chi_sim". (chi_sim
	// reads Latin letters and digits too; "chi_sim+eng" makes tesseract
	// read whole Chinese lines as English gibberish.) An image read as
	// mostly Latin letters is read again with "eng" when it is installed.
	Langs string
	// Workers is the number of images read at once; 0 means the CPUs.
	Workers int
	// Timeout bounds one image: the wait for a free worker is bounded by
	// the caller's context, decoding and tesseract by Timeout (0: 20 s).
	Timeout time.Duration
	// Prep is the preprocessing (grey, contrast, scale; threshold).
	Prep Prep
}

// Result is the text read from one image.
type Result struct {
	Text     string        // cleaned up (Cleanup): what the checker gets
	Raw      string        // tesseract's output as it came
	Info     Info          // the image's format and size
	Duration time.Duration // decoding, preprocessing and tesseract
}

// Reader reads the text in images with the tesseract command-line program,
// at most Workers images at once, and at most decodeBudget bytes of
// decoded pixels at once whatever their number (memory stays bounded
// however large the images within the limits of Check). Safe for
// concurrent use.
type Reader struct {
	bin     string // resolved path; "" when unavailable
	langs   string
	latin   string // "eng" when installed: the second reading of a Latin text
	timeout time.Duration
	prep    Prep
	slots   chan struct{}
	pixels  *semaphore.Weighted
	why     string // why it is unavailable
	want    string // Config.Binary
	once    sync.Once
}

// decodeBudget bounds the decoded pixels held at once (bytes, estimated
// from the header: decoded image and its grey copy): three 1080×2400
// screenshots at a time; an image over the budget waits until it is alone.
const decodeBudget = 48 << 20

// New makes a Reader. It never fails and starts nothing: tesseract and
// its language data are looked for on first use (Available, Read). Without
// them the Reader is unavailable and every Read returns ErrUnavailable, so
// the chat can say it cannot read images here.
func New(cfg Config) *Reader {
	r := &Reader{langs: cfg.Langs, timeout: cfg.Timeout, prep: cfg.Prep, pixels: semaphore.NewWeighted(decodeBudget), want: cfg.Binary}
	if r.langs == "" {
		r.langs = "chi_sim"
	}
	if r.timeout <= 0 {
		r.timeout = 20 * time.Second
	}
	n := cfg.Workers
	if n <= 0 {
		n = runtime.NumCPU()
	}
	r.slots = make(chan struct{}, n)
	return r
}

// probe finds tesseract and its languages (once).
func (r *Reader) probe() {
	bin := r.want
	if bin == "" {
		bin = "tesseract"
	}
	if bin == "off" {
		r.why = "turned off"
		return
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		r.why = bin + " not found"
		return
	}
	if missing := missingLangs(path, r.langs); missing != "" {
		r.why = "tesseract language data missing: " + missing
		return
	}
	r.bin = path
	if r.langs != "eng" && missingLangs(path, "eng") == "" {
		r.latin = "eng"
	}
}

// Available reports whether images can be read here.
func (r *Reader) Available() bool {
	if r == nil {
		return false
	}
	r.once.Do(r.probe)
	return r.bin != ""
}

// Why says why the Reader is unavailable ("" when it is available).
func (r *Reader) Why() string {
	if r == nil {
		return "no reader"
	}
	r.once.Do(r.probe)
	return r.why
}

// Workers is the number of images read at once.
func (r *Reader) Workers() int { return cap(r.slots) }

var langCache sync.Map // path+langs → missing langs

// missingLangs asks tesseract which languages it has (once per binary).
func missingLangs(bin, langs string) string {
	key := bin + "\x00" + langs
	if v, ok := langCache.Load(key); ok {
		return v.(string)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--list-langs").CombinedOutput()
	if err != nil {
		return "tesseract --list-langs failed"
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	var miss []string
	for _, l := range strings.Split(langs, "+") {
		if !have[l] {
			miss = append(miss, l)
		}
	}
	s := strings.Join(miss, "+")
	langCache.Store(key, s)
	return s
}

// Read reads the text in one image (PNG, JPEG, WebP or a still GIF). The
// header is checked first (Check): a refused image costs no decoding and
// no worker. Then it waits for a free worker (bounded by ctx: ErrBusy when
// ctx ends first), decodes, preprocesses and runs tesseract within the
// Reader's timeout (ErrTimeout). The image is never written to disk: it
// goes to tesseract's standard input, and nothing of it is kept.
func (r *Reader) Read(ctx context.Context, data []byte) (Result, error) {
	if !r.Available() {
		return Result{}, ErrUnavailable
	}
	in, err := Check(data)
	if err != nil {
		return Result{Info: in}, err
	}
	select {
	case r.slots <- struct{}{}:
	case <-ctx.Done():
		return Result{Info: in}, ErrBusy
	}
	defer func() { <-r.slots }()
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()

	img, err := r.gray(ctx, data, in)
	if err != nil {
		return Result{Info: in}, err
	}
	pix := pgm(img)
	raw, err := r.tesseract(ctx, pix, r.langs)
	if err != nil {
		return Result{Info: in}, err
	}
	if r.latin != "" && mostlyLatin(raw) {
		if en, err := r.tesseract(ctx, pix, r.latin); err == nil {
			raw = en
		}
	}
	return Result{Text: Cleanup(raw), Raw: raw, Info: in, Duration: time.Since(start)}, nil
}

// gray decodes and preprocesses within the decoded-pixel budget.
func (r *Reader) gray(ctx context.Context, data []byte, in Info) (*image.Gray, error) {
	need := min(int64(in.Width)*int64(in.Height)*in.bpp, decodeBudget)
	if err := r.pixels.Acquire(ctx, need); err != nil {
		return nil, ErrTimeout
	}
	defer r.pixels.Release(need)
	img, _, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return r.prep.Gray(img), nil
}

// maxOutput bounds what is read of tesseract's output.
const maxOutput = 256 << 10

// mostlyLatin: at least 20 Latin letters and four times as many as Chinese
// characters (an English ad read with the Chinese model).
func mostlyLatin(s string) bool {
	var han, latin int
	for _, c := range s {
		switch {
		case c >= 0x4e00 && c <= 0x9fff:
			han++
		case c < 0x80 && (c|0x20) >= 'a' && (c|0x20) <= 'z':
			latin++
		}
	}
	return latin >= 20 && latin > 4*han
}

func (r *Reader) tesseract(ctx context.Context, img []byte, langs string) (string, error) {
	// --psm 4: one column of text of variable sizes (chat bubbles, an ad).
	cmd := exec.CommandContext(ctx, r.bin, "stdin", "stdout", "-l", langs, "--psm", "4", "--oem", "1",
		"-c", "preserve_interword_spaces=1")
	cmd.Stdin = bytes.NewReader(img)
	var out, errb limitedBuffer
	out.max, errb.max = maxOutput, 4<<10
	cmd.Stdout, cmd.Stderr = &out, &errb
	// One thread per tesseract: Workers processes already use the CPUs.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", ErrTimeout
	}
	if err != nil {
		return "", fmt.Errorf("ocr: tesseract: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// IsRefused reports whether err is about the image itself (the worker
// should send another one or the text), not about this server.
func IsRefused(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, ErrNotImage) || errors.Is(err, ErrAnimated) || errors.Is(err, ErrBadSize)
}
