package dialog

import (
	"context"
	"errors"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/store"
)

// Screenshots sent for a check (issue 16). A picture from any channel is
// an Event with Image set. The turn answers at once — "正在看图…" — and
// the image is fetched and read after the turn, at most one per worker at
// a time, within the daily limit and the reader's bounds (knowledge/ocr).
// The text read comes back as a turn of its own (Event.read), which shows
// what was read and checks it like pasted text; its replies reach the
// worker through the Notifier (the channels' Relay), or wait for the
// worker's next message. The image itself is never stored: its bytes live
// only in the goroutine that reads them.

// Image is a picture the user sent. The engine reads it only to check it
// for a scam, and keeps neither the picture nor a reference to it.
type Image struct {
	// Fetch returns the picture's bytes. It is called after the turn, from
	// another goroutine, within the reading's time limit. A channel returns
	// at most ocr.MaxBytes (a larger picture: an error wrapping
	// ocr.ErrTooLarge).
	Fetch func(ctx context.Context) ([]byte, error)
	// Size is the picture's size in bytes when the channel knows it before
	// fetching (0: unknown). Over ocr.MaxBytes is refused at once.
	Size int64
}

// The limits and errors of pictures, for the channels (bot/ imports
// dialog, not knowledge): a channel refuses a larger picture before
// fetching it, and wraps these errors so the worker gets the right answer.
const (
	MaxImageBytes  = ocr.MaxBytes
	MaxImagePixels = ocr.MaxPixels
)

var (
	ErrImageTooLarge = ocr.ErrTooLarge
	ErrNotImage      = ocr.ErrNotImage
)

// ImageReader reads the text in an image; *ocr.Reader has it.
type ImageReader interface {
	Available() bool
	Read(ctx context.Context, data []byte) (ocr.Result, error)
}

// ImageStore counts the images read per worker and day; *store.Store has
// it. Without it (a store that lacks it) there is no daily limit.
type ImageStore interface {
	TakeImageRead(ctx context.Context, userID int64, day string, limit int) (bool, error)
	GiveBackImageRead(ctx context.Context, userID int64, day string) error
}

// ImageConfig bounds the reading of images.
type ImageConfig struct {
	// DailyLimit is the images one worker may have read a day (China
	// time); 0 means DefaultImageDailyLimit, below 0 no limit.
	DailyLimit int
	// Timeout bounds one image from the turn's answer to the verdict:
	// fetching, waiting for a free reader, reading (0: 60 s).
	Timeout time.Duration
	// MaxPending bounds the images being fetched or read at once, all
	// workers together; more get "busy" at once (0: 32).
	MaxPending int
}

// DefaultImageDailyLimit is the images a worker may have read a day.
const DefaultImageDailyLimit = 20

// minReadChars is the least text worth checking: fewer letters, digits or
// Chinese characters than this and the worker is asked for the text.
const (
	minReadChars   = 6
	shortReadChars = 30 // under this, the worker is told it may be incomplete
	maxReadQuote   = 40 // runes of the quote of what was read
)

// WithImages lets the engine read screenshots with r. Without it (or
// when r is unavailable: no tesseract here) a picture gets "I cannot read
// images here, please paste the text".
func WithImages(r ImageReader, cfg ImageConfig) Option {
	return func(e *Engine) {
		if cfg.DailyLimit == 0 {
			cfg.DailyLimit = DefaultImageDailyLimit
		}
		if cfg.Timeout <= 0 {
			cfg.Timeout = 60 * time.Second
		}
		if cfg.MaxPending <= 0 {
			cfg.MaxPending = 32
		}
		e.img.reader, e.img.cfg = r, cfg
	}
}

// imageDeps is the engine's image reading: the reader, its bounds, the
// workers with an image being read, and the per-user turn locks.
type imageDeps struct {
	reader ImageReader
	cfg    ImageConfig

	mu      sync.Mutex
	reading map[int64]bool // users with an image in flight (this replica)
	wg      sync.WaitGroup

	locks [64]sync.Mutex
}

var lockSeed = maphash.MakeSeed()

// lockUser serialises one user's turns: a channel already hands the
// engine one user's events in order, but the turn that brings an image's
// text runs beside them. Returns the unlock.
func (e *Engine) lockUser(id int64) func() {
	var b [8]byte
	for i := range b {
		b[i] = byte(id >> (8 * i))
	}
	m := &e.img.locks[maphash.Bytes(lockSeed, b[:])%uint64(len(e.img.locks))]
	m.Lock()
	return m.Unlock
}

// WaitImages waits until every image being read has had its answer
// (tests, shutdown).
func (e *Engine) WaitImages() { e.img.wg.Wait() }

// chinaTime is the calendar of the daily limit.
var chinaTime = time.FixedZone("CST", 8*3600)

// imageRead is what reading an image gave: the follow-up turn's input.
type imageRead struct {
	text    string
	caption string
	err     error
}

