package store

import (
	"context"
	"fmt"
	"time"
)

// Session is a user's place in a conversation: which flow, which step, and
// a small JSON payload the flow owns.
type Session struct {
	UserID    int64     `db:"user_id"`
	Flow      string    `db:"flow"`
	Step      string    `db:"step"`
	Payload   string    `db:"payload"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Session loads the user's session; a user without one gets an empty
// Session (no flow), not an error.
func (s *Store) Session(ctx context.Context, userID int64) (Session, error) {
	var ss Session
	err := s.rdb.GetContext(ctx, &ss, `SELECT user_id, flow, step, payload, updated_at FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		if err = notFound(err); err == ErrNotFound {
			return Session{UserID: userID, Payload: "{}"}, nil
		}
		return Session{}, fmt.Errorf("store: session %d: %w", userID, err)
	}
	return ss, nil
}

// SaveSession writes the session (insert or replace).
func (s *Store) SaveSession(ctx context.Context, ss Session) error {
	if ss.Payload == "" {
		ss.Payload = "{}"
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO sessions (user_id, flow, step, payload, updated_at) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (user_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,
		   payload = excluded.payload, updated_at = excluded.updated_at`,
		ss.UserID, ss.Flow, ss.Step, ss.Payload, s.nowUTC())
	if err != nil {
		return fmt.Errorf("store: save session %d: %w", ss.UserID, err)
	}
	return nil
}
