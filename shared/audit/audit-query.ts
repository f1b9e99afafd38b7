/**
 * Reading the audit log for system administrators: filters (action, user, time range) and keyset paging, newest
 * first. The cursor is the last row's id, so a page never repeats or skips rows written while someone pages.
 */
import type { AuditOutcome } from './audit-log.js';
import type { Database } from '../db/database.js';

export const MAX_AUDIT_PAGE = 200;
export const DEFAULT_AUDIT_PAGE = 50;

export interface AuditFilter {
  action?: string;
  userId?: string;
  /** A person by either their user id or their email address (any case), as the portal's audit page asks. */
  user?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface AuditEntry {
  auditId: string;
  occurredAt: string;
  action: string;
  outcome: AuditOutcome;
  user: { userId: string | null; email: string | null; provenance: string | null; roles: string[] };
  objectType: string | null;
  objectId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AuditRow {
  audit_id: string;
  occurred_at: Date;
  action: string;
  outcome: AuditOutcome;
  user_id: string | null;
  user_email: string | null;
  user_provenance: string | null;
  user_roles: string[];
  object_type: string | null;
  object_id: string | null;
  details: Record<string, unknown>;
}

export function encodeAuditCursor(auditId: string): string {
  return Buffer.from(`a:${auditId}`, 'utf8').toString('base64url');
}

/** The audit id a cursor stands for, or null if it is not one of ours. */
export function decodeAuditCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return null;
  const match = /^a:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] ?? null;
}

const auditColumns = `audit_id::text AS audit_id, occurred_at, action, outcome, user_id, user_email, user_provenance,
  user_roles, object_type, object_id, details`;

function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    auditId: row.audit_id,
    occurredAt: row.occurred_at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    user: { userId: row.user_id, email: row.user_email, provenance: row.user_provenance, roles: row.user_roles },
    objectType: row.object_type,
    objectId: row.object_id,
    details: row.details,
  };
}

/** One entry by its id; null when there is none (or the id is not a number an audit id could be). */
export async function findAuditEntry(database: Database, auditId: string): Promise<AuditEntry | null> {
  if (!/^[1-9]\d{0,17}$/.test(auditId)) return null;
  const { rows } = await database.query<AuditRow>(`SELECT ${auditColumns} FROM audit_log WHERE audit_id = $1`, [
    auditId,
  ]);
  const row = rows[0];
  return row === undefined ? null : auditEntryOf(row);
}

export async function queryAuditLog(
  database: Database,
  filter: AuditFilter,
  page: { limit: number; afterAuditId: string | null },
): Promise<AuditPage> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const where = (sql: (placeholder: string) => string, value: unknown): void => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (filter.action !== undefined) where((p) => `action = ${p}`, filter.action);
  if (filter.userId !== undefined) where((p) => `user_id = ${p}`, filter.userId);
  if (filter.user !== undefined) where((p) => `(user_id = ${p} OR lower(user_email) = lower(${p}))`, filter.user);
  if (filter.from !== undefined) where((p) => `occurred_at >= ${p}`, filter.from);
  if (filter.to !== undefined) where((p) => `occurred_at < ${p}`, filter.to);
  if (page.afterAuditId !== null) where((p) => `audit_id < ${p}`, page.afterAuditId);
  values.push(page.limit + 1);
  const { rows } = await database.query<AuditRow>(
    `SELECT ${auditColumns}
       FROM audit_log
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY audit_log.audit_id DESC
      LIMIT $${values.length}`,
    values,
  );
  const items = rows.slice(0, page.limit).map(auditEntryOf);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last !== undefined ? encodeAuditCursor(last.auditId) : null };
}
