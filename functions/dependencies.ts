/**
 * Production wiring: the real dependencies every function handler receives, built once per process (one pool, one
 * pair of storage clients, one glossary cache, one clock) from settings validated at start-up. Every
 * functions/<name>/index.ts imports this module first, so telemetry starts here, once, before any function
 * registers. Tests build their own dependencies and pass them in.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { ManagedIdentityCredential } from '@azure/identity';
import { createAnonymousAudit, type AnonymousAudit } from '../shared/audit/anonymous-audit.js';
import { createApiVerifier, type ApiVerifier } from '../shared/auth/api-verifier.js';
import { createDatabase, type Database } from '../shared/db/database.js';
import { entraPassword } from '../shared/db/entra-password.js';
import {
  databaseSettingsSchema,
  loadSettings,
  storageSettingsSchema,
  type DatabaseSettings,
  type StorageSettings,
} from '../shared/config/settings.js';
import { blobGlossarySource, createGlossaryStore, type GlossaryStore } from '../shared/glossary/glossary.js';
import { containers, queues } from '../shared/storage/names.js';
import { createPushAnnouncer, type PushAnnouncer } from '../shared/third-parties/push-delivery.js';
import { createStorageClients, type StorageClients } from '../shared/storage/storage-clients.js';
import { tokenVerifier } from './http-kit/verifier.js';
import { startTelemetry } from './telemetry.js';

startTelemetry();

export interface CoreDependencies {
  database: Database;
  storage: StorageClients;
}

let settings: { database: DatabaseSettings; storage: StorageSettings } | undefined;
let core: CoreDependencies | undefined;
let glossary: GlossaryStore | undefined;

/** Validates the core settings; each index.ts that needs them calls it at load, so a bad setting stops start-up. */
export function coreSettings(): { database: DatabaseSettings; storage: StorageSettings } {
  settings ??= {
    database: loadSettings(databaseSettingsSchema, process.env),
    storage: loadSettings(storageSettingsSchema, process.env),
  };
  return settings;
}

export function coreDependencies(): CoreDependencies {
  if (!core) {
    const { database, storage } = coreSettings();
    // In Azure the app signs in to PostgreSQL as its managed identity, with an Entra token as the password.
    const password =
      database.DATABASE_AUTH === 'entra'
        ? entraPassword(new ManagedIdentityCredential({ clientId: database.DATABASE_ENTRA_CLIENT_ID ?? '' }))
        : undefined;
    core = { database: createDatabase(database, { password }), storage: createStorageClients(storage) };
  }
  return core;
}

/** The one clock every handler is given (tests give a fixed one). */
export const now = (): Date => new Date();

/**
 * The court event glossary, cached once per process for the locations API and the web pages alike; a newly dropped
 * file is picked up within a minute.
 */
export function glossaryStore(): GlossaryStore {
  glossary ??= createGlossaryStore({
    source: blobGlossarySource(coreDependencies().storage.blobService.getContainerClient(containers.glossary)),
    refreshAfterMs: 60_000,
  });
  return glossary;
}

let announcer: PushAnnouncer | undefined;

/** Queues the pushes to third parties when a list is published, updated or removed (shared/third-parties). */
export function pushAnnouncer(): PushAnnouncer {
  if (!announcer) {
    const { database, storage } = coreDependencies();
    announcer = createPushAnnouncer({
      database,
      snapshots: storage.blobService.getContainerClient(containers.thirdPartyPushes),
      queue: storage.queueService.getQueueClient(queues.thirdPartyPushes),
    });
  }
  return announcer;
}

export interface PublicationApiDependencies {
  verifier: ApiVerifier;
  database: Database;
  publications: ContainerClient;
  pushes: PushAnnouncer;
  now(): Date;
  anonymousAudit: AnonymousAudit;
}

/** What the publication API functions (ingest and read) are given; their index.ts validates the core and identity settings. */
export function publicationApiDependencies(): PublicationApiDependencies {
  const core = coreDependencies();
  return {
    verifier: apiVerifier(),
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    pushes: pushAnnouncer(),
    now,
    anonymousAudit: anonymousAudit(),
  };
}

let anonymous: AnonymousAudit | undefined;
let api: ApiVerifier | undefined;

/** The one aggregator of audit rows anonymous requests cause (bad tokens, callbacks without a cookie, denied reads). */
export function anonymousAudit(): AnonymousAudit {
  anonymous ??= createAnonymousAudit({ database: coreDependencies().database, timer: true });
  return anonymous;
}

/** The verifier every API route authenticates with: database-held roles, every rejection audited (aggregated). */
export function apiVerifier(): ApiVerifier {
  api ??= createApiVerifier({
    verifier: tokenVerifier(),
    database: coreDependencies().database,
    anonymousAudit: anonymousAudit(),
  });
  return api;
}
