-- +goose Up
CREATE TABLE users (
    id          BIGINT PRIMARY KEY,
    chat_id     BIGINT  NOT NULL,
    lang        TEXT    NOT NULL DEFAULT '',
    city        TEXT    NOT NULL DEFAULT '',
    subscribed  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_subscribed ON users (subscribed) WHERE subscribed;

CREATE TABLE sessions (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    flow        TEXT   NOT NULL DEFAULT '',
    step        TEXT   NOT NULL DEFAULT '',
    payload     TEXT   NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE processed_updates (
    update_id   BIGINT PRIMARY KEY,
    seen_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX processed_updates_seen ON processed_updates (seen_at);

-- +goose Down
DROP TABLE processed_updates;
DROP TABLE sessions;
DROP TABLE users;
