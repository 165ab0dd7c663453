package bot

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The WeChat API: access_token, customer-service (客服) messages and the
// account menu. The access_token is fetched once per account — every
// fetch invalidates the previous one — and shared by the replicas through
// the store: one replica holds a short lease and fetches, the others wait
// for its token. A token is refreshed tokenMargin before it expires; a call
// answered 40001/42001 (invalid or expired token) refreshes once and
// retries once.

// WeChatTokenStore keeps the account's access_token for every replica.
type WeChatTokenStore interface {
	WeChatToken(ctx context.Context, appID string) (string, time.Time, error)
	LeaseWeChatToken(ctx context.Context, appID string, now time.Time, lease time.Duration) (bool, error)
	SaveWeChatToken(ctx context.Context, appID, token string, expires time.Time) error
	ExpireWeChatToken(ctx context.Context, appID, token string) error
}

const (
	tokenMargin = 5 * time.Minute  // refresh this long before expiry
	tokenLease  = 10 * time.Second // one replica fetches; the others wait at most this long
)

// WeChat API errcodes Gongyou acts on.
const (
	wxInvalidToken  = 40001 // access_token invalid (another fetch replaced it)
	wxBadToken      = 40014 // access_token malformed
	wxExpiredToken  = 42001 // access_token expired
	wxWindowClosed  = 45015 // the 48-hour window has passed
	wxQuotaExceeded = 45047 // the window's message quota is spent
)

// wechatError is an errcode other than 0.
type wechatError struct {
	Code int    `json:"errcode"`
	Msg  string `json:"errmsg"`
}

func (e *wechatError) Error() string { return fmt.Sprintf("wechat api: errcode %d: %s", e.Code, e.Msg) }

// errWindowClosed: WeChat refused a customer-service message (45015, 45047).
var errWindowClosed = errors.New("wechat: customer-service window closed")

// wechatAPI is a client of one account.
type wechatAPI struct {
	base, appID, secret string
	hc                  *http.Client
	st                  WeChatTokenStore
	now                 func() time.Time
	log                 *slog.Logger

	mu      sync.Mutex
	token   string
	expires time.Time
}

