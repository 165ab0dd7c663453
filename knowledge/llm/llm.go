// Package llm asks an OpenAI-compatible chat model (DeepSeek, Qwen, GLM, a
// local Ollama or vLLM…) for a second opinion on a job offer, for the scam
// checker in package knowledge/scam.
//
// The model is treated as untrusted: the offer is redacted (privacy.Redact) and sent
// as fenced data, the reply must be one JSON object matching a fixed schema,
// and the caller combines levels with Combine, so the model can raise the
// rule-based verdict but never lower it. Every failure (timeout, quota, HTTP
// error, bad reply) is an error, and the caller keeps the offline verdict.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Defaults and limits.
const (
	DefaultTimeout    = 4 * time.Second
	DefaultDailyQuota = 20

	maxCompletionTokens = 300
	temperature         = 0.1     // go-openai drops 0 (omitempty on float32)
	maxResponseBytes    = 1 << 20 // HTTP body cap
	maxQuotaEntries     = 1 << 20 // users tracked per day; beyond it calls are refused
)

// Config configures a Client. BaseURL, APIKey and Model come from
// OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL.
type Config struct {
	BaseURL, APIKey, Model string
	Timeout                time.Duration // hard per-request timeout; default 4s
	DailyQuota             int           // LLM calls per user per UTC day; default 20; 0 → default, <0 → unlimited
	HTTPClient             *http.Client  // optional (tests); default a client with transport timeouts
}

// Enabled reports whether the LLM is configured (BaseURL and Model set).
func (c Config) Enabled() bool {
	return strings.TrimSpace(c.BaseURL) != "" && strings.TrimSpace(c.Model) != ""
}

var (
	// ErrQuota means the user is over the daily LLM quota; no request was made.
	ErrQuota = errors.New("llm: daily quota exceeded")
	// ErrBadReply means the model's reply failed schema validation; it is
	// wrapped with a detail that never quotes the reply.
	ErrBadReply = errors.New("llm: reply does not match the verdict schema")
)

// Opinion is the model's sanitised verdict.
type Opinion struct {
	Risk    string   // "high" | "medium" | "low"
	Reasons []string // ≤ 3 short reasons, each ≤ 200 runes, sanitised (no control chars)
	Types   []string // scam type codes it suspects (free strings, filtered to [a-z_]{1,40})
}

// Client asks the model for second opinions. It is safe for concurrent use.
type Client struct {
	api     *openai.Client
	model   string
	timeout time.Duration
	quota   int
	log     *slog.Logger

	now   func() time.Time // injectable clock (tests)
	nonce func() string    // injectable fence nonce (tests)

	mu     sync.Mutex
	day    int // current UTC day, as yyyy*1000+yday
	counts map[quotaKey]int

	// noSchema is set once the server rejected json_schema and accepted
	// json_object; later requests go straight to json_object.
	noSchema atomic.Bool
}

type quotaKey struct {
	user string
	day  int
}

// New validates cfg and returns a Client. BaseURL must be an http or https
// URL without query or fragment; a bare host ("http://llm:8000") gets "/v1"
// appended, any other path (".../v1", GLM's ".../api/paas/v4") is kept.
func New(cfg Config, logger *slog.Logger) (*Client, error) {
	if !cfg.Enabled() {
		return nil, errors.New("llm: BaseURL and Model are required")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	u, err := url.Parse(strings.TrimSpace(cfg.BaseURL))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL itself may hold credentials
		}
		return nil, fmt.Errorf("llm: invalid BaseURL: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return nil, fmt.Errorf("llm: BaseURL scheme must be http or https, not %q", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("llm: BaseURL has no host")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, errors.New("llm: BaseURL must not have a query or fragment")
	}
	if u.Path == "" || u.Path == "/" {
		u.Path, u.RawPath = "/v1", ""
	}
	model := strings.TrimSpace(cfg.Model)
	if strings.ContainsFunc(model, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, errors.New("llm: Model contains control characters")
	}

	c := &Client{
		model:   model,
		timeout: cfg.Timeout,
		quota:   cfg.DailyQuota,
		log:     logger.With(slog.String("component", "llm")),
		now:     time.Now,
		nonce:   newNonce,
		counts:  map[quotaKey]int{},
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.quota == 0 {
		c.quota = DefaultDailyQuota
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient(c.timeout)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(u.String(), "/")
	oc.HTTPClient = limitedDoer{hc}
	c.api = openai.NewClientWithConfig(oc)

	if u.Scheme == "http" && cfg.APIKey != "" && !isLocalHost(u.Hostname()) {
		c.log.Warn("API key sent over plain http", slog.String("host", u.Hostname()))
	}
	return c, nil
}

func defaultHTTPClient(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   3 * time.Second,
			ResponseHeaderTimeout: timeout + time.Second,
			ExpectContinueTimeout: time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   4,
		},
		// Backstop only: every request also carries a context deadline.
		Timeout: 2*timeout + time.Second,
	}
}

func isLocalHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate())
}

// limitedDoer caps the response body so a broken server cannot make us read
// without bound.
type limitedDoer struct{ c *http.Client }

func (d limitedDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body = limitedBody{io.LimitReader(resp.Body, maxResponseBytes), resp.Body}
	return resp, nil
}

type limitedBody struct {
	io.Reader
	io.Closer
}

// SecondOpinion asks the model about text. user is an opaque key for the quota (e.g. "tg:123").
// The text is redacted (privacy.Redact) before it leaves the process. offlineRisk is the rule-based level, given to the model as context.
//
// Errors: ErrQuota (no request made), ErrBadReply (wrapped), an error
// wrapping context.DeadlineExceeded when the model is later than
// Config.Timeout (or ctx's deadline), or context.Canceled, or an HTTP or
// transport error. In every case the caller keeps the offline verdict.
func (c *Client) SecondOpinion(ctx context.Context, user, text, offlineRisk string) (Opinion, error) {
	if err := ctx.Err(); err != nil {
		return Opinion{}, fmt.Errorf("llm: %w", err)
	}
	start := time.Now()
	if !c.take(user) {
		c.log.LogAttrs(ctx, slog.LevelInfo, "llm second opinion",
			slog.String("model", c.model), slog.String("outcome", "quota"))
		return Opinion{}, ErrQuota
	}

	nonce := c.nonce()
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: systemPrompt(nonce)},
		{Role: openai.ChatMessageRoleUser, Content: userMessage(text, offlineRisk, nonce)},
	}

	var op Opinion
	err := c.exchange(ctx, "llm second opinion", start, msgs, c.request, func(content string) ([]slog.Attr, error) {
		var err error
		if op, err = parseVerdict(content); err != nil {
			return nil, err
		}
		return []slog.Attr{slog.String("risk", op.Risk)}, nil
	})
	if err != nil {
		return Opinion{}, err
	}
	return op, nil
}

// exchange sends one chat completion with a strict JSON schema (falling back
// to json_object, for good, once a server rejects json_schema) under the
// client's timeout, and hands the reply's content to parse. parse returns
// attributes for the success log line. Every outcome is logged once, as
// event; errors are the package's (timeout, *upstreamError, ErrBadReply).
func (c *Client) exchange(ctx context.Context, event string, start time.Time, msgs []openai.ChatCompletionMessage,
	build func([]openai.ChatCompletionMessage, openai.ChatCompletionResponseFormatType) openai.ChatCompletionRequest,
	parse func(content string) ([]slog.Attr, error)) error {
	tctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	format := openai.ChatCompletionResponseFormatTypeJSONSchema
	if c.noSchema.Load() {
		format = openai.ChatCompletionResponseFormatTypeJSONObject
	}
	resp, err := c.api.CreateChatCompletion(tctx, build(msgs, format))
	if err != nil && format == openai.ChatCompletionResponseFormatTypeJSONSchema &&
		tctx.Err() == nil && schemaRejected(httpStatus(err)) {
		format = openai.ChatCompletionResponseFormatTypeJSONObject
		resp, err = c.api.CreateChatCompletion(tctx, build(msgs, format))
		if err == nil && !c.noSchema.Swap(true) {
			c.log.Info("server rejected json_schema; using json_object from now on", slog.String("model", c.model))
		}
	}
	done := func(level slog.Level, outcome string, extra ...slog.Attr) {
		attrs := []slog.Attr{slog.String("model", c.model), slog.String("format", string(format)),
			slog.Duration("latency", time.Since(start)), slog.String("outcome", outcome)}
		c.log.LogAttrs(ctx, level, event, append(attrs, extra...)...)
	}

	if err != nil {
		if cerr := tctx.Err(); cerr != nil {
			outcome := "timeout"
			if errors.Is(cerr, context.Canceled) {
				outcome = "canceled"
			}
			done(slog.LevelWarn, outcome)
			return fmt.Errorf("llm: no reply within %v: %w", c.timeout, cerr)
		}
		status := httpStatus(err)
		done(slog.LevelWarn, "http_error", slog.Int("status", status))
		return &upstreamError{status: status, err: err}
	}
	if len(resp.Choices) == 0 {
		done(slog.LevelWarn, "bad_reply", slog.String("detail", "no choices"))
		return badReply("no choices")
	}
	msg := resp.Choices[0].Message
	if msg.Refusal != "" {
		done(slog.LevelWarn, "bad_reply", slog.String("detail", "refusal"))
		return badReply("model refused")
	}
	attrs, err := parse(msg.Content)
	if err != nil {
		done(slog.LevelWarn, "bad_reply",
			slog.String("detail", strings.TrimPrefix(err.Error(), ErrBadReply.Error()+": ")),
			slog.String("finish_reason", string(resp.Choices[0].FinishReason)))
		return err
	}
	done(slog.LevelInfo, "ok", append(attrs,
		slog.Int("prompt_tokens", resp.Usage.PromptTokens),
		slog.Int("completion_tokens", resp.Usage.CompletionTokens))...)
	return nil
}

