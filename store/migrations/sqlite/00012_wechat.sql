-- +goose Up
-- The WeChat Official Account channel (bot/wechat*.go). Its users are channel_users rows of channel
-- 'wechat' (user ids 2^61 + n); these tables keep what WeChat's rules need.

-- Callbacks already handled: WeChat retries a callback up to three times. The key is the MsgId, or
-- for events the sender and CreateTime. reply is the passive reply given, resent to a retry.
CREATE TABLE wechat_seen (
    key      TEXT      PRIMARY KEY,
    reply    TEXT      NOT NULL DEFAULT '',
    seen_at  TIMESTAMP NOT NULL
);
CREATE INDEX wechat_seen_at ON wechat_seen (seen_at);

-- Per worker: the customer-service window (until when, messages used of its 5) and the numbered
-- choices on screen (JSON list of {"Label","Data"}), read back when the worker types a number.
CREATE TABLE wechat_users (
    user_id       INTEGER   PRIMARY KEY,
    window_until  TIMESTAMP NOT NULL,
    window_used   INTEGER   NOT NULL DEFAULT 0,
    shown         TEXT      NOT NULL DEFAULT '',
    updated_at    TIMESTAMP NOT NULL
);

-- Follow-ups that could not be sent (window passed, quota spent, 45015): shown with the worker's
-- next message.
CREATE TABLE wechat_outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER   NOT NULL,
    text        TEXT      NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX wechat_outbox_user ON wechat_outbox (user_id, id);

-- The access_token of an account, shared by the replicas; lease_until: one replica refreshes it.
CREATE TABLE wechat_tokens (
    app_id       TEXT      PRIMARY KEY,
    token        TEXT      NOT NULL DEFAULT '',
    expires_at   TIMESTAMP NOT NULL,
    lease_until  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE wechat_tokens;
DROP TABLE wechat_outbox;
DROP TABLE wechat_users;
DROP TABLE wechat_seen;
