/**
 * The media account lifecycle timer hosted by the local runtime, run on demand (as POST /admin/functions/
 * mediaAccountLifecycle does), over real PostgreSQL and the local Notify endpoint (with the official client), with
 * a clock the test moves: asked to sign in at 350 days, deleted at 365, a sign-in starts again, a directory that
 * fails keeps the account and is retried; and the deletion in Azure B2C as Azure runs it, through the Graph
 * directory against the Graph stand-in (a throttled Graph keeps the account until a run gets through).
 */
import { InvocationContext, type Timer } from '@azure/functions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import {
  unconfiguredMediaAccountDirectory,
  type DeleteMediaAccountResult,
  type MediaAccountRemoval,
} from '../../shared/media-accounts/media-account-directory.js';
import { createMediaLifecycleMailer } from '../../shared/media-accounts/media-account-lifecycle.js';
import { subscriberOf } from '../../shared/subscriptions/subscriber.js';
import { upsertUserOnSignIn } from '../../shared/users/user-store.js';
import { declareB2cAttributes, standInDirectory } from '../../test-support/graph-directory.js';
import { startGraphStandIn, type GraphStandIn } from '../../test-support/graph-stand-in.js';
import { insertSubscription } from '../../test-support/subscription-fixtures.js';
import { startTestHost } from '../../test-support/test-host.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import {
  handleMediaAccountLifecycle,
  mediaAccountLifecycleSchedule,
  type MediaAccountLifecycleDependencies,
} from './media-account-lifecycle-handler.js';
import { registerMediaAccountLifecycle } from './registration.js';
import { auditRows } from '../../test-support/audit-rows.js';

const REVERIFY = '5c0f4a8e-3b7d-4e21-9f6a-2d8c1b7e4a90';
const DELETED = 'a3e9d6b2-7c14-4f58-8b0e-6f2d9c5a1e37';
const DAY = 24 * 60 * 60_000;
const verifiedAt = new Date('2025-12-01T09:00:00Z');
const day = (n: number): Date => new Date(verifiedAt.getTime() + n * DAY);

let testDb: TestDatabase;
let graph: GraphStandIn;
let notify: LocalNotify;
let host: LocalFunctionsHost;
let clock = day(0);
const deletedAtDirectory: string[] = [];
const recordingDirectory: MediaAccountRemoval = {
  name: 'test directory',
  deleteMediaAccount: (objectId): Promise<DeleteMediaAccountResult> => {
    deletedAtDirectory.push(objectId);
    return Promise.resolve({ ok: true, existed: true });
  },
};
let directory: MediaAccountRemoval = recordingDirectory;
let dependencies: () => MediaAccountLifecycleDependencies;

beforeAll(async () => {
  [testDb, notify, graph] = await Promise.all([
    createTestDatabase(),
    startLocalNotify({ port: 0 }),
    startGraphStandIn(),
  ]);
  declareB2cAttributes(graph);
  const mailer = createMediaLifecycleMailer({
    apiKey: notify.apiKey,
    baseUrl: notify.baseUrl,
    reverifyTemplateId: REVERIFY,
    deletedTemplateId: DELETED,
  });
  dependencies = () => ({
    database: testDb.database,
    directory,
    mailer,
    links: { signIn: 'https://pip.example/sign-in', apply: 'https://pip.example/create-media-account' },
    now: () => clock,
  });
  registerMediaAccountLifecycle(() => dependencies());
  host = await startTestHost();
});

afterAll(async () => {
  await host.stop();
  await graph.close();
  await notify.stop();
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('DELETE FROM subscription');
  await testDb.database.query('DELETE FROM pip_user');
  await testDb.database.query('DELETE FROM audit_log');
  notify.clear();
  deletedAtDirectory.length = 0;
  directory = recordingDirectory;
});

/** A verified media account as approving an application makes it (shared/users/user-store.ts). */
async function mediaUser(email: string, objectId: string, options: { roles?: string[] } = {}): Promise<string> {
  const { rows } = await testDb.database.query<{ user_id: string }>(
    `INSERT INTO pip_user (provenance, provenance_user_id, email, forenames, surname, roles, created_at,
       last_signed_in_at, last_verified_at)
     VALUES ('PI_AAD', $1, $2, 'Jo de', 'Souza', $3, $4, $4, $4) RETURNING user_id`,
    [objectId, email, options.roles ?? ['VERIFIED'], verifiedAt],
  );
  return rows[0]?.user_id ?? '';
}

async function run(at: Date): Promise<void> {
  clock = at;
  await host.runOnDemand('mediaAccountLifecycle', '');
}

const audits = (action: string) => auditRows(testDb.database, action);

