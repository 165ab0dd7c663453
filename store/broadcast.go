package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Delivery states. A row moves pending → sending (committed before the
// message goes out) → sent | unreachable | failed | unknown, or pending →
// cancelled when staff stop the broadcast. unknown means a sender died (or
// lost its answer) while the message was in flight: it may or may not have
// arrived, and it is never sent again.
const (
	DeliveryPending     = "pending"
	DeliverySending     = "sending"
	DeliverySent        = "sent"
	DeliveryUnreachable = "unreachable"
	DeliveryFailed      = "failed"
	DeliveryUnknown     = "unknown"
	DeliveryCancelled   = "cancelled"
)

// BroadcastFilter chooses a broadcast's audience among the subscribed,
// reachable users. An empty field matches everyone.
type BroadcastFilter struct {
	Lang  string `json:"l,omitempty"` // "zh" or "en"; "zh" also takes users who never chose
	City  string `json:"c,omitempty"` // users.city, exactly
	Topic string `json:"t,omitempty"` // one of TopicCodes(); users with no topics take every topic
}

// Broadcast is a policy announcement and what became of its deliveries.
type Broadcast struct {
	ID          int64        `db:"id"`
	Text        string       `db:"text"`
	Lang        string       `db:"filter_lang"`
	City        string       `db:"filter_city"`
	Topic       string       `db:"filter_topic"`
	Audience    int          `db:"audience"` // delivery rows created
	CreatedBy   int64        `db:"created_by"`
	CreatedAt   time.Time    `db:"created_at"`
	CancelledAt sql.NullTime `db:"cancelled_at"`

	// Deliveries by state (rows of erased users are gone).
	Pending     int `db:"pending"`
	Sending     int `db:"sending"`
	Sent        int `db:"sent"`
	Unreachable int `db:"unreachable"`
	Failed      int `db:"failed"`
	Unknown     int `db:"unknown"`
	Cancelled   int `db:"cancelled"`
}

// Filter is the audience filter the broadcast was created with.
func (b Broadcast) Filter() BroadcastFilter {
	return BroadcastFilter{Lang: b.Lang, City: b.City, Topic: b.Topic}
}

// Active reports whether deliveries are still waiting or in flight.
func (b Broadcast) Active() bool { return b.Pending+b.Sending > 0 }

// audienceWhere is the WHERE clause of a broadcast's audience; the three
// filter values are parameters $first, $first+1, $first+2. A user marked
// unreachable who changed anything since (they talk to the bot again, for
// example subscribed again) counts as reachable.
func audienceWhere(first int) string {
	l, c, t := first, first+1, first+2
	return fmt.Sprintf(`subscribed
	  AND (unreachable_at IS NULL OR updated_at > unreachable_at)
	  AND (CAST($%[1]d AS TEXT) = '' OR lang = $%[1]d OR ($%[1]d = 'zh' AND lang = ''))
	  AND (CAST($%[2]d AS TEXT) = '' OR city = $%[2]d)
	  AND (CAST($%[3]d AS TEXT) = '' OR topics = '' OR (',' || topics || ',') LIKE ('%%,' || $%[3]d || ',%%'))`, l, c, t)
}

// CountAudience counts the users a broadcast with filter f would reach now.
func (s *Store) CountAudience(ctx context.Context, f BroadcastFilter) (int, error) {
	var n int
	err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM users WHERE `+audienceWhere(1), f.Lang, f.City, f.Topic)
	if err != nil {
		return 0, fmt.Errorf("store: count audience: %w", err)
	}
	return n, nil
}

// CreateBroadcast writes a broadcast and one pending delivery per user of
// its audience, in one transaction: senders see all of it or nothing.
func (s *Store) CreateBroadcast(ctx context.Context, text string, f BroadcastFilter, createdBy int64) (Broadcast, error) {
	now := s.nowUTC()
	var b Broadcast
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var id int64
		if err := tx.GetContext(ctx, &id,
			`INSERT INTO broadcasts (text, filter_lang, filter_city, filter_topic, audience, created_by, created_at)
			 VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id`,
			text, f.Lang, f.City, f.Topic, createdBy, now); err != nil {
			return fmt.Errorf("store: create broadcast: %w", err)
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO deliveries (broadcast_id, user_id, chat_id, lang, state, next_at)
			 SELECT $1, id, chat_id, lang, 'pending', $2 FROM users WHERE `+audienceWhere(3)+`
			 ORDER BY id`,
			id, now, f.Lang, f.City, f.Topic)
		if err != nil {
			return fmt.Errorf("store: create deliveries of broadcast %d: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: create deliveries of broadcast %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE broadcasts SET audience = $2 WHERE id = $1`, id, n); err != nil {
			return fmt.Errorf("store: create broadcast %d: %w", id, err)
		}
		b = Broadcast{ID: id, Text: text, Lang: f.Lang, City: f.City, Topic: f.Topic, Audience: int(n),
			CreatedBy: createdBy, CreatedAt: now, Pending: int(n)}
		return nil
	})
	return b, err
}

