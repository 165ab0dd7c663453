package scam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gongyou/gongyou/knowledge/cli"
	"github.com/gongyou/gongyou/knowledge/llm"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/ocr"
)

// The `gongyou check` command (docs/ARCHITECTURE.md, "CLI contract"):
//
//	gongyou check [--json] [--lang zh|en] TEXT    # TEXT from the arguments, else all of stdin
//	gongyou check --batch [--lang zh|en] < in.jsonl > out.jsonl
//
// --json prints one object:
//
//	{"risk":"high|medium|low","score":0.93,"signals":[{"code","label","evidence","rule"}],
//	 "cases":[{"id","title","score"}],"advice":["…"],"llm":false,"label":"高风险","empty":false,"offer":true}
//
// --batch reads JSON Lines {"id":…,"text":"…"} and writes one line per input
// line, in the same order, with the same fields plus "id"; a line that
// cannot be read gets {"id":…,"error":"…"} and the batch goes on. Blank
// lines are skipped. Exit codes: 0 done, 1 I/O error, 2 usage error.
//
// With OPENAI_BASE_URL and OPENAI_MODEL set (CheckCLI.Advisor), a check
// also asks the LLM exactly as the chat does, and "llm" is true when its
// opinion was used; a late, failing or lying model leaves the offline
// verdict. Without them the command is offline and makes no request.

const checkUsage = `usage: gongyou check [--json] [--lang zh|en] [TEXT]
       gongyou check [--json] [--lang zh|en] --image FILE
       gongyou check --batch [--lang zh|en] < in.jsonl > out.jsonl

Checks a job offer or recruiter message for scam signs. TEXT is taken from
the arguments, or from standard input when there are none.
  --json        print the verdict as one JSON object
  --lang zh|en  language of labels, titles and advice (default zh)
  --image FILE  check the text read from a screenshot (PNG, JPEG, WebP; needs
                tesseract); the JSON adds "ocr_text", the text that was read
  --batch       read JSON Lines {"id":"…","text":"…"} or {"id":"…","image":"PATH"},
                write one verdict per line

With OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL set, the LLM gives a
second opinion too (personal data removed first); it can raise the risk,
never lower it, and "llm" is true in the JSON when its opinion was used.
`

type cliSignal struct {
	Code     string  `json:"code"`
	Label    string  `json:"label"`
	Evidence string  `json:"evidence"`
	Rule     string  `json:"rule,omitempty"`
	Weight   float64 `json:"weight"`
}

type cliVerdict struct {
	ID      json.RawMessage `json:"id,omitempty"`
	Risk    Level           `json:"risk"`
	Score   float64         `json:"score"`
	Signals []cliSignal     `json:"signals"`
	Cases   []cli.Match     `json:"cases"`
	Advice  []string        `json:"advice"`
	LLM     bool            `json:"llm"`
	Label   string          `json:"label"`
	Empty   bool            `json:"empty"`
	Offer   bool            `json:"offer"`
	OCRText *string         `json:"ocr_text,omitempty"` // --image: the text read from the screenshot
}

func toCLI(v Verdict, lang string) cliVerdict {
	out := cliVerdict{Risk: v.Risk, Score: v.Score, LLM: v.LLM, Label: v.Label(lang), Empty: v.Empty, Offer: v.Offer,
		Signals: []cliSignal{}, Cases: []cli.Match{}, Advice: []string{}}
	for _, s := range v.Signals {
		out.Signals = append(out.Signals, cliSignal{Code: s.Code, Label: s.Label(lang), Evidence: s.Evidence, Rule: s.Rule(lang), Weight: s.Weight})
	}
	for _, c := range v.Cases {
		out.Cases = append(out.Cases, cli.Match{ID: c.ID, Title: c.Title(lang), Score: c.Score})
	}
	for _, a := range v.Advice {
		out.Advice = append(out.Advice, a.Text(lang))
	}
	return out
}

// RunCheckCLI runs `gongyou check` offline with args (after the
// subcommand name) and returns the exit code: 0 on success, 1 on an I/O
// error, 2 on a usage error.
func RunCheckCLI(ctx context.Context, ch *Checker, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return CheckCLI{Checker: ch}.Run(ctx, args, stdin, stdout, stderr)
}

// CheckCLI is `gongyou check`. With an Advisor (the LLM, when OPENAI_* is
// set) every check also asks it through the same path as the chat
// (withOpinion: redaction, timeout, quota, never lower), and the output says
// "llm": true when its opinion was used.
type CheckCLI struct {
	Checker *Checker     // nil: the shipped cases
	Advisor Advisor      // nil: offline
	Logger  *slog.Logger // nil: discard
	OCR     *ocr.Reader  // reads --image and "image" lines; nil: tesseract from PATH when first needed
}

