/**
 * Audit retention: rows are kept for 90 days, then deleted. Deleted in batches, so a backlog (a first run, a
 * paused timer) never holds one long lock on the table the whole service writes to.
 */
import { recordAuditEvent } from './audit-log.js';
import type { Database } from '../db/database.js';

export const AUDIT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

export interface AuditRetentionResult {
  cutoff: Date;
  deleted: number;
}

export async function deleteExpiredAuditRows(
  db: Database,
  now: Date,
  options: { retentionDays?: number; batchSize?: number } = {},
): Promise<AuditRetentionResult> {
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? AUDIT_RETENTION_DAYS) * DAY_MS);
  const batchSize = options.batchSize ?? 5_000;
  let deleted = 0;
  for (;;) {
    const { rows } = await db.query<{ audit_id: string }>(
      `DELETE FROM audit_log WHERE audit_id IN (
         SELECT audit_id FROM audit_log WHERE occurred_at < $1 ORDER BY audit_id LIMIT $2
       ) RETURNING audit_id`,
      [cutoff, batchSize],
    );
    deleted += rows.length;
    if (rows.length < batchSize) break;
  }
  // The deletion is itself recorded (and is younger than the cutoff, so it survives this run).
  await recordAuditEvent(db, {
    action: 'AUDIT_RETENTION',
    outcome: 'SUCCESS',
    actor: null,
    objectType: 'audit_log',
    details: { cutoff: cutoff.toISOString(), deleted, retentionDays: options.retentionDays ?? AUDIT_RETENTION_DAYS },
  });
  return { cutoff, deleted };
}
