-- +goose Up
-- Policy broadcasts (issue 6). A broadcast is written once with one delivery row per
-- subscriber in its audience, in one transaction. Senders claim rows one at a time:
-- state goes pending -> sending (committed before sendMessage) -> sent | unreachable |
-- failed | unknown; cancelled when staff stop the broadcast. A row left in sending by a
-- dead sender becomes unknown and is never resent (at most once).
CREATE TABLE broadcasts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    text          TEXT    NOT NULL,
    filter_lang   TEXT    NOT NULL DEFAULT '',   -- '' = every language
    filter_city   TEXT    NOT NULL DEFAULT '',   -- '' = every city
    filter_topic  TEXT    NOT NULL DEFAULT '',   -- '' = every topic
    audience      INTEGER NOT NULL,
    created_by    BIGINT  NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ
);

CREATE TABLE deliveries (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    broadcast_id  BIGINT  NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id       BIGINT  NOT NULL,
    lang          TEXT    NOT NULL DEFAULT '',
    state         TEXT    NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       TIMESTAMPTZ NOT NULL,
    sender        TEXT    NOT NULL DEFAULT '',
    claimed_at    TIMESTAMPTZ,
    done_at       TIMESTAMPTZ,
    error         TEXT    NOT NULL DEFAULT '',
    UNIQUE (broadcast_id, user_id)
);
CREATE INDEX deliveries_queue ON deliveries (next_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_sending ON deliveries (sender) WHERE state = 'sending';
CREATE INDEX deliveries_user ON deliveries (user_id);

-- Live senders and their leases (a sender renews its lease while it runs).
CREATE TABLE broadcast_senders (
    id            TEXT PRIMARY KEY,
    lease_until   TIMESTAMPTZ NOT NULL
);

-- One row: a 429 pauses every sender until paused_until.
CREATE TABLE broadcast_control (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    paused_until  TIMESTAMPTZ
);
INSERT INTO broadcast_control (id) VALUES (1);

-- When a send found the user unreachable (blocked the bot, deactivated, chat not found).
-- NULL = reachable. A user who changes anything later (updated_at after it) talks to us again.
ALTER TABLE users ADD COLUMN unreachable_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE users DROP COLUMN unreachable_at;
DROP TABLE broadcast_control;
DROP TABLE broadcast_senders;
DROP TABLE deliveries;
DROP TABLE broadcasts;
