package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongyou/gongyou/dialog"
)

// A picture message (MsgType image) is read for a scam check
// (dialog/image.go). Its bytes come from the API's temporary media
// (GET /cgi-bin/media/get with the MediaId, kept by WeChat for three
// days), or, without a MediaId, from its PicUrl on WeChat's image servers.
// Either way into memory only, at most dialog.MaxImageBytes.

// imageOf is the picture of an image message.
func (w *WeChat) imageOf(msg wechatMsg) *dialog.Image {
	mediaID, pic := strings.TrimSpace(msg.MediaID), strings.TrimSpace(msg.PicURL)
	return &dialog.Image{Fetch: func(ctx context.Context) ([]byte, error) {
		if mediaID != "" {
			return w.api.media(ctx, mediaID)
		}
		if picAllowed(pic, w.api.base) {
			return w.api.fetchBytes(ctx, pic)
		}
		return nil, fmt.Errorf("wechat: %w: no MediaId and no usable PicUrl", dialog.ErrNotImage)
	}}
}

// picAllowed: a PicUrl is fetched only from WeChat's image servers (or the
// configured API host, for tests), never from any host a message names.
func picAllowed(pic, apiBase string) bool {
	u, err := url.Parse(pic)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	h := strings.ToLower(u.Hostname())
	if b, err := url.Parse(apiBase); err == nil && strings.EqualFold(b.Host, u.Host) {
		return true
	}
	return u.Scheme == "https" && (h == "qpic.cn" || strings.HasSuffix(h, ".qpic.cn") || strings.HasSuffix(h, ".qq.com"))
}

// media downloads a temporary media file, refreshing the access_token once
// when WeChat says it is invalid.
func (a *wechatAPI) media(ctx context.Context, mediaID string) ([]byte, error) {
	refused := ""
	for attempt := 0; ; attempt++ {
		tok, err := a.accessToken(ctx, refused)
		if err != nil {
			return nil, err
		}
		q := url.Values{"access_token": {tok}, "media_id": {mediaID}}
		b, err := a.fetchBytes(ctx, a.base+"/cgi-bin/media/get?"+q.Encode())
		var we *wechatError
		if errors.As(err, &we) {
			switch we.Code {
			case wxInvalidToken, wxExpiredToken, wxBadToken:
				if attempt == 0 {
					refused = tok
					continue
				}
			}
		}
		return b, err
	}
}

// fetchBytes GETs link into memory (at most dialog.MaxImageBytes). A JSON answer
// is WeChat's error envelope. Errors never hold the link (it may carry the
// access_token).
func (a *wechatAPI) fetchBytes(ctx context.Context, link string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, errors.New("wechat: bad media link")
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("wechat media: %w", redactURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("wechat media: http %d", resp.StatusCode)
	}
	if resp.ContentLength > dialog.MaxImageBytes {
		return nil, fmt.Errorf("wechat media: %w: %d bytes", dialog.ErrImageTooLarge, resp.ContentLength)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" || mt == "text/plain" {
		var e wechatError
		if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&e); err != nil || e.Code == 0 {
			return nil, errors.New("wechat media: an answer that is not an image")
		}
		return nil, &e
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, dialog.MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("wechat media: %w", redactURLError(err))
	}
	if len(b) > dialog.MaxImageBytes {
		return nil, fmt.Errorf("wechat media: %w: over %d bytes", dialog.ErrImageTooLarge, dialog.MaxImageBytes)
	}
	return b, nil
}
