package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Training is a course as stored. The columns are what listing and seat
// counting need; Data is the whole course as JSON (the knowledge package
// owns its shape). Dates are "YYYY-MM-DD".
type Training struct {
	ID        string    `db:"id"`
	City      string    `db:"city"`
	Trade     string    `db:"trade"`
	StartsOn  string    `db:"starts_on"`
	EndsOn    string    `db:"ends_on"`
	Seats     int       `db:"seats"`
	Taken     int       `db:"taken"`
	Retired   bool      `db:"retired"`
	Data      string    `db:"data"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Left is the number of free seats.
func (t Training) Left() int { return max(t.Seats-t.Taken, 0) }

// Enrollment is one worker's sign-up for one course.
type Enrollment struct {
	ID          int64        `db:"id"`
	Ref         string       `db:"ref"` // reference code the worker and the provider quote
	TrainingID  string       `db:"training_id"`
	UserID      int64        `db:"user_id"`
	Name        string       `db:"name"`  // "" once cancelled
	Phone       string       `db:"phone"` // "" once cancelled
	Status      string       `db:"status"`
	CreatedAt   time.Time    `db:"created_at"`
	CancelledAt sql.NullTime `db:"cancelled_at"`
}

// Enrollment statuses.
const (
	EnrollActive    = "active"
	EnrollCancelled = "cancelled"
)

// Errors of Enroll and CancelEnrollment, for errors.Is.
var (
	ErrTrainingFull    = errors.New("store: no seats left")
	ErrTrainingClosed  = errors.New("store: course closed for sign-up")
	ErrAlreadyEnrolled = errors.New("store: already enrolled")
)

// ContentTrainings is the content_versions key bumped by every course change.
const ContentTrainings = "trainings"

const (
	trainingColumns   = `id, city, trade, starts_on, ends_on, seats, taken, retired, data, updated_at`
	enrollmentColumns = `id, ref, training_id, user_id, name, phone, status, created_at, cancelled_at`
)

// Trainings lists every course, retired ones included, by id.
func (s *Store) Trainings(ctx context.Context) ([]Training, error) {
	var ts []Training
	if err := s.rdb.SelectContext(ctx, &ts, `SELECT `+trainingColumns+` FROM trainings ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list trainings: %w", err)
	}
	return ts, nil
}

// OpenTrainings lists the courses a worker can still sign up for (not
// retired, starting on or after today), full ones included, soonest first.
// city and trade filter when not "".
func (s *Store) OpenTrainings(ctx context.Context, city, trade, today string) ([]Training, error) {
	var ts []Training
	err := s.rdb.SelectContext(ctx, &ts, `SELECT `+trainingColumns+` FROM trainings
		WHERE NOT retired AND starts_on >= $1 AND ($2 = '' OR city = $2) AND ($3 = '' OR trade = $3)
		ORDER BY starts_on, id`, today, city, trade)
	if err != nil {
		return nil, fmt.Errorf("store: open trainings in %q: %w", city, err)
	}
	return ts, nil
}

// TrainingCities lists the cities with open courses, by number of courses.
func (s *Store) TrainingCities(ctx context.Context, today string) ([]string, error) {
	var cs []string
	err := s.rdb.SelectContext(ctx, &cs, `SELECT city FROM trainings WHERE NOT retired AND starts_on >= $1
		GROUP BY city ORDER BY COUNT(*) DESC, city`, today)
	if err != nil {
		return nil, fmt.Errorf("store: training cities: %w", err)
	}
	return cs, nil
}

// Training loads one course; ErrNotFound when there is none.
func (s *Store) Training(ctx context.Context, id string) (Training, error) {
	var t Training
	if err := s.rdb.GetContext(ctx, &t, `SELECT `+trainingColumns+` FROM trainings WHERE id = $1`, id); err != nil {
		return Training{}, fmt.Errorf("store: training %q: %w", id, notFound(err))
	}
	return t, nil
}

