/**
 * Starts, once for the whole test run, the real backing services tests talk to: Azurite (blob + queue, in memory)
 * and, unless TEST_DATABASE_URL names a PostgreSQL server, an embedded PostgreSQL (PGlite). Test files isolate
 * themselves by schema (database) and by container/queue names (storage).
 */
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../local/services/azurite.js';
import { startEmbeddedPostgres } from '../local/services/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
    databaseUrl: string;
    databaseKind: 'postgresql' | 'embedded';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env.TEST_DATABASE_URL;
  const [azurite, embedded] = await Promise.all([
    startAzurite(),
    configuredUrl ? Promise.resolve(null) : startEmbeddedPostgres({ dataDirectory: null, maxConnections: 200 }),
  ]);
  project.provide('storageConnectionString', azurite.connectionString);
  project.provide('databaseUrl', configuredUrl ?? embedded?.url ?? '');
  project.provide('databaseKind', configuredUrl ? 'postgresql' : 'embedded');
  return async () => {
    await Promise.all([azurite.stop(), embedded?.stop()]);
  };
}
