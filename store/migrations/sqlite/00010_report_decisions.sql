-- +goose Up
-- Staff decisions are evidence for the scam checker: every replica's case base loads the reports
-- decided "scam" or "not_scam", in the order they were decided (store.DecidedReports). The
-- content_versions row 'decisions' moves with every such decision, so the case bases rebuild.
-- (reports_status from 00002 serves the pending queue: status, created_at.)
CREATE INDEX reports_decided ON reports (status, decided_at, id);

-- +goose Down
DROP INDEX reports_decided;
