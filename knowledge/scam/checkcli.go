package scam

import (
	"bufio"
	"bytes"
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
       gongyou check --batch [--lang zh|en] < in.jsonl > out.jsonl

Checks a job offer or recruiter message for scam signs. TEXT is taken from
the arguments, or from standard input when there are none.
  --json        print the verdict as one JSON object
  --lang zh|en  language of labels, titles and advice (default zh)
  --batch       read JSON Lines {"id":"…","text":"…"}, write one verdict per line

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
	v, _ := withOpinion(ctx, c.Advisor, c.Logger, cliUser, text, c.Checker.Check(text))
	if o.JSON {
		b, err := json.Marshal(toCLI(v, o.Lang))
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
	if _, err := io.WriteString(stdout, humanVerdict(v, o.Lang)); err != nil {
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

type batchJob struct {
	line []byte
	err  error // a read error for this line (too long)
	out  chan []byte
}

func (c CheckCLI) runBatch(ctx context.Context, lang string, stdin io.Reader, stdout io.Writer) error {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *batchJob, workers*cli.BatchInFlight)
	order := make(chan *batchJob, workers*cli.BatchInFlight)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var llmStage *batchLLM
	if c.Advisor != nil {
		llmStage = &batchLLM{c: c, slots: make(chan struct{}, batchLLMInFlight)}
	}

	// Workers check lines in parallel; the writer below prints the results
	// in input order. On cancellation nobody waits for stdin: a reader
	// blocked in Read cannot be interrupted, so it is left to end with the
	// process (or when its Read returns).
	for w := 0; w < workers; w++ {
		go func() {
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					batchLine(ctx, c.Checker, llmStage, lang, j)
				case <-ctx.Done():
					return
				}
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		br := bufio.NewReaderSize(stdin, 64<<10)
		for ctx.Err() == nil {
			line, tooLong, err := cli.ReadLine(br, cli.MaxBatchLine)
			if tooLong || len(bytes.TrimSpace(line)) > 0 {
				j := &batchJob{line: line, out: make(chan []byte, 1)}
				if tooLong {
					j.err = fmt.Errorf("line longer than %d bytes", cli.MaxBatchLine)
				}
				select {
				case order <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
				select {
				case jobs <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
			}
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- err
				return
			}
		}
		readErr <- ctx.Err()
	}()

	bw := bufio.NewWriterSize(stdout, 64<<10)
	var writeErr error
	write := func(b []byte) {
		if writeErr == nil {
			if _, err := bw.Write(b); err != nil {
				writeErr = err
				cancel()
			}
		}
	}
loop:
	for {
		select {
		case j, ok := <-order:
			if !ok {
				break loop
			}
			select {
			case out := <-j.out:
				write(out)
			case <-ctx.Done():
				break loop
			}
			if len(order) == 0 && writeErr == nil {
				// nothing queued: let the consumer see the output now
				if err := bw.Flush(); err != nil {
					writeErr = err
					cancel()
				}
			}
		case <-ctx.Done():
			break loop
		}
	}
	if err := bw.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		return writeErr
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return <-readErr
}

type batchIn struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

// batchLine checks one line and sends its output line on j.out: at once
// when offline, or from a goroutine once the LLM answered (or gave up).
func batchLine(ctx context.Context, ch *Checker, l *batchLLM, lang string, j *batchJob) {
	var in batchIn
	var errMsg string
	switch {
	case j.err != nil:
		errMsg = j.err.Error()
	default:
		var typeErr *json.UnmarshalTypeError
		if err := json.Unmarshal(j.line, &in); errors.As(err, &typeErr) {
			errMsg = fmt.Sprintf("field %q has the wrong type", typeErr.Field) // the id, if any, was still read
		} else if err != nil {
			errMsg = "invalid JSON: " + err.Error()
			in.ID = nil
		} else if in.Text == nil {
			errMsg = `missing "text"`
		}
	}
	id := in.ID
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	if errMsg != "" {
		j.out <- errorLine(id, errMsg)
		return
	}
	text := *in.Text
	v := ch.Check(text)
	if l == nil || v.Empty || l.broken.Load() {
		j.out <- verdictLine(id, v, lang)
		return
	}
	user := cliUser + ":" + norm.Clip(string(id), 64, "")
	go func() { j.out <- verdictLine(id, l.ask(ctx, user, text, v), lang) }()
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
	out := toCLI(v, lang)
	out.ID = id
	b, err := json.Marshal(out)
	if err != nil {
		return errorLine(id, err.Error())
	}
	return append(b, '\n')
}

func errorLine(id json.RawMessage, msg string) []byte {
	b, _ := json.Marshal(struct {
		ID    json.RawMessage `json:"id"`
		Error string          `json:"error"`
	}{id, msg})
	return append(b, '\n')
}
