package bot

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"
)

// QRPNG is a PNG QR code of url, size pixels wide (gongyou qr, the poster).
func QRPNG(url string, size int) ([]byte, error) {
	return qrcode.Encode(url, qrcode.Medium, size)
}

// publicURL is the chat's address for posters: the configured public base
// URL with the path, else this request's host.
func (w *Web) publicURL(r *http.Request) string {
	if w.cfg.PublicURL != "" {
		return w.cfg.PublicURL + w.cfg.Path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + w.cfg.Path
}

// poster is a printable page a 零工市场 can put on the wall.
func (w *Web) poster(rw http.ResponseWriter, r *http.Request) {
	d := w.data(r, "", "zh")
	d.CSRF = ""
	d.URL = w.publicURL(r)
	w.render(rw, r, "poster", d)
}

func (w *Web) qr(rw http.ResponseWriter, r *http.Request) {
	png, err := QRPNG(w.publicURL(r), 640)
	if err != nil {
		w.fail(rw, "qr", err)
		return
	}
	rw.Header().Set("Content-Type", "image/png")
	rw.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = rw.Write(png)
}
