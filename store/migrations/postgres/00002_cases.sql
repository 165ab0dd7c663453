-- +goose Up
CREATE TABLE scam_cases (
    id          TEXT    PRIMARY KEY,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    revision    INTEGER NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT    NOT NULL
);

CREATE TABLE scam_case_revisions (
    case_id     TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL,
    author      TEXT    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, revision)
);

CREATE TABLE content_versions (
    kind        TEXT    PRIMARY KEY,
    version     BIGINT  NOT NULL
);

CREATE TABLE reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    text        TEXT    NOT NULL,
    verdict     TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'new',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX reports_status ON reports (status, created_at);

-- +goose Down
DROP TABLE reports;
DROP TABLE content_versions;
DROP TABLE scam_case_revisions;
DROP TABLE scam_cases;
