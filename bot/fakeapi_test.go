package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// fakeAPI is a Bot API server on 127.0.0.1 that speaks the wire format of
// go-telegram/bot: POST /bot{token}/{method} with a multipart/form-data body
// (or no body for methods without fields). It records every call, checks it
// the way Telegram would (a bad request is answered 400 and remembered as a
// violation, failing the test), serves queued updates through a blocking
// getUpdates that honours offset and timeout, and can be told to fail the
// next calls of a method with an error envelope (429 with retry_after, 403).
type fakeAPI struct {
	t     testing.TB
	srv   *httptest.Server
	token string

	mu         sync.Mutex
	calls      []apiCall
	record     bool           // keep calls (off in benchmarks)
	counts     map[string]int // calls per method, always kept
	pending    []pendingUpdate
	maxOffset  int64 // highest offset a getUpdates asked for: updates below are confirmed
	failures   map[string][]apiFailure
	violations []string
	changed    chan struct{} // closed and replaced on every change
	nextMsgID  int
}

type apiCall struct {
	Method string
	Fields map[string]string
	At     time.Time
}

type apiFailure struct {
	Code        int
	Description string
	RetryAfter  int
}

type pendingUpdate struct {
	id  int64
	raw json.RawMessage
}

const fakeToken = "123456:TEST-token"

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{t: t, token: fakeToken, record: true, failures: map[string][]apiFailure{}, counts: map[string]int{}, changed: make(chan struct{})}
	f.srv = httptest.NewServer(f)
	t.Cleanup(func() {
		f.srv.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, v := range f.violations {
			t.Errorf("fake Bot API received an invalid request: %s", v)
		}
	})
	return f
}

// URL is the base URL for TelegramConfig.APIURL.
func (f *fakeAPI) URL() string { return f.srv.URL }

