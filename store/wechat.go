package store

import (
	"context"
	"fmt"
	"time"
)

// The WeChat Official Account channel's own tables (migration 00012): the
// callbacks already handled, the customer-service window of each worker,
// the follow-ups waiting for a worker's next message, and the account's
// access_token shared by the replicas. Times of the window are passed in
// by the channel (its clock), so tests can move past 48 hours.

// WeChatWindowQuota is how many customer-service messages one window allows.
const WeChatWindowQuota = 5

var epoch = time.Unix(0, 0).UTC()

// MarkWeChatSeen records a callback key (MsgId, or sender+CreateTime for
// events). first is false for a retry; reply is then the passive reply
// kept for it ("" while the first is still being answered).
func (s *Store) MarkWeChatSeen(ctx context.Context, key string) (first bool, reply string, err error) {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO wechat_seen (key, reply, seen_at) VALUES ($1, '', $2) ON CONFLICT (key) DO NOTHING`, key, s.nowUTC())
	if err != nil {
		return false, "", fmt.Errorf("store: mark wechat callback: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, "", nil
	}
	if err := s.db.GetContext(ctx, &reply, `SELECT reply FROM wechat_seen WHERE key = $1`, key); err != nil {
		return false, "", fmt.Errorf("store: wechat callback: %w", err)
	}
	return false, reply, nil
}

// SetWeChatReply keeps the passive reply given to a callback, for retries.
func (s *Store) SetWeChatReply(ctx context.Context, key, reply string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE wechat_seen SET reply = $2 WHERE key = $1`, key, reply); err != nil {
		return fmt.Errorf("store: keep wechat reply: %w", err)
	}
	return nil
}

// PruneWeChatSeen forgets callbacks seen before cutoff (WeChat retries
// within seconds).
func (s *Store) PruneWeChatSeen(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM wechat_seen WHERE seen_at < $1`, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: prune wechat callbacks: %w", err)
	}
	return res.RowsAffected()
}

// OpenWeChatWindow opens (or extends) a worker's customer-service window
// until `until`. A worker's message (fresh) starts a new window with the
// full quota; an event only extends it, and a window that had passed
// starts with the full quota.
func (s *Store) OpenWeChatWindow(ctx context.Context, userID int64, now, until time.Time, fresh bool) error {
	now, until = now.UTC(), until.UTC()
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO wechat_users (user_id, window_until, window_used, shown, updated_at) VALUES ($1, $2, 0, '', $3)
		 ON CONFLICT (user_id) DO UPDATE SET
		   window_used = CASE WHEN $4 OR wechat_users.window_until <= $3 THEN 0 ELSE wechat_users.window_used END,
		   window_until = CASE WHEN wechat_users.window_until > $2 THEN wechat_users.window_until ELSE $2 END,
		   updated_at = $3`,
		userID, until, now, fresh)
	if err != nil {
		return fmt.Errorf("store: open wechat window of %d: %w", userID, err)
	}
	return nil
}

