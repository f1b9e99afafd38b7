import type { HttpResponseInit } from '@azure/functions';
import { pingDatabase } from '../../shared/db/database.js';
import { checkDependencies, type DependencyProbes } from '../../shared/health/check-dependencies.js';
import type { CoreDependencies } from '../dependencies.js';

export function probesFor(deps: CoreDependencies): DependencyProbes {
  return {
    database: () => pingDatabase(deps.database),
    blob: () => deps.storage.blobService.getProperties(),
    queue: () => deps.storage.queueService.getProperties(),
  };
}

/** GET /api/health: 200 when every dependency answers, 503 naming the one that does not. */
export async function handleHealth(probes: DependencyProbes): Promise<HttpResponseInit> {
  const report = await checkDependencies(probes);
  return {
    status: report.status === 'healthy' ? 200 : 503,
    jsonBody: report,
    headers: { 'cache-control': 'no-store' },
  };
}
