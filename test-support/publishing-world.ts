/**
 * The world the API's end-to-end tests stand in, built one way: a test database, the local identity provider and the
 * verifier API routes use over it, the functions under test registered against them and hosted by the local runtime
 * over the shared Azurite, courts the reference data knows, and (for publishing) a publications container of its own
 * with POST api/publication, the blob trigger and the read API registered as in production. Each test file keeps its
 * own assertions; only this set-up is shared.
 *
 * `startApiWorld` is the part without storage; `startPublishingWorld` adds the publishing path.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { expect } from 'vitest';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
  type LocalRole,
} from '../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import type { IssuerKind } from '../shared/auth/token-verifier.js';
import type { Database } from '../shared/db/database.js';
import type { PublisherProvenances } from '../shared/config/settings.js';
import { registerBlobUploaded } from '../functions/blob-uploaded/registration.js';
import type { BlobUploadedDependencies } from '../functions/blob-uploaded/blob-uploaded-handler.js';
import type { RequestVerifier } from '../functions/http-kit/authenticate.js';
import { registerIngestPublication } from '../functions/ingest-publication/registration.js';
import type { PublicationsDependencies } from '../functions/publications/publications-handler.js';
import { registerPublications } from '../functions/publications/registration.js';
import { localApiVerifier, localIdentityVerifier, seedAdminRoles, useLocalSettings } from './local-identity.js';
import { localPublisherProvenances } from './publisher-provenances.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startTestHost, type TestHostOptions } from './test-host.js';
import { testStorage, uniqueName } from './test-storage.js';

/** A court the reference data knows; with `hmiId`, HMI publishes for it under that id of its own. */
export interface SeededCourt {
  locationId: number;
  name: string;
  welshName?: string;
  hmiId?: string;
}

/** The court most publishing tests publish for: HMI calls it 1234. */
export const OXFORD: SeededCourt = { locationId: 1501, name: 'Oxford Combined Court Centre', hmiId: '1234' };
/** The same court with its Welsh name. */
export const OXFORD_IN_WELSH: SeededCourt = { ...OXFORD, welshName: 'Canolfan Llysoedd Cyfun Rhydychen' };

/** Puts courts in the reference data (and HMI's ids for them). */
export async function seedCourts(database: Database, courts: readonly SeededCourt[]): Promise<void> {
  for (const court of courts) {
    await database.query('INSERT INTO court (location_id, name, welsh_name) VALUES ($1, $2, $3)', [
      court.locationId,
      court.name,
      court.welshName ?? null,
    ]);
    if (court.hmiId !== undefined) {
      await database.query(
        `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES ($1, 'HMI', $2)`,
        [court.locationId, court.hmiId],
      );
    }
  }
}

/** What the functions under test are registered against. */
export interface WorldParts {
  idp: LocalIdentityProvider;
  testDb: TestDatabase;
  database: Database;
  verifier: RequestVerifier;
}

export interface ApiWorld extends WorldParts {
  host: LocalFunctionsHost;
  /** A token from the local identity provider for a seeded role. */
  token(role: LocalRole): Promise<string>;
  /** Stops the host, then the identity provider, and drops the database (and what the world created in storage). */
  stop(): Promise<void>;
}

export interface ApiWorldOptions<Parts extends WorldParts = WorldParts> {
  /** The test database's pool (createTestDatabase's default unless given). */
  poolSize?: number;
  /** The issuers the verifier trusts (all four unless named). */
  issuers?: readonly IssuerKind[];
  /**
   * `api` (default): the verifier API routes use in production (admin roles from the database, rejections audited);
   * `token`: the bare token verifier.
   */
  verifier?: 'api' | 'token';
  courts?: readonly SeededCourt[];
  /** Registers the functions under test, before the host starts. */
  register?(world: Parts): void;
  host?: TestHostOptions;
}

