-- +goose Up
CREATE TABLE staff_roles (
    user_id     BIGINT  PRIMARY KEY,
    role        TEXT    NOT NULL,
    granted_by  BIGINT  NOT NULL,
    granted_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

ALTER TABLE reports ADD COLUMN top_case TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN risk TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN notify BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE reports ADD COLUMN decided_by BIGINT;
ALTER TABLE reports ADD COLUMN decided_at TIMESTAMPTZ;
CREATE INDEX reports_top_case ON reports (top_case);
CREATE INDEX reports_contact ON reports (contact);

CREATE TABLE notifications (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,   -- in the worker's language when it was written
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id);

CREATE TABLE check_counts (
    day         TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    n           BIGINT  NOT NULL,
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