// The LLM quota keys of the CLI: a single check is the local user "cli";
// a batch line is a submission of its own, keyed by its id ("cli:" + id),
// so the per-user quota caps the calls per submitter as in the chat.
const cliUser = "cli"

// batchLLMInFlight bounds the LLM requests of a batch; batchLLMBreaker
// consecutive LLM failures (timeouts, HTTP errors, bad replies) switch the
// rest of the batch to offline verdicts, so a stalled model costs one
// timeout, not one per line.
const (
	batchLLMInFlight = 4
	batchLLMBreaker  = 3
)

// Run runs the command with args (after the subcommand name) and returns
// the exit code: 0 on success, 1 on an I/O error, 2 on a usage error.
func (c CheckCLI) Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := cli.ParseArgs(args)
	if errors.Is(err, cli.ErrHelp) {
		fmt.Fprint(stdout, checkUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongyou check: %v\n\n%s", err, checkUsage)
		return 2
	}
	if c.Checker == nil {
		seed, err := SeedCases()
		if err != nil {
			fmt.Fprintf(stderr, "gongyou check: %v\n", err)
			return 1
		}
		c.Checker = NewChecker(seed)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Image != "" {
		return c.runImage(ctx, o, stdout, stderr)
	}
	if o.Batch {
		if err := c.runBatch(ctx, o.Lang, stdin, stdout); err != nil {
			fmt.Fprintf(stderr, "gongyou check --batch: %v\n", err)
			return 1
		}
		return 0
	}
	text := strings.Join(o.Text, " ")
	if len(o.Text) == 0 {
		if stdin == nil {
			stdin = strings.NewReader("")
		}
		b, err := io.ReadAll(io.LimitReader(stdin, cli.MaxStdinText))
		if err != nil {
			fmt.Fprintf(stderr, "gongyou check: reading standard input: %v\n", err)
			return 1
		}
		text = string(b)
	}
	return c.print(ctx, o, text, nil, stdout, stderr)
}

// print checks text and prints the verdict; ocrText is the text read from
// a screenshot (--image), added to the output.
func (c CheckCLI) print(ctx context.Context, o cli.Options, text string, ocrText *string, stdout, stderr io.Writer) int {
	v, _ := withOpinion(ctx, c.Advisor, c.Logger, cliUser, text, c.Checker.Check(text))
	if o.JSON {
		out := toCLI(v, o.Lang)
		out.OCRText = ocrText
		b, err := json.Marshal(out)
		if err == nil {
			b = append(b, '\n')
			_, err = stdout.Write(b)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongyou check: %v\n", err)
			return 1
		}
		return 0
	}
	human := humanVerdict(v, o.Lang)
	if ocrText != nil {
		label := "图里读到："
		if norm.IsEnglish(o.Lang) {
			label = "Read from the image:"
		}
		human = label + "\n" + *ocrText + "\n\n" + human
	}
	if _, err := io.WriteString(stdout, human); err != nil {
		fmt.Fprintf(stderr, "gongyou check: %v\n", err)
		return 1
	}
	return 0
}

// humanVerdict is the short plain-text verdict of `gongyou check` without --json.
func humanVerdict(v Verdict, lang string) string {
	en := norm.IsEnglish(lang)
	var b strings.Builder
	if v.Empty {
		if en {
			return "Nothing to check: paste the full text of the job offer or chat.\n"
		}
		return "没有可检查的内容：请把招聘信息或聊天记录的原文发过来。\n"
	}
	if en {
		fmt.Fprintf(&b, "%s (score %.2f)\n", v.Label(lang), v.Score)
	} else {
		fmt.Fprintf(&b, "%s（风险分 %.2f）\n", v.Label(lang), v.Score)
	}
	var red, good []Signal
	for _, s := range v.Signals {
		if s.Weight > 0 {
			red = append(red, s)
		} else {
			good = append(good, s)
		}
	}
	section := func(zh, en string) {
		if norm.IsEnglish(lang) {
			b.WriteString(en)
		} else {
			b.WriteString(zh)
		}
		b.WriteByte('\n')
	}
	quote := func(s string) string {
		if en {
			return "\"" + s + "\""
		}
		return "“" + s + "”"
	}
	if len(red) > 0 {
		section("风险点：", "Warning signs:")
		for _, s := range red {
			fmt.Fprintf(&b, "  • %s", s.Label(lang))
			if s.Evidence != "" {
				fmt.Fprintf(&b, " — %s", quote(s.Evidence))
			}
			b.WriteByte('\n')
			if r := s.Rule(lang); r != "" {
				fmt.Fprintf(&b, "    %s\n", r)
			}
		}
	}
	if len(good) > 0 {
		section("正规迹象：", "Good signs:")
		for _, s := range good {
			fmt.Fprintf(&b, "  • %s\n", s.Label(lang))
		}
	}
	if len(v.Cases) > 0 {
		section("相似案例：", "Similar cases:")
		for _, c := range v.Cases {
			fmt.Fprintf(&b, "  • %s [%s]\n", c.Title(lang), c.ID)
		}
	}
	if len(v.Advice) > 0 {
		section("建议：", "What to do:")
		for i, a := range v.Advice {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, a.Text(lang))
		}
	}
	return b.String()
}