// TakeWeChatQuota spends one message of a worker's window: false when the
// window has passed or its quota is spent (nothing may be sent then).
func (s *Store) TakeWeChatQuota(ctx context.Context, userID int64, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx,
		`UPDATE wechat_users SET window_used = window_used + 1
		 WHERE user_id = $1 AND window_until > $2 AND window_used < $3`, userID, now.UTC(), WeChatWindowQuota)
	if err != nil {
		return false, fmt.Errorf("store: wechat quota of %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// CloseWeChatWindow ends a worker's window (WeChat answered 45015, or
// they unfollowed).
func (s *Store) CloseWeChatWindow(ctx context.Context, userID int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE wechat_users SET window_until = $2 WHERE user_id = $1 AND window_until > $2`, userID, now.UTC()); err != nil {
		return fmt.Errorf("store: close wechat window of %d: %w", userID, err)
	}
	return nil
}

// WeChatWindow returns until when a worker's window runs and how many of
// its messages are used (zero time when there is none).
func (s *Store) WeChatWindow(ctx context.Context, userID int64) (until time.Time, used int, err error) {
	var row struct {
		Until time.Time `db:"window_until"`
		Used  int       `db:"window_used"`
	}
	err = s.rdb.GetContext(ctx, &row, `SELECT window_until, window_used FROM wechat_users WHERE user_id = $1`, userID)
	if err = notFound(err); err == ErrNotFound {
		return time.Time{}, 0, nil
	}
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("store: wechat window of %d: %w", userID, err)
	}
	return row.Until.UTC(), row.Used, nil
}

// WeChatShown returns the numbered choices on a worker's screen (JSON; ""
// for none).
func (s *Store) WeChatShown(ctx context.Context, userID int64) (string, error) {
	var shown string
	err := s.rdb.GetContext(ctx, &shown, `SELECT shown FROM wechat_users WHERE user_id = $1`, userID)
	if err = notFound(err); err == ErrNotFound {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: wechat choices of %d: %w", userID, err)
	}
	return shown, nil
}

// SetWeChatShown keeps the numbered choices now on a worker's screen.
func (s *Store) SetWeChatShown(ctx context.Context, userID int64, shown string) error {
	now := s.nowUTC()
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO wechat_users (user_id, window_until, window_used, shown, updated_at) VALUES ($1, $2, 0, $3, $4)
		 ON CONFLICT (user_id) DO UPDATE SET shown = $3, updated_at = $4`, userID, epoch, shown, now); err != nil {
		return fmt.Errorf("store: keep wechat choices of %d: %w", userID, err)
	}
	return nil
}

// QueueWeChat keeps a message that could not be sent for the worker's next
// message.
func (s *Store) QueueWeChat(ctx context.Context, userID int64, text string) error {
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO wechat_outbox (user_id, text, created_at) VALUES ($1, $2, $3)`, userID, text, s.nowUTC()); err != nil {
		return fmt.Errorf("store: queue wechat message for %d: %w", userID, err)
	}
	return nil
}

// TakeWeChatOutbox removes and returns a worker's waiting messages,
// oldest first, and marks their waiting announcements sent (their texts
// follow the messages): the worker sees both with the reply to their
// message.
func (s *Store) TakeWeChatOutbox(ctx context.Context, userID int64) ([]string, error) {
	var texts []string
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		texts = texts[:0]
		var rows []struct {
			ID   int64  `db:"id"`
			Text string `db:"text"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT id, text FROM wechat_outbox WHERE user_id = $1 ORDER BY id`, userID); err != nil {
			return err
		}
		for _, r := range rows {
			res, err := tx.ExecContext(ctx, `DELETE FROM wechat_outbox WHERE id = $1`, r.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				texts = append(texts, r.Text)
			}
		}
		rows = rows[:0]
		if err := tx.SelectContext(ctx, &rows,
			`SELECT d.id, b.text FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id
			 WHERE d.user_id = $1 AND d.state = 'pending' AND b.cancelled_at IS NULL ORDER BY d.id`, userID); err != nil {
			return err
		}
		for _, r := range rows {
			res, err := tx.ExecContext(ctx,
				`UPDATE deliveries SET state = 'sent', done_at = $2, sender = 'wechat' WHERE id = $1 AND state = 'pending'`, r.ID, s.nowUTC())
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				texts = append(texts, "📢 "+r.Text)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: wechat outbox of %d: %w", userID, err)
	}
	return texts, nil
}

// WeChatDelivery is an announcement claimed for a WeChat worker inside
// their window.
type WeChatDelivery struct {
	ID     int64  `db:"id"`
	UserID int64  `db:"user_id"`
	Text   string `db:"text"`
}

// ClaimWeChatDelivery claims the oldest pending announcement of a WeChat
// worker whose window is open, spending one message of that window; ok is
// false when there is none. Workers outside their window get theirs with
// their next message (TakeWeChatOutbox).
func (s *Store) ClaimWeChatDelivery(ctx context.Context, now time.Time) (d WeChatDelivery, ok bool, err error) {
	now = now.UTC()
	err = s.inTx(ctx, func(tx *sqlxTx) error {
		var cands []WeChatDelivery
		if err := tx.SelectContext(ctx, &cands,
			`SELECT d.id, d.user_id, b.text FROM deliveries d
			 JOIN broadcasts b ON b.id = d.broadcast_id
			 JOIN wechat_users w ON w.user_id = d.user_id
			 WHERE d.state = 'pending' AND d.user_id >= $1 AND b.cancelled_at IS NULL
			   AND w.window_until > $2 AND w.window_used < $3
			 ORDER BY d.id LIMIT 8`, wechatBase, now, WeChatWindowQuota); err != nil {
			return err
		}
		for _, c := range cands {
			res, err := tx.ExecContext(ctx,
				`UPDATE deliveries SET state = 'sending', sender = 'wechat', claimed_at = $2 WHERE id = $1 AND state = 'pending'`, c.ID, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				continue
			}
			res, err = tx.ExecContext(ctx,
				`UPDATE wechat_users SET window_used = window_used + 1
				 WHERE user_id = $1 AND window_until > $2 AND window_used < $3`, c.UserID, now, WeChatWindowQuota)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'pending' WHERE id = $1`, c.ID); err != nil {
					return err
				}
				continue
			}
			d, ok = c, true
			return nil
		}
		return nil
	})
	if err != nil {
		return WeChatDelivery{}, false, fmt.Errorf("store: claim wechat delivery: %w", err)
	}
	return d, ok, nil
}

