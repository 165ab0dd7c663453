package faq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gongyou/gongyou/knowledge/cli"
	"github.com/gongyou/gongyou/knowledge/norm"
)

// The `gongyou ask` command (docs/ARCHITECTURE.md, "CLI contract"):
//
//	gongyou ask [--json] [--lang zh|en] QUESTION   # QUESTION from the arguments, else all of stdin
//	gongyou ask --batch [--lang zh|en] < in.jsonl > out.jsonl
//
// --json prints one object:
//
//	{"answer":"…","faqs":[{"id","title","score"}],"handoff":"12333"|"12348"|null,"llm":false,"found":true}
//	(not sure: found false, the closest entries in faqs, handoff "12333", or "12348" for legal help)
//
// --batch reads JSON Lines {"id":…,"question":"…","lang"?:"zh|en"} and
// writes one line per input line, in the same order:
// {"id":…,"answer":"…","faqs":["id",…],"handoff":…,"llm":…,"found":…}; a line that
// cannot be read gets {"id":…,"error":"…"} and the batch goes on. Blank
// lines are skipped. Without --lang (or a line's "lang") the language
// follows the question: English for a question in Latin letters only,
// otherwise Chinese. Exit codes: 0 done, 1 I/O error, 2 usage error.

const askUsage = `usage: gongyou ask [--json] [--lang zh|en] [QUESTION]
       gongyou ask --batch [--lang zh|en] < in.jsonl > out.jsonl

Answers a worker's question from the FAQ. QUESTION is taken from the
arguments, or from standard input when there are none.
  --json        print the answer as one JSON object
  --lang zh|en  language of the answer (default: that of the question, else zh)
  --batch       read JSON Lines {"id":"…","question":"…","lang":"zh|en"}, write one answer per line
`

type askJSON struct {
	Answer  string      `json:"answer"`
	FAQs    []cli.Match `json:"faqs"`
	Handoff *string     `json:"handoff"`
	LLM     bool        `json:"llm"`
	Found   bool        `json:"found"`
}

func handoffPtr(h string) *string {
	if h == "" {
		return nil
	}
	return &h
}

// Asker answers a question; *Answerer (offline) and *FAQBase (the store's
// FAQ, with the LLM when configured) have it.
type Asker interface {
	Ask(ctx context.Context, user, question, lang string) (Answer, error)
}

// askUser is the LLM quota key of the command line.
const askUser = "cli"

// RunAskCLI runs `gongyou ask` with args (after the subcommand name) on a
// (the shipped entries when nil) and returns the exit code: 0 on success,
// 1 on an I/O error, 2 on a usage error.
func RunAskCLI(ctx context.Context, a *Answerer, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if a == nil {
		faqs, err := SeedFAQs()
		if err != nil {
			fmt.Fprintf(stderr, "gongyou ask: %v\n", err)
			return 1
		}
		a = NewAnswerer(faqs)
	}
	return RunAskCLIWith(ctx, a, args, stdin, stdout, stderr)
}

// RunAskCLIWith is RunAskCLI on any Asker.
func RunAskCLIWith(ctx context.Context, a Asker, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := cli.ParseArgs(args) // same flags: --json, --batch, --lang, --help
	if err == nil && o.Image != "" {
		err = errors.New("unknown flag --image (only gongyou check reads screenshots)")
	}
	if errors.Is(err, cli.ErrHelp) {
		fmt.Fprint(stdout, askUsage)
		return 0
	}
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), "TEXT", "QUESTION")
		fmt.Fprintf(stderr, "gongyou ask: %s\n\n%s", msg, askUsage)
		return 2
	}
	lang := ""
	if langGiven(args) {
		lang = o.Lang
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	if o.Batch {
		if err := runAskBatch(ctx, a, lang, stdin, stdout); err != nil {
			fmt.Fprintf(stderr, "gongyou ask --batch: %v\n", err)
			return 1
		}
		return 0
	}
	q := strings.Join(o.Text, " ")
	if len(o.Text) == 0 {
		b, err := io.ReadAll(io.LimitReader(stdin, cli.MaxStdinText))
		if err != nil {
			fmt.Fprintf(stderr, "gongyou ask: reading standard input: %v\n", err)
			return 1
		}
		q = string(b)
	}
	ans, err := a.Ask(ctx, askUser, q, lang)
	if err != nil {
		fmt.Fprintf(stderr, "gongyou ask: %v\n", err)
		return 1
	}
	outLang := lang
	if outLang == "" {
		outLang = "zh"
		if answerLangIsEnglish(q, "") {
			outLang = "en"
		}
	}
	var out []byte
	if o.JSON {
		j := askJSON{Answer: ans.Text, FAQs: []cli.Match{}, Handoff: handoffPtr(ans.Handoff), LLM: ans.LLM, Found: ans.Found}
		for _, m := range ans.FAQs {
			j.FAQs = append(j.FAQs, cli.Match{ID: m.ID, Title: m.Title(outLang), Score: m.Score})
		}
		out, _ = json.Marshal(j)
		out = append(out, '\n')
	} else {
		out = []byte(humanAnswer(ans, outLang))
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "gongyou ask: %v\n", err)
		return 1
	}
	return 0
}