// accessToken returns a token valid for at least tokenMargin, fetching one
// when the store has none (force: the caller's token was refused).
func (a *wechatAPI) accessToken(ctx context.Context, refused string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if refused != "" && a.token == refused {
		a.token = ""
		if err := a.st.ExpireWeChatToken(ctx, a.appID, refused); err != nil {
			return "", err
		}
	}
	if a.token != "" && a.now().Add(tokenMargin).Before(a.expires) {
		return a.token, nil
	}
	deadline := a.now().Add(tokenLease)
	for {
		tok, exp, err := a.st.WeChatToken(ctx, a.appID)
		if err != nil {
			return "", err
		}
		if tok != "" && tok != refused && a.now().Add(tokenMargin).Before(exp) {
			a.token, a.expires = tok, exp
			return tok, nil
		}
		ok, err := a.st.LeaseWeChatToken(ctx, a.appID, a.now(), tokenLease)
		if err != nil {
			return "", err
		}
		if ok {
			tok, exp, err := a.fetchToken(ctx)
			if err != nil {
				return "", err
			}
			if err := a.st.SaveWeChatToken(ctx, a.appID, tok, exp); err != nil {
				return "", err
			}
			a.token, a.expires = tok, exp
			a.log.Info("wechat access_token fetched", "expires", exp)
			return tok, nil
		}
		if a.now().After(deadline) {
			return "", errors.New("wechat: another replica is fetching the access_token")
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (a *wechatAPI) fetchToken(ctx context.Context) (string, time.Time, error) {
	q := url.Values{"grant_type": {"client_credential"}, "appid": {a.appID}, "secret": {a.secret}}
	var out struct {
		wechatError
		Token     string `json:"access_token"`
		ExpiresIn int    `json:"expires_in"`
	}
	if err := a.do(ctx, http.MethodGet, "/cgi-bin/token?"+q.Encode(), nil, &out); err != nil {
		return "", time.Time{}, err
	}
	if out.Code != 0 || out.Token == "" {
		return "", time.Time{}, &wechatError{Code: out.Code, Msg: out.Msg}
	}
	if out.ExpiresIn <= 0 {
		out.ExpiresIn = 7200
	}
	return out.Token, a.now().Add(time.Duration(out.ExpiresIn) * time.Second), nil
}

// call POSTs body to path with the access_token, refreshing the token once
// and retrying once when WeChat says it is invalid or expired.
func (a *wechatAPI) call(ctx context.Context, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	refused := ""
	for attempt := 0; ; attempt++ {
		tok, err := a.accessToken(ctx, refused)
		if err != nil {
			return err
		}
		var out wechatError
		if err := a.do(ctx, http.MethodPost, path+"?access_token="+url.QueryEscape(tok), b, &out); err != nil {
			return err
		}
		switch out.Code {
		case 0:
			return nil
		case wxInvalidToken, wxExpiredToken, wxBadToken:
			if attempt == 0 {
				refused = tok
				continue
			}
		case wxWindowClosed, wxQuotaExceeded:
			return fmt.Errorf("%w (%d)", errWindowClosed, out.Code)
		}
		return &out
	}
}

func (a *wechatAPI) do(ctx context.Context, method, path string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return fmt.Errorf("wechat api: %w", redactURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("wechat api: http %d", resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(out); err != nil {
		return fmt.Errorf("wechat api: bad answer: %w", err)
	}
	return nil
}

// redactURLError drops the URL (it holds the secret or the token) from a
// transport error.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// sendText sends a customer-service text message.
func (a *wechatAPI) sendText(ctx context.Context, openID, text string) error {
	return a.call(ctx, "/cgi-bin/message/custom/send", map[string]any{
		"touser": openID, "msgtype": "text", "text": map[string]string{"content": text},
	})
}

// createMenu replaces the account menu with menu (WeChat's JSON).
func (a *wechatAPI) createMenu(ctx context.Context, menu json.RawMessage) error {
	return a.call(ctx, "/cgi-bin/menu/create", menu)
}

//go:embed wechat_menu.json
var wechatMenu []byte

// WeChatMenu is the shipped account menu (找工作 / 查招聘 / 社保权益): its
// click keys are commands, run as if the worker typed them.
func WeChatMenu() []byte { return append([]byte(nil), wechatMenu...) }

// CreateMenu replaces the account's menu with menu (WeChat's JSON; nil for
// the shipped one). Every click key must be a command ("/jobs").
func (w *WeChat) CreateMenu(ctx context.Context, menu []byte) error {
	if menu == nil {
		menu = wechatMenu
	}
	var m struct {
		Button []struct {
			Name      string `json:"name"`
			Type      string `json:"type"`
			Key       string `json:"key"`
			SubButton []struct {
				Name string `json:"name"`
				Type string `json:"type"`
				Key  string `json:"key"`
			} `json:"sub_button"`
		} `json:"button"`
	}
	if err := json.Unmarshal(menu, &m); err != nil {
		return fmt.Errorf("wechat menu: %w", err)
	}
	if len(m.Button) == 0 || len(m.Button) > 3 {
		return errors.New("wechat menu: want 1 to 3 buttons")
	}
	check := func(name, typ, key string) error {
		if typ == "click" && (!strings.HasPrefix(key, "/") || len(key) > 64) {
			return fmt.Errorf("wechat menu: %q: a click key must be a command such as /jobs", name)
		}
		return nil
	}
	for _, b := range m.Button {
		if len(b.SubButton) > 5 {
			return fmt.Errorf("wechat menu: %q: at most 5 sub-buttons", b.Name)
		}
		if err := check(b.Name, b.Type, b.Key); err != nil {
			return err
		}
		for _, s := range b.SubButton {
			if err := check(s.Name, s.Type, s.Key); err != nil {
				return err
			}
		}
	}
	return w.api.createMenu(ctx, json.RawMessage(menu))
}
