package bot

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The web chat's guards: the anonymous visitor cookie, CSRF tokens, rate
// limits, compression.

const (
	cookieName   = "gongyou_v"
	cookieMaxAge = 180 * 24 * time.Hour
)

// newVisitorID is 128 random bits, base64url.
func newVisitorID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// mac is HMAC-SHA256 of purpose|v under the web secret, base64url.
func (w *Web) mac(purpose, v string) string {
	h := hmac.New(sha256.New, w.cfg.Secret)
	h.Write([]byte(purpose + "|" + v))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// visitorOf reads the visitor id from the signed cookie; fresh means there
// was none (or it was forged or damaged) and a new id was made.
func (w *Web) visitorOf(r *http.Request) (v string, fresh bool) {
	c, err := r.Cookie(cookieName)
	if err == nil {
		id, sig, ok := strings.Cut(c.Value, ".")
		if ok && len(id) == 22 && hmac.Equal([]byte(sig), []byte(w.mac("visitor", id))) {
			return id, false
		}
	}
	return newVisitorID(), true
}

// setCookie gives the browser visitor id v: HttpOnly, SameSite=Lax,
// Secure when the public URL is https, scoped to the chat's path.
func (w *Web) setCookie(rw http.ResponseWriter, v string) {
	http.SetCookie(rw, &http.Cookie{
		Name: cookieName, Value: v + "." + w.mac("visitor", v), Path: w.cfg.Path,
		MaxAge: int(cookieMaxAge / time.Second), HttpOnly: true, Secure: w.secure, SameSite: http.SameSiteLaxMode,
	})
}

// csrfToken is the token every form of visitor v carries: an HMAC of the
// visitor id, so a page of another site cannot make one.
func (w *Web) csrfToken(v string) string { return w.mac("csrf", v) }

func (w *Web) csrfOK(v, token string) bool {
	return token != "" && hmac.Equal([]byte(token), []byte(w.csrfToken(v)))
}

// externalID is what the store keeps of a visitor id: its SHA-256, so a
// copy of the database does not hold the cookies' ids.
func externalID(v string) string {
	s := sha256.Sum256([]byte("gongyou-web|" + v))
	return hex.EncodeToString(s[:])
}

// clientIP is the peer address, or with TrustProxy the last
// X-Forwarded-For hop (the one our proxy added).
func (w *Web) clientIP(r *http.Request) string {
	if w.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiters are token buckets by key, forgotten when idle. Under a flood of
// new keys the map is reset rather than allowed to grow without bound.
type limiters struct {
	mu    sync.Mutex
	r     rate.Limit
	burst int
	m     map[string]*limiterEntry
}

type limiterEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

const maxLimiters = 100_000

func newLimiters(perSecond float64, burst int) *limiters {
	return &limiters{r: rate.Limit(perSecond), burst: burst, m: map[string]*limiterEntry{}}
}

func (l *limiters) allow(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.m[key]
	if e == nil {
		if len(l.m) >= maxLimiters {
			l.m = map[string]*limiterEntry{}
		}
		e = &limiterEntry{lim: rate.NewLimiter(l.r, l.burst)}
		l.m[key] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
}

func (l *limiters) prune(now time.Time, idle time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, e := range l.m {
		if now.Sub(e.seen) > idle {
			delete(l.m, k)
		}
	}
}

// writeMaybeGzip writes body, gzipped when the client accepts it and it is
// worth it (cheap phones on slow mobile data).
func writeMaybeGzip(rw http.ResponseWriter, r *http.Request, body []byte) {
	rw.Header().Add("Vary", "Accept-Encoding")
	if len(body) < 1024 || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		_, _ = rw.Write(body)
		return
	}
	var b bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&b)
	_, _ = zw.Write(body)
	_ = zw.Close()
	gzipWriters.Put(zw)
	rw.Header().Set("Content-Encoding", "gzip")
	_, _ = rw.Write(b.Bytes())
}

// gzipWriters reuses compressors: a new one per answer cost about 8 % of
// the web chat's CPU under load (bot/web_bench_test.go).
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}
