/**
 * The portal end to end over the real stores. `databaseWebDependencies`: its dependencies over the real stores (PostgreSQL and Blob Storage), for the tests that host it end to end:
 * what a visitor reads is real; manual upload and media accounts are the page tests' fakes unless `overrides` gives
 * real ones. Call it inside registerWeb's factory, as index.ts binds its dependencies.
 */
import { unconfiguredMediaAccountDirectory } from '../../../shared/media-accounts/media-account-directory.js';
import { rm } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import type { Browser } from 'playwright-core';
import { recordAuditEvent } from '../../../shared/audit/audit-log.js';
import type { Database } from '../../../shared/db/database.js';
import type { GlossaryStore } from '../../../shared/glossary/glossary.js';
import { createPushClient } from '../../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../../shared/third-parties/push-secrets.js';
import { launchChromium } from '../../../test-support/browser.js';
import { testScreenLinkKeys } from '../../../test-support/screen-link-keys.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../../test-support/test-storage.js';
import { copyWebStatic } from '../../../test-support/web-static.js';
import { databaseAuditLog } from '../data/audit-log-reader.js';
import { databaseCourtDirectory } from '../data/court-directory.js';
import { databaseCourtScreens } from '../data/court-screens.js';
import { databasePublicationStore } from '../data/publication-store.js';
import { sharedReadAccess } from '../data/read-access.js';
import { databaseReferenceDataAdmin } from '../data/reference-data-admin.js';
import { databaseSubscriptionBook } from '../data/subscription-book.js';
import { databaseThirdPartyAdmin } from '../data/third-party-admin.js';
import { databaseUserAdmin } from '../data/user-admin.js';
import { listPageView } from '../lists/render-list.js';
import type { WebDependencies, WebSignIn } from '../web-dependencies.js';
import { fakeManualUpload, unusedMediaAccounts } from './web-test-kit.js';

export function databaseWebDependencies(options: {
  database: Database;
  publications: ContainerClient;
  glossary: GlossaryStore;
  signIn: WebSignIn;
  overrides?: Partial<WebDependencies>;
}): WebDependencies {
  const { database, publications } = options;
  return {
    courts: databaseCourtDirectory(database),
    publications: databasePublicationStore(database, publications),
    glossary: options.glossary,
    canRead: sharedReadAccess,
    listPageView,
    signIn: options.signIn,
    audit: (event) => recordAuditEvent(database, event),
    auditLog: databaseAuditLog(database),
    manualUpload: fakeManualUpload(),
    subscriptions: databaseSubscriptionBook(database),
    mediaAccounts: unusedMediaAccounts,
    courtScreens: databaseCourtScreens(database, publications, testScreenLinkKeys),
    referenceData: databaseReferenceDataAdmin(database),
    users: databaseUserAdmin(database, unconfiguredMediaAccountDirectory),
    thirdParties: databaseThirdPartyAdmin(database, createPushClient({ secrets: settingsPushSecrets({}) })),
    now: () => new Date(),
    ...options.overrides,
  };
}

/** What an end-to-end portal test stands on before its host starts: a database, Chromium, the static files, storage. */
export interface PortalStores {
  testDb: TestDatabase;
  browser: Browser;
  staticRoot: string;
  publications: ContainerClient;
  glossary: ContainerClient;
  /** Closes the browser, drops the database, deletes the containers and the static copy. */
  stop(): Promise<void>;
}

/** A test database, Chromium, a copy of web-static/ and empty publications and glossary containers named `<prefix>-…`. */
export async function startPortalStores(prefix: string): Promise<PortalStores> {
  const [testDb, browser] = await Promise.all([createTestDatabase(), launchChromium()]);
  const staticRoot = await copyWebStatic();
  const { blobService } = testStorage();
  const publications = blobService.getContainerClient(uniqueName(`${prefix}-publications`));
  const glossary = blobService.getContainerClient(uniqueName(`${prefix}-glossary`));
  await Promise.all([publications.create(), glossary.create()]);
  return {
    testDb,
    browser,
    staticRoot,
    publications,
    glossary,
    async stop() {
      await browser.close();
      await Promise.all([testDb.drop(), publications.deleteIfExists(), glossary.deleteIfExists()]);
      await rm(staticRoot, { recursive: true, force: true });
    },
  };
}
