/** The daily audit retention run: rows older than 90 days are deleted (shared/audit/audit-retention.ts). */
import type { InvocationContext, Timer } from '@azure/functions';
import { deleteExpiredAuditRows } from '../../shared/audit/audit-retention.js';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';

export interface AuditRetentionDependencies {
  database: Database;
  now: () => Date;
}

/** 02:30 every day (UTC, as Azure runs timers; the hour does not matter to a 90-day retention): six-field NCRONTAB. */
export const auditRetentionSchedule = '0 30 2 * * *';

export async function handleAuditRetention(
  deps: AuditRetentionDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  const result = await deleteExpiredAuditRows(deps.database, deps.now());
  logEvent(context, 'info', 'AUDIT_RETENTION_COMPLETED', {
    cutoff: result.cutoff.toISOString(),
    deleted: result.deleted,
    isPastDue: timer.isPastDue,
  });
}
