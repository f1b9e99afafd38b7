/**
 * What bench/ingest, bench/concurrency and bench/faults stand on: a migrated database holding the court that HMI's
 * court id 1234 maps to, and the local Functions host running POST /api/publication and the blob trigger (and the
 * read API when asked) under the project's host.json, as `npm start` runs them.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { registerBlobUploaded } from '../functions/blob-uploaded/registration.js';
import { registerIngestPublication } from '../functions/ingest-publication/registration.js';
import { registerPublications } from '../functions/publications/registration.js';
import type { LocalIdentityProvider } from '../local/identity/local-identity-provider.js';
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';
import { readHostConfig } from '../local/runtime/host-config.js';
import { startLocalFunctionsHost, type LocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { createTokenVerifier } from '../shared/auth/token-verifier.js';
import type { Database } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';
import { localPublisherProvenances } from '../test-support/publisher-provenances.js';

/** Migrates the database and adds Oxford Combined Court Centre (1501), which HMI's court id 1234 maps to. */
export async function seedBenchDatabase(database: Database): Promise<void> {
  await migrate(database);
  await database.query(`INSERT INTO court (location_id, name) VALUES (1501, 'Oxford Combined Court Centre')`);
  await database.query(
    `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (1501, 'HMI', '1234')`,
  );
}

/**
 * The headers of HMI's public English civil and family daily cause list for its court 1234 (seeded above), dated
 * `contentDay` (YYYY-MM-DD) and shown that whole day, with the caller's token; overrides follow.
 */
export function benchListHeaders(
  token: string,
  contentDay: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-provenance': 'HMI',
    'x-type': 'LIST',
    'x-list-type': 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
    'x-court-id': '1234',
    'x-content-date': `${contentDay}T09:00:00`,
    'x-sensitivity': 'PUBLIC',
    'x-language': 'ENGLISH',
    'x-display-from': `${contentDay}T00:00:00`,
    'x-display-to': `${contentDay}T23:59:59`,
    ...overrides,
  };
}

export interface BenchPublishingHostOptions {
  database: Database;
  publications: ContainerClient;
  /** AzureWebJobsStorage: Azurite's connection string, or one through fault proxies. */
  storageConnection: string;
  idp: LocalIdentityProvider;
  /** Also register the read API (GET /api/publication/...). */
  readApi?: boolean;
  /** Registers more functions on the same host (bench/faults: the digest timer and sender). */
  register?: () => void;
}

export async function startBenchPublishingHost(options: BenchPublishingHostOptions): Promise<LocalFunctionsHost> {
  const { database, publications, idp } = options;
  const registry = installFunctionsCore();
  const verifier = createTokenVerifier({
    issuers: [{ kind: 'aad', issuer: idp.issuers.aad, audience: idp.apiAudience }],
  });
  const now = (): Date => new Date();
  registerIngestPublication(() => ({
    verifier,
    database,
    publications,
    now,
    publisherProvenances: localPublisherProvenances,
    newId: randomUUID,
  }));
  registerBlobUploaded(() => ({ database, publications }), { container: publications.containerName });
  if (options.readApi === true) registerPublications(() => ({ verifier, database, publications, now }));
  options.register?.();
  const hostConfig = await readHostConfig(new URL('../host.json', import.meta.url).pathname);
  return startLocalFunctionsHost({
    registry,
    hostConfig,
    env: { AzureWebJobsStorage: options.storageConnection },
    port: 0,
    masterKey: 'bench-master-key',
    blobPollIntervalMs: 50,
    logger: () => undefined,
  });
}