func (c *Client) request(msgs []openai.ChatCompletionMessage, format openai.ChatCompletionResponseFormatType) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model:               c.model,
		Messages:            msgs,
		MaxCompletionTokens: maxCompletionTokens,
		ResponseFormat:      &openai.ChatCompletionResponseFormat{Type: format},
	}
	if !reasoningModel(c.model) {
		req.Temperature = temperature
	}
	if format == openai.ChatCompletionResponseFormatTypeJSONSchema {
		req.ResponseFormat.JSONSchema = &openai.ChatCompletionResponseFormatJSONSchema{
			Name:   "verdict",
			Schema: verdictSchemaJSON,
			Strict: true,
		}
	}
	return req
}

// reasoningModel: go-openai rejects a temperature other than 1 for these
// model names before sending anything, so we leave it unset.
func reasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

// schemaRejected: the status codes with which servers refuse an unsupported
// response_format (OpenAI-style 400, FastAPI-style 422).
func schemaRejected(status int) bool {
	return status == http.StatusBadRequest || status == http.StatusUnprocessableEntity
}

// httpStatus extracts the HTTP status from go-openai's two error types
// (*APIError for JSON error bodies, *RequestError for anything else).
func httpStatus(err error) int {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		return apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		return reqErr.HTTPStatusCode
	}
	return 0
}

// upstreamError is an HTTP or transport failure. Its message never includes
// the response body (a server may echo the prompt); the go-openai error is
// still reachable with errors.As.
type upstreamError struct {
	status int
	err    error
}

func (e *upstreamError) Error() string {
	if e.status != 0 {
		return fmt.Sprintf("llm: server returned HTTP %d", e.status)
	}
	return "llm: request failed: " + e.err.Error()
}

func (e *upstreamError) Unwrap() error { return e.err }

// take counts one call for user today (UTC) and reports whether it is within
// the quota. Counting happens before the request, so failed calls count.
func (c *Client) take(user string) bool {
	if c.quota < 0 {
		return true
	}
	t := c.now().UTC()
	day := t.Year()*1000 + t.YearDay()
	c.mu.Lock()
	defer c.mu.Unlock()
	if day != c.day {
		for k := range c.counts {
			if k.day != day {
				delete(c.counts, k)
			}
		}
		c.day = day
	}
	k := quotaKey{user, day}
	n, ok := c.counts[k]
	if n >= c.quota || (!ok && len(c.counts) >= maxQuotaEntries) {
		return false
	}
	c.counts[k] = n + 1
	return true
}

// Timeout is the hard per-request timeout; a caller waiting for the client
// need not wait longer.
func (c *Client) Timeout() time.Duration { return c.timeout }
