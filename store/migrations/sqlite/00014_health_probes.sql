-- +goose Up
-- /readyz (store.Ready) proves the store takes a small write: each running process upserts its own
-- row. Rows of processes gone for a day are pruned by the retention job.
CREATE TABLE health_probes (
    replica  TEXT      PRIMARY KEY,
    at       TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE health_probes;