// PutTrainings inserts or updates courses, all in one transaction or none.
// Seats already taken stay taken: a course cannot get fewer seats than it
// has sign-ups (ErrConflict).
func (s *Store) PutTrainings(ctx context.Context, ts []Training) error {
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		for _, t := range ts {
			var taken int
			err := notFound(tx.GetContext(ctx, &taken, `SELECT taken FROM trainings WHERE id = $1`, t.ID))
			if err != nil && !errors.Is(err, ErrNotFound) {
				return fmt.Errorf("store: put training %q: %w", t.ID, err)
			}
			if t.Seats < taken {
				return fmt.Errorf("store: put training %q: %d seats but %d already signed up: %w", t.ID, t.Seats, taken, ErrConflict)
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO trainings (id, city, trade, starts_on, ends_on, seats, taken, retired, data, updated_at)
				 VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)
				 ON CONFLICT (id) DO UPDATE SET city = excluded.city, trade = excluded.trade, starts_on = excluded.starts_on,
				   ends_on = excluded.ends_on, seats = excluded.seats, retired = excluded.retired, data = excluded.data,
				   updated_at = excluded.updated_at`,
				t.ID, t.City, t.Trade, t.StartsOn, t.EndsOn, t.Seats, t.Retired, t.Data, now); err != nil {
				return fmt.Errorf("store: put training %q: %w", t.ID, err)
			}
		}
		return bumpVersion(ctx, tx, ContentTrainings)
	})
}

// SeedTrainings inserts courses only when there are none (first start), so
// staff changes are never overwritten by the shipped samples. It reports
// how many it inserted.
func (s *Store) SeedTrainings(ctx context.Context, ts []Training) (int, error) {
	inserted := 0
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM trainings`); err != nil {
			return fmt.Errorf("store: seed trainings: %w", err)
		}
		if n > 0 {
			return nil
		}
		now := s.nowUTC()
		for _, t := range ts {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO trainings (id, city, trade, starts_on, ends_on, seats, taken, retired, data, updated_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				t.ID, t.City, t.Trade, t.StartsOn, t.EndsOn, t.Seats, t.Taken, t.Retired, t.Data, now); err != nil {
				return fmt.Errorf("store: seed training %q: %w", t.ID, err)
			}
			inserted++
		}
		return bumpVersion(ctx, tx, ContentTrainings)
	})
	return inserted, err
}

// Enroll signs a worker up for a course and returns the enrollment with its
// reference code. The seat is taken by a conditional UPDATE in the same
// transaction as the insert, so a course is never overbooked: SQLite has
// one writer, and on PostgreSQL the UPDATE locks the course row and
// re-checks taken < seats after a concurrent sign-up commits.
//
// Errors: ErrNotFound (no such course), ErrTrainingClosed (retired or
// already started), ErrTrainingFull, ErrAlreadyEnrolled (the existing
// enrollment is returned with it).
func (s *Store) Enroll(ctx context.Context, trainingID string, userID int64, name, phone, today string) (Enrollment, error) {
	for attempt := 0; ; attempt++ {
		e, err := s.enrollOnce(ctx, trainingID, userID, name, phone, today)
		if !isUniqueViolation(err) {
			return e, err
		}
		// A concurrent sign-up of the same worker won, or (very rarely) the
		// reference code was taken: tell which.
		if prev, perr := s.activeEnrollment(ctx, userID, trainingID); perr == nil {
			return prev, fmt.Errorf("store: enroll %d in %q: %w", userID, trainingID, ErrAlreadyEnrolled)
		}
		if attempt == 3 {
			return Enrollment{}, fmt.Errorf("store: enroll %d in %q: %w", userID, trainingID, err)
		}
	}
}