// onImage answers a picture at once and starts reading it.
func (t *turn) onImage() ([]Reply, error) {
	im := &t.e.img
	back := [][]Button{{t.btn("menu.back", cbMenu)}}
	t.reset()
	t.setFlow(flowCheck, stepAwaitText) // pasted text meanwhile is checked
	if im.reader == nil || !im.reader.Available() || t.e.know == nil {
		return []Reply{{Text: t.T("img.unavailable"), Buttons: back}}, nil
	}
	img := t.ev.Image
	if img.Fetch == nil {
		return []Reply{{Text: t.T("img.bad"), Buttons: back}}, nil
	}
	if img.Size > ocr.MaxBytes {
		return []Reply{{Text: t.T("img.too_large"), Buttons: back}}, nil
	}
	im.mu.Lock()
	if im.reading == nil {
		im.reading = map[int64]bool{}
	}
	busy, mine := len(im.reading) >= im.cfg.MaxPending, im.reading[t.user.ID]
	if !busy && !mine {
		im.reading[t.user.ID] = true
	}
	im.mu.Unlock()
	switch {
	case mine:
		return []Reply{{Text: t.T("img.one_at_a_time")}}, nil
	case busy:
		return []Reply{{Text: t.T("img.busy"), Buttons: back}}, nil
	}
	done := func() {
		im.mu.Lock()
		delete(im.reading, t.user.ID)
		im.mu.Unlock()
	}
	day := t.e.now().In(chinaTime).Format("2006-01-02")
	st, counted := t.e.store.(ImageStore)
	if counted && im.cfg.DailyLimit > 0 {
		ok, err := st.TakeImageRead(t.ctx, t.user.ID, day, im.cfg.DailyLimit)
		if err != nil {
			done()
			return nil, err
		}
		if !ok {
			done()
			return []Reply{{Text: Tf(t.lang, "img.limit", im.cfg.DailyLimit), Buttons: back}}, nil
		}
	} else {
		counted = false
	}
	j := imageJob{user: t.user.ID, chat: t.user.ChatID, lang: t.lang, fetch: img.Fetch, caption: t.ev.Text, day: day, counted: counted}
	if j.chat == 0 {
		j.chat = t.ev.ChatID
	}
	im.wg.Add(1)
	go func() {
		defer im.wg.Done()
		defer done()
		t.e.readImage(j)
	}()
	return []Reply{{Text: t.T("img.reading")}}, nil
}

type imageJob struct {
	user, chat int64
	lang       string
	fetch      func(context.Context) ([]byte, error)
	caption    string
	day        string
	counted    bool
}

// readImage fetches and reads one image, runs the turn that checks its
// text, and delivers that turn's replies.
func (e *Engine) readImage(j imageJob) {
	ctx, cancel := context.WithTimeout(context.Background(), e.img.cfg.Timeout)
	defer cancel()
	start := e.now()
	var res ocr.Result
	data, err := j.fetch(ctx)
	if err == nil {
		res, err = e.img.reader.Read(ctx, data) // the picture is not used (or kept) beyond this
	}
	if err != nil && j.counted && !errors.Is(err, ocr.ErrTimeout) {
		// Not read (could not be fetched, refused, busy): it does not use
		// up the day. A timeout does: it cost a reader its full time.
		if st, ok := e.store.(ImageStore); ok {
			_ = st.GiveBackImageRead(context.WithoutCancel(ctx), j.user, j.day)
		}
	}
	if err != nil {
		e.logger.Info("dialog: image not read", "user", j.user, "err", err, "took", e.now().Sub(start))
	} else {
		e.logger.Info("dialog: image read", "user", j.user, "format", res.Info.Format,
			"size", strconv.Itoa(res.Info.Width)+"x"+strconv.Itoa(res.Info.Height), "chars", len([]rune(res.Text)), "took", res.Duration)
	}
	tctx, tcancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer tcancel()
	if _, err := e.store.User(tctx, j.user); errors.Is(err, store.ErrNotFound) {
		return // the worker erased their data (/delete) meanwhile: nothing to say, nothing to keep
	}
	ev := Event{UserID: j.user, ChatID: j.chat, Lang: j.lang, read: &imageRead{text: res.Text, caption: j.caption, err: err}}
	replies, herr := e.Handle(tctx, ev)
	if herr != nil {
		e.logger.Error("dialog: image verdict failed", "user", j.user, "err", herr)
		replies = []Reply{{Text: NoticeText(j.lang, NoticeError)}}
	}
	e.deliver(tctx, j.user, j.chat, replies)
}

// deliver sends replies outside a turn: through the notifier, or (when it
// fails or there is none) kept for the worker's next message.
func (e *Engine) deliver(ctx context.Context, user, chat int64, replies []Reply) {
	for i, r := range replies {
		if n := e.staff.notifier; n != nil {
			if err := n.Notify(ctx, chat, r); err == nil {
				continue
			} else {
				e.logger.Warn("dialog: image verdict not sent; kept for the next message", "user", user, "err", err)
			}
		}
		for _, rest := range replies[i:] {
			if err := e.store.AddNotification(ctx, user, rest.Text); err != nil {
				e.logger.Error("dialog: image verdict lost", "user", user, "err", err)
			}
		}
		return
	}
}