// FinishWeChatDelivery records what became of a claimed announcement:
// DeliverySent, DeliveryUnknown (the answer was lost), or DeliveryPending
// (WeChat refused it, 45015: it waits for the worker's next message).
func (s *Store) FinishWeChatDelivery(ctx context.Context, id int64, state, reason string) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE deliveries SET state = $2, done_at = $3, error = $4 WHERE id = $1 AND state = 'sending'`,
		id, state, s.nowUTC(), ClipBytes(reason, 200, "")); err != nil {
		return fmt.Errorf("store: finish wechat delivery %d: %w", id, err)
	}
	return nil
}

// WeChatAnnouncementCounts counts the WeChat deliveries of a broadcast:
// sent inside a window, and waiting for the worker's next message.
func (s *Store) WeChatAnnouncementCounts(ctx context.Context, broadcastID int64) (sent, waiting int, err error) {
	var row struct {
		Sent    int `db:"sent"`
		Waiting int `db:"waiting"`
	}
	err = s.rdb.GetContext(ctx, &row,
		`SELECT COALESCE(SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END), 0) AS sent,
		        COALESCE(SUM(CASE WHEN state IN ('pending', 'sending') THEN 1 ELSE 0 END), 0) AS waiting
		 FROM deliveries WHERE broadcast_id = $1 AND user_id >= $2`, broadcastID, wechatBase)
	if err != nil {
		return 0, 0, fmt.Errorf("store: wechat counts of broadcast %d: %w", broadcastID, err)
	}
	return row.Sent, row.Waiting, nil
}

// WeChatToken returns the account's stored access_token and its expiry
// ("" when there is none).
func (s *Store) WeChatToken(ctx context.Context, appID string) (string, time.Time, error) {
	var row struct {
		Token   string    `db:"token"`
		Expires time.Time `db:"expires_at"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT token, expires_at FROM wechat_tokens WHERE app_id = $1`, appID)
	if err = notFound(err); err == ErrNotFound {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("store: wechat token: %w", err)
	}
	return row.Token, row.Expires.UTC(), nil
}

// LeaseWeChatToken asks for the right to fetch a new access_token for
// lease: true for one replica at a time, so the account's token is fetched
// once (each fetch invalidates the previous token).
func (s *Store) LeaseWeChatToken(ctx context.Context, appID string, now time.Time, lease time.Duration) (bool, error) {
	now = now.UTC()
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO wechat_tokens (app_id, token, expires_at, lease_until) VALUES ($1, '', $2, $3)
		 ON CONFLICT (app_id) DO NOTHING`, appID, epoch, now.Add(lease))
	if err != nil {
		return false, fmt.Errorf("store: lease wechat token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	res, err = s.db.ExecContext(ctx,
		`UPDATE wechat_tokens SET lease_until = $3 WHERE app_id = $1 AND lease_until <= $2`, appID, now, now.Add(lease))
	if err != nil {
		return false, fmt.Errorf("store: lease wechat token: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SaveWeChatToken stores a fetched access_token and ends the lease.
func (s *Store) SaveWeChatToken(ctx context.Context, appID, token string, expires time.Time) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE wechat_tokens SET token = $2, expires_at = $3, lease_until = $4 WHERE app_id = $1`,
		appID, token, expires.UTC(), epoch); err != nil {
		return fmt.Errorf("store: save wechat token: %w", err)
	}
	return nil
}

// ExpireWeChatToken marks token expired (WeChat answered 40001/42001 with
// it); a newer token is left alone.
func (s *Store) ExpireWeChatToken(ctx context.Context, appID, token string) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE wechat_tokens SET expires_at = $3 WHERE app_id = $1 AND token = $2`, appID, token, epoch); err != nil {
		return fmt.Errorf("store: expire wechat token: %w", err)
	}
	return nil
}

// ChannelExternalID returns the external id (for WeChat the OpenID) of a
// user of a mapped channel; ErrNotFound when there is none.
func (s *Store) ChannelExternalID(ctx context.Context, userID int64) (string, error) {
	ch := ChannelOf(userID)
	base := ChannelBase(ch)
	if base == 0 {
		return "", fmt.Errorf("store: user %d has no external id", userID)
	}
	var ext string
	err := s.rdb.GetContext(ctx, &ext, `SELECT external_id FROM channel_users WHERE channel = $1 AND n = $2`, ch, userID-base)
	if err != nil {
		return "", fmt.Errorf("store: external id of %d: %w", userID, notFound(err))
	}
	return ext, nil
}
