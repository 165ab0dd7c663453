-- +goose Up
-- Channels as a layer: a user is (channel, id in that channel). Telegram users keep their Telegram
-- id as users.id (Telegram ids have at most 52 significant bits). Every other channel maps its
-- external id here and its users get ids from the block of that channel: users.id = base + n with
-- base 2^60 for the web chat and 2^61 for WeChat (store.ChannelBase), so ids never collide.
CREATE TABLE channel_users (
    n           INTEGER PRIMARY KEY AUTOINCREMENT,
    channel     TEXT      NOT NULL,
    external_id TEXT      NOT NULL,   -- for the web: a SHA-256 of the visitor id in the cookie
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (channel, external_id)
);

-- The web chat's transcript: the last turns shown on the page (the engine's session is elsewhere).
CREATE TABLE web_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER   NOT NULL,
    role        TEXT      NOT NULL,   -- 'in' (the visitor) or 'out' (Gongyou)
    text        TEXT      NOT NULL,
    buttons     TEXT      NOT NULL DEFAULT '',  -- JSON rows of {"Label","Data"}
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX web_messages_user ON web_messages (user_id, id);

-- +goose Down
DROP TABLE web_messages;
DROP TABLE channel_users;
