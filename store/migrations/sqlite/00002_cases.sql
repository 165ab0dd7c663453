-- +goose Up
-- Scam case studies. data holds the whole case as JSON (the knowledge package owns its shape);
-- every change appends a row to scam_case_revisions.
CREATE TABLE scam_cases (
    id          TEXT    PRIMARY KEY,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    revision    INTEGER NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  TEXT    NOT NULL
);

CREATE TABLE scam_case_revisions (
    case_id     TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL,
    author      TEXT    NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (case_id, revision)
);

-- One counter per kind of content; bumped in the same transaction as a change so every
-- process can tell cheaply whether its in-memory copy is stale.
CREATE TABLE content_versions (
    kind        TEXT    PRIMARY KEY,
    version     INTEGER NOT NULL
);

-- Reports workers send from a verdict, for staff review. user_id is NULL once the worker
-- erased their data.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    text        TEXT    NOT NULL,
    verdict     TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'new',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX reports_status ON reports (status, created_at);

-- +goose Down
DROP TABLE reports;
DROP TABLE content_versions;
DROP TABLE scam_case_revisions;
DROP TABLE scam_cases;
