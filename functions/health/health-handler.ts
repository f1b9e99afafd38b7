import type { HttpResponseInit } from '@azure/functions';
import { pingDatabase } from '../../shared/db/database.js';
import { checkDependencies, type DependencyProbes, type HealthReport } from '../../shared/health/check-dependencies.js';
import type { CoreDependencies } from '../dependencies.js';

export function probesFor(deps: CoreDependencies): DependencyProbes {
  return {
    database: () => pingDatabase(deps.database),
    blob: () => deps.storage.blobService.getProperties(),
    queue: () => deps.storage.queueService.getProperties(),
  };
}

/**
 * GET /api/health: 200 when every dependency answers, 503 naming the one that does not. Given a check (registration:
 * `cachedHealthCheck`, 10 s), its report; given probes, a fresh one.
 */
export async function handleHealth(
  probesOrCheck: DependencyProbes | (() => Promise<HealthReport>),
): Promise<HttpResponseInit> {
  const report = typeof probesOrCheck === 'function' ? await probesOrCheck() : await checkDependencies(probesOrCheck);
  return {
    status: report.status === 'healthy' ? 200 : 503,
    jsonBody: report,
    headers: { 'cache-control': 'no-store' },
  };
}
