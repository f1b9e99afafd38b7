/**
 * The running service the bad-input properties attack: the real registrations of every HTTP function (ingestion
 * and its blob trigger, the read APIs, locations, audit, the live feed and its screen token, the court reference
 * import, OpenAPI, subscriptions, the portal) hosted by the local Functions runtime over real HTTP, Azurite and PostgreSQL, with
 * real tokens from the local identity provider. Blob containers are the world's own, so what it counts is only
 * what its own requests stored. No vitest here: the bench (bench/bad-input.ts) builds the same world.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { BlobServiceClient } from '@azure/storage-blob';
import { registerAudit } from '../../functions/audit/registration.js';
import { registerCourtRefImport } from '../../functions/court-ref-import/registration.js';
import { createFeedCache } from '../../functions/live-case-feed/live-case-feed-handler.js';
import { testScreenLinkKeys } from '../screen-link-keys.js';
import { registerLiveCaseFeed } from '../../functions/live-case-feed/registration.js';
import { registerLocations } from '../../functions/locations/registration.js';
import { registerOpenApi } from '../../functions/openapi/registration.js';
import { registerSchemas } from '../../functions/schemas/registration.js';
import { registerSubscriptions } from '../../functions/subscriptions/registration.js';
import { registerWeb } from '../../functions/web/registration.js';
import { createTemplateEnvironment } from '../../functions/web/rendering/nunjucks-environment.js';
import { databaseWebSignIn, localProviderIssuers } from '../../functions/web/testing/web-sign-in.js';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { localApiVerifier } from '../local-identity.js';
import type { Database } from '../../shared/db/database.js';
import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { storeAcceptedPublication } from '../../shared/publications/intake/store-accepted-publication.js';
import { blobUploadDrafts } from '../../shared/publications/intake/upload-drafts.js';
import { MANUAL_UPLOAD_PROVENANCE } from '../../shared/publications/intake/publication-headers.js';
import { provenanceCourtIdFor } from '../../shared/reference-data/provenance-lookup.js';
import { databaseWebDependencies } from '../../functions/web/testing/database-web-dependencies.js';
import { registerPublishing } from '../publishing-world.js';

export interface BadInputWorld {
  port: number;
  database: Database;
  publications: ContainerClient;
  /** Real access tokens: a publisher (HMI), court staff (admin), a system administrator, a reader without roles. */
  tokens: { hmi: string; admin: string; sysadmin: string; media: string };
  /** The court HMI's id 1234 maps to (live status updates HMI publishes there are what a screen token can show). */
  courts: { hmi: { locationId: number; providerId: string } };
  stop(): Promise<void>;
}

export interface BadInputWorldOptions {
  storageConnectionString: string;
  database: Database;
  /** Starts the host over every function registered so far (tests: startTestHost). */
  startHost(): Promise<LocalFunctionsHost>;
}

const containerName = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function startBadInputWorld(options: BadInputWorldOptions): Promise<BadInputWorld> {
  const { database } = options;
  const idp: LocalIdentityProvider = await startLocalIdentityProvider({ port: 0 });
  const blobService = BlobServiceClient.fromConnectionString(options.storageConnectionString);
  const publicationsName = containerName('props-publications');
  const referenceName = containerName('props-reference');
  const publications = blobService.getContainerClient(publicationsName);
  const referenceData = blobService.getContainerClient(referenceName);
  const glossary = blobService.getContainerClient(containerName('props-glossary'));
  // Created by the draft store on first use.
  const uploadDrafts = blobService.getContainerClient(containerName('props-drafts'));
  await Promise.all([publications.create(), referenceData.create(), glossary.create()]);
  const glossaryBody = JSON.stringify([{ name: 'Adjourned', description: 'The case has been adjourned.' }]);
  await glossary.getBlockBlobClient('glossary.json').upload(glossaryBody, Buffer.byteLength(glossaryBody));

  const verifier = await localApiVerifier(idp, database);
  const glossaryStore = createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 });
  const now = () => new Date();

  registerPublishing({ database, verifier, publications }, { readApi: () => ({}) });
  registerLocations(() => ({ database, glossary: glossaryStore, verifier }));
  registerAudit(() => ({ database, verifier }));
  const feedCache = createFeedCache(now);
  registerLiveCaseFeed(
    () => ({ database, publications, now, cache: feedCache, screenLinkKeys: testScreenLinkKeys }),
    () => ({ database, verifier, screenLinkKeys: testScreenLinkKeys }),
  );
  registerCourtRefImport(() => ({ database, referenceData, verifier }), { container: referenceName });
  registerOpenApi();
  registerSchemas();
  registerSubscriptions(() => ({ database, verifier }));
  registerWeb(() => ({
    templates: createTemplateEnvironment(),
    deps: databaseWebDependencies({
      database,
      publications,
      glossary: glossaryStore,
      signIn: databaseWebSignIn(database, localProviderIssuers(idp)),
      overrides: {
        manualUpload: {
          drafts: blobUploadDrafts(uploadDrafts),
          courtIdFor: (locationId) => provenanceCourtIdFor(database, MANUAL_UPLOAD_PROVENANCE, locationId),
          store: (accepted, logger, details) =>
            storeAcceptedPublication({ database, publications, newId: randomUUID }, accepted, logger, details),
        },
        now,
      },
    }),
  }));

  // HMI's court 1234 is Oxford (1501); court 1502 has no provider reference (publications for it go to NoMatch).
  await database.query(
    `INSERT INTO court (location_id, name) VALUES (1501, 'Oxford Combined Court Centre'), (1502, 'Cardiff Crown Court')`,
  );
  await database.query(
    `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (1501, 'HMI', '1234')`,
  );

  const host = await options.startHost();
  const [hmi, admin, sysadmin, media] = await Promise.all([
    idp.issueToken('hmi'),
    idp.issueToken('admin'),
    idp.issueToken('sysadmin'),
    idp.issueToken('media'),
  ]);
  return {
    port: host.port,
    database,
    publications,
    tokens: { hmi, admin, sysadmin, media },
    courts: { hmi: { locationId: 1501, providerId: '1234' } },
    async stop() {
      await host.stop();
      await idp.stop();
      await Promise.all([
        publications.deleteIfExists(),
        referenceData.deleteIfExists(),
        glossary.deleteIfExists(),
        uploadDrafts.deleteIfExists(),
      ]);
    },
  };
}
