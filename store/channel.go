package store

import (
	"context"
	"fmt"
	"time"
)

// Channel names of users (store.ChannelOf).
const (
	ChannelTelegram = "telegram"
	ChannelWeb      = "web"
	ChannelWeChat   = "wechat"
)

// A user is (channel, id in that channel). Telegram users keep their
// Telegram id as users.id: Telegram user ids have at most 52 significant
// bits. Every other channel maps its own external id (channel_users) to an
// id in its block: base + n, n from the table's sequence. The blocks start
// far above any Telegram id, so a web visitor never collides with a
// Telegram user, and the staff ids (GONGYOU_STAFF, Telegram ids) can never
// name a web visitor.
const (
	webBase    int64 = 1 << 60
	wechatBase int64 = 2 << 60
)

// ChannelBase is the first user id of a channel's block; 0 for Telegram
// (and the terminal's local user), whose ids are their own.
func ChannelBase(channel string) int64 {
	switch channel {
	case ChannelWeb:
		return webBase
	case ChannelWeChat:
		return wechatBase
	}
	return 0
}

// ChannelOf names the channel of a user id.
func ChannelOf(userID int64) string {
	switch {
	case userID >= wechatBase:
		return ChannelWeChat
	case userID >= webBase:
		return ChannelWeb
	}
	return ChannelTelegram
}

// ChannelUserID returns the user id of (channel, externalID). With create
// a first contact gets the next id of the channel's block; without,
// ErrNotFound when there is none. Telegram ids are not mapped: do not call
// it for Telegram.
func (s *Store) ChannelUserID(ctx context.Context, channel, externalID string, create bool) (int64, error) {
	base := ChannelBase(channel)
	if base == 0 {
		return 0, fmt.Errorf("store: channel %q has no id block", channel)
	}
	var n int64
	err := s.rdb.GetContext(ctx, &n, `SELECT n FROM channel_users WHERE channel = $1 AND external_id = $2`, channel, externalID)
	if err == nil {
		return base + n, nil
	}
	if err = notFound(err); err != ErrNotFound || !create {
		return 0, fmt.Errorf("store: %s user: %w", channel, err)
	}
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO channel_users (channel, external_id, created_at) VALUES ($1, $2, $3)
		 ON CONFLICT (channel, external_id) DO NOTHING`, channel, externalID, s.nowUTC()); err != nil {
		return 0, fmt.Errorf("store: new %s user: %w", channel, err)
	}
	if err := s.db.GetContext(ctx, &n, `SELECT n FROM channel_users WHERE channel = $1 AND external_id = $2`, channel, externalID); err != nil {
		return 0, fmt.Errorf("store: new %s user: %w", channel, err)
	}
	return base + n, nil
}

// WebMessage is one message of the web chat's transcript.
type WebMessage struct {
	ID        int64     `db:"id"`
	UserID    int64     `db:"user_id"`
	Role      string    `db:"role"` // "in": the visitor; "out": Gongyou
	Text      string    `db:"text"`
	Buttons   string    `db:"buttons"` // JSON rows of dialog buttons; "" for none
	CreatedAt time.Time `db:"created_at"`
}

// webKeep is how many messages of one visitor the transcript keeps.
const webKeep = 200

// AddWebMessages appends messages to a visitor's transcript and forgets
// all but the last webKeep.
func (s *Store) AddWebMessages(ctx context.Context, userID int64, msgs []WebMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		for _, m := range msgs {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO web_messages (user_id, role, text, buttons, created_at) VALUES ($1, $2, $3, $4, $5)`,
				userID, m.Role, m.Text, m.Buttons, now); err != nil {
				return fmt.Errorf("store: add web message: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx,
			`DELETE FROM web_messages WHERE user_id = $1 AND id < (
			   SELECT MIN(id) FROM (SELECT id FROM web_messages WHERE user_id = $1 ORDER BY id DESC LIMIT $2) AS kept)`,
			userID, webKeep); err != nil {
			return fmt.Errorf("store: prune web messages: %w", err)
		}
		return nil
	})
}

// WebMessages returns the last limit messages of a visitor's transcript
// with an id above after, oldest first.
func (s *Store) WebMessages(ctx context.Context, userID, after int64, limit int) ([]WebMessage, error) {
	var out []WebMessage
	err := s.rdb.SelectContext(ctx, &out,
		`SELECT id, user_id, role, text, buttons, created_at FROM (
		   SELECT id, user_id, role, text, buttons, created_at FROM web_messages
		   WHERE user_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3) AS last ORDER BY id`,
		userID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: web messages: %w", err)
	}
	return out, nil
}

// TakeWebBroadcasts marks the pending broadcast deliveries of a user of a
// non-Telegram channel sent and returns their texts, oldest first: such a
// user sees an announcement when they next open the page.
func (s *Store) TakeWebBroadcasts(ctx context.Context, userID int64) ([]string, error) {
	var texts []string
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var rows []struct {
			ID   int64  `db:"id"`
			Text string `db:"text"`
		}
		if err := tx.SelectContext(ctx, &rows,
			`SELECT d.id, b.text FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id
			 WHERE d.user_id = $1 AND d.state = 'pending' AND b.cancelled_at IS NULL ORDER BY d.id`, userID); err != nil {
			return err
		}
		for _, r := range rows {
			res, err := tx.ExecContext(ctx,
				`UPDATE deliveries SET state = 'sent', done_at = $2, sender = 'web' WHERE id = $1 AND state = 'pending'`, r.ID, s.nowUTC())
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				texts = append(texts, r.Text)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: web broadcasts of user %d: %w", userID, err)
	}
	return texts, nil
}
