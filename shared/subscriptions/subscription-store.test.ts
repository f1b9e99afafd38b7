/** The subscription store on real PostgreSQL: one row per subscription however it is asked for, own rows only. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { inTransaction } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import type { Subscriber } from './subscriber.js';
import type { SubscriptionRequest } from './subscription.js';
import { createSubscription, deleteSubscription, listSubscriptions } from './subscription-store.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ poolSize: 8 });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(async () => {
  await testDb.database.query('TRUNCATE subscription');
});

const alice: Subscriber = { userId: randomUUID(), email: 'alice@example.com' };
const bob: Subscriber = { userId: randomUUID(), email: 'bob@example.com' };
const court = (listTypes: string[] = [], languages: SubscriptionRequest['languages'] = []): SubscriptionRequest => ({
  searchType: 'LOCATION_ID',
  searchValue: '1501',
  listTypes,
  languages,
});
const rowCount = async () =>
  Number((await testDb.database.query<{ n: string }>('SELECT count(*) AS n FROM subscription')).rows[0]?.n);

describe('createSubscription', () => {
  it('creates a subscription, and answers the same one when it is asked for again, ignoring case and spaces', async () => {
    const first = await createSubscription(testDb.database, alice, {
      searchType: 'CASE_NAME',
      searchValue: 'Smith v Jones',
      listTypes: [],
      languages: [],
    });
    expect(first).toMatchObject({
      created: true,
      subscription: { searchType: 'CASE_NAME', searchValue: 'Smith v Jones', listTypes: [], languages: [] },
    });
    expect(first.subscription.createdAt).toBeInstanceOf(Date);
    const again = await createSubscription(testDb.database, alice, {
      searchType: 'CASE_NAME',
      searchValue: ' SMITH V JONES ',
      listTypes: [],
      languages: [],
    });
    expect(again).toEqual({ created: false, subscription: first.subscription });
    expect(await rowCount()).toBe(1);
  });

  it('keeps each narrowing of a court apart, and each person apart', async () => {
    const whole = await createSubscription(testDb.database, alice, court());
    const civil = await createSubscription(testDb.database, alice, court(['CIVIL_DAILY_CAUSE_LIST']));
    const civilWelsh = await createSubscription(testDb.database, alice, court(['CIVIL_DAILY_CAUSE_LIST'], ['WELSH']));
    const bobs = await createSubscription(testDb.database, bob, court());
    const ids = [whole, civil, civilWelsh, bobs].map((c) => c.subscription.subscriptionId);
    expect(new Set(ids).size).toBe(4);
    expect([whole, civil, civilWelsh, bobs].every((c) => c.created)).toBe(true);
    expect(civilWelsh.subscription).toMatchObject({ listTypes: ['CIVIL_DAILY_CAUSE_LIST'], languages: ['WELSH'] });
    expect(await createSubscription(testDb.database, alice, court(['CIVIL_DAILY_CAUSE_LIST'], ['WELSH']))).toEqual({
      created: false,
      subscription: civilWelsh.subscription,
    });
  });

  it('keeps a subscriber without an email address (a third party), whom the email digest passes over', async () => {
    const thirdParty: Subscriber = { userId: randomUUID(), email: null };
    const made = await createSubscription(testDb.database, thirdParty, court());
    expect(made.created).toBe(true);
    const { rows } = await testDb.database.query('SELECT user_email FROM subscription');
    expect(rows).toEqual([{ user_email: null }]);
  });

  it('refuses, in the database, a narrowing of anything but a court, and an unknown language', async () => {
    await expect(
      createSubscription(testDb.database, alice, {
        searchType: 'CASE_NUMBER',
        searchValue: 'T20257001',
        listTypes: ['CIVIL_DAILY_CAUSE_LIST'],
        languages: [],
      }),
    ).rejects.toThrow(/subscription_narrowing_location_only/);
    await expect(createSubscription(testDb.database, alice, court([], ['KLINGON' as 'WELSH']))).rejects.toThrow(
      /subscription_languages_known/,
    );
  });

  it('converges concurrent identical requests, each in its own transaction, on one row', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        inTransaction(testDb.database, (client) => createSubscription(client, alice, court(['SJP_PUBLIC_LIST']))),
      ),
    );
    expect(new Set(outcomes.map((o) => o.subscription.subscriptionId)).size).toBe(1);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await rowCount()).toBe(1);
  });
});

describe('createSubscription racing another transaction', () => {
  it('waits for the transaction that inserted the same subscription, then answers its row', async () => {
    if (inject('databaseKind') === 'embedded') {
      // PGlite serves one session, so the two transactions cannot interleave: the second comes after the first's
      // commit and must still answer its row. The interleaved race runs on a PostgreSQL server (as CI has).
      const winner = await createSubscription(testDb.database, alice, court());
      const outcome = await createSubscription(testDb.database, alice, court());
      expect(winner.created).toBe(true);
      expect(outcome).toEqual({ created: false, subscription: winner.subscription });
      expect(await rowCount()).toBe(1);
      return;
    }
    const first = await testDb.database.connect();
    const second = await testDb.database.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      const winner = await createSubscription(first, alice, court());
      const secondPid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      const loser = createSubscription(second, alice, court());
      // Poll until the second insert is blocked on the first's uncommitted index entry, then let the first commit.
      for (;;) {
        const { rows } = await testDb.database.query<{ waiting: boolean }>(
          `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
          [secondPid],
        );
        if (rows[0]?.waiting) break;
      }
      await first.query('COMMIT');
      const outcome = await loser;
      await second.query('COMMIT');
      expect(winner.created).toBe(true);
      expect(outcome).toEqual({ created: false, subscription: winner.subscription });
      expect(await rowCount()).toBe(1);
    } finally {
      first.release();
      second.release();
    }
  });
});

describe('listSubscriptions and deleteSubscription', () => {
  it("lists a subscriber's own, newest first, and deletes only their own", async () => {
    const older = await createSubscription(testDb.database, alice, court());
    const newer = await createSubscription(testDb.database, alice, {
      searchType: 'LIST_TYPE',
      searchValue: 'SJP_PUBLIC_LIST',
      listTypes: [],
      languages: [],
    });
    const bobs = await createSubscription(testDb.database, bob, court());
    expect((await listSubscriptions(testDb.database, alice.userId)).map((s) => s.subscriptionId)).toEqual([
      newer.subscription.subscriptionId,
      older.subscription.subscriptionId,
    ]);

    expect(await deleteSubscription(testDb.database, alice.userId, bobs.subscription.subscriptionId)).toBeNull();
    expect(await deleteSubscription(testDb.database, alice.userId, randomUUID())).toBeNull();
    expect(await deleteSubscription(testDb.database, alice.userId, 'not-a-uuid')).toBeNull();
    expect(await listSubscriptions(testDb.database, bob.userId)).toEqual([bobs.subscription]);

    expect(await deleteSubscription(testDb.database, alice.userId, older.subscription.subscriptionId)).toEqual(
      older.subscription,
    );
    expect(await deleteSubscription(testDb.database, alice.userId, older.subscription.subscriptionId)).toBeNull();
    expect(await listSubscriptions(testDb.database, alice.userId)).toEqual([newer.subscription]);
  });
});
