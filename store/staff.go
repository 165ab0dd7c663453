package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Staff roles. Admins named in GONGYOU_STAFF need no row; the store keeps
// the roles granted in chat.
const (
	RoleAdmin  = "admin"
	RoleEditor = "editor"
)

// StaffRole is one user's role as kept in the store.
type StaffRole struct {
	UserID    int64     `db:"user_id"`
	Role      string    `db:"role"`
	GrantedBy int64     `db:"granted_by"`
	GrantedAt time.Time `db:"granted_at"`
}

// AuditEntry is one staff action.
type AuditEntry struct {
	ID     int64     `db:"id"`
	At     time.Time `db:"at"`
	Actor  string    `db:"actor"`  // "tg:<user id>" or "cli:<file>"
	Action string    `db:"action"` // case.publish, role.grant, report.decide, ...
	Target string    `db:"target"`
	Detail string    `db:"detail"`
}

// maxAuditDetail bounds the detail kept per audit entry (bytes).
const maxAuditDetail = 500

// StaffRoleOf returns the user's stored role, or "" when there is none.
func (s *Store) StaffRoleOf(ctx context.Context, userID int64) (string, error) {
	var role string
	err := s.rdb.GetContext(ctx, &role, `SELECT role FROM staff_roles WHERE user_id = $1`, userID)
	if err = notFound(err); errors.Is(err, ErrNotFound) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("store: role of %d: %w", userID, err)
	}
	return role, nil
}

// GrantRole gives userID role (admin or editor), replacing any stored role,
// and audits it in the same transaction.
func (s *Store) GrantRole(ctx context.Context, userID int64, role string, by int64) error {
	if role != RoleAdmin && role != RoleEditor {
		return fmt.Errorf("store: grant %d: unknown role %q", userID, role)
	}
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO staff_roles (user_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
			userID, role, by, now); err != nil {
			return fmt.Errorf("store: grant %d: %w", userID, err)
		}
		return insertAudit(ctx, tx, now, actorTG(by), "role.grant", fmt.Sprint(userID), role)
	})
}

// RevokeRole removes userID's stored role; ErrNotFound when there was none.
func (s *Store) RevokeRole(ctx context.Context, userID, by int64) error {
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlxTx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM staff_roles WHERE user_id = $1`, userID)
		if err != nil {
			return fmt.Errorf("store: revoke %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: revoke %d: %w", userID, ErrNotFound)
		}
		return insertAudit(ctx, tx, now, actorTG(by), "role.revoke", fmt.Sprint(userID), "")
	})
}

// StaffRoles lists the stored roles, by user id.
func (s *Store) StaffRoles(ctx context.Context) ([]StaffRole, error) {
	var rs []StaffRole
	if err := s.rdb.SelectContext(ctx, &rs, `SELECT user_id, role, granted_by, granted_at FROM staff_roles ORDER BY user_id`); err != nil {
		return nil, fmt.Errorf("store: staff roles: %w", err)
	}
	return rs, nil
}

// Audit records a staff action.
func (s *Store) Audit(ctx context.Context, actor, action, target, detail string) error {
	return s.inTx(ctx, func(tx *sqlxTx) error {
		return insertAudit(ctx, tx, s.nowUTC(), actor, action, target, detail)
	})
}

// AuditLog lists the latest entries, newest first.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	var es []AuditEntry
	if err := s.rdb.SelectContext(ctx, &es,
		`SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1`, limit); err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return es, nil
}

func insertAudit(ctx context.Context, tx *sqlxTx, at time.Time, actor, action, target, detail string) error {
	// PostgreSQL refuses NUL and invalid UTF-8 in text; an audit entry must never fail for that.
	detail = strings.ReplaceAll(strings.ToValidUTF8(detail, "\uFFFD"), "\x00", "")
	target = strings.ReplaceAll(strings.ToValidUTF8(target, "\uFFFD"), "\x00", "")
	detail = ClipBytes(detail, maxAuditDetail, "…")
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)`,
		at, actor, action, target, detail); err != nil {
		return fmt.Errorf("store: audit %s: %w", action, err)
	}
	return nil
}

func actorTG(id int64) string { return fmt.Sprintf("tg:%d", id) }
