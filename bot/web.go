package bot

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// The web chat: a channel served over plain HTTP that works inside
// WeChat's built-in browser. Pages are rendered on the server from
// embedded templates; every form is a plain POST that redirects back to
// the page (POST → 303 → GET), so the chat works without JavaScript, and
// webassets/app.js upgrades the forms to fetch and polls for follow-ups.
//
// A visitor is an anonymous random id in a signed cookie (web_guard.go);
// the store maps it to a user id in the web block (store.ChannelUserID),
// so a visitor is never a Telegram user. The page shows the last turns
// kept in the store (web_messages), so a restart or another replica on
// the same PostgreSQL continues the same conversation. A GET never runs a
// dialog turn nor creates a user: WeChat's link previews and crawlers
// fetch pages.

//go:embed webassets
var webAssets embed.FS

const webName = "web"

// WebConfig configures the web chat.
type WebConfig struct {
	Path      string // where the chat is mounted, "/" or "/chat/" (a trailing slash is added)
	Secret    []byte // signs cookies and CSRF tokens; at least 32 bytes
	PublicURL string // public base URL (https → Secure cookie); the poster's QR code points to it + Path
	// Rate limits of posts: per visitor and per client IP (many workers at
	// one market share a carrier NAT address, so the IP limit is loose).
	VisitorRate  float64 // posts per second, default 1
	VisitorBurst int     // default 8
	IPRate       float64 // default 10
	IPBurst      int     // default 60
	TrustProxy   bool    // take the client IP from the last X-Forwarded-For hop
	MaxBody      int64   // bytes of one post, default 32 KiB
	Shown        int     // messages shown on the page, default 40
}

// WebStore is what the web chat keeps in the store.
type WebStore interface {
	ChannelUserID(ctx context.Context, channel, externalID string, create bool) (int64, error)
	User(ctx context.Context, id int64) (store.User, error)
	AddWebMessages(ctx context.Context, userID int64, msgs []store.WebMessage) error
	WebMessages(ctx context.Context, userID, after int64, limit int) ([]store.WebMessage, error)
	TakeWebBroadcasts(ctx context.Context, userID int64) ([]string, error)
}

// Web is the web chat channel.
type Web struct {
	cfg     WebConfig
	st      WebStore
	turns   *turner
	log     *slog.Logger
	tmpl    *template.Template
	static  map[string]webAsset
	version string
	locks   [64]sync.Mutex // one visitor's turns one at a time (two tabs at once)
	visitor *limiters
	ip      *limiters
	secure  bool
}

var _ Channel = (*Web)(nil)

type webAsset struct {
	body  []byte
	ctype string
}

// NewWeb builds the web chat over h. m and log may be nil.
func NewWeb(cfg WebConfig, h Handler, st WebStore, m *Metrics, log *slog.Logger) (*Web, error) {
	if len(cfg.Secret) < 32 {
		return nil, errors.New("bot: web chat: the secret must have at least 32 bytes")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("channel", webName)
	if cfg.Path == "" {
		cfg.Path = "/"
	}
	if !strings.HasPrefix(cfg.Path, "/") {
		cfg.Path = "/" + cfg.Path
	}
	if !strings.HasSuffix(cfg.Path, "/") {
		cfg.Path += "/"
	}
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&cfg.VisitorRate, 1)
	def(&cfg.IPRate, 10)
	defi(&cfg.VisitorBurst, 8)
	defi(&cfg.IPBurst, 60)
	defi(&cfg.Shown, 40)
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 32 << 10
	}
	tmpl, err := template.ParseFS(webAssets, "webassets/page.html")
	if err != nil {
		return nil, fmt.Errorf("bot: web templates: %w", err)
	}
	w := &Web{
		cfg: cfg, st: st, log: log, tmpl: tmpl,
		turns:   &turner{h: h, m: m.forChannel(webName), log: log},
		static:  map[string]webAsset{},
		visitor: newLimiters(cfg.VisitorRate, cfg.VisitorBurst),
		ip:      newLimiters(cfg.IPRate, cfg.IPBurst),
		secure:  strings.HasPrefix(cfg.PublicURL, "https://"),
	}
	sum := sha256.New()
	for name, ctype := range map[string]string{"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"} {
		b, err := webAssets.ReadFile("webassets/" + name)
		if err != nil {
			return nil, err
		}
		w.static[name] = webAsset{body: b, ctype: ctype}
		sum.Write(b)
	}
	w.version = hex.EncodeToString(sum.Sum(nil))[:10]
	return w, nil
}

