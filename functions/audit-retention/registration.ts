/** The audit retention timer, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import {
  auditRetentionSchedule,
  handleAuditRetention,
  type AuditRetentionDependencies,
} from './audit-retention-handler.js';

export function registerAuditRetention(dependencies: () => AuditRetentionDependencies): void {
  app.timer('auditRetention', {
    schedule: auditRetentionSchedule,
    handler: (timer, context) => handleAuditRetention(dependencies(), timer, context),
  });
}
