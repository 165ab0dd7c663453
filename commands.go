package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gongyou/gongyou/bot"
	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/content"
	"github.com/gongyou/gongyou/knowledge/faq"
	"github.com/gongyou/gongyou/knowledge/llm"
	"github.com/gongyou/gongyou/knowledge/ocr"
	"github.com/gongyou/gongyou/knowledge/scam"
	"github.com/gongyou/gongyou/store"
)

// run dispatches a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "--help", "help":
		printUsage(stdout)
		return 0
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "gongyou: configuration:\n%v\n", err)
		return 2
	}
	level := cfg.LogLevel
	if (cmd == "chat" || cmd == "check" || cmd == "ask" || cmd == "export") && level < slog.LevelWarn {
		level = slog.LevelWarn // keep the terminal for the conversation / the output
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	app := &app{cfg: cfg, logger: logger, stdin: stdin, stdout: stdout, stderr: stderr, dbSet: getenv("GONGYOU_DB") != ""}
	switch cmd {
	case "chat":
		err = app.chat(ctx, rest)
	case "serve":
		err = app.serve(ctx)
	case "web":
		err = app.web(ctx, getenv)
	case "qr":
		err = app.qr(rest)
	case "wechat":
		err = app.wechat(ctx, rest)
	case "check":
		return app.check(ctx, rest)
	case "ask":
		return app.ask(ctx, rest)
	case "import":
		err = app.importFile(ctx, rest)
	case "export":
		err = app.export(ctx, rest)
	case "migrate":
		err = app.migrate(ctx)
	case "healthcheck":
		err = app.healthcheck(ctx, rest)
	default:
		fmt.Fprintf(stderr, "gongyou: unknown command %q\n\n", cmd)
		printUsage(stderr)
		return 2
	}
	if err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintf(stderr, "gongyou %s: %v\n", cmd, err)
			return 2
		}
		logger.Error("gongyou "+cmd+" failed", "err", err)
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

// errNoDB: no database configured; check and ask use the shipped content.
var errNoDB = errors.New("no database configured")

type app struct {
	cfg            Config
	logger         *slog.Logger
	stdin          io.Reader
	stdout, stderr io.Writer
	faqs           *faq.FAQBase // set by open
	ocr            *ocr.Reader  // ocrReader (ocr_cmd.go)
	// dbSet: GONGYOU_DB was given. Without it check and ask work from the
	// shipped content in memory and create no database file.
	dbSet bool
}

// open connects to the store and runs the seeding step: the start of
// every command that serves workers (chat, serve).
func (a *app) open(ctx context.Context) (*store.Store, *scam.Base, error) {
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return nil, nil, err
	}
	b, err := a.seed(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, b.Cases, nil
}

// seed is the one seeding step (content.Seed) with the optional LLM
// attached to the live bases.
func (a *app) seed(ctx context.Context, st *store.Store) (content.Bases, error) {
	b, err := content.Seed(ctx, st, a.logger, time.Now())
	if err != nil {
		return b, err
	}
	a.faqs = b.FAQs
	if a.cfg.OpenAIBaseURL != "" {
		client, err := a.llm()
		if err != nil {
			return b, err
		}
		b.Cases.SetAdvisor(client)
		b.FAQs.SetWriter(client)
		a.logger.Info("LLM second opinion enabled", "model", a.cfg.OpenAIModel)
	}
	return b, nil
}

func (a *app) llm() (*llm.Client, error) {
	client, err := llm.New(llm.Config{BaseURL: a.cfg.OpenAIBaseURL, APIKey: a.cfg.OpenAIAPIKey, Model: a.cfg.OpenAIModel}, a.logger)
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	return client, nil
}

func (a *app) engine(st *store.Store, base *scam.Base, extra ...dialog.Option) *dialog.Engine {
	opts := []dialog.Option{
		dialog.WithLogger(a.logger),
		dialog.WithKnowledge(base),
		dialog.WithStaff(a.cfg.Staff...),
		dialog.WithBroadcastRate(a.cfg.BroadcastRate),
		a.imageOption(),
	}
	if a.faqs != nil {
		opts = append(opts, dialog.WithFAQ(a.faqs, st))
	}
	return dialog.New(st, append(opts, extra...)...)
}

// chat runs the terminal conversation for one local user.
func (a *app) chat(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: gongyou chat takes no arguments", errUsage)
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	lang := os.Getenv("LANG")
	const terminalUser = 1 // the terminal speaks as one local user
	return bot.NewTerminal(a.engine(st, base), a.stdin, a.stdout, terminalUser, lang).Run(ctx)
}