// Name is "web".
func (w *Web) Name() string { return webName }

// Buttons is true: buttons are <button>s posting their data.
func (w *Web) Buttons() bool { return true }

// MaxMessage is 0: a page shows any length.
func (w *Web) MaxMessage() int { return 0 }

// Path is where the chat is mounted.
func (w *Web) Path() string { return w.cfg.Path }

// Send keeps a follow-up in the visitor's transcript: they see it when they
// next open the page, or at the page's next poll.
func (w *Web) Send(ctx context.Context, chatID int64, r dialog.Reply) error {
	if store.ChannelOf(chatID) != store.ChannelWeb {
		return fmt.Errorf("bot: web chat: %d is not a web visitor", chatID)
	}
	if err := w.st.AddWebMessages(ctx, chatID, []store.WebMessage{w.out(r)}); err != nil {
		w.turns.m.sends.WithLabelValues(outcomeError).Inc()
		return err
	}
	w.turns.m.sends.WithLabelValues(outcomeOK).Inc()
	return nil
}

// Run forgets idle rate limiters until ctx is done. The pages are served by
// the HTTP listener the chat is mounted on (Handler).
func (w *Web) Run(ctx context.Context) error {
	t := time.NewTicker(prunePeriod)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case now := <-t.C:
			w.visitor.prune(now, 10*time.Minute)
			w.ip.prune(now, 10*time.Minute)
		}
	}
}

// out is a reply as a transcript message: text as the engine wrote it
// (invalid UTF-8 replaced), buttons checked like every channel's.
func (w *Web) out(r dialog.Reply) store.WebMessage {
	rows := renderer{m: w.turns.m}.buttons(w.log, r.Buttons)
	m := store.WebMessage{Role: "out", Text: strings.ToValidUTF8(r.Text, "\uFFFD")}
	if len(rows) > 0 {
		b, _ := json.Marshal(rows)
		m.Buttons = string(b)
	}
	return m
}

// Handler serves the chat under Path:
//
//	GET  Path               the conversation (or the welcome before the first post)
//	POST Path+"send"        a message (text) or a pressed button (cb); 303 back, or JSON for fetch
//	GET  Path+"poll"        JSON: messages after ?after=ID (follow-ups, announcements)
//	GET  Path+"static/…"    app.css, app.js
//	GET  Path+"poster"      a printable poster with the QR code; Path+"qr.png" the code
func (w *Web) Handler() http.Handler {
	p := w.cfg.Path
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+p+"{$}", w.page)
	mux.HandleFunc("POST "+p+"send", w.send)
	mux.HandleFunc("POST "+p+"image", w.upload) // web_image.go
	mux.HandleFunc("GET "+p+"poll", w.poll)
	mux.HandleFunc("GET "+p+"static/{name}", w.asset)
	mux.HandleFunc("GET "+p+"poster", w.poster)
	mux.HandleFunc("GET "+p+"qr.png", w.qr)
	return securityHeaders(mux)
}

// securityHeaders sets a strict CSP (scripts and styles only from this
// origin's /static, nothing inline) and friends on every answer.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
			"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(rw, r)
	})
}

func (w *Web) asset(rw http.ResponseWriter, r *http.Request) {
	a, ok := w.static[r.PathValue("name")]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", a.ctype)
	rw.Header().Set("Cache-Control", "public, max-age=86400")
	writeMaybeGzip(rw, r, a.body)
}

// pageData is what page.html renders.
type pageData struct {
	T        webText
	HTMLLang string
	Base     string
	Version  string
	CSRF     string
	Last     int64
	Messages []shownMessage
	URL      string
}

type shownMessage struct {
	ID      int64
	Role    string
	Text    string
	Buttons [][]dialog.Button
}

