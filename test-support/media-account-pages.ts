/**
 * The media account pages' world: the portal's page handler with the real media account service over real
 * PostgreSQL, a fresh Azurite container for proofs of ID and the local Notify endpoint, audit recorded in the
 * database, and sign-in faked. The media applications and bulk media accounts page tests start it the same way.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { startLocalNotify, type LocalNotify } from '../local/notify/local-notify.js';
import { recordAuditEvent } from '../shared/audit/audit-log.js';
import type { Principal } from '../shared/auth/principal.js';
import type { MediaAccountDirectory } from '../shared/media-accounts/media-account-directory.js';
import { localNotifyMediaAccounts } from './media-accounts.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { testStorage, uniqueName } from './test-storage.js';
import { fakeDependencies, fakeSignIn, type FakeSignIn } from '../functions/web/testing/web-test-kit.js';

export interface MediaAccountPages {
  testDb: TestDatabase;
  notify: LocalNotify;
  /** The proof of ID container (created empty). */
  container: ContainerClient;
  signIn: FakeSignIn;
  deps: ReturnType<typeof fakeDependencies>;
  /** A session for the principal: its cookie header and its CSRF token, for a form. */
  signInAs(principal: Principal): Promise<{ cookie: string; csrf: string }>;
  stop(): Promise<void>;
}

export async function startMediaAccountPages(directory: MediaAccountDirectory): Promise<MediaAccountPages> {
  const [testDb, notify] = await Promise.all([createTestDatabase(), startLocalNotify({ port: 0 })]);
  const container = testStorage().blobService.getContainerClient(uniqueName('media-applications'));
  await container.createIfNotExists();
  const signIn = fakeSignIn();
  const deps = fakeDependencies({
    signIn,
    overrides: {
      audit: (event) => recordAuditEvent(testDb.database, event),
      mediaAccounts: localNotifyMediaAccounts({ database: testDb.database, proofOfId: container, directory, notify }),
    },
  });
  return {
    testDb,
    notify,
    container,
    signIn,
    deps,
    async signInAs(principal) {
      const { sessionId, session } = await signIn.signInAs(principal);
      return { cookie: `pip-session=${sessionId}`, csrf: session.csrfToken };
    },
    async stop() {
      await container.deleteIfExists();
      await notify.stop();
      await testDb.drop();
    },
  };
}
