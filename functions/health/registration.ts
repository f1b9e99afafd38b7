/** The health route, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import type { DependencyProbes } from '../../shared/health/check-dependencies.js';
import { apiHandler } from '../http-kit/api-handler.js';
import { handleHealth } from './health-handler.js';

export function registerHealth(probes: () => DependencyProbes): void {
  app.http('health', {
    route: 'api/health',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler(() => handleHealth(probes())),
  });
}