// shown turns transcript messages into what the page shows: buttons only
// under Gongyou's latest answer (older ones stay pressable through the
// stale check, but are not shown).
func shown(msgs []store.WebMessage, buttonsFrom int64) []shownMessage {
	out := make([]shownMessage, 0, len(msgs))
	for _, m := range msgs {
		s := shownMessage{ID: m.ID, Role: m.Role, Text: m.Text}
		if m.Role == "out" && m.Buttons != "" && m.ID >= buttonsFrom {
			_ = json.Unmarshal([]byte(m.Buttons), &s.Buttons)
		}
		out = append(out, s)
	}
	return out
}

// latestTurn is the id of the first message of Gongyou's latest answer
// (after the visitor's last message).
func latestTurn(msgs []store.WebMessage) int64 {
	from := int64(0)
	for _, m := range msgs {
		if m.Role == "in" {
			from = m.ID + 1
		}
	}
	return from
}

func (w *Web) page(rw http.ResponseWriter, r *http.Request) {
	v, fresh := w.visitorOf(r)
	if fresh {
		w.setCookie(rw, v)
	}
	ctx := r.Context()
	d := w.data(r, v, "")
	if !fresh {
		id, err := w.st.ChannelUserID(ctx, store.ChannelWeb, externalID(v), false)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			w.fail(rw, "page", err)
			return
		default:
			msgs, lang, err := w.conversation(ctx, id, 0)
			if err != nil {
				w.fail(rw, "page", err)
				return
			}
			d = w.data(r, v, lang)
			d.Messages = shown(msgs, latestTurn(msgs))
			if len(msgs) > 0 {
				d.Last = msgs[len(msgs)-1].ID
			}
		}
	}
	if r.URL.Query().Get("bye") == "1" {
		d.Messages = append(d.Messages, shownMessage{Role: "out", Text: dialog.T(d.HTMLLang, "delete.done")})
	}
	w.render(rw, r, "page", d)
}

// conversation takes the visitor's waiting announcements into the
// transcript and returns its messages after `after` and the user's language.
func (w *Web) conversation(ctx context.Context, id, after int64) ([]store.WebMessage, string, error) {
	texts, err := w.st.TakeWebBroadcasts(ctx, id)
	if err != nil {
		return nil, "", err
	}
	if len(texts) > 0 {
		var msgs []store.WebMessage
		for _, t := range texts {
			msgs = append(msgs, store.WebMessage{Role: "out", Text: "📢 " + t})
		}
		if err := w.st.AddWebMessages(ctx, id, msgs); err != nil {
			return nil, "", err
		}
	}
	msgs, err := w.st.WebMessages(ctx, id, after, w.cfg.Shown)
	if err != nil {
		return nil, "", err
	}
	lang := ""
	if u, err := w.st.User(ctx, id); err == nil {
		lang = u.Lang
	}
	return msgs, lang, nil
}

func (w *Web) data(r *http.Request, v, saved string) pageData {
	lang := webLang(saved, r.Header.Get("Accept-Language"))
	html := "zh-Hans"
	if lang == "en" {
		html = "en"
	}
	d := pageData{T: webTexts[lang], HTMLLang: html, Base: w.cfg.Path, Version: w.version, CSRF: w.csrfToken(v)}
	if lang == "en" {
		d.HTMLLang = "en"
	}
	return d
}

