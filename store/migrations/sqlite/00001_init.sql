-- +goose Up
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,           -- Telegram user id (or a local id for the terminal chat)
    chat_id     INTEGER NOT NULL,
    lang        TEXT    NOT NULL DEFAULT '',   -- '' until the user picks zh or en
    city        TEXT    NOT NULL DEFAULT '',
    subscribed  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_at  TIMESTAMP,                     -- when the user accepted the privacy notice
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX users_subscribed ON users (subscribed) WHERE subscribed;

CREATE TABLE sessions (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    flow        TEXT    NOT NULL DEFAULT '',
    step        TEXT    NOT NULL DEFAULT '',
    payload     TEXT    NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE processed_updates (
    update_id   INTEGER PRIMARY KEY,
    seen_at     TIMESTAMP NOT NULL
);
CREATE INDEX processed_updates_seen ON processed_updates (seen_at);

-- +goose Down
DROP TABLE processed_updates;
DROP TABLE sessions;
DROP TABLE users;
