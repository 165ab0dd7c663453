package main

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigDefaults(t *testing.T) {
	c, err := LoadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "sqlite:gongyou.db" || c.HTTPAddr != "127.0.0.1:8080" || c.AdminAddr != "127.0.0.1:9090" || c.BroadcastRate != 25 || c.TelegramAPIURL != "https://api.telegram.org" {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"GONGYOU_DB": "mysql://x"}, "GONGYOU_DB"},
		{map[string]string{"TELEGRAM_WEBHOOK_URL": "http://example.com/hook", "TELEGRAM_WEBHOOK_SECRET": "s"}, "https"},
		{map[string]string{"TELEGRAM_WEBHOOK_URL": "https://example.com/hook"}, "TELEGRAM_WEBHOOK_SECRET"},
		{map[string]string{"TELEGRAM_WEBHOOK_URL": "https://example.com/hook", "TELEGRAM_WEBHOOK_SECRET": "has space"}, "TELEGRAM_WEBHOOK_SECRET"},
		{map[string]string{"GONGYOU_STAFF": "12,abc"}, "GONGYOU_STAFF"},
		{map[string]string{"GONGYOU_BROADCAST_RATE": "0"}, "GONGYOU_BROADCAST_RATE"},
		{map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, "OPENAI_MODEL"},
		{map[string]string{"GONGYOU_HTTP_ADDR": "8080"}, "GONGYOU_HTTP_ADDR"},
		{map[string]string{"GONGYOU_ADMIN_ADDR": "9090"}, "GONGYOU_ADMIN_ADDR"},
		{map[string]string{"GONGYOU_LOG_LEVEL": "loud"}, "GONGYOU_LOG_LEVEL"},
	}
	for _, c := range cases {
		_, err := LoadConfig(env(c.env))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadConfig(%v) = %v; want an error naming %s", c.env, err, c.want)
		}
	}
	_, err := LoadConfig(env(map[string]string{"GONGYOU_DB": "x", "GONGYOU_BROADCAST_RATE": "-1"}))
	if err == nil || !strings.Contains(err.Error(), "GONGYOU_DB") || !strings.Contains(err.Error(), "GONGYOU_BROADCAST_RATE") {
		t.Errorf("want every problem reported, got %v", err)
	}
}

func TestLoadConfigValid(t *testing.T) {
	c, err := LoadConfig(env(map[string]string{
		"GONGYOU_STAFF":           "12, 34",
		"TELEGRAM_WEBHOOK_URL":    "https://bot.example.org/telegram/webhook",
		"TELEGRAM_WEBHOOK_SECRET": "abc_DEF-123",
		"OPENAI_BASE_URL":         "http://127.0.0.1:11434/v1",
		"OPENAI_MODEL":            "qwen2.5",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Staff) != 2 || c.Staff[0] != 12 || c.Staff[1] != 34 {
		t.Fatalf("staff = %v", c.Staff)
	}
}