const broadcastSelect = `SELECT b.id, b.text, b.filter_lang, b.filter_city, b.filter_topic, b.audience,
	  b.created_by, b.created_at, b.cancelled_at,
	  COALESCE(SUM(CASE WHEN d.state = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
	  COALESCE(SUM(CASE WHEN d.state = 'sending' THEN 1 ELSE 0 END), 0) AS sending,
	  COALESCE(SUM(CASE WHEN d.state = 'sent' THEN 1 ELSE 0 END), 0) AS sent,
	  COALESCE(SUM(CASE WHEN d.state = 'unreachable' THEN 1 ELSE 0 END), 0) AS unreachable,
	  COALESCE(SUM(CASE WHEN d.state = 'failed' THEN 1 ELSE 0 END), 0) AS failed,
	  COALESCE(SUM(CASE WHEN d.state = 'unknown' THEN 1 ELSE 0 END), 0) AS unknown,
	  COALESCE(SUM(CASE WHEN d.state = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled
	FROM broadcasts b LEFT JOIN deliveries d ON d.broadcast_id = b.id`

// Broadcast loads one broadcast with its progress; ErrNotFound if none.
func (s *Store) Broadcast(ctx context.Context, id int64) (Broadcast, error) {
	var b Broadcast
	if err := s.rdb.GetContext(ctx, &b, broadcastSelect+` WHERE b.id = $1 GROUP BY b.id`, id); err != nil {
		return Broadcast{}, fmt.Errorf("store: broadcast %d: %w", id, notFound(err))
	}
	b.CreatedAt = b.CreatedAt.UTC()
	return b, nil
}

// Broadcasts lists the latest broadcasts with their progress, newest first.
func (s *Store) Broadcasts(ctx context.Context, limit int) ([]Broadcast, error) {
	var bs []Broadcast
	if err := s.rdb.SelectContext(ctx, &bs, broadcastSelect+` GROUP BY b.id ORDER BY b.id DESC LIMIT $1`, limit); err != nil {
		return nil, fmt.Errorf("store: broadcasts: %w", err)
	}
	for i := range bs {
		bs[i].CreatedAt = bs[i].CreatedAt.UTC()
	}
	return bs, nil
}