// notifyLocked wakes waiters; f.mu must be held.
func (f *fakeAPI) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// push queues updates for getUpdates. Each is marshalled to JSON unless it
// already is a json.RawMessage (hand-crafted bytes).
func (f *fakeAPI) push(updates ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range updates {
		raw, ok := u.(json.RawMessage)
		if !ok {
			var err error
			if raw, err = json.Marshal(u); err != nil {
				f.t.Fatalf("marshal update: %v", err)
			}
		}
		var head struct {
			ID int64 `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &head)
		f.pending = append(f.pending, pendingUpdate{id: head.ID, raw: raw})
	}
	f.notifyLocked()
}

// failNext makes the next call(s) of method answer with failure, in order.
func (f *fakeAPI) failNext(method string, failures ...apiFailure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], failures...)
}

// callsOf returns the recorded calls of method ("" for all but getUpdates).
func (f *fakeAPI) callsOf(method string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// count is how many calls of method arrived.
func (f *fakeAPI) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[method]
}

// confirmed reports whether getUpdates was asked for an offset above id.
func (f *fakeAPI) confirmed(id int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.maxOffset > id
}

// textsTo returns the texts sent to chat, in order.
func (f *fakeAPI) textsTo(chat int64) []string {
	var out []string
	for _, c := range f.callsOf("sendMessage") {
		if c.Fields["chat_id"] == strconv.FormatInt(chat, 10) {
			out = append(out, c.Fields["text"])
		}
	}
	return out
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + f.token + "/"
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, prefix) {
		f.violation("%s %s: not a POST /bot{token}/{method}", r.Method, r.URL.Path)
		writeAPIError(w, apiFailure{Code: 404, Description: "Not Found"})
		return
	}
	method := strings.TrimPrefix(r.URL.Path, prefix)
	fields, err := readForm(r)
	if err != nil {
		f.violation("%s: %v", method, err)
		writeAPIError(w, apiFailure{Code: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	if method == "getUpdates" {
		f.getUpdates(w, r, fields)
		return
	}

	call := apiCall{Method: method, Fields: fields, At: time.Now()}
	problem := checkCall(method, fields)
	f.mu.Lock()
	f.counts[method]++
	if f.record {
		f.calls = append(f.calls, call)
	}
	var fail *apiFailure
	if problem != "" {
		f.violations = append(f.violations, method+": "+problem)
		fail = &apiFailure{Code: 400, Description: "Bad Request: " + problem}
	} else if q := f.failures[method]; len(q) > 0 {
		fail = &q[0]
		f.failures[method] = q[1:]
	}
	f.nextMsgID++
	msgID := f.nextMsgID
	f.notifyLocked()
	f.mu.Unlock()

	if fail != nil {
		writeAPIError(w, *fail)
		return
	}
	switch method {
	case "getMe":
		writeAPIResult(w, map[string]any{"id": 123456, "is_bot": true, "first_name": "Gongyou Test", "username": "TestBot"})
	case "sendMessage":
		chatID, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
		writeAPIResult(w, map[string]any{
			"message_id": msgID, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chatID, "type": "private"},
			"text": fields["text"],
		})
	default:
		writeAPIResult(w, true)
	}
}

// getUpdates answers the queued updates with id >= offset (dropping the
// confirmed ones), or blocks until some arrive, the timeout passes or the
// client goes away.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, fields map[string]string) {
	offset, _ := strconv.ParseInt(fields["offset"], 10, 64)
	timeout, _ := strconv.Atoi(fields["timeout"])
	limit, _ := strconv.Atoi(fields["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	if au := fields["allowed_updates"]; au != "" {
		var list []string
		if err := json.Unmarshal([]byte(au), &list); err != nil {
			f.violation("getUpdates: allowed_updates %q is not a JSON list", au)
		}
	}
	timer := time.NewTimer(time.Duration(timeout) * time.Second)
	defer timer.Stop()
	for {
		f.mu.Lock()
		if offset > f.maxOffset {
			f.maxOffset = offset
			f.notifyLocked()
		}
		kept := f.pending[:0]
		for _, u := range f.pending {
			if u.id >= offset {
				kept = append(kept, u)
			}
		}
		f.pending = kept
		batch := make([]json.RawMessage, 0, limit)
		for _, u := range f.pending {
			if len(batch) == limit {
				break
			}
			batch = append(batch, u.raw)
		}
		changed := f.changed
		f.mu.Unlock()

		if len(batch) > 0 || timeout == 0 {
			writeAPIResult(w, batch)
			return
		}
		select {
		case <-changed:
		case <-timer.C:
			writeAPIResult(w, batch)
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (f *fakeAPI) violation(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.violations = append(f.violations, fmt.Sprintf(format, args...))
}

// readForm parses the request like the Bot API: multipart/form-data, or an
// empty body without a content type.
func readForm(r *http.Request) (map[string]string, error) {
	fields := map[string]string{}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		if len(body) > 0 {
			return nil, fmt.Errorf("body of %d bytes without a content type", len(body))
		}
		return fields, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" {
		return nil, fmt.Errorf("content type %q is not multipart/form-data", ct)
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return nil, fmt.Errorf("multipart: %w", err)
	}
	for k, v := range r.MultipartForm.Value {
		if len(v) != 1 {
			return nil, fmt.Errorf("field %q sent %d times", k, len(v))
		}
		fields[k] = v[0]
	}
	return fields, nil
}

var fakeSecretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// checkCall returns what Telegram would reject in a call ("" if fine).
func checkCall(method string, f map[string]string) string {
	switch method {
	case "sendMessage":
		if _, err := strconv.ParseInt(f["chat_id"], 10, 64); err != nil {
			return fmt.Sprintf("chat_id %q", f["chat_id"])
		}
		text := f["text"]
		switch {
		case strings.TrimSpace(text) == "":
			return "message text is empty"
		case !utf8.ValidString(text):
			return "text must be encoded in UTF-8"
		case UTF16Len(text) > MaxMessageUnits:
			return fmt.Sprintf("message is too long (%d UTF-16 units)", UTF16Len(text))
		case f["parse_mode"] != "":
			return "parse_mode set: user text must go out plain"
		}
		if rm := f["reply_markup"]; rm != "" {
			var kb models.InlineKeyboardMarkup
			if err := json.Unmarshal([]byte(rm), &kb); err != nil {
				return "reply_markup: " + err.Error()
			}
			total := 0
			for _, row := range kb.InlineKeyboard {
				if len(row) == 0 || len(row) > maxButtonsPerRow {
					return fmt.Sprintf("row of %d buttons", len(row))
				}
				for _, b := range row {
					total++
					if strings.TrimSpace(b.Text) == "" || !utf8.ValidString(b.Text) {
						return "button text empty or not UTF-8"
					}
					if n := len(b.CallbackData); n < 1 || n > 64 {
						return fmt.Sprintf("BUTTON_DATA_INVALID (%d bytes)", n)
					}
				}
			}
			if total > maxButtons {
				return "reply markup is too long"
			}
		}
	case "answerCallbackQuery":
		if f["callback_query_id"] == "" {
			return "query is too old and response timeout expired or query ID is invalid"
		}
	case "setWebhook":
		if f["url"] == "" {
			return "bad webhook: an HTTPS URL must be provided"
		}
		if s, ok := f["secret_token"]; ok && !fakeSecretRe.MatchString(s) {
			return "secret token contains unallowed characters"
		}
	}
	return ""
}

func writeAPIResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeAPIError(w http.ResponseWriter, e apiFailure) {
	body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Description}
	if e.RetryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.RetryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.Code)
	_ = json.NewEncoder(w).Encode(body)
}

// Update builders, as Telegram sends them.

func privateMsg(id, user int64, text string) map[string]any {
	return map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": 1700000000, "text": text,
		"chat": map[string]any{"id": user, "type": "private"},
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明", "language_code": "zh-hans"},
	}}
}

func groupMsg(id, user, chat int64, text string) map[string]any {
	return map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": 1700000000, "text": text,
		"chat": map[string]any{"id": chat, "type": "supergroup", "title": "工友群"},
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明"},
	}}
}

func callback(id, user int64, data string) map[string]any {
	return map[string]any{"update_id": id, "callback_query": map[string]any{
		"id": fmt.Sprintf("cq-%d", id), "chat_instance": "ci", "data": data,
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "阿明", "language_code": "zh-hans"},
		"message": map[string]any{
			"message_id": 1, "date": 1700000000, "text": "menu",
			"chat": map[string]any{"id": user, "type": "private"},
		},
	}}
}