async function startWorld<Parts extends WorldParts>(
  options: ApiWorldOptions<Parts>,
  extend: (parts: WorldParts) => Promise<Parts>,
  cleanUp: (parts: Parts) => Promise<unknown> = () => Promise.resolve(),
): Promise<ApiWorld & Parts> {
  const [idp, testDb] = await Promise.all([
    startLocalIdentityProvider({ port: 0 }),
    createTestDatabase(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  ]);
  const verifier =
    options.verifier === 'token'
      ? localIdentityVerifier(idp, options.issuers)
      : await localApiVerifier(idp, testDb.database, options.issuers);
  const parts = await extend({ idp, testDb, database: testDb.database, verifier });
  options.register?.(parts);
  const host = await startTestHost(options.host);
  await seedCourts(testDb.database, options.courts ?? []);
  return {
    ...parts,
    host,
    token: (role) => idp.issueToken(role),
    async stop() {
      await host.stop();
      await Promise.all([idp.stop(), testDb.drop(), cleanUp(parts)]);
    },
  };
}

/** The identity provider, a test database and a verifier, the functions `register` names, hosted. */
export function startApiWorld(options: ApiWorldOptions = {}): Promise<ApiWorld> {
  return startWorld(options, (parts) => Promise.resolve(parts));
}

export interface PublishingParts extends WorldParts {
  /** The container publications are stored in. */
  publications: ContainerClient;
}

export type PublishingWorld = ApiWorld & PublishingParts;

/** What the publishing path is registered over. */
export interface PublishingCore {
  database: Database;
  verifier: RequestVerifier;
  publications: ContainerClient;
}

/** Which parts of the publishing path to register, and their optional dependencies. */
export interface PublishingRegistrations {
  /** POST api/publication (and its validate and status routes), unless false; PUBLISHER_PROVENANCES read per request. */
  ingest?: false | { publisherProvenances?: () => PublisherProvenances };
  /** The blob trigger, unless false, with its optional dependencies (renditions, pushes) made once. */
  blobUploaded?: false | ((core: PublishingCore) => Omit<BlobUploadedDependencies, 'database' | 'publications'>);
  /** The read API too, with these optional dependencies (made once). */
  readApi?: (core: PublishingCore) => Omit<PublicationsDependencies, 'database' | 'publications' | 'verifier' | 'now'>;
}

/** Registers the publishing path as index.ts does, over a test's database, verifier and container. */
export function registerPublishing(core: PublishingCore, options: PublishingRegistrations = {}): void {
  const { database, verifier, publications } = core;
  const now = () => new Date();
  if (options.ingest !== false) {
    const publisherProvenances = options.ingest?.publisherProvenances ?? (() => localPublisherProvenances);
    registerIngestPublication(() => ({
      verifier,
      database,
      publications,
      now,
      publisherProvenances: publisherProvenances(),
      newId: randomUUID,
    }));
  }
  if (options.blobUploaded !== false) {
    const blobUploaded = options.blobUploaded?.(core) ?? {};
    registerBlobUploaded(() => ({ database, publications, ...blobUploaded }), {
      container: publications.containerName,
    });
  }
  if (options.readApi !== undefined) {
    const readApi = options.readApi(core);
    registerPublications(() => ({ verifier, database, publications, now, ...readApi }));
  }
}

export interface PublishingWorldOptions extends ApiWorldOptions<PublishingParts>, PublishingRegistrations {
  /**
   * The publications container: by default a unique one named after `prefix` ('publications'), deleted at the end;
   * `name`, that container as it is (not deleted).
   */
  container?: { prefix?: string; name?: string };
}

/** The API world with a publications container, POST api/publication and the blob trigger (and the read API). */
export function startPublishingWorld(options: PublishingWorldOptions = {}): Promise<PublishingWorld> {
  const owned = options.container?.name === undefined;
  return startWorld(
    options,
    async (parts) => {
      const publications = testStorage().blobService.getContainerClient(
        options.container?.name ?? uniqueName(options.container?.prefix ?? 'publications'),
      );
      await publications.createIfNotExists();
      const withPublications = { ...parts, publications };
      registerPublishing(withPublications, options);
      return withPublications;
    },
    (parts) => (owned ? parts.publications.deleteIfExists() : Promise.resolve()),
  );
}

export interface SettingsWorld {
  idp: LocalIdentityProvider;
  testDb: TestDatabase;
  host: LocalFunctionsHost;
  /** Stops the host, closes the pool the real dependencies opened, stops the provider and drops the database. */
  stop(): Promise<void>;
}

/**
 * A function's real index.ts, bound as in production to process settings that point at a test database, the local
 * identity provider and the shared Azurite (useLocalSettings), and hosted; with `seedAdminRoles`, the seeded admins
 * hold their roles first.
 */
export async function startSettingsWorld(options: {
  loadIndex(): Promise<unknown>;
  seedAdminRoles?: boolean;
  host?: TestHostOptions;
}): Promise<SettingsWorld> {
  const [idp, testDb] = await Promise.all([startLocalIdentityProvider({ port: 0 }), createTestDatabase()]);
  useLocalSettings(testDb, idp);
  if (options.seedAdminRoles === true) await seedAdminRoles(testDb.database);
  await options.loadIndex();
  const host = await startTestHost({ ...options.host, env: process.env });
  return {
    idp,
    testDb,
    host,
    async stop() {
      await host.stop();
      const { coreDependencies } = await import('../functions/dependencies.js');
      await coreDependencies().database.end();
      await Promise.all([idp.stop(), testDb.drop()]);
    },
  };
}

/**
 * POSTs a publication to api/publication (`headers` carry the publisher's token), drains the host so the blob trigger
 * stores it, and reads the submission's status with `token`: expects it accepted and published (`what` names it in a
 * failure), and answers its artefact id.
 */
export async function publishAndDrain(
  host: LocalFunctionsHost,
  what: string,
  token: string,
  headers: Record<string, string>,
  body: string | Buffer | FormData,
): Promise<string> {
  const response = await fetch(`${host.url}/api/publication`, { method: 'POST', headers, body });
  expect(response.status, `${what}: ${await response.clone().text()}`).toBe(202);
  await host.drain();
  const submission = await fetch(`${host.url}${response.headers.get('location') ?? ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const status = (await submission.json()) as { status: string; artefactId: string };
  expect(status.status, what).toBe('published');
  return status.artefactId;
}
