// Command gongyou is the 工友 assistant for migrant and gig workers:
// a Telegram bot (serve), a terminal chat (chat), and the scam checker and
// content tools for staff (check, import, export, migrate).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if code != 0 {
		os.Exit(code)
	}
}

const usage = `gongyou — 工友 job-safety assistant

Usage:
  gongyou chat                      talk to the bot in this terminal (embedded SQLite)
  gongyou serve                     run every configured channel (Telegram, web chat, WeChat) and the HTTP endpoints
  gongyou web                       run the web chat alone on GONGYOU_HTTP_ADDR (embedded SQLite by default)
  gongyou qr URL > poster.png       a QR code of URL for a poster
  gongyou wechat menu [FILE]        create the Official Account's menu (default: the shipped bot/wechat_menu.json)
  gongyou check [--json] [TEXT]     check a job offer for scam signs (stdin when TEXT is absent)
  gongyou check --batch             JSON Lines in, JSON Lines out
  gongyou ask [--json] [--lang zh|en] QUESTION   answer a social-insurance or labour-rights question
  gongyou ask --batch               JSON Lines in, JSON Lines out
  gongyou import [--kind KIND] FILE load cases, faqs, jobs, stations or trainings from YAML (jobs, stations: CSV too)
  gongyou export KIND [--csv]       print cases, faqs, faq-feedback, jobs, stations, trainings or enrollments
  gongyou migrate                   apply database migrations and exit
  gongyou healthcheck [--ready]     ask the running server's /healthz (or /readyz) on GONGYOU_ADMIN_ADDR
  gongyou help                      this text

check and ask use the shipped content in memory unless GONGYOU_DB is set.
Configuration comes from the environment; see README.md.
`

func printUsage(w interface{ Write([]byte) (int, error) }) { fmt.Fprint(w, usage) }
