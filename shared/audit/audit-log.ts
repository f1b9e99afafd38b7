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

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL refuses
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text PostgreSQL can store: NUL and lone surrogates, which text columns and jsonb refuse, become U+FFFD. An audit
 * record quotes what it refused (a file's bad cell, an uploaded file's name), and recording it must not fail.
 */
export function storableText(text: string): string {
  return text.replace(unstorable, '\ufffd');
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storable(item)]));
  }
  return value;
}

const storableOrNull = (text: string | null | undefined) =>
  text === null || text === undefined ? null : storableText(text);

/** The values of one audit row, for statements that write it together with other work. */
export function auditEventValues(event: AuditEvent): unknown[] {
  return [
    event.action,
    event.outcome,
    storableOrNull(event.actor?.userId),
    storableOrNull(event.actor?.email),
    event.actor?.provenance ?? null,
    event.actor?.roles ?? [],
    storableOrNull(event.objectType),
    storableOrNull(event.objectId),
    JSON.stringify(storable(event.details ?? {})),
  ];
}

export async function recordAuditEvent(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (${auditEventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    auditEventValues(event),
  );
}