func (s *Store) enrollOnce(ctx context.Context, trainingID string, userID int64, name, phone, today string) (Enrollment, error) {
	e := Enrollment{TrainingID: trainingID, UserID: userID, Name: name, Phone: phone, Status: EnrollActive, CreatedAt: s.nowUTC()}
	next := newRef
	if s.refs != nil {
		next = s.refs
	}
	ref, err := next()
	if err != nil {
		return Enrollment{}, err
	}
	e.Ref = ref
	err = s.inTx(ctx, func(tx *sqlxTx) error {
		var t Training
		if err := tx.GetContext(ctx, &t, `SELECT `+trainingColumns+` FROM trainings WHERE id = $1`, trainingID); err != nil {
			return fmt.Errorf("store: enroll in %q: %w", trainingID, notFound(err))
		}
		if t.Retired || t.StartsOn < today {
			return fmt.Errorf("store: enroll in %q: %w", trainingID, ErrTrainingClosed)
		}
		var prev Enrollment
		err := tx.GetContext(ctx, &prev, `SELECT `+enrollmentColumns+` FROM enrollments
			WHERE user_id = $1 AND training_id = $2 AND status = 'active'`, userID, trainingID)
		switch {
		case err == nil:
			e = prev
			return fmt.Errorf("store: enroll %d in %q: %w", userID, trainingID, ErrAlreadyEnrolled)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: enroll in %q: %w", trainingID, err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE trainings SET taken = taken + 1 WHERE id = $1 AND taken < seats`, trainingID)
		if err != nil {
			return fmt.Errorf("store: take a seat in %q: %w", trainingID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: take a seat in %q: %w", trainingID, err)
		} else if n == 0 {
			return fmt.Errorf("store: enroll in %q: %w", trainingID, ErrTrainingFull)
		}
		return tx.GetContext(ctx, &e.ID,
			`INSERT INTO enrollments (ref, training_id, user_id, name, phone, status, created_at)
			 VALUES ($1, $2, $3, $4, $5, 'active', $6) RETURNING id`,
			e.Ref, trainingID, userID, name, phone, e.CreatedAt)
	})
	if err != nil {
		if errors.Is(err, ErrAlreadyEnrolled) {
			return e, err
		}
		return Enrollment{}, err
	}
	return e, nil
}

func (s *Store) activeEnrollment(ctx context.Context, userID int64, trainingID string) (Enrollment, error) {
	var e Enrollment
	err := s.db.GetContext(ctx, &e, `SELECT `+enrollmentColumns+` FROM enrollments
		WHERE user_id = $1 AND training_id = $2 AND status = 'active'`, userID, trainingID)
	if err != nil {
		return Enrollment{}, fmt.Errorf("store: enrollment of %d in %q: %w", userID, trainingID, notFound(err))
	}
	return e, nil
}

// ActiveEnrollment returns the worker's active enrollment in a course;
// ErrNotFound when there is none.
func (s *Store) ActiveEnrollment(ctx context.Context, userID int64, trainingID string) (Enrollment, error) {
	return s.activeEnrollment(ctx, userID, trainingID)
}

// EnrollmentsByUser lists the worker's active enrollments, newest first.
func (s *Store) EnrollmentsByUser(ctx context.Context, userID int64) ([]Enrollment, error) {
	var es []Enrollment
	err := s.rdb.SelectContext(ctx, &es, `SELECT `+enrollmentColumns+` FROM enrollments
		WHERE user_id = $1 AND status = 'active' ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: enrollments of %d: %w", userID, err)
	}
	return es, nil
}

// CountEnrollments counts the worker's active enrollments (for /mydata).
func (s *Store) CountEnrollments(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM enrollments WHERE user_id = $1 AND status = 'active'`, userID)
	if err != nil {
		return 0, fmt.Errorf("store: count enrollments of %d: %w", userID, err)
	}
	return n, nil
}

// Enrollments lists every enrollment, oldest first (staff export).
func (s *Store) Enrollments(ctx context.Context) ([]Enrollment, error) {
	var es []Enrollment
	if err := s.rdb.SelectContext(ctx, &es, `SELECT `+enrollmentColumns+` FROM enrollments ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list enrollments: %w", err)
	}
	return es, nil
}

// CancelEnrollment cancels the worker's active enrollment ref, blanks the
// name and phone, and gives the seat back, exactly once: a second cancel
// (or someone else's ref) is ErrNotFound and changes nothing.
func (s *Store) CancelEnrollment(ctx context.Context, userID int64, ref string) (Enrollment, error) {
	var e Enrollment
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		err := tx.GetContext(ctx, &e, `UPDATE enrollments SET status = 'cancelled', name = '', phone = '', cancelled_at = $3
			WHERE ref = $1 AND user_id = $2 AND status = 'active' RETURNING `+enrollmentColumns, ref, userID, s.nowUTC())
		if err != nil {
			return fmt.Errorf("store: cancel enrollment %q: %w", ref, notFound(err))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE trainings SET taken = taken - 1 WHERE id = $1 AND taken > 0`, e.TrainingID); err != nil {
			return fmt.Errorf("store: give back seat of %q: %w", ref, err)
		}
		return nil
	})
	if err != nil {
		return Enrollment{}, err
	}
	return e, nil
}

// PurgeEnrollments deletes the enrollments of courses that ended before
// cutoff ("YYYY-MM-DD", e.g. six months ago) and cancelled enrollments
// older than cancelledBefore. It returns how many rows went.
func (s *Store) PurgeEnrollments(ctx context.Context, cutoff string, cancelledBefore time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM enrollments
		WHERE training_id IN (SELECT id FROM trainings WHERE ends_on < $1)
		   OR (status = 'cancelled' AND cancelled_at < $2)`, cutoff, cancelledBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: purge enrollments: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: purge enrollments: %w", err)
	}
	return n, nil
}

// ForgetStaleSessions puts back at the menu every session still in flow
// and untouched since before, clearing its payload: a sign-up abandoned
// half way must not keep the name and phone typed so far.
func (s *Store) ForgetStaleSessions(ctx context.Context, flow string, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE sessions SET flow = '', step = '', payload = '{}', updated_at = $3
		WHERE flow = $1 AND updated_at < $2`, flow, before.UTC(), s.nowUTC())
	if err != nil {
		return 0, fmt.Errorf("store: forget stale %s sessions: %w", flow, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: forget stale %s sessions: %w", flow, err)
	}
	return n, nil
}

// WithRefs replaces the maker of enrollment reference codes (tests that
// need stable output). Codes must be unique; a repeat is retried.
func WithRefs(next func() (string, error)) Option { return func(s *Store) { s.refs = next } }

// refAlphabet has no 0/O, 1/I/L: easy to read out on the phone.
const refAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newRef makes a reference code like "K7M4-Q2XP".
func newRef() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("store: reference code: %w", err)
	}
	out := make([]byte, 0, 9)
	for i, c := range b {
		if i == 4 {
			out = append(out, '-')
		}
		out = append(out, refAlphabet[int(c)%len(refAlphabet)])
	}
	return string(out), nil
}