async function userIds(): Promise<string[]> {
  const { rows } = await testDb.database.query<{ user_id: string }>('SELECT user_id FROM pip_user ORDER BY email');
  return rows.map((row) => row.user_id);
}

describe('mediaAccountLifecycle (timer)', () => {
  it('is a daily six-field NCRONTAB timer', () => {
    expect(mediaAccountLifecycleSchedule.split(' ')).toHaveLength(6);
    expect(host.timers.has('mediaAccountLifecycle')).toBe(true);
  });

  it('asks nobody at 349 days; at 350 emails once and audits it; a second run the same day asks nobody', async () => {
    const userId = await mediaUser('jo@news.example', 'oid-jo');
    await run(new Date(day(350).getTime() - 60_000));
    expect(notify.outbox()).toEqual([]);

    await run(day(350));
    const sent = notify.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: 'jo@news.example',
      templateId: REVERIFY,
      personalisation: { full_name: 'Jo de Souza', sign_in_link: 'https://pip.example/sign-in' },
    });
    expect(await audits('MEDIA_ACCOUNT_REVERIFY_REQUESTED')).toEqual([
      expect.objectContaining({ outcome: 'SUCCESS', object_id: userId }),
    ]);

    await run(new Date(day(350).getTime() + 3_600_000));
    await run(day(360));
    expect(notify.outbox()).toHaveLength(1);
    expect(await userIds()).toEqual([userId]);
  });

  it('leaves court staff at B2C and other identity services alone', async () => {
    await mediaUser('admin@justice.example', 'oid-admin', { roles: ['INTERNAL_ADMIN_CTSC'] });
    await testDb.database.query(
      `INSERT INTO pip_user (provenance, provenance_user_id, email, roles, created_at, last_signed_in_at)
       VALUES ('CFT_IDAM', 'cft-1', 'judge@justice.example', ARRAY['VERIFIED'], $1, $1)`,
      [verifiedAt],
    );
    await run(day(400));
    expect(notify.outbox()).toEqual([]);
    expect(deletedAtDirectory).toEqual([]);
    expect(await userIds()).toHaveLength(2);
  });

  it('logs each run with its counts, and each failure, with catalogue codes', async () => {
    await mediaUser('jo@news.example', 'oid-jo');
    const expiringId = await mediaUser('sam@news.example', 'oid-sam');
    await testDb.database.query(
      'UPDATE pip_user SET last_verified_at = $2, last_signed_in_at = $2 WHERE user_id = $1',
      [expiringId, day(-20)],
    );
    directory = unconfiguredMediaAccountDirectory;
    clock = day(350);
    const logged: Record<string, unknown>[] = [];
    const context = new InvocationContext({
      functionName: 'mediaAccountLifecycle',
      logHandler: (_level, ...args) => logged.push(args[0] as Record<string, unknown>),
    });
    await handleMediaAccountLifecycle(dependencies(), { isPastDue: false } as Timer, context);
    expect(logged).toEqual([
      expect.objectContaining({ event: 'MEDIA_LIFECYCLE_STEP_FAILED', step: 'DIRECTORY_DELETE', userId: expiringId }),
      expect.objectContaining({
        event: 'MEDIA_LIFECYCLE_COMPLETED',
        reverifyRequested: 1,
        reverifyFailed: 0,
        expired: 0,
        expiryFailed: 1,
        directory: 'none',
      }),
    ]);
  });

  it('a sign-in after the email keeps the account at 365 days, and starts a new period', async () => {
    const userId = await mediaUser('jo@news.example', 'oid-jo');
    await run(day(350));
    const signedIn = await upsertUserOnSignIn(
      testDb.database,
      {
        provenance: 'PI_AAD',
        provenanceUserId: 'oid-jo',
        email: 'jo@news.example',
        forenames: 'Jo de',
        surname: 'Souza',
        roles: ['VERIFIED'],
      },
      day(355),
    );
    expect(signedIn.userId).toBe(userId);
    await run(day(365));
    expect(deletedAtDirectory).toEqual([]);
    expect(await userIds()).toEqual([userId]);
    expect(notify.outbox()).toHaveLength(1);

    await run(day(355 + 350));
    expect(notify.outbox().map((email) => email.templateId)).toEqual([REVERIFY, REVERIFY]);
  });

  it('at 365 days deletes the account at the directory and here, with its subscriptions, emails and audits it', async () => {
    const userId = await mediaUser('jo@news.example', 'oid-jo');
    const keptId = await mediaUser('sam@news.example', 'oid-sam');
    await testDb.database.query('UPDATE pip_user SET last_signed_in_at = $2 WHERE user_id = $1', [keptId, day(300)]);
    const subscriber = subscriberOf({
      userId: 'oid-jo',
      provenance: 'PI_AAD',
      roles: ['VERIFIED'],
      email: 'jo@news.example',
      name: null,
    });
    await insertSubscription(testDb.database, {
      userId: subscriber.userId,
      email: 'jo@news.example',
      searchType: 'LOCATION_ID',
      searchValue: '1',
    });
    await run(day(350));
    notify.clear();

    await run(day(365));
    expect(deletedAtDirectory).toEqual(['oid-jo']);
    expect(await userIds()).toEqual([keptId]);
    const { rows } = await testDb.database.query('SELECT 1 FROM subscription WHERE user_id = $1', [subscriber.userId]);
    expect(rows).toEqual([]);
    expect(notify.outbox()).toEqual([
      expect.objectContaining({
        recipient: 'jo@news.example',
        templateId: DELETED,
        personalisation: { full_name: 'Jo de Souza', apply_link: 'https://pip.example/create-media-account' },
      }),
    ]);
    expect(await audits('MEDIA_ACCOUNT_EXPIRED')).toEqual([
      expect.objectContaining({
        outcome: 'SUCCESS',
        object_id: userId,
        details: expect.objectContaining({ subscriptionsDeleted: 1, directory: 'test directory' }) as unknown,
      }),
    ]);

    await run(day(365));
    expect(deletedAtDirectory).toEqual(['oid-jo']);
    expect(notify.outbox()).toHaveLength(1);
  });

  it('when the directory fails the account is kept, the failure audited, and the next run retries', async () => {
    const userId = await mediaUser('jo@news.example', 'oid-jo');
    directory = unconfiguredMediaAccountDirectory;
    await run(day(366));
    expect(await userIds()).toEqual([userId]);
    expect(notify.outbox()).toEqual([]);
    expect(await audits('MEDIA_ACCOUNT_EXPIRED')).toEqual([
      expect.objectContaining({
        outcome: 'FAILURE',
        object_id: userId,
        details: expect.objectContaining({ reason: 'NOT_CONFIGURED' }) as unknown,
      }),
    ]);

    directory = recordingDirectory;
    await run(day(367));
    expect(deletedAtDirectory).toEqual(['oid-jo']);
    expect(await userIds()).toEqual([]);
    expect((await audits('MEDIA_ACCOUNT_EXPIRED')).map((row) => row.outcome)).toEqual(['FAILURE', 'SUCCESS']);
  });

  it("one person's refused email does not stop the others, and they are asked again next run", async () => {
    const badId = await mediaUser('not-an-email', 'oid-bad');
    const goodId = await mediaUser('jo@news.example', 'oid-jo');
    await run(day(350));
    expect(notify.outbox().map((email) => email.recipient)).toEqual(['jo@news.example']);
    const outcomes = await audits('MEDIA_ACCOUNT_REVERIFY_REQUESTED');
    expect(outcomes.map((row) => [row.object_id, row.outcome]).sort()).toEqual(
      [
        [badId, 'FAILURE'],
        [goodId, 'SUCCESS'],
      ].sort(),
    );
    await run(day(351));
    expect((await audits('MEDIA_ACCOUNT_REVERIFY_REQUESTED')).filter((row) => row.object_id === badId)).toHaveLength(2);
    expect(notify.outbox()).toHaveLength(1);
  });

  it('deletes the account in Azure B2C through Graph, keeping it while Graph throttles', async () => {
    const { directory: graphDirectory } = standInDirectory(graph);
    directory = graphDirectory;
    const made = await graphDirectory.createMediaAccount({
      email: 'b2c@news.example',
      givenName: 'Jo de',
      familyName: 'Souza',
      displayName: 'Jo de Souza',
    });
    const objectId = made.ok ? made.objectId : '-';
    const userId = await mediaUser('b2c@news.example', objectId);
    for (let i = 0; i < 3; i += 1) graph.failNext('DELETE /v1.0/users', 429, 'TooManyRequests', 'Slow down');

    await run(day(365));

    expect(await userIds()).toEqual([userId]);
    expect(graph.users.map((user) => user.id)).toEqual([objectId]);
    expect(await audits('MEDIA_ACCOUNT_EXPIRED')).toMatchObject([
      { outcome: 'FAILURE', object_id: userId, details: { reason: 'UNAVAILABLE' } },
    ]);

    await run(day(366));

    expect(await userIds()).toEqual([]);
    expect(graph.users).toEqual([]);
    expect((await audits('MEDIA_ACCOUNT_EXPIRED')).at(-1)).toMatchObject({
      outcome: 'SUCCESS',
      object_id: userId,
      details: { directory: 'Azure B2C pipb2ctest.onmicrosoft.com (Microsoft Graph)', existedInDirectory: true },
    });
  });
});
