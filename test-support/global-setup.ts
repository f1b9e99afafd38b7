/**
 * Starts, once for the whole test run, the real backing services tests talk to: Azurite (blob + queue, in memory).
 * PostgreSQL is the server TEST_DATABASE_URL names (each test file in a schema of its own); without it, each test
 * file starts an embedded PostgreSQL of its own (test-database.ts), because PGlite is one session shared by every
 * connection: session settings and unnamed prepared statements of concurrent clients would mix.
 */
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../local/services/azurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
    databaseUrl: string;
    databaseKind: 'postgresql' | 'embedded';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env.TEST_DATABASE_URL;
  const azurite = await startAzurite();
  project.provide('storageConnectionString', azurite.connectionString);
  project.provide('databaseUrl', configuredUrl ?? '');
  project.provide('databaseKind', configuredUrl ? 'postgresql' : 'embedded');
  return async () => {
    await azurite.stop();
  };
}
