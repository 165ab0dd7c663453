package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// User is what Gongyou keeps about a worker: no name, no phone.
type User struct {
	ID         int64        `db:"id"`
	ChatID     int64        `db:"chat_id"`
	Lang       string       `db:"lang"` // "" until chosen, then "zh" or "en"
	City       string       `db:"city"`
	Subscribed bool         `db:"subscribed"`
	ConsentAt  sql.NullTime `db:"consent_at"`
	CreatedAt  time.Time    `db:"created_at"`
	UpdatedAt  time.Time    `db:"updated_at"`
	Topics     string       `db:"topics"`  // announcement topics, comma-separated codes; "" = all
	Notices    int          `db:"notices"` // follow-ups waiting in notifications (TakeNotifications)
}

const userColumns = `id, chat_id, lang, city, subscribed, consent_at, created_at, updated_at, topics, notices`

// TopicCodes lists the announcement topics a user can choose (users.topics).
func TopicCodes() []string { return []string{"subsidy", "insurance", "scam", "jobs", "training"} }

// EnsureUser returns the user with id, creating the row on first contact.
// created tells whether this call made it.
func (s *Store) EnsureUser(ctx context.Context, id, chatID int64) (u User, created bool, err error) {
	// Most turns come from known users: read first, write only when needed.
	u, err = s.User(ctx, id)
	switch {
	case err == nil:
		if chatID != 0 && u.ChatID != chatID {
			if _, err := s.db.ExecContext(ctx, `UPDATE users SET chat_id = $2, updated_at = $3 WHERE id = $1`, id, chatID, s.nowUTC()); err != nil {
				return User{}, false, fmt.Errorf("store: update chat of user %d: %w", id, err)
			}
			u.ChatID = chatID
		}
		return u, false, nil
	case !errors.Is(err, ErrNotFound):
		return User{}, false, err
	}
	now := s.nowUTC()
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO users (id, chat_id, created_at, updated_at) VALUES ($1, $2, $3, $3)
		 ON CONFLICT (id) DO NOTHING`, id, chatID, now)
	if err != nil {
		return User{}, false, fmt.Errorf("store: ensure user %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return User{}, false, fmt.Errorf("store: ensure user %d: %w", id, err)
	}
	u, err = s.User(ctx, id)
	if err != nil {
		return User{}, false, err
	}
	return u, n == 1, nil
}

// User loads one user; ErrNotFound when there is none.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.rdb.GetContext(ctx, &u, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
	if err != nil {
		return User{}, fmt.Errorf("store: user %d: %w", id, notFound(err))
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return u, nil
}

// SetLang saves the user's language ("zh" or "en").
func (s *Store) SetLang(ctx context.Context, id int64, lang string) error {
	return s.updateUser(ctx, id, `lang = $2`, lang)
}

// SetCity saves the user's city.
func (s *Store) SetCity(ctx context.Context, id int64, city string) error {
	return s.updateUser(ctx, id, `city = $2`, city)
}

// SetTopics saves the announcement topics (comma-separated codes; "" = all).
func (s *Store) SetTopics(ctx context.Context, id int64, topics string) error {
	return s.updateUser(ctx, id, `topics = $2`, topics)
}

// SetSubscribed turns policy announcements on or off.
func (s *Store) SetSubscribed(ctx context.Context, id int64, on bool) error {
	return s.updateUser(ctx, id, `subscribed = $2`, on)
}

// SetConsent records that the user accepted the privacy notice now.
func (s *Store) SetConsent(ctx context.Context, id int64) error {
	return s.updateUser(ctx, id, `consent_at = $2`, s.nowUTC())
}

func (s *Store) updateUser(ctx context.Context, id int64, set string, v any) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET `+set+`, updated_at = $3 WHERE id = $1`, id, v, s.nowUTC())
	if err != nil {
		return fmt.Errorf("store: update user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update user %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteUser erases everything kept about a user: the user row, the
// conversation state, their course enrollments (giving the seats back) and
// the link from any reports they sent (the report text stays for staff,
// without the user). For a user of a mapped channel (the web chat) it
// also erases the channel mapping and the transcript, so the same visitor
// starts afresh under a new id.
//
// On SQLite the rows are overwritten with zeros (secure_delete, set in
// openSQLite) and the WAL, which still holds the old pages, is then
// checkpointed and truncated (scrubAfterDelete), so the erased bytes are in
// none of the database's files. PostgreSQL: see README.md, "Erasure".
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	if err := s.deleteUser(ctx, id); err != nil {
		return err
	}
	s.scrubAfterDelete(ctx)
	return nil
}

func (s *Store) deleteUser(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sqlxTx) error {
		if ch := ChannelOf(id); ChannelBase(ch) != 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM channel_users WHERE channel = $1 AND n = $2`, ch, id-ChannelBase(ch)); err != nil {
				return fmt.Errorf("store: delete user %d: %w", id, err)
			}
		}
		for _, q := range []string{
			`DELETE FROM web_messages WHERE user_id = $1`,
			`DELETE FROM wechat_users WHERE user_id = $1`,
			`DELETE FROM wechat_outbox WHERE user_id = $1`,
			`DELETE FROM image_reads WHERE user_id = $1`,
			`UPDATE reports SET user_id = NULL WHERE user_id = $1`,
			`DELETE FROM sessions WHERE user_id = $1`,
			`UPDATE trainings SET taken = taken - 1 WHERE taken > 0 AND id IN
			   (SELECT training_id FROM enrollments WHERE user_id = $1 AND status = 'active')`,
			`DELETE FROM enrollments WHERE user_id = $1`,
			`DELETE FROM users WHERE id = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("store: delete user %d: %w", id, err)
			}
		}
		return nil
	})
}

// CountSubscribers counts users who get announcements.
func (s *Store) CountSubscribers(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM users WHERE subscribed`); err != nil {
		return 0, fmt.Errorf("store: count subscribers: %w", err)
	}
	return n, nil
}

// scrubAfterDelete makes an erasure reach the disk. SQLite: a TRUNCATE
// checkpoint copies the zeroed pages into the main file and empties the
// WAL, which still holds the pages as they were before the delete. It
// waits for readers (busy timeout); if one still holds an old snapshot the
// WAL is left for the next checkpoint and a warning logged. The erasure
// itself has committed either way.
func (s *Store) scrubAfterDelete(ctx context.Context) {
	if s.dialect != SQLite || s.db == s.rdb { // PostgreSQL; or :memory:, which has no files
		return
	}
	var busy, logFrames, done int
	err := s.db.QueryRowxContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done)
	switch {
	case err != nil:
		s.logger.Warn("store: checkpoint after delete failed; the WAL keeps erased pages until the next checkpoint", "err", err)
	case busy != 0:
		s.logger.Warn("store: checkpoint after delete blocked by a reader; the WAL keeps erased pages until the next checkpoint")
	}
}
