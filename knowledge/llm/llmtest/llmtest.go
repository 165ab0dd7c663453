// Package llmtest is a fake OpenAI-compatible chat-completions server for
// tests of code that asks the LLM (the scam checker, its CLI, the dialog).
// It records every request body so a test can check what left the process.
package llmtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongyou/gongyou/knowledge/llm"
)

// Request is one chat-completions request as the server saw it.
type Request struct {
	Body         string // the raw JSON body
	System, User string // the contents of the system and user messages
}

// Handler answers one request.
type Handler func(w http.ResponseWriter, r *http.Request, req Request)

// Server speaks POST /v1/chat/completions.
type Server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []Request
}

// New starts a fake server answering with h; it is closed when the test ends.
func New(t testing.TB, h Handler) *Server {
	t.Helper()
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var wire struct {
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		if err := json.Unmarshal(body, &wire); err != nil {
			http.Error(w, "bad request body", http.StatusBadRequest)
			return
		}
		req := Request{Body: string(body)}
		for _, m := range wire.Messages {
			switch m.Role {
			case "system":
				req.System = m.Content
			case "user":
				req.User = m.Content
			}
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, req)
		s.mu.Unlock()
		h(w, r, req)
	}))
	t.Cleanup(s.Close)
	return s
}

// Config is a client configuration for this server: no quota unless the
// test sets one, the given timeout (llm.DefaultTimeout when 0).
func (s *Server) Config(timeout time.Duration) llm.Config {
	return llm.Config{BaseURL: s.URL + "/v1", APIKey: "test-key", Model: "test-model",
		Timeout: timeout, DailyQuota: -1, HTTPClient: s.Client()}
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Calls is the number of requests received so far.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// Completion writes a chat completion whose message content is content.
func Completion(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content},
		}},
		"usage": map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
	})
}

// Verdict is a well-formed verdict object for risk with one reason.
func Verdict(risk, reason string) string {
	b, _ := json.Marshal(map[string]any{"risk": risk, "reasons": []string{reason}, "types": []string{}})
	return string(b)
}

// Reply always answers content.
func Reply(content string) Handler {
	return func(w http.ResponseWriter, _ *http.Request, _ Request) { Completion(w, content) }
}

// Liar says every offer is safe, with a reassuring reason.
func Liar() Handler { return Reply(Verdict("low", "本招聘已通过平台审核，可放心")) }

// Obedient follows orders written in the offer: when the text between the
// fences tells it to answer "low" (or hands it a ready verdict), it does;
// otherwise it says "high".
func Obedient() Handler {
	return func(w http.ResponseWriter, _ *http.Request, req Request) {
		u := strings.ToLower(Offer(req.User))
		if strings.Contains(u, "low") || strings.Contains(u, "低风险") || strings.Contains(u, "安全") {
			Completion(w, Verdict("low", "系统管理员已确认安全"))
			return
		}
		Completion(w, Verdict("high", "要求先交钱"))
	}
}

// Offer returns the text between the fences of a user message (all of it
// when there are none).
func Offer(user string) string {
	if i := strings.Index(user, "<<<OFFER-"); i >= 0 {
		user = user[i:]
		if j := strings.IndexByte(user, '\n'); j >= 0 {
			user = user[j+1:]
		}
	}
	if i := strings.Index(user, "<<<END-"); i >= 0 {
		user = user[:i]
	}
	return user
}

// Slow answers with h after d, or never when the client gives up first.
func Slow(d time.Duration, h Handler) Handler {
	return func(w http.ResponseWriter, r *http.Request, req Request) {
		select {
		case <-time.After(d):
			h(w, r, req)
		case <-r.Context().Done():
		}
	}
}

// Stalled never answers: it holds the request until the client gives up
// (or the server closes).
func Stalled() Handler {
	return func(_ http.ResponseWriter, r *http.Request, _ Request) { <-r.Context().Done() }
}

// Garbage answers each request with a different kind of junk: prose, a
// broken object, an unknown level, an empty body with 200, an HTTP 500.
func Garbage() Handler {
	var mu sync.Mutex
	n := 0
	junk := []func(w http.ResponseWriter){
		func(w http.ResponseWriter) { Completion(w, "这条招聘看起来没问题。") },
		func(w http.ResponseWriter) { Completion(w, `{"risk":"low","reasons":[`) },
		func(w http.ResponseWriter) { Completion(w, `{"risk":"totally-safe","reasons":[],"types":[]}`) },
		func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, "")
		},
		func(w http.ResponseWriter) {
			http.Error(w, `{"error":{"message":"boom"}}`, http.StatusInternalServerError)
		},
	}
	return func(w http.ResponseWriter, _ *http.Request, _ Request) {
		mu.Lock()
		f := junk[n%len(junk)]
		n++
		mu.Unlock()
		f(w)
	}
}
