-- +goose Up
-- Announcement topics a user wants (comma-separated codes: subsidy,insurance,scam,jobs,training);
-- '' means every topic.
ALTER TABLE users ADD COLUMN topics TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN topics;