// CancelBroadcast stops a broadcast: deliveries not yet claimed become
// cancelled (those in flight finish). It returns how many were cancelled;
// ErrNotFound when there is no such broadcast.
func (s *Store) CancelBroadcast(ctx context.Context, id int64) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE broadcasts SET cancelled_at = COALESCE(cancelled_at, $2) WHERE id = $1`, id, s.nowUTC())
		if err != nil {
			return fmt.Errorf("store: cancel broadcast %d: %w", id, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("store: cancel broadcast %d: %w", id, ErrNotFound)
		}
		res, err = tx.ExecContext(ctx,
			`UPDATE deliveries SET state = 'cancelled', done_at = $2 WHERE broadcast_id = $1 AND state = 'pending'`,
			id, s.nowUTC())
		if err != nil {
			return fmt.Errorf("store: cancel deliveries of broadcast %d: %w", id, err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// Delivery is one claimed message: who gets which broadcast.
type Delivery struct {
	ID          int64  `db:"id"`
	BroadcastID int64  `db:"broadcast_id"`
	UserID      int64  `db:"user_id"`
	ChatID      int64  `db:"chat_id"`
	Lang        string `db:"lang"`
	Attempts    int    `db:"attempts"` // failed attempts so far (5xx, network)
	Text        string `db:"-"`        // the broadcast's text
}

// ClaimDelivery takes the next due pending delivery for sender and commits
// it as sending before returning, so a crash after this point leaves the
// row in sending (later unknown), never pending. On PostgreSQL concurrent
// senders skip each other's rows (FOR UPDATE SKIP LOCKED). While sending is
// paused (a 429), nothing is claimed and pausedUntil says until when.
// Only Telegram users' rows are claimed: web visitors take theirs when they
// next open the page (TakeWebBroadcasts). ErrNotFound when nothing is due.
func (s *Store) ClaimDelivery(ctx context.Context, sender string) (d Delivery, pausedUntil time.Time, err error) {
	lock := ""
	if s.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now := s.nowUTC()
	err = s.inTx(ctx, func(tx *sqlxTx) error {
		var p sql.NullTime
		if err := tx.GetContext(ctx, &p, `SELECT paused_until FROM broadcast_control WHERE id = 1`); err != nil {
			return fmt.Errorf("store: read broadcast pause: %w", err)
		}
		if p.Valid && p.Time.After(now) {
			pausedUntil = p.Time.UTC()
			return ErrNotFound
		}
		if err := tx.GetContext(ctx, &d,
			`UPDATE deliveries SET state = 'sending', sender = $1, claimed_at = $2
			 WHERE id = (SELECT id FROM deliveries WHERE state = 'pending' AND next_at <= $2 AND user_id < $3
			             ORDER BY next_at, id LIMIT 1`+lock+`)
			 RETURNING id, broadcast_id, user_id, chat_id, lang, attempts`, sender, now, webBase); err != nil {
			return notFound(err)
		}
		if err := tx.GetContext(ctx, &d.Text, `SELECT text FROM broadcasts WHERE id = $1`, d.BroadcastID); err != nil {
			return fmt.Errorf("store: text of broadcast %d: %w", d.BroadcastID, err)
		}
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return Delivery{}, pausedUntil, ErrNotFound
	}
	if err != nil {
		return Delivery{}, time.Time{}, fmt.Errorf("store: claim delivery: %w", err)
	}
	return d, time.Time{}, nil
}

// MarkSent records that Telegram accepted the message. It also turns an
// unknown row back into sent (a sender whose lease ran out while it waited
// for the answer): the message did arrive.
func (s *Store) MarkSent(ctx context.Context, d Delivery, sender string) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE deliveries SET state = 'sent', done_at = $3, error = ''
		 WHERE id = $1 AND sender = $2 AND state IN ('sending', 'unknown')`, d.ID, sender, s.nowUTC())
	if err != nil {
		return fmt.Errorf("store: mark delivery %d sent: %w", d.ID, err)
	}
	return nil
}

// RequeueDelivery puts a claimed delivery back to pending, due at at. With
// failed the attempt counts towards the retry limit (5xx, network error);
// without it does not (429: Telegram refused it, nothing was delivered).
func (s *Store) RequeueDelivery(ctx context.Context, d Delivery, sender string, at time.Time, failed bool, reason string) error {
	inc := 0
	if failed {
		inc = 1
	}
	_, err := s.db.ExecContext(ctx,
		`UPDATE deliveries SET state = 'pending', next_at = $3, attempts = attempts + $4, error = $5, sender = '', claimed_at = NULL
		 WHERE id = $1 AND sender = $2 AND state = 'sending'`, d.ID, sender, at.UTC(), inc, ClipBytes(reason, 500, ""))
	if err != nil {
		return fmt.Errorf("store: requeue delivery %d: %w", d.ID, err)
	}
	return nil
}

// FinishDelivery ends a claimed delivery in state (failed or unknown) with
// the reason; it is not sent again.
func (s *Store) FinishDelivery(ctx context.Context, d Delivery, sender, state, reason string) error {
	if state != DeliveryFailed && state != DeliveryUnknown {
		return fmt.Errorf("store: finish delivery %d: bad state %q", d.ID, state)
	}
	_, err := s.db.ExecContext(ctx,
		`UPDATE deliveries SET state = $3, done_at = $4, error = $5, attempts = attempts + 1
		 WHERE id = $1 AND sender = $2 AND state = 'sending'`, d.ID, sender, state, s.nowUTC(), ClipBytes(reason, 500, ""))
	if err != nil {
		return fmt.Errorf("store: finish delivery %d: %w", d.ID, err)
	}
	return nil
}

// MarkUnreachable ends a delivery whose user blocked the bot, was
// deactivated or whose chat is gone: the delivery is unreachable and the
// user is marked unreachable and unsubscribed, in one transaction.
func (s *Store) MarkUnreachable(ctx context.Context, d Delivery, sender, reason string) error {
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		if _, err := tx.ExecContext(ctx,
			`UPDATE deliveries SET state = 'unreachable', done_at = $3, error = $4
			 WHERE id = $1 AND sender = $2 AND state IN ('sending', 'unknown')`, d.ID, sender, now, ClipBytes(reason, 500, "")); err != nil {
			return fmt.Errorf("store: mark delivery %d unreachable: %w", d.ID, err)
		}
		return setUnreachable(ctx, tx, d.UserID, now)
	})
}