// ── batch ──

type batchIn struct {
	ID    json.RawMessage `json:"id"`
	Text  *string         `json:"text"`
	Image *string         `json:"image"` // a screenshot's path instead of text
}

func (in batchIn) LineID() json.RawMessage { return in.ID }

func (in batchIn) Problem() string {
	switch {
	case in.Text == nil && in.Image == nil:
		return `missing "text" (or "image")`
	case in.Text != nil && in.Image != nil:
		return `give "text" or "image", not both`
	case in.Image != nil && *in.Image == "":
		return `empty "image" path`
	}
	return ""
}

// runBatch checks lines in parallel (one worker a CPU), each answered at
// once when offline, or from a goroutine once the LLM answered (or gave up).
func (c CheckCLI) runBatch(ctx context.Context, lang string, stdin io.Reader, stdout io.Writer) error {
	var l *batchLLM
	if c.Advisor != nil {
		l = &batchLLM{c: c, slots: make(chan struct{}, batchLLMInFlight)}
	}
	return cli.Batch[batchIn]{
		Workers: runtime.GOMAXPROCS(0),
		Handle: func(ctx context.Context, id json.RawMessage, in batchIn, reply func([]byte)) {
			var ocrText *string
			if in.Image != nil {
				read, err := c.readImage(ctx, *in.Image)
				if err != nil {
					reply(cli.ErrorLine(id, err.Error()))
					return
				}
				ocrText = &read
				in.Text = &read
			}
			text := *in.Text
			v := c.Checker.Check(text)
			if l == nil || v.Empty || l.broken.Load() {
				reply(verdictLineOCR(id, v, lang, ocrText))
				return
			}
			user := cliUser + ":" + norm.Clip(string(id), 64, "")
			go func() { reply(verdictLineOCR(id, l.ask(ctx, user, text, v), lang, ocrText)) }()
		},
	}.Run(ctx, stdin, stdout)
}

// batchLLM is the LLM stage of a batch: at most batchLLMInFlight requests
// at a time, and a breaker that stops asking after batchLLMBreaker
// consecutive failures. Each line's wait for the model is bounded by
// withOpinion; the wait for a free slot by the slots ahead of it.
type batchLLM struct {
	c       CheckCLI
	slots   chan struct{}
	fails   atomic.Int32
	broken  atomic.Bool
	tripLog sync.Once
}

func (l *batchLLM) ask(ctx context.Context, user, text string, v Verdict) Verdict {
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return v
	}
	defer func() { <-l.slots }()
	if l.broken.Load() {
		return v
	}
	out, err := withOpinion(ctx, l.c.Advisor, l.c.Logger, user, text, v)
	switch {
	case err == nil:
		l.fails.Store(0)
	case errors.Is(err, llm.ErrQuota):
	default:
		if l.fails.Add(1) >= batchLLMBreaker {
			l.broken.Store(true)
			l.tripLog.Do(func() {
				l.c.Logger.Warn("llm keeps failing; the rest of the batch gets offline verdicts", "failures", batchLLMBreaker)
			})
		}
	}
	return out
}

func verdictLine(id json.RawMessage, v Verdict, lang string) []byte {
	return verdictLineOCR(id, v, lang, nil)
}

func verdictLineOCR(id json.RawMessage, v Verdict, lang string, ocrText *string) []byte {
	out := toCLI(v, lang)
	out.ID = id
	out.OCRText = ocrText
	b, err := json.Marshal(out)
	if err != nil {
		return cli.ErrorLine(id, err.Error())
	}
	return append(b, '\n')
}
