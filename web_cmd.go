package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/gongyou/gongyou/bot"
	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// webChannel builds the web chat from the configuration.
func (a *app) webChannel(h bot.Handler, st *store.Store, m *bot.Metrics, secret []byte) (*bot.Web, error) {
	return bot.NewWeb(bot.WebConfig{
		Path:        a.cfg.WebPath,
		Secret:      secret,
		PublicURL:   a.cfg.PublicURL,
		VisitorRate: a.cfg.WebRate,
		IPRate:      a.cfg.WebIPRate,
		TrustProxy:  a.cfg.WebTrustProxy,
	}, h, st, m, a.logger)
}

// web runs the web chat alone on GONGYOU_HTTP_ADDR (/healthz, /readyz and
// /metrics on GONGYOU_ADMIN_ADDR): the one-command demo. Without GONGYOU_WEB_SECRET it makes a
// secret for this run and warns: cookies then do not survive a restart.
func (a *app) web(ctx context.Context, getenv func(string) string) error {
	secret := []byte(a.cfg.WebSecret)
	if len(secret) == 0 {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		secret = []byte(hex.EncodeToString(b))
		a.logger.Warn("GONGYOU_WEB_SECRET is not set: using a random secret for this run (demo mode); visitors lose their conversation at restart and replicas cannot share visitors")
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	metrics := bot.NewMetrics()
	relay := &bot.Relay{}
	web, err := a.webChannel(a.engine(st, base, dialog.WithNotifier(relay)), st, metrics, secret)
	if err != nil {
		return err
	}
	relay.Add(web)
	g, gctx := errgroup.WithContext(ctx)
	a.logger.Info("web chat listening", "url", "http://"+a.cfg.HTTPAddr+web.Path())
	a.runHTTP(g, gctx, a.listeners(st, metrics, "", nil, bot.Mount{Pattern: web.Path(), Handler: web.Handler()}))
	g.Go(func() error { return bot.RunChannels(gctx, a.logger, web) })
	g.Go(func() error { st.RunRetention(gctx, a.logger, dialog.TrainingFlow); return nil })
	return g.Wait()
}

// qr writes a PNG QR code of URL to stdout: gongyou qr URL > poster.png.
func (a *app) qr(args []string) error {
	if len(args) != 1 || args[0] == "" {
		return fmt.Errorf("%w: gongyou qr URL > poster.png", errUsage)
	}
	png, err := bot.QRPNG(args[0], 1024)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(png)
	return err
}
