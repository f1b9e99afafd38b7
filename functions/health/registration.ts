/** The health route, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { cachedHealthCheck, type DependencyProbes } from '../../shared/health/check-dependencies.js';
import { apiHandler } from '../http-kit/api-handler.js';
import { handleHealth } from './health-handler.js';

export function registerHealth(probes: () => DependencyProbes): void {
  // The detail is checked at most every 10 s, whoever asks (anonymous callers cannot make it cost more).
  const check = cachedHealthCheck(probes);
  app.http('health', {
    route: 'api/health',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler(() => handleHealth(check)),
  });
}