func (w *Web) render(rw http.ResponseWriter, r *http.Request, name string, d any) {
	var b strings.Builder
	if err := w.tmpl.ExecuteTemplate(&b, name, d); err != nil {
		w.fail(rw, "render", err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	writeMaybeGzip(rw, r, []byte(b.String()))
}

// fail answers 500 and logs what failed, never who or what they wrote.
func (w *Web) fail(rw http.ResponseWriter, what string, err error) {
	w.turns.m.updateErrors.WithLabelValues(stageHandler).Inc()
	w.log.Error("web chat: "+what+" failed", "err", err)
	http.Error(rw, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}

// reject answers a refused request with a short plain text.
func (w *Web) reject(rw http.ResponseWriter, code int, why string) {
	w.turns.m.updateErrors.WithLabelValues(stageDecode).Inc()
	w.log.Info("web chat: request refused", "status", code, "why", why)
	if code == http.StatusTooManyRequests {
		rw.Header().Set("Retry-After", "1")
	}
	http.Error(rw, http.StatusText(code), code)
}

// maxText bounds one message (a long pasted offer fits).
const maxText = 4000

func (w *Web) send(rw http.ResponseWriter, r *http.Request) {
	if !w.ip.allow(w.clientIP(r)) {
		w.turns.m.floodDropped.Inc()
		w.reject(rw, http.StatusTooManyRequests, "ip rate")
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, w.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.reject(rw, http.StatusRequestEntityTooLarge, "body too large")
			return
		}
		w.reject(rw, http.StatusBadRequest, "bad form")
		return
	}
	v, fresh := w.visitorOf(r)
	if fresh || !w.csrfOK(v, r.PostForm.Get("csrf")) {
		w.reject(rw, http.StatusForbidden, "csrf")
		return
	}
	if !w.visitor.allow(v) {
		w.turns.m.floodDropped.Inc()
		w.reject(rw, http.StatusTooManyRequests, "visitor rate")
		return
	}
	text := strings.TrimSpace(strings.ToValidUTF8(r.PostForm.Get("text"), "\uFFFD"))
	if utf8.RuneCountInString(text) > maxText {
		text = string([]rune(text)[:maxText])
	}
	cb := r.PostForm.Get("cb")
	if len(cb) > dialog.MaxCallbackData || !utf8.ValidString(cb) {
		w.reject(rw, http.StatusBadRequest, "bad button")
		return
	}
	after, _ := strconv.ParseInt(r.PostForm.Get("after"), 10, 64)
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if text == "" && cb == "" {
		w.afterPost(rw, r, v, 0, after, wantJSON)
		return
	}
	ctx := r.Context()
	ext := externalID(v)
	id, err := w.st.ChannelUserID(ctx, store.ChannelWeb, ext, true)
	if err != nil {
		w.fail(rw, "visitor", err)
		return
	}
	deleted, unkept, err := w.turn(ctx, r, id, ext, text, cb)
	if err != nil && unkept != nil {
		// The transcript could not be kept (disk full): this turn's messages
		// from memory instead of the kept page, without buttons (a press
		// is checked against the kept transcript).
		w.turns.m.updateErrors.WithLabelValues(stageHandler).Inc()
		w.log.Warn("web chat: transcript not kept; answering from memory", "err", err)
		d := w.data(r, v, "")
		d.Messages = shown(unkept, 1)
		if wantJSON {
			w.writeJSON(rw, r, d, false)
		} else {
			w.render(rw, r, "page", d)
		}
		return
	}
	if err != nil {
		w.fail(rw, "turn", err)
		return
	}
	if deleted {
		// The user is gone with their mapping; the browser gets a new
		// anonymous id, and the page says it is done.
		nv := newVisitorID()
		w.setCookie(rw, nv)
		lang := webLang("", r.Header.Get("Accept-Language"))
		if !wantJSON {
			http.Redirect(rw, r, w.cfg.Path+"?bye=1", http.StatusSeeOther)
			return
		}
		d := w.data(r, nv, lang)
		d.Messages = []shownMessage{{Role: "out", Text: dialog.T(lang, "delete.done")}}
		w.writeJSON(rw, r, d, true)
		return
	}
	w.afterPost(rw, r, v, id, after, wantJSON)
}

// afterPost answers a post: 303 back to the page, or for fetch the
// messages after `after` as HTML.
func (w *Web) afterPost(rw http.ResponseWriter, r *http.Request, v string, id, after int64, wantJSON bool) {
	if !wantJSON {
		http.Redirect(rw, r, w.cfg.Path+"#end", http.StatusSeeOther)
		return
	}
	d := w.data(r, v, "")
	if id != 0 {
		msgs, lang, err := w.conversation(r.Context(), id, after)
		if err != nil {
			w.fail(rw, "messages", err)
			return
		}
		d = w.data(r, v, lang)
		d.Messages = shown(msgs, latestTurn(msgs))
		if len(msgs) > 0 {
			d.Last = msgs[len(msgs)-1].ID
		}
	}
	w.writeJSON(rw, r, d, false)
}

type webJSON struct {
	HTML  string `json:"html"`
	Last  int64  `json:"last,omitempty"`
	CSRF  string `json:"csrf"`
	Reset bool   `json:"reset,omitempty"`
}

func (w *Web) writeJSON(rw http.ResponseWriter, r *http.Request, d pageData, reset bool) {
	var b strings.Builder
	if len(d.Messages) > 0 {
		if err := w.tmpl.ExecuteTemplate(&b, "msgs", d); err != nil {
			w.fail(rw, "render", err)
			return
		}
	}
	out, _ := json.Marshal(webJSON{HTML: b.String(), Last: d.Last, CSRF: d.CSRF, Reset: reset})
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	writeMaybeGzip(rw, r, out)
}

// turn runs one dialog turn for web user id and keeps it in the
// transcript. A pressed button must be one Gongyou showed this visitor
// (any kept message: an older tab's buttons still work, the engine judges
// their staleness); other data gets the stale-button answer without a
// turn. deleted reports that the turn erased the user (/delete); unkept
// holds the turn's messages when they could not be kept (with err).
func (w *Web) turn(ctx context.Context, r *http.Request, id int64, ext, text, cb string) (deleted bool, unkept []store.WebMessage, err error) {
	mu := &w.locks[shardOf(id, len(w.locks))]
	mu.Lock()
	defer mu.Unlock()
	in := store.WebMessage{Role: "in", Text: text}
	ev := dialog.Event{UserID: id, ChatID: id, Lang: r.Header.Get("Accept-Language"), Text: text}
	kind := kindMessage
	if cb != "" {
		kind = kindCallback
		label, ok, err := w.buttonLabel(ctx, id, cb)
		if err != nil {
			return false, nil, err
		}
		if !ok {
			lang := ""
			if u, err := w.st.User(ctx, id); err == nil {
				lang = u.Lang
			}
			return false, nil, w.st.AddWebMessages(ctx, id, []store.WebMessage{
				{Role: "out", Text: webTexts[webLang(lang, r.Header.Get("Accept-Language"))].Stale}})
		}
		in.Text = "👉 " + label
		ev = dialog.Event{UserID: id, ChatID: id, Lang: ev.Lang, Callback: cb}
	}
	w.turns.m.updates.WithLabelValues(kind).Inc()
	msgs := []store.WebMessage{in}
	w.turns.take(ctx, w.log, ev, func(replies []dialog.Reply) {
		for _, rep := range replies {
			if strings.TrimSpace(rep.Text) == "" {
				continue
			}
			msgs = append(msgs, w.out(rep))
		}
	}, func(n dialog.Notice) {
		msgs = append(msgs, store.WebMessage{Role: "out", Text: dialog.NoticeText(ev.Lang, n)})
	})
	// /delete erased the user and their mapping: nothing more to keep.
	if _, err := w.st.ChannelUserID(ctx, store.ChannelWeb, ext, false); errors.Is(err, store.ErrNotFound) {
		return true, nil, nil
	}
	if err := w.st.AddWebMessages(ctx, id, msgs); err != nil {
		return false, msgs, err
	}
	return false, nil, nil
}

// buttonLabel finds a button with data cb among the buttons this visitor
// was shown (the kept transcript).
func (w *Web) buttonLabel(ctx context.Context, id int64, cb string) (string, bool, error) {
	msgs, err := w.st.WebMessages(ctx, id, 0, 1000)
	if err != nil {
		return "", false, err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Buttons == "" {
			continue
		}
		var rows [][]dialog.Button
		if json.Unmarshal([]byte(msgs[i].Buttons), &rows) != nil {
			continue
		}
		for _, row := range rows {
			for _, b := range row {
				if b.Data == cb {
					return b.Label, true, nil
				}
			}
		}
	}
	return "", false, nil
}

func (w *Web) poll(rw http.ResponseWriter, r *http.Request) {
	v, fresh := w.visitorOf(r)
	if fresh {
		w.reject(rw, http.StatusForbidden, "no visitor")
		return
	}
	if !w.ip.allow(w.clientIP(r)) {
		w.reject(rw, http.StatusTooManyRequests, "ip rate")
		return
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	id, err := w.st.ChannelUserID(r.Context(), store.ChannelWeb, externalID(v), false)
	if errors.Is(err, store.ErrNotFound) {
		w.writeJSON(rw, r, w.data(r, v, ""), false)
		return
	}
	if err != nil {
		w.fail(rw, "poll", err)
		return
	}
	w.afterPost(rw, r, v, id, after, true)
}