// langGiven reports whether args set --lang explicitly.
func langGiven(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--lang" || a == "-lang" || strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang=") {
			return true
		}
	}
	return false
}

// humanAnswer is the answer text followed by one line of related questions.
func humanAnswer(ans Answer, lang string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(ans.Text, "\n"))
	b.WriteByte('\n')
	if ans.Handoff != "" && !strings.Contains(ans.Text, ans.Handoff) {
		if norm.IsEnglish(lang) {
			fmt.Fprintf(&b, "Hotline: %s\n", ans.Handoff)
		} else {
			fmt.Fprintf(&b, "热线：%s\n", ans.Handoff)
		}
	}
	var titles []string
	for i, m := range ans.FAQs {
		if i == 0 && ans.Found {
			continue // the answer itself
		}
		titles = append(titles, m.Title(lang))
	}
	if len(titles) > 0 {
		if norm.IsEnglish(lang) {
			b.WriteString("Related questions: " + strings.Join(titles, " / ") + "\n")
		} else {
			b.WriteString("相关问题: " + strings.Join(titles, " / ") + "\n")
		}
	}
	return b.String()
}

type askBatchIn struct {
	ID       json.RawMessage `json:"id"`
	Question *string         `json:"question"`
	Lang     string          `json:"lang"`
}

type askBatchOut struct {
	ID      json.RawMessage `json:"id"`
	Answer  string          `json:"answer"`
	FAQs    []string        `json:"faqs"`
	Handoff *string         `json:"handoff"`
	LLM     bool            `json:"llm"`
	Found   bool            `json:"found"`
}

func (in askBatchIn) LineID() json.RawMessage { return in.ID }

func (in askBatchIn) Problem() string {
	if in.Question == nil {
		return `missing "question"`
	}
	if l := strings.ToLower(in.Lang); l != "" && l != "zh" && l != "en" {
		return fmt.Sprintf(`"lang": want zh or en, got %q`, in.Lang)
	}
	return ""
}

// runAskBatch answers one line after the other (answers take microseconds;
// an LLM-backed Asker is asked one question at a time, as in the chat).
func runAskBatch(ctx context.Context, a Asker, lang string, stdin io.Reader, stdout io.Writer) error {
	return cli.Batch[askBatchIn]{
		Workers: 1,
		Handle: func(ctx context.Context, id json.RawMessage, in askBatchIn, reply func([]byte)) {
			reply(askBatchLine(ctx, a, lang, id, in))
		},
	}.Run(ctx, stdin, stdout)
}

func askBatchLine(ctx context.Context, a Asker, lang string, id json.RawMessage, in askBatchIn) []byte {
	l := lang
	if in.Lang != "" {
		l = strings.ToLower(in.Lang)
	}
	ans, err := a.Ask(ctx, askUser, *in.Question, l)
	if err != nil {
		return cli.ErrorLine(id, err.Error())
	}
	out := askBatchOut{ID: id, Answer: ans.Text, FAQs: []string{}, Handoff: handoffPtr(ans.Handoff), LLM: ans.LLM, Found: ans.Found}
	for _, m := range ans.FAQs {
		out.FAQs = append(out.FAQs, m.ID)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return cli.ErrorLine(id, err.Error())
	}
	return append(b, '\n')
}
