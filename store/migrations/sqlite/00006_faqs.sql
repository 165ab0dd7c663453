-- +goose Up
-- FAQ entries (social insurance and labour rights). data holds the whole entry as JSON (the
-- knowledge package owns its shape); every change appends a row to faq_revisions and bumps
-- content_versions('faqs') in the same transaction, so every process reloads.
CREATE TABLE faqs (
    id          TEXT    PRIMARY KEY,
    topic       TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    revision    INTEGER NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  TEXT    NOT NULL
);

CREATE TABLE faq_revisions (
    faq_id      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL,
    author      TEXT    NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (faq_id, revision)
);

-- "Did this help?" answers. One row per worker and entry (a second press changes it);
-- user_id is NULL once the worker erased their data, the count stays.
CREATE TABLE faq_feedback (
    id          INTEGER PRIMARY KEY,
    faq_id      TEXT    NOT NULL,
    helpful     BOOLEAN NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX faq_feedback_user ON faq_feedback (faq_id, user_id);

-- +goose Down
DROP TABLE faq_feedback;
DROP TABLE faq_revisions;
DROP TABLE faqs;
