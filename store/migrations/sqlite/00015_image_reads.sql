-- +goose Up
-- Screenshots read for a scam check (issue 16): a count per worker and day (China time, YYYY-MM-DD),
-- for the daily limit. Only the count: the image and its text are never stored here. A worker keeps
-- one row (older days are deleted when a new day's first image is counted); /delete erases it.
CREATE TABLE image_reads (
    user_id  INTEGER NOT NULL,
    day      TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- +goose Down
DROP TABLE image_reads;
