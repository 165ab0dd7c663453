package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/privacy"
	"github.com/sashabaranov/go-openai/jsonschema"
)

// verdict is the JSON object the model must return. No omitempty: strict
// json_schema mode needs every property listed in "required".
type verdict struct {
	Risk    string   `json:"risk" enum:"high,medium,low" description:"scam risk of the offer"`
	Reasons []string `json:"reasons" description:"at most 3 short reasons in simplified Chinese, no links or contact details"`
	Types   []string `json:"types" description:"scam type codes that apply, from the list in the instructions"`
}

// Limits applied to a reply.
const (
	maxReplyBytes = 64 << 10
	maxReasons    = 3
	maxReasonRune = 200
	maxTypes      = 5
)

var (
	verdictSchema     *jsonschema.Definition
	verdictSchemaJSON json.RawMessage // marshalled once: Definition.MarshalJSON mutates, so it is not shared
)

func init() {
	def, err := jsonschema.GenerateSchemaForType(verdict{})
	if err != nil {
		panic("llm: verdict schema: " + err.Error())
	}
	b, err := json.Marshal(def)
	if err != nil {
		panic("llm: verdict schema: " + err.Error())
	}
	// Marshalled here, once, before any concurrent use; afterwards the
	// definition is only read (jsonschema.Validate).
	verdictSchema = def
	verdictSchemaJSON = b
}

var verdictKeys = map[string]bool{"risk": true, "reasons": true, "types": true}

func badReply(detail string) error { return fmt.Errorf("%w: %s", ErrBadReply, detail) }

// parseVerdict parses the model's reply strictly: one JSON object, optionally
// inside a ```json fence, with exactly the keys risk, reasons and types, and
// returns it sanitised. Error details never quote the reply.
func parseVerdict(content string) (Opinion, error) {
	if len(content) > maxReplyBytes {
		return Opinion{}, badReply("reply too long")
	}
	s := strings.TrimSpace(strings.TrimPrefix(content, "\ufeff"))
	if strings.HasPrefix(s, "```") {
		nl := strings.IndexByte(s, '\n')
		if nl < 0 {
			return Opinion{}, badReply("unterminated code fence")
		}
		if lang := strings.ToLower(strings.TrimSpace(s[3:nl])); lang != "" && lang != "json" {
			return Opinion{}, badReply("code fence is not json")
		}
		s = strings.TrimSpace(s[nl+1:])
		if !strings.HasSuffix(s, "```") {
			return Opinion{}, badReply("unterminated code fence")
		}
		s = strings.TrimSpace(strings.TrimSuffix(s, "```"))
		if strings.Contains(s, "```") {
			return Opinion{}, badReply("more than one code fence")
		}
	}
	if s == "" {
		return Opinion{}, badReply("empty reply")
	}
	if s[0] != '{' {
		return Opinion{}, badReply("reply is not a JSON object")
	}

	dec := json.NewDecoder(strings.NewReader(s))
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return Opinion{}, badReply("invalid JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Opinion{}, badReply("data after the JSON object")
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return Opinion{}, badReply("reply is not a JSON object")
	}
	for k := range obj {
		if !verdictKeys[k] {
			return Opinion{}, badReply("unexpected field")
		}
	}
	if !jsonschema.Validate(*verdictSchema, raw) {
		return Opinion{}, badReply("reply does not match the schema")
	}
	var v verdict
	strict := json.NewDecoder(strings.NewReader(s))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&v); err != nil {
		return Opinion{}, badReply("reply does not match the schema")
	}
	if rank(v.Risk) == 0 || v.Risk != strings.ToLower(v.Risk) {
		return Opinion{}, badReply("unknown risk level")
	}
	return Opinion{
		Risk:    v.Risk,
		Reasons: sanitiseReasons(v.Reasons),
		Types:   sanitiseTypes(v.Types),
	}, nil
}

var (
	urlRe  = regexp.MustCompile(`(?i)(?:[a-z][a-z0-9+.-]*://|www\.)\S+`)
	typeRe = regexp.MustCompile(`^[a-z_]{1,40}$`)
)

// sanitiseReasons keeps at most maxReasons non-empty reasons, each one line
// of at most maxReasonRune runes with no control or format characters, no
// links and no personal data (an injected ad may make the model echo a
// contact or a link).
func sanitiseReasons(in []string) []string {
	out := []string{}
	for _, r := range in {
		if len(out) == maxReasons {
			break
		}
		if len(r) > 8*maxReasonRune {
			r = r[:8*maxReasonRune] // bound the work; cut below
		}
		r = strings.ToValidUTF8(r, "")
		r = strings.Map(func(c rune) rune {
			switch {
			case c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029':
				return ' '
			case unicode.In(c, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs) || c == utf8.RuneError:
				return -1
			}
			return c
		}, r)
		r = urlRe.ReplaceAllString(r, "[链接]")
		r = privacy.Redact(r)
		r = strings.Join(strings.Fields(r), " ")
		r = norm.Shorten(r, maxReasonRune)
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}

// sanitiseTypes keeps distinct codes matching [a-z_]{1,40}, at most maxTypes.
func sanitiseTypes(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range in {
		if len(out) == maxTypes {
			break
		}
		t = strings.ToLower(strings.TrimSpace(t))
		if !typeRe.MatchString(t) || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}
