-- +goose Up
-- Training courses. The columns are what queries and seat counting need; data holds the whole
-- course as JSON (the knowledge package owns its shape). Dates are 'YYYY-MM-DD' text.
CREATE TABLE trainings (
    id          TEXT    PRIMARY KEY,
    city        TEXT    NOT NULL,
    trade       TEXT    NOT NULL,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    seats       INTEGER NOT NULL CHECK (seats >= 0),
    taken       INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= seats),
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    data        TEXT    NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX trainings_city ON trainings (city, starts_on);

-- Sign-ups. name and phone are blanked when the worker cancels; the row goes when the worker
-- erases their data or six months after the course ends.
CREATE TABLE enrollments (
    id           INTEGER PRIMARY KEY,
    ref          TEXT    NOT NULL UNIQUE,
    training_id  TEXT    NOT NULL REFERENCES trainings (id),
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    phone        TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'active', -- active | cancelled
    created_at   TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP
);
-- One active enrollment per worker and course; cancelled rows do not block a new sign-up.
CREATE UNIQUE INDEX enrollments_active ON enrollments (training_id, user_id) WHERE status = 'active';
CREATE INDEX enrollments_user ON enrollments (user_id);

-- +goose Down
DROP TABLE enrollments;
DROP TABLE trainings;