// imageVerdict is the turn that brings an image's text: what went wrong,
// or what was read and the verdict on it.
func (t *turn) imageVerdict(r *imageRead) ([]Reply, error) {
	back := [][]Button{{t.btn("menu.back", cbMenu)}}
	if r.err != nil {
		t.reset()
		t.setFlow(flowCheck, stepAwaitText)
		return []Reply{{Text: t.T(imageErrorKey(r.err)), Buttons: back}}, nil
	}
	text := r.text
	n := readable(text)
	if n < minReadChars {
		t.reset()
		t.setFlow(flowCheck, stepAwaitText)
		return []Reply{{Text: t.T("img.no_text"), Buttons: back}}, nil
	}
	quote := Tf(t.lang, "img.read", norm.Clip(oneLine(text), maxReadQuote, "…"))
	if n < shortReadChars {
		quote += "\n" + t.T("img.read_short")
	} else {
		quote += "\n" + t.T("img.read_wrong")
	}
	if c := strings.TrimSpace(r.caption); c != "" {
		text += "\n" + c
	}
	verdict, err := t.checkText(text)
	if err != nil {
		return nil, err
	}
	return append([]Reply{{Text: quote}}, verdict...), nil
}

// readable counts the characters the checker can use: Chinese
// characters, letters and digits.
func readable(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// imageErrorKey is the catalogue key of the answer to a picture that was
// not read.
func imageErrorKey(err error) string {
	switch {
	case errors.Is(err, ocr.ErrUnavailable):
		return "img.unavailable"
	case errors.Is(err, ocr.ErrTooLarge):
		return "img.too_large"
	case errors.Is(err, ocr.ErrAnimated):
		return "img.animated"
	case errors.Is(err, ocr.ErrNotImage), errors.Is(err, ocr.ErrBadSize):
		return "img.bad"
	case errors.Is(err, ocr.ErrBusy), errors.Is(err, ocr.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "img.slow"
	}
	return "img.fetch_failed"
}

// The image texts: short, Chinese first, a concrete next step, no blame.
var _ = register(&flow{name: "image", catalog: map[string]map[string]string{
	LangZH: {
		"img.reading":       "🔍 正在看图…看完马上告诉您结果。",
		"img.read":          "👀 图里写的是：“%s”",
		"img.read_wrong":    "看错了？请把文字复制粘贴发给我。",
		"img.read_short":    "只看清了这些。不全的话，请把文字复制粘贴发给我。",
		"img.no_text":       "这张图里我没看到文字。\n如果是招聘信息或聊天记录，请截清楚一点再发，或把文字复制粘贴发给我。",
		"img.unavailable":   "这里暂时看不了图片。\n请把图里的文字复制粘贴发给我，我马上帮您查。",
		"img.too_large":     "这张图太大了（超过10MB）。\n请发一张普通截图，或把文字复制粘贴发给我。",
		"img.bad":           "这张图我打不开。\n请重新截图发送（JPG或PNG），或把文字复制粘贴发给我。",
		"img.animated":      "动图我看不了。\n请发一张截图，或把文字复制粘贴发给我。",
		"img.slow":          "现在看图的人多，这张没来得及看完。\n请过一会儿再发，或把文字复制粘贴发给我。",
		"img.busy":          "现在看图的人多，请过一会儿再发。\n也可以把文字复制粘贴发给我，马上就能查。",
		"img.fetch_failed":  "图片没有收全。\n请再发一次，或把文字复制粘贴发给我。",
		"img.one_at_a_time": "上一张图还在看，请稍等，结果马上就到。",
		"img.limit":         "今天已经看了%d张图，明天还可以再发。\n现在可以把文字复制粘贴发给我，马上就能查。",
	},
	LangEN: {
		"img.reading":       "🔍 Reading your picture… the result follows in a moment.",
		"img.read":          "👀 The picture says: “%s”",
		"img.read_wrong":    "Misread? Please copy and paste the text to me.",
		"img.read_short":    "This is all I could read. If it is incomplete, please paste the text.",
		"img.no_text":       "I found no text in this picture.\nIf it is a job offer or a chat, send a clearer screenshot, or paste the text.",
		"img.unavailable":   "I cannot read pictures here yet.\nPlease copy and paste the text in it, and I will check it at once.",
		"img.too_large":     "This picture is too large (over 10 MB).\nSend an ordinary screenshot, or paste the text.",
		"img.bad":           "I cannot open this picture.\nTake the screenshot again (JPG or PNG), or paste the text.",
		"img.animated":      "I cannot read moving pictures.\nSend a screenshot, or paste the text.",
		"img.slow":          "Many pictures are waiting; I could not finish this one.\nSend it again in a while, or paste the text.",
		"img.busy":          "Many pictures are waiting. Please send it again in a while,\nor paste the text and I will check it at once.",
		"img.fetch_failed":  "The picture did not arrive completely.\nSend it again, or paste the text.",
		"img.one_at_a_time": "I am still reading your last picture. The result is on its way.",
		"img.limit":         "I have read %d pictures for you today; send more tomorrow.\nYou can paste the text now and I will check it at once.",
	},
}})
