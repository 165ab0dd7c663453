-- +goose Up
CREATE TABLE faqs (
    id          TEXT    PRIMARY KEY,
    topic       TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    revision    INTEGER NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT    NOT NULL
);

CREATE TABLE faq_revisions (
    faq_id      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    retired     BOOLEAN NOT NULL,
    author      TEXT    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (faq_id, revision)
);

CREATE TABLE faq_feedback (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    faq_id      TEXT    NOT NULL,
    helpful     BOOLEAN NOT NULL,
    user_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX faq_feedback_user ON faq_feedback (faq_id, user_id);

-- +goose Down
DROP TABLE faq_feedback;
DROP TABLE faq_revisions;
DROP TABLE faqs;
