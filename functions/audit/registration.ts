/** The audit read API, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { handleGetAudit, type AuditDependencies } from './audit-handler.js';

export function registerAudit(dependencies: () => AuditDependencies): void {
  app.http('getAudit', {
    route: 'api/audit',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleGetAudit(dependencies(), request, context)),
  });
}
