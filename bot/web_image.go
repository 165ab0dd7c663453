package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// A screenshot uploaded in the web chat (POST {path}image, multipart, the
// form under the composer) is read for a scam check (dialog/image.go): the
// turn answers "正在看图…" and the verdict reaches the transcript through
// Send, where the page's poll (or the next visit) shows it. The picture is
// held in memory only until it is read.

// maxUpload bounds an upload's body: the picture and the form's fields.
const maxUpload = dialog.MaxImageBytes + 64<<10

// webUploads bounds the uploads received at once (each holds up to
// dialog.MaxImageBytes in memory until its turn is done).
var webUploads = make(chan struct{}, 8)

func (w *Web) upload(rw http.ResponseWriter, r *http.Request) {
	if !w.ip.allow(w.clientIP(r)) {
		w.turns.m.floodDropped.Inc()
		w.reject(rw, http.StatusTooManyRequests, "ip rate")
		return
	}
	select {
	case webUploads <- struct{}{}:
		defer func() { <-webUploads }()
	default:
		rw.Header().Set("Retry-After", "5")
		w.reject(rw, http.StatusServiceUnavailable, "uploads busy")
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, maxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		w.reject(rw, http.StatusBadRequest, "not multipart")
		return
	}
	var csrf string
	var data []byte
	tooBig, got := false, false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				tooBig = true
				break
			}
			w.reject(rw, http.StatusBadRequest, "bad multipart")
			return
		}
		switch part.FormName() {
		case "csrf":
			b, _ := io.ReadAll(io.LimitReader(part, 512))
			csrf = string(b)
		case "image":
			got = true
			data, err = io.ReadAll(io.LimitReader(part, dialog.MaxImageBytes+1))
			var mb *http.MaxBytesError
			if errors.As(err, &mb) || len(data) > dialog.MaxImageBytes {
				tooBig, data = true, nil
			} else if err != nil {
				w.reject(rw, http.StatusBadRequest, "bad upload")
				return
			}
		}
		part.Close()
		if tooBig {
			break
		}
	}
	v, fresh := w.visitorOf(r)
	if fresh || !w.csrfOK(v, csrf) {
		w.reject(rw, http.StatusForbidden, "csrf")
		return
	}
	if !w.visitor.allow(v) {
		w.turns.m.floodDropped.Inc()
		w.reject(rw, http.StatusTooManyRequests, "visitor rate")
		return
	}
	if !tooBig && (!got || len(data) == 0) { // no file chosen
		w.afterPost(rw, r, v, 0, 0, false)
		return
	}
	img := &dialog.Image{Size: int64(len(data)), Fetch: func(context.Context) ([]byte, error) { return data, nil }}
	if tooBig {
		img = &dialog.Image{Size: dialog.MaxImageBytes + 1, Fetch: func(context.Context) ([]byte, error) {
			return nil, dialog.ErrImageTooLarge
		}}
	}
	ctx := r.Context()
	id, err := w.st.ChannelUserID(ctx, store.ChannelWeb, externalID(v), true)
	if err != nil {
		w.fail(rw, "visitor", err)
		return
	}
	if err := w.imageTurn(ctx, r, id, img); err != nil {
		w.fail(rw, "turn", err)
		return
	}
	w.afterPost(rw, r, v, id, 0, false)
}

// imageTurn runs the turn of an uploaded picture and keeps it in the
// transcript (the picture as "📷", never its bytes).
func (w *Web) imageTurn(ctx context.Context, r *http.Request, id int64, img *dialog.Image) error {
	mu := &w.locks[shardOf(id, len(w.locks))]
	mu.Lock()
	defer mu.Unlock()
	lang := r.Header.Get("Accept-Language")
	saved := ""
	if u, err := w.st.User(ctx, id); err == nil {
		saved = u.Lang
	}
	ev := dialog.Event{UserID: id, ChatID: id, Lang: lang, Image: img}
	w.turns.m.updates.WithLabelValues(kindMessage).Inc()
	msgs := []store.WebMessage{{Role: "in", Text: webTexts[webLang(saved, lang)].PhotoSent}}
	w.turns.take(ctx, w.log, ev, func(replies []dialog.Reply) {
		for _, rep := range replies {
			if strings.TrimSpace(rep.Text) != "" {
				msgs = append(msgs, w.out(rep))
			}
		}
	}, func(n dialog.Notice) {
		msgs = append(msgs, store.WebMessage{Role: "out", Text: dialog.NoticeText(lang, n)})
	})
	return w.st.AddWebMessages(ctx, id, msgs)
}
