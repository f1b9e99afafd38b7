/** The audit read API, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { handleGetAudit, type AuditDependencies } from './audit-handler.js';

export function registerAudit(dependencies: () => AuditDependencies): void {
  app.http('getAudit', {
    route: 'api/audit',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: (request, context) => handleGetAudit(dependencies(), request, context),
  });
}
