-- +goose Up
-- Staff roles kept in the store (admins from GONGYOU_STAFF need no row). role: admin | editor.
CREATE TABLE staff_roles (
    user_id     INTEGER PRIMARY KEY,
    role        TEXT    NOT NULL,
    granted_by  INTEGER NOT NULL,
    granted_at  TIMESTAMP NOT NULL
);

-- Every staff action: who, when, what, on what.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor       TEXT    NOT NULL,   -- "tg:<user id>" or "cli:<file>"
    action      TEXT    NOT NULL,   -- case.publish, role.grant, report.decide ...
    target      TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The report queue: what staff decided, and whether the worker wants to hear about it.
-- top_case and contact let staff see how many similar reports exist.
ALTER TABLE reports ADD COLUMN top_case TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN risk TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN notify BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE reports ADD COLUMN decided_by INTEGER;
ALTER TABLE reports ADD COLUMN decided_at TIMESTAMP;
CREATE INDEX reports_top_case ON reports (top_case);
CREATE INDEX reports_contact ON reports (contact);

-- Follow-ups waiting for a worker (no notifier, or sending failed): shown on their next message.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,   -- in the worker's language when it was written
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id);

-- Scam-check counters for /stats: per UTC day, one row per level and per red-flag code.
-- No offer text and no user id.
CREATE TABLE check_counts (
    day         TEXT    NOT NULL,   -- YYYY-MM-DD (UTC)
    kind        TEXT    NOT NULL,   -- level | signal
    code        TEXT    NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (day, kind, code)
);

-- +goose Down
DROP TABLE check_counts;
DROP TABLE notifications;
DROP INDEX reports_contact;
DROP INDEX reports_top_case;
ALTER TABLE reports DROP COLUMN decided_at;
ALTER TABLE reports DROP COLUMN decided_by;
ALTER TABLE reports DROP COLUMN notify;
ALTER TABLE reports DROP COLUMN risk;
ALTER TABLE reports DROP COLUMN contact;
ALTER TABLE reports DROP COLUMN top_case;
DROP TABLE audit_log;
DROP TABLE staff_roles;