func setUnreachable(ctx context.Context, tx *sqlxTx, userID int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx,
		`UPDATE users SET unreachable_at = $2, subscribed = FALSE, updated_at = $2 WHERE id = $1`, userID, now); err != nil {
		return fmt.Errorf("store: mark user %d unreachable: %w", userID, err)
	}
	return nil
}

// SetReachable follows Telegram's my_chat_member updates: a user who
// blocked the bot is unreachable and unsubscribed; one who unblocked it is
// reachable again but not subscribed again (they choose that themselves).
// An unknown user is not an error (nothing is kept about them).
func (s *Store) SetReachable(ctx context.Context, userID int64, reachable bool) error {
	if reachable {
		if _, err := s.db.ExecContext(ctx,
			`UPDATE users SET unreachable_at = NULL WHERE id = $1`, userID); err != nil {
			return fmt.Errorf("store: mark user %d reachable: %w", userID, err)
		}
		return nil
	}
	return s.inTx(ctx, func(tx *sqlxTx) error { return setUnreachable(ctx, tx, userID, s.nowUTC()) })
}

// Unreachable reports whether the user is marked unreachable now.
func (s *Store) Unreachable(ctx context.Context, userID int64) (bool, error) {
	var at sql.NullTime
	if err := s.rdb.GetContext(ctx, &at, `SELECT unreachable_at FROM users WHERE id = $1`, userID); err != nil {
		return false, fmt.Errorf("store: user %d: %w", userID, notFound(err))
	}
	return at.Valid, nil
}

// PauseBroadcasts stops every sender from claiming until until (a 429).
// A pause already reaching further is kept.
func (s *Store) PauseBroadcasts(ctx context.Context, until time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE broadcast_control SET paused_until = $1 WHERE id = 1 AND (paused_until IS NULL OR paused_until < $1)`,
		until.UTC())
	if err != nil {
		return fmt.Errorf("store: pause broadcasts: %w", err)
	}
	return nil
}

// RenewSender extends sender's lease to now+lease and reports how many
// senders hold a live lease (itself included), so each can take its share
// of the global rate, and until when sending is paused.
func (s *Store) RenewSender(ctx context.Context, sender string, lease time.Duration) (live int, pausedUntil time.Time, err error) {
	now := s.nowUTC()
	err = s.inTx(ctx, func(tx *sqlxTx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO broadcast_senders (id, lease_until) VALUES ($1, $2)
			 ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until`, sender, now.Add(lease)); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &live, `SELECT COUNT(*) FROM broadcast_senders WHERE lease_until > $1`, now); err != nil {
			return err
		}
		var p sql.NullTime
		if err := tx.GetContext(ctx, &p, `SELECT paused_until FROM broadcast_control WHERE id = 1`); err != nil {
			return err
		}
		if p.Valid && p.Time.After(now) {
			pausedUntil = p.Time.UTC()
		}
		return nil
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: renew sender %s: %w", sender, err)
	}
	return live, pausedUntil, nil
}

// RemoveSender drops sender's lease (a clean stop, nothing in flight).
func (s *Store) RemoveSender(ctx context.Context, sender string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM broadcast_senders WHERE id = $1`, sender); err != nil {
		return fmt.Errorf("store: remove sender %s: %w", sender, err)
	}
	return nil
}

// RecoverDeliveries turns the deliveries other senders left in sending into
// unknown: with all, every other sender's (SQLite: one sender per file, so
// at start anything in sending belongs to a dead process); else only those
// of senders whose lease ran out (PostgreSQL, several live senders). Those
// rows are not sent again. It returns how many rows it changed.
func (s *Store) RecoverDeliveries(ctx context.Context, sender string, all bool) (int64, error) {
	now := s.nowUTC()
	var n int64
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		q := `UPDATE deliveries SET state = 'unknown', done_at = $2, error = 'sender stopped while the message was in flight'
		      WHERE state = 'sending' AND sender <> $1`
		if !all {
			q += ` AND sender NOT IN (SELECT id FROM broadcast_senders WHERE lease_until > $2)`
		}
		res, err := tx.ExecContext(ctx, q, sender, now)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		if all { // every other sender is dead
			_, err = tx.ExecContext(ctx, `DELETE FROM broadcast_senders WHERE id <> $1`, sender)
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM broadcast_senders WHERE id <> $1 AND lease_until <= $2`, sender, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: recover deliveries: %w", err)
	}
	return n, nil
}