// serve runs the Telegram channel, the broadcast sender and the HTTP
// endpoints until ctx ends, then shuts down in order: stop taking updates
// and claiming deliveries, finish in-flight ones, stop HTTP, close the store.
func (a *app) serve(ctx context.Context) error {
	if a.cfg.TelegramToken == "" && a.cfg.WebSecret == "" && !a.cfg.WeChat.On() {
		return fmt.Errorf("%w: TELEGRAM_BOT_TOKEN, GONGYOU_WEB_SECRET (the web chat) or WECHAT_* (the Official Account) is required (see README.md)", errUsage)
	}
	st, base, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	metrics := bot.NewMetrics()
	relay := &bot.Relay{} // staff follow-ups reach workers through the channels
	engine := a.engine(st, base, dialog.WithNotifier(relay))
	a.logOCR()
	var channels []bot.Channel
	var webhook http.Handler
	var mounts []bot.Mount
	var sender *bot.Broadcaster
	const webhookPath = "/telegram/webhook"
	if a.cfg.TelegramToken != "" {
		tg, err := bot.NewTelegram(bot.TelegramConfig{
			Token:         a.cfg.TelegramToken,
			APIURL:        a.cfg.TelegramAPIURL,
			WebhookURL:    a.cfg.WebhookURL,
			WebhookSecret: a.cfg.WebhookSecret,
		}, engine, st, metrics, a.logger)
		if err != nil {
			return err
		}
		relay.Add(tg)
		channels = append(channels, tg)
		if sender, err = bot.NewBroadcaster(bot.BroadcastConfig{
			Token:     a.cfg.TelegramToken,
			APIURL:    a.cfg.TelegramAPIURL,
			Rate:      a.cfg.BroadcastRate,
			Exclusive: st.Dialect() == store.SQLite, // one sender per SQLite file
		}, st, metrics.Registry(), a.logger); err != nil {
			return err
		}
		if a.cfg.WebhookURL != "" {
			webhook = tg.WebhookHandler()
		}
	}
	if a.cfg.WebSecret != "" { // the web chat runs wherever its secret is configured
		web, err := a.webChannel(engine, st, metrics, []byte(a.cfg.WebSecret))
		if err != nil {
			return err
		}
		relay.Add(web)
		channels = append(channels, web)
		mounts = append(mounts, bot.Mount{Pattern: web.Path(), Handler: web.Handler()})
	} else {
		a.logger.Info("web chat off: set GONGYOU_WEB_SECRET to serve it")
	}
	if a.cfg.WeChat.On() { // the Official Account's callback, on the public listener
		wc, err := a.wechatChannel(engine, st, metrics)
		if err != nil {
			return err
		}
		relay.Add(wc)
		channels = append(channels, wc)
		mounts = append(mounts, bot.Mount{Pattern: wc.Path(), Handler: wc.Handler()})
	}
	g, gctx := errgroup.WithContext(ctx)
	a.runHTTP(g, gctx, a.listeners(st, metrics, webhookPath, webhook, mounts...))
	g.Go(func() error { return bot.RunChannels(gctx, a.logger, channels...) })
	// The broadcast sender stops claiming at shutdown and finishes the sends
	// under way before Run returns (and before the store closes).
	if sender != nil {
		g.Go(func() error { return sender.Run(gctx) })
	}
	g.Go(func() error { st.RunRetention(gctx, a.logger, dialog.TrainingFlow); return nil })
	a.logger.Info("gongyou serving", "mode", map[bool]string{true: "webhook", false: "polling"}[a.cfg.WebhookURL != ""], "db", st.Dialect())
	err = g.Wait()
	a.waitImages(engine) // ocr_cmd.go
	a.logger.Info("gongyou stopped")
	return err
}

