package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// The WeChat Official Account channel (公众号). WeChat POSTs every message
// and event of a follower to the callback (/wechat on the public
// listener), signed with the account's token; Gongyou answers in the HTTP
// response (a passive reply) within WeChat's 5 seconds, and sends what
// comes later (a slow turn's answer, the second part of a long one, staff
// follow-ups, announcements) with the customer-service API, which WeChat
// allows only inside a window: 48 hours after the worker's last message,
// at most 5 messages (store.WeChatWindowQuota). What cannot be sent waits
// in the store and is shown with the worker's next message.
//
// WeChat text has no buttons: choices are numbered lines, and a typed
// number presses the button with that number among the choices of the
// worker's last reply (kept in the store, as any replica may take the next
// callback) — the same rule as the terminal chat (render.go).
//
// A worker is (wechat, OpenID): store.ChannelUserID maps the OpenID to an
// id in WeChat's block. A retried callback (same MsgId; for events, sender
// + CreateTime + event) has no second effect: it gets the passive reply
// kept for the first.
//
// The SDK github.com/silenceper/wechat/v2 was considered and not used: its
// server answers synchronously from inside its handler (no way to reply
// with a holding answer at the 5-second mark and send the rest later), its
// access_token lives in its own cache interface (memory or Redis), not the
// store the replicas share, and it brings its own logging and cache
// dependencies. The parts Gongyou needs — signature, the AES scheme, XML
// in and out, three API calls — are a few hundred lines here, tested
// against a fake API.

const wechatName = "wechat"

// WeChatConfig configures the Official Account channel.
type WeChatConfig struct {
	AppID     string // WECHAT_APP_ID
	AppSecret string // WECHAT_APP_SECRET
	Token     string // WECHAT_TOKEN: signs the callbacks
	AESKey    string // WECHAT_AES_KEY: EncodingAESKey (43 characters); set = safe mode
	APIURL    string // WECHAT_API_URL, default https://api.weixin.qq.com
	Path      string // callback path, default /wechat

	// Budget is how long a callback waits for the turn before answering
	// with a holding reply (default 4 s: WeChat gives up after 5).
	Budget time.Duration
	// EventWindow is the window a menu click or a follow opens (default
	// 1 minute; a message opens 48 hours).
	EventWindow time.Duration
	// SendEvery is how often announcements are sent to workers inside
	// their window (default 2 s).
	SendEvery time.Duration
	// MaxSkew is how far a callback's timestamp may be from now (default
	// 5 minutes): an older signed request is a replay.
	MaxSkew time.Duration
	HTTP    *http.Client     // API client, default 10 s timeout
	Now     func() time.Time // clock, default time.Now
}

// WeChatStore is what the channel keeps in the store (*store.Store).
type WeChatStore interface {
	WeChatTokenStore
	ChannelUserID(ctx context.Context, channel, externalID string, create bool) (int64, error)
	ChannelExternalID(ctx context.Context, userID int64) (string, error)
	User(ctx context.Context, id int64) (store.User, error)
	SetSubscribed(ctx context.Context, id int64, on bool) error
	MarkWeChatSeen(ctx context.Context, key string) (bool, string, error)
	SetWeChatReply(ctx context.Context, key, reply string) error
	PruneWeChatSeen(ctx context.Context, cutoff time.Time) (int64, error)
	OpenWeChatWindow(ctx context.Context, userID int64, now, until time.Time, fresh bool) error
	TakeWeChatQuota(ctx context.Context, userID int64, now time.Time) (bool, error)
	CloseWeChatWindow(ctx context.Context, userID int64, now time.Time) error
	WeChatShown(ctx context.Context, userID int64) (string, error)
	SetWeChatShown(ctx context.Context, userID int64, shown string) error
	QueueWeChat(ctx context.Context, userID int64, text string) error
	TakeWeChatOutbox(ctx context.Context, userID int64) ([]string, error)
	ClaimWeChatDelivery(ctx context.Context, now time.Time) (store.WeChatDelivery, bool, error)
	FinishWeChatDelivery(ctx context.Context, id int64, state, reason string) error
}

// WeChat is the Official Account channel.
type WeChat struct {
	cfg   WeChatConfig
	key   []byte // AES key in safe mode
	st    WeChatStore
	api   *wechatAPI
	turns *turner
	rend  renderer
	log   *slog.Logger
	bgLog *slog.Logger   // the announcement loop's: an outage once per interval (lograte.go)
	locks [64]sync.Mutex // one worker's turns one at a time, in order
	bg    sync.WaitGroup // answers of slow turns still being sent
}

var _ Channel = (*WeChat)(nil)

