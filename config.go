package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Config is everything gongyou reads from the environment.
type Config struct {
	DB             string  // GONGYOU_DB
	TelegramToken  string  // TELEGRAM_BOT_TOKEN
	TelegramAPIURL string  // TELEGRAM_API_URL
	WebhookURL     string  // TELEGRAM_WEBHOOK_URL
	WebhookSecret  string  // TELEGRAM_WEBHOOK_SECRET
	HTTPAddr       string  // GONGYOU_HTTP_ADDR
	AdminAddr      string  // GONGYOU_ADMIN_ADDR: /healthz, /readyz, /metrics
	Staff          []int64 // GONGYOU_STAFF
	BroadcastRate  float64 // GONGYOU_BROADCAST_RATE
	OpenAIBaseURL  string  // OPENAI_BASE_URL
	OpenAIAPIKey   string  // OPENAI_API_KEY
	OpenAIModel    string  // OPENAI_MODEL
	LogLevel       slog.Level

	// The web chat (bot/web.go).
	PublicURL     string  // GONGYOU_PUBLIC_URL: public base URL, http(s), no trailing slash
	WebPath       string  // GONGYOU_WEB_PATH: where the chat is mounted on the public listener
	WebSecret     string  // GONGYOU_WEB_SECRET: signs cookies and CSRF tokens, ≥ 32 characters
	WebRate       float64 // GONGYOU_WEB_RATE: posts per second per visitor
	WebIPRate     float64 // GONGYOU_WEB_IP_RATE: posts per second per client IP
	WebTrustProxy bool    // GONGYOU_WEB_TRUST_PROXY: client IP from X-Forwarded-For

	// The WeChat Official Account (bot/wechat.go; wechat_cmd.go validates).
	WeChat WeChatConfig

	// Screenshots read for a check (ocr_cmd.go validates).
	OCR OCRConfig
}

var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// LoadConfig reads and validates the configuration. Every problem is
// reported, not just the first.
func LoadConfig(getenv func(string) string) (Config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		DB:             get("GONGYOU_DB", "sqlite:gongyou.db"),
		TelegramToken:  get("TELEGRAM_BOT_TOKEN", ""),
		TelegramAPIURL: strings.TrimRight(get("TELEGRAM_API_URL", "https://api.telegram.org"), "/"),
		WebhookURL:     get("TELEGRAM_WEBHOOK_URL", ""),
		WebhookSecret:  get("TELEGRAM_WEBHOOK_SECRET", ""),
		HTTPAddr:       get("GONGYOU_HTTP_ADDR", "127.0.0.1:8080"),
		AdminAddr:      get("GONGYOU_ADMIN_ADDR", "127.0.0.1:9090"),
		OpenAIBaseURL:  get("OPENAI_BASE_URL", ""),
		OpenAIAPIKey:   get("OPENAI_API_KEY", ""),
		OpenAIModel:    get("OPENAI_MODEL", ""),
	}
	var errs []error
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		errs = append(errs, errors.New("GONGYOU_DB: want sqlite:PATH or postgres://…"))
	}
	if u, err := url.Parse(c.TelegramAPIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("TELEGRAM_API_URL: want an http(s) URL, got %q", c.TelegramAPIURL))
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		switch {
		case err != nil || u.Host == "":
			errs = append(errs, fmt.Errorf("TELEGRAM_WEBHOOK_URL: not a URL: %q", c.WebhookURL))
		case u.Scheme != "https" && !isLoopback(u.Hostname()):
			errs = append(errs, errors.New("TELEGRAM_WEBHOOK_URL: Telegram only calls https URLs"))
		}
		if !webhookSecretPattern.MatchString(c.WebhookSecret) {
			errs = append(errs, errors.New("TELEGRAM_WEBHOOK_SECRET: required in webhook mode, 1-256 of A-Z a-z 0-9 _ -"))
		}
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		errs = append(errs, fmt.Errorf("GONGYOU_HTTP_ADDR: want host:port, got %q", c.HTTPAddr))
	}
	if _, _, err := net.SplitHostPort(c.AdminAddr); err != nil {
		errs = append(errs, fmt.Errorf("GONGYOU_ADMIN_ADDR: want host:port, got %q", c.AdminAddr))
	}
	for _, f := range strings.FieldsFunc(getenv("GONGYOU_STAFF"), func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			errs = append(errs, fmt.Errorf("GONGYOU_STAFF: %q is not a Telegram user id", f))
			continue
		}
		c.Staff = append(c.Staff, id)
	}
	rate, err := strconv.ParseFloat(get("GONGYOU_BROADCAST_RATE", "25"), 64)
	if err != nil || rate <= 0 || rate > 1000 {
		errs = append(errs, errors.New("GONGYOU_BROADCAST_RATE: want messages per second, above 0 and at most 1000"))
	}
	c.BroadcastRate = rate
	if (c.OpenAIBaseURL == "") != (c.OpenAIModel == "") {
		errs = append(errs, errors.New("OPENAI_BASE_URL and OPENAI_MODEL: set both to use an LLM, or neither"))
	}
	if c.OpenAIBaseURL != "" {
		if u, err := url.Parse(c.OpenAIBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("OPENAI_BASE_URL: want an http(s) URL ending in /v1, got %q", c.OpenAIBaseURL))
		}
	}
	c.PublicURL = strings.TrimRight(get("GONGYOU_PUBLIC_URL", ""), "/")
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("GONGYOU_PUBLIC_URL: want an http(s) base URL such as https://gongyou.example.cn, got %q", c.PublicURL))
		}
	}
	c.WebPath = get("GONGYOU_WEB_PATH", "/")
	if !strings.HasPrefix(c.WebPath, "/") || strings.ContainsAny(c.WebPath, "?#{} ") {
		errs = append(errs, fmt.Errorf("GONGYOU_WEB_PATH: want a path such as / or /chat/, got %q", c.WebPath))
	}
	c.WebSecret = get("GONGYOU_WEB_SECRET", "")
	if c.WebSecret != "" && len(c.WebSecret) < 32 {
		errs = append(errs, errors.New("GONGYOU_WEB_SECRET: want at least 32 characters (e.g. openssl rand -hex 32)"))
	}
	for _, r := range []struct {
		name, def string
		dst       *float64
	}{{"GONGYOU_WEB_RATE", "1", &c.WebRate}, {"GONGYOU_WEB_IP_RATE", "10", &c.WebIPRate}} {
		v, err := strconv.ParseFloat(get(r.name, r.def), 64)
		if err != nil || v <= 0 || v > 10000 {
			errs = append(errs, fmt.Errorf("%s: want posts per second, above 0", r.name))
		}
		*r.dst = v
	}
	switch strings.ToLower(get("GONGYOU_WEB_TRUST_PROXY", "")) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		c.WebTrustProxy = true
	default:
		errs = append(errs, errors.New("GONGYOU_WEB_TRUST_PROXY: want true or false"))
	}
	c.WeChat, errs = loadWeChatConfig(get, errs)
	c.OCR, errs = loadOCRConfig(get, errs)
	if err := c.LogLevel.UnmarshalText([]byte(get("GONGYOU_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("GONGYOU_LOG_LEVEL: %w", err))
	}
	return c, errors.Join(errs...)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