// check is the scam checker's CLI (contract in docs/ARCHITECTURE.md). With
// GONGYOU_DB set it uses the store's case base so staff edits count (if the
// store cannot be opened it falls back to the shipped cases and says so on
// stderr); without it, the shipped cases in memory, and no database file.
// With OPENAI_* set it asks the LLM through the same second-opinion path
// as the chat (scam.CheckCLI.Advisor).
func (a *app) check(ctx context.Context, args []string) int {
	c := scam.CheckCLI{Logger: a.logger, OCR: a.ocrReader()}
	err := errNoDB
	if a.dbSet {
		var st *store.Store
		var base *scam.Base
		st, base, err = a.open(ctx) // attaches the LLM to base when configured
		if err == nil {
			defer st.Close()
			c.Checker, err = base.Checker(ctx)
			c.Advisor = base.Advisor()
		}
	}
	if err != nil {
		if !errors.Is(err, errNoDB) {
			a.logger.Warn("case base unavailable, using the shipped cases", "err", err)
		}
		seed, serr := scam.SeedCases()
		if serr != nil {
			fmt.Fprintln(a.stderr, "gongyou check:", serr)
			return 1
		}
		c.Checker = scam.NewChecker(seed)
	}
	if c.Advisor == nil && a.cfg.OpenAIBaseURL != "" {
		client, err := a.llm()
		if err != nil {
			fmt.Fprintln(a.stderr, "gongyou check:", err)
			return 1
		}
		c.Advisor = client
	}
	return c.Run(ctx, args, a.stdin, a.stdout, a.stderr)
}

func (a *app) migrate(ctx context.Context) error {
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(a.stdout, "migrations applied:", st.Dialect())
	return nil
}

// listeners builds the public listener (GONGYOU_HTTP_ADDR: webhook, web
// chat, WeChat callback) and the admin one (GONGYOU_ADMIN_ADDR: /healthz,
// /readyz, /metrics); one listener with both when the addresses are equal.
func (a *app) listeners(st *store.Store, m *bot.Metrics, webhookPath string, webhook http.Handler, mounts ...bot.Mount) []*http.Server {
	if a.cfg.AdminAddr == a.cfg.HTTPAddr {
		return []*http.Server{bot.NewHTTPServer(a.cfg.HTTPAddr, st.Ready, m, webhookPath, webhook, mounts...)}
	}
	return []*http.Server{
		bot.NewPublicServer(a.cfg.HTTPAddr, webhookPath, webhook, mounts...),
		bot.NewAdminServer(a.cfg.AdminAddr, st.Ready, m, a.logger),
	}
}

// runHTTP serves each server in g until ctx ends, then shuts them down
// (15 s for requests in flight).
func (a *app) runHTTP(g *errgroup.Group, ctx context.Context, srvs []*http.Server) {
	for _, srv := range srvs {
		g.Go(func() error {
			a.logger.Info("http listening", "addr", srv.Addr)
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("http %s: %w", srv.Addr, err)
			}
			return nil
		})
		g.Go(func() error {
			<-ctx.Done()
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			return srv.Shutdown(shutdownCtx)
		})
	}
}

// healthcheck asks the running server's /healthz on the admin listener,
// or /readyz with --ready (for container health checks, where there is
// no curl).
func (a *app) healthcheck(ctx context.Context, args []string) error {
	path := "/healthz"
	switch {
	case len(args) == 1 && args[0] == "--ready":
		path = "/readyz"
	case len(args) > 0:
		return fmt.Errorf("%w: gongyou healthcheck [--ready]", errUsage)
	}
	host, port, err := net.SplitHostPort(a.cfg.AdminAddr)
	if err != nil {
		return err
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	return nil
}

// ask is the FAQ answerer's CLI (contract in docs/ARCHITECTURE.md). With
// GONGYOU_DB set it answers from the store's FAQ (so staff edits count); if
// the store cannot be opened it falls back to the shipped entries and says
// so on stderr. Without GONGYOU_DB it answers from the shipped entries in
// memory and creates no database file. The LLM writes when configured.
func (a *app) ask(ctx context.Context, args []string) int {
	if !a.dbSet {
		if a.cfg.OpenAIBaseURL == "" {
			return faq.RunAskCLI(ctx, nil, args, a.stdin, a.stdout, a.stderr)
		}
		client, err := a.llm()
		if err != nil {
			fmt.Fprintln(a.stderr, "gongyou ask:", err)
			return 1
		}
		seed, err := faq.SeedFAQs()
		if err != nil {
			fmt.Fprintln(a.stderr, "gongyou ask:", err)
			return 1
		}
		return faq.RunAskCLIWith(ctx, faq.NewAnswerer(seed).WithWriter(client, a.logger), args, a.stdin, a.stdout, a.stderr)
	}
	st, _, err := a.open(ctx)
	if err != nil {
		a.logger.Warn("FAQ store unavailable, using the shipped entries", "err", err)
		return faq.RunAskCLI(ctx, nil, args, a.stdin, a.stdout, a.stderr)
	}
	defer st.Close()
	return faq.RunAskCLIWith(ctx, a.faqs, args, a.stdin, a.stdout, a.stderr)
}