const (
	wechatWindow  = 48 * time.Hour
	wechatMaxBody = 1 << 20
	// wechatMaxUnits bounds one text message: WeChat takes 2048 bytes, and
	// 600 UTF-16 units are at most 1800 bytes of UTF-8.
	wechatMaxUnits = 600
)

// NewWeChat builds the channel over h. m and log may be nil.
func NewWeChat(cfg WeChatConfig, h Handler, st WeChatStore, m *Metrics, log *slog.Logger) (*WeChat, error) {
	if cfg.AppID == "" || cfg.Token == "" {
		return nil, errors.New("bot: wechat: the app id and the token are required")
	}
	var key []byte
	if cfg.AESKey != "" {
		var err error
		if key, err = ParseWeChatAESKey(cfg.AESKey); err != nil {
			return nil, fmt.Errorf("bot: wechat: AES key: %w", err)
		}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("channel", wechatName)
	if cfg.APIURL == "" {
		cfg.APIURL = "https://api.weixin.qq.com"
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.Path == "" {
		cfg.Path = "/wechat"
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 4 * time.Second
	}
	if cfg.EventWindow <= 0 {
		cfg.EventWindow = time.Minute
	}
	if cfg.SendEvery <= 0 {
		cfg.SendEvery = 2 * time.Second
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = 5 * time.Minute
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cm := m.forChannel(wechatName)
	w := &WeChat{
		cfg: cfg, key: key, st: st, log: log, bgLog: rateLimitLog(log, outageLogEvery),
		turns: &turner{h: h, m: cm, log: log},
		rend:  renderer{lay: layout{maxUnits: wechatMaxUnits, labelUnits: 40}, m: cm},
		api: &wechatAPI{base: cfg.APIURL, appID: cfg.AppID, secret: cfg.AppSecret, hc: cfg.HTTP,
			st: st, now: cfg.Now, log: log},
	}
	return w, nil
}

// Name is "wechat".
func (w *WeChat) Name() string { return wechatName }

// Buttons is false: choices are numbered lines.
func (w *WeChat) Buttons() bool { return false }

// MaxMessage is the longest text message in UTF-16 units.
func (w *WeChat) MaxMessage() int { return wechatMaxUnits }

// Path is where the callback is mounted.
func (w *WeChat) Path() string { return w.cfg.Path }

// Send delivers a follow-up outside a turn: through the customer-service
// API inside the worker's window, else kept for their next message. It
// fails only when the store cannot keep it.
func (w *WeChat) Send(ctx context.Context, chatID int64, r dialog.Reply) error {
	if store.ChannelOf(chatID) != store.ChannelWeChat {
		return fmt.Errorf("bot: wechat: %d is not a WeChat user", chatID)
	}
	text, shown := w.render(nil, []dialog.Reply{r})
	if len(shown) > 0 {
		if err := w.keepShown(ctx, chatID, shown); err != nil {
			return err
		}
	}
	return w.deliver(ctx, chatID, text)
}

// Run sends announcements to workers inside their window and forgets old
// callback keys until ctx is done, then waits for the answers of slow
// turns still being sent. The callback is served by the listener it is
// mounted on (Handler).
func (w *WeChat) Run(ctx context.Context) error {
	t := time.NewTicker(w.cfg.SendEvery)
	defer t.Stop()
	lastPrune := time.Time{}
	for {
		select {
		case <-ctx.Done():
			w.bg.Wait()
			return nil
		case <-t.C:
		}
		now := w.cfg.Now()
		if now.Sub(lastPrune) > time.Hour {
			lastPrune = now
			if _, err := w.st.PruneWeChatSeen(ctx, now.Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
				w.bgLog.Warn("wechat: prune callbacks failed", "err", err)
			}
		}
		w.sendAnnouncements(ctx)
	}
}

// sendAnnouncements sends the pending announcements of workers inside
// their window (each spends one message of it).
func (w *WeChat) sendAnnouncements(ctx context.Context) {
	for ctx.Err() == nil {
		d, ok, err := w.st.ClaimWeChatDelivery(ctx, w.cfg.Now())
		if err != nil {
			if ctx.Err() == nil {
				w.bgLog.Warn("wechat: claim announcement failed", "err", err)
			}
			return
		}
		if !ok {
			return
		}
		state, reason := store.DeliverySent, ""
		openID, err := w.st.ChannelExternalID(ctx, d.UserID)
		if err == nil {
			err = w.api.sendText(ctx, openID, "📢 "+d.Text)
		}
		var apiErr *wechatError
		switch {
		case err == nil:
			w.turns.m.sends.WithLabelValues(outcomeOK).Inc()
		case errors.Is(err, errWindowClosed), errors.As(err, &apiErr), errors.Is(err, store.ErrNotFound):
			// Refused for sure: it waits for the worker's next message.
			state, reason = store.DeliveryPending, err.Error()
			if errors.Is(err, errWindowClosed) {
				_ = w.st.CloseWeChatWindow(ctx, d.UserID, w.cfg.Now())
			}
		default:
			state, reason = store.DeliveryUnknown, err.Error() // may have arrived: never twice
			w.turns.m.sends.WithLabelValues(outcomeError).Inc()
		}
		if err := w.st.FinishWeChatDelivery(context.WithoutCancel(ctx), d.ID, state, reason); err != nil {
			w.bgLog.Error("wechat: finish announcement failed", "err", err)
			return
		}
		if state == store.DeliveryPending {
			return // the API refuses now; try again at the next tick
		}
	}
}

// deliver sends text (already rendered) to a worker through the
// customer-service API, one message per part, inside the window; what
// cannot be sent is kept for their next message.
func (w *WeChat) deliver(ctx context.Context, userID int64, text string) error {
	parts := SplitText(text, wechatMaxUnits)
	openID, err := w.st.ChannelExternalID(ctx, userID)
	if err != nil {
		return err
	}
	for i, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		ok, err := w.st.TakeWeChatQuota(ctx, userID, w.cfg.Now())
		if err != nil {
			return err
		}
		if ok {
			err = w.api.sendText(ctx, openID, p)
			if err == nil {
				w.turns.m.sends.WithLabelValues(outcomeOK).Inc()
				continue
			}
			w.turns.m.sends.WithLabelValues(outcomeError).Inc()
			w.log.Info("wechat: customer-service message not sent; kept for the next message", "err", err)
			if errors.Is(err, errWindowClosed) {
				_ = w.st.CloseWeChatWindow(ctx, userID, w.cfg.Now())
			}
		}
		if err := w.st.QueueWeChat(ctx, userID, strings.Join(parts[i:], "\n\n")); err != nil {
			return err
		}
		return nil
	}
	return nil
}

// render turns replies into one text with the buttons as numbered lines
// (numbering across the replies) and returns the buttons in that order.
func (w *WeChat) render(shown []dialog.Button, replies []dialog.Reply) (string, []dialog.Button) {
	var b strings.Builder
	for _, rep := range replies {
		msgs, err := w.rend.messages(w.log, dialog.Reply{Text: rep.Text, Buttons: rep.Buttons})
		if err != nil {
			continue
		}
		for _, m := range msgs {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(strings.TrimRight(m.text, "\n"))
			var lines []string
			lines, shown = numberedRows(m.buttons, shown)
			for _, l := range lines {
				b.WriteString("\n" + strings.TrimSpace(l))
			}
		}
	}
	return b.String(), shown
}

func (w *WeChat) keepShown(ctx context.Context, userID int64, shown []dialog.Button) error {
	s := ""
	if len(shown) > 0 {
		b, _ := json.Marshal(shown)
		s = string(b)
	}
	return w.st.SetWeChatShown(ctx, userID, s)
}

// Handler serves the callback: GET is the console's URL check (echostr),
// POST a message or event.
func (w *WeChat) Handler() http.Handler {
	return http.HandlerFunc(w.serveHTTP)
}

// wechatMsg is a callback's XML (plain, or decrypted in safe mode).
type wechatMsg struct {
	XMLName      xml.Name `xml:"xml"`
	ToUserName   string   `xml:"ToUserName"`
	FromUserName string   `xml:"FromUserName"`
	CreateTime   int64    `xml:"CreateTime"`
	MsgType      string   `xml:"MsgType"`
	Content      string   `xml:"Content"`
	MsgID        int64    `xml:"MsgId"`
	Event        string   `xml:"Event"`
	EventKey     string   `xml:"EventKey"`
	Recognition  string   `xml:"Recognition"` // voice, when speech recognition is on in the console
	PicURL       string   `xml:"PicUrl"`      // image: the picture on WeChat's servers (wechat_image.go)
	MediaID      string   `xml:"MediaId"`     // image, voice: the temporary media's id
	Encrypt      string   `xml:"Encrypt"`
}

func (w *WeChat) reject(rw http.ResponseWriter, code int, why string) {
	w.turns.m.updateErrors.WithLabelValues(stageDecode).Inc()
	w.log.Info("wechat: callback refused", "status", code, "why", why)
	http.Error(rw, http.StatusText(code), code)
}

func (w *WeChat) serveHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		rw.Header().Set("Allow", "GET, POST")
		w.reject(rw, http.StatusMethodNotAllowed, "method")
		return
	}
	q := r.URL.Query()
	ts, nonce := q.Get("timestamp"), q.Get("nonce")
	if !signatureOK(q.Get("signature"), wechatSign(w.cfg.Token, ts, nonce)) {
		w.reject(rw, http.StatusForbidden, "signature")
		return
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || w.cfg.Now().Sub(time.Unix(sec, 0)).Abs() > w.cfg.MaxSkew {
		w.reject(rw, http.StatusForbidden, "timestamp too far off (replay?)")
		return
	}
	if r.Method == http.MethodGet {
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(rw, q.Get("echostr"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, wechatMaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.reject(rw, http.StatusRequestEntityTooLarge, "body too large")
			return
		}
		w.reject(rw, http.StatusBadRequest, "read body")
		return
	}
	encrypted := w.key != nil
	if encrypted {
		if q.Get("encrypt_type") != "aes" {
			w.reject(rw, http.StatusBadRequest, "plaintext callback in safe mode")
			return
		}
		var env wechatMsg
		if err := decodeWeChatXML(body, &env); err != nil || env.Encrypt == "" {
			w.reject(rw, http.StatusBadRequest, "bad envelope")
			return
		}
		if !signatureOK(q.Get("msg_signature"), wechatSign(w.cfg.Token, ts, nonce, env.Encrypt)) {
			w.reject(rw, http.StatusForbidden, "msg_signature")
			return
		}
		if body, err = wechatDecrypt(w.key, w.cfg.AppID, env.Encrypt); err != nil {
			w.reject(rw, http.StatusBadRequest, "decrypt")
			return
		}
	}
	var msg wechatMsg
	if err := decodeWeChatXML(body, &msg); err != nil || msg.FromUserName == "" || len(msg.FromUserName) > 128 {
		w.reject(rw, http.StatusBadRequest, "bad xml")
		return
	}
	text := w.callback(r.Context(), msg)
	w.writeReply(rw, msg, text, encrypted)
}

// decodeWeChatXML parses a callback strictly: a DOCTYPE (entity
// declarations, the XML bomb) is refused before parsing; encoding/xml
// expands no entities but the five predefined ones anyway.
func decodeWeChatXML(body []byte, v *wechatMsg) error {
	if bytes.Contains(bytes.ToUpper(body), []byte("<!DOCTYPE")) || bytes.Contains(bytes.ToUpper(body), []byte("<!ENTITY")) {
		return errors.New("wechat: DOCTYPE refused")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	return d.Decode(v)
}

// writeReply writes the passive reply: "success" (nothing to say) or a
// text message, encrypted in safe mode.
func (w *WeChat) writeReply(rw http.ResponseWriter, msg wechatMsg, text string, encrypted bool) {
	rw.Header().Set("Content-Type", "text/xml; charset=utf-8")
	if text == "" {
		_, _ = io.WriteString(rw, "success")
		return
	}
	out := passiveXML(msg, text, w.cfg.Now())
	if encrypted {
		enc, err := wechatEncrypt(w.key, w.cfg.AppID, out)
		if err != nil {
			w.log.Error("wechat: encrypt reply failed", "err", err)
			_, _ = io.WriteString(rw, "success")
			return
		}
		ts := strconv.FormatInt(w.cfg.Now().Unix(), 10)
		nonce := strconv.FormatInt(w.cfg.Now().UnixNano()%1e9, 10)
		out, _ = xml.Marshal(struct {
			XMLName   xml.Name `xml:"xml"`
			Encrypt   cdata    `xml:"Encrypt"`
			Signature cdata    `xml:"MsgSignature"`
			TimeStamp string   `xml:"TimeStamp"`
			Nonce     cdata    `xml:"Nonce"`
		}{Encrypt: cdata{enc}, Signature: cdata{wechatSign(w.cfg.Token, ts, nonce, enc)}, TimeStamp: ts, Nonce: cdata{nonce}})
	}
	_, _ = rw.Write(out)
}

type cdata struct {
	S string `xml:",cdata"`
}

// passiveXML is a text reply to msg.
func passiveXML(msg wechatMsg, text string, now time.Time) []byte {
	out, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"xml"`
		To      cdata    `xml:"ToUserName"`
		From    cdata    `xml:"FromUserName"`
		Created int64    `xml:"CreateTime"`
		Type    cdata    `xml:"MsgType"`
		Content cdata    `xml:"Content"`
	}{To: cdata{msg.FromUserName}, From: cdata{msg.ToUserName}, Created: now.Unix(), Type: cdata{"text"}, Content: cdata{text}})
	return out
}
