package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"

	"github.com/gongyou/gongyou/bot"
	"github.com/gongyou/gongyou/store"
)

// WeChatConfig is the Official Account's part of the configuration.
type WeChatConfig struct {
	AppID     string // WECHAT_APP_ID
	AppSecret string // WECHAT_APP_SECRET
	Token     string // WECHAT_TOKEN: the console's 令牌 (Token)
	AESKey    string // WECHAT_AES_KEY: the console's EncodingAESKey; set = safe mode
	APIURL    string // WECHAT_API_URL
}

// On reports whether the channel is configured.
func (c WeChatConfig) On() bool { return c.AppID != "" }

var wechatTokenPattern = regexp.MustCompile(`^[A-Za-z0-9]{3,32}$`)

// loadWeChatConfig reads WECHAT_*: all of app id, secret and token, or
// none; the AES key optional (43 characters).
func loadWeChatConfig(get func(k, def string) string, errs []error) (WeChatConfig, []error) {
	c := WeChatConfig{
		AppID:     get("WECHAT_APP_ID", ""),
		AppSecret: get("WECHAT_APP_SECRET", ""),
		Token:     get("WECHAT_TOKEN", ""),
		AESKey:    get("WECHAT_AES_KEY", ""),
		APIURL:    get("WECHAT_API_URL", "https://api.weixin.qq.com"),
	}
	if c.AppID == "" && c.AppSecret == "" && c.Token == "" && c.AESKey == "" {
		return c, errs
	}
	if c.AppID == "" || c.AppSecret == "" || c.Token == "" {
		errs = append(errs, errors.New("WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN: set all three for the Official Account, or none"))
	}
	if c.Token != "" && !wechatTokenPattern.MatchString(c.Token) {
		errs = append(errs, errors.New("WECHAT_TOKEN: want 3-32 letters and digits (the console's 令牌)"))
	}
	if c.AESKey != "" {
		if _, err := bot.ParseWeChatAESKey(c.AESKey); err != nil {
			errs = append(errs, fmt.Errorf("WECHAT_AES_KEY: the console's EncodingAESKey: %v", err))
		}
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("WECHAT_API_URL: want an http(s) URL, got %q", c.APIURL))
	}
	return c, errs
}

func (a *app) wechatChannel(h bot.Handler, st *store.Store, m *bot.Metrics) (*bot.WeChat, error) {
	c := a.cfg.WeChat
	return bot.NewWeChat(bot.WeChatConfig{
		AppID: c.AppID, AppSecret: c.AppSecret, Token: c.Token, AESKey: c.AESKey, APIURL: c.APIURL,
	}, h, st, m, a.logger)
}

// wechat is `gongyou wechat menu [FILE]`: create the account menu from
// FILE, or the shipped one.
func (a *app) wechat(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "menu" || len(args) > 2 {
		return fmt.Errorf("%w: gongyou wechat menu [FILE]", errUsage)
	}
	if !a.cfg.WeChat.On() {
		return fmt.Errorf("%w: set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN", errUsage)
	}
	var menu []byte
	if len(args) == 2 {
		b, err := os.ReadFile(args[1])
		if err != nil {
			return err
		}
		menu = b
	}
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger)) // the access_token is shared through the store
	if err != nil {
		return err
	}
	defer st.Close()
	wc, err := a.wechatChannel(nil, st, nil)
	if err != nil {
		return err
	}
	if err := wc.CreateMenu(ctx, menu); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "wechat menu created")
	return nil
}
