/** What tests read back from the audit log (shared/audit/audit-log.ts writes it). */
import type { Database } from '../shared/db/database.js';

export interface AuditRow {
  outcome: string;
  object_id: string | null;
  details: Record<string, unknown>;
}

/** The audit log's records of one action, oldest first. */
export async function auditRows(database: Database, action: string): Promise<AuditRow[]> {
  const { rows } = await database.query<AuditRow>(
    'SELECT outcome, object_id, details FROM audit_log WHERE action = $1 ORDER BY audit_id',
    [action],
  );
  return rows;
}
