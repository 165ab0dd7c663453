-- +goose Up
-- How many follow-ups wait in notifications for the user: read with the user on every turn, so a
-- turn looks at the notifications table only when there is something to show.
ALTER TABLE users ADD COLUMN notices INTEGER NOT NULL DEFAULT 0;
UPDATE users SET notices = (SELECT COUNT(*) FROM notifications WHERE notifications.user_id = users.id);

-- +goose Down
ALTER TABLE users DROP COLUMN notices;
