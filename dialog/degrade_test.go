package dialog_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/store"
)

// brokenStore is a store that cannot write (disk full) or cannot do
// anything (database down).
type brokenStore struct {
	*store.Store
	down bool // reads fail too
}

var errBroken = errors.New("database or disk is full")

func (b brokenStore) EnsureUser(ctx context.Context, id, chatID int64) (store.User, bool, error) {
	if b.down {
		return store.User{}, false, errBroken
	}
	u, err := b.Store.User(ctx, id) // a known user reads; a new one would need an insert
	return u, false, err
}

func (b brokenStore) Session(ctx context.Context, id int64) (store.Session, error) {
	if b.down {
		return store.Session{}, errBroken
	}
	return b.Store.Session(ctx, id)
}

func (b brokenStore) StaffRoleOf(ctx context.Context, id int64) (string, error) {
	if b.down {
		return "", errBroken
	}
	return b.Store.StaffRoleOf(ctx, id)
}

func (brokenStore) SaveSession(context.Context, store.Session) error { return errBroken }
func (brokenStore) RecordCheck(context.Context, time.Time, string, []string) error {
	return errBroken
}
func (brokenStore) SetSubscribed(context.Context, int64, bool) error { return errBroken }

// Degrade, don't stop: with a store that cannot write, or cannot be reached
// at all, the scam check, an FAQ answer and /help still answer, each with
// one line saying this step is not remembered (when there was one to
// remember); a step that must write
// (subscribing) still fails.
func TestStoreDownStillAnswers(t *testing.T) {
	env := dialog.NewEnv(t, dialog.EnvKnowledge(), dialog.EnvFAQ(nil))
	ctx := context.Background()
	for _, cb := range []string{"lang:zh", "start:ok"} {
		if _, err := env.Engine.Handle(ctx, dialog.Event{UserID: 1, Callback: cb}); err != nil {
			t.Fatal(err)
		}
	}
	const note = "系统暂时记不住这一步"
	for _, tc := range []struct {
		name string
		down bool
		user int64
	}{{"disk full", false, 1}, {"database down", true, 1}, {"database down, new user", true, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			eng := dialog.New(brokenStore{Store: env.Store, down: tc.down},
				dialog.WithKnowledge(env.Cases), dialog.WithFAQ(env.FAQ, env.Store))
			for _, c := range []struct{ text, want string }{
				{"入职先交800元押金，身份证统一保管，加微信转账", "高风险"},
				{"工伤怎么认定？", "工伤"},
				{"/help", "我能做这些"},
			} {
				r, err := eng.Handle(ctx, dialog.Event{UserID: tc.user, Text: c.text, Lang: "zh"})
				if err != nil {
					t.Fatalf("%q: %v", c.text, err)
				}
				all := ""
				for _, x := range r {
					all += x.Text + "\n"
				}
				// The note comes once when the turn had something to remember
				// (the verdict, for "Why?") or could not read where the user was.
				notes := strings.Count(all, note)
				if !strings.Contains(all, c.want) || notes > 1 || (notes == 0 && (tc.down || c.want == "高风险")) {
					t.Errorf("%q: want %q and the note once, got\n%s", c.text, c.want, all)
				}
			}
			if _, err := eng.Handle(ctx, dialog.Event{UserID: tc.user, Text: "/subscribe"}); err == nil {
				t.Error("/subscribe with a store that cannot write: want an error (the error notice)")
			}
		})
	}
}
