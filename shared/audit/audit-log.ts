/** The audit log: every security-relevant action is recorded with who, what, which object, when and the outcome. */
import type { Principal } from '../auth/principal.js';

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export interface AuditEvent {
  /** A stable action code, e.g. SIGN_IN, REFERENCE_DATA_IMPORT, PUBLICATION_DELETE. */
  action: string;
  outcome: AuditOutcome;
  actor: Principal | null;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

/** Anything that can run a parameterised query: a pool, or a client inside a transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** The audit_log columns an event fills, in the order of `auditEventValues`. */
export const auditEventColumns =
  'action, outcome, user_id, user_email, user_provenance, user_roles, object_type, object_id, details';

/** The values of one audit row, for statements that write it together with other work. */
export function auditEventValues(event: AuditEvent): unknown[] {
  return [
    event.action,
    event.outcome,
    event.actor?.userId ?? null,
    event.actor?.email ?? null,
    event.actor?.provenance ?? null,
    event.actor?.roles ?? [],
    event.objectType ?? null,
    event.objectId ?? null,
    JSON.stringify(event.details ?? {}),
  ];
}

export async function recordAuditEvent(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (${auditEventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    auditEventValues(event),
  );
}
