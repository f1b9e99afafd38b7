/**
 * The digest ledger prune over real PostgreSQL: the items of finished digests planned more than seven days ago (and
 * before the next run's window) are deleted; the items of digests still to send, of recent digests, and of those the
 * next window could still match are kept; the run is recorded, and a second run has nothing to do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { pruneDigestItems } from '../subscriptions/digest-store.js';
import { inspectUnsubscribeLink } from '../subscriptions/unsubscribe.js';
import { signUnsubscribeToken } from '../subscriptions/unsubscribe-links.js';
import { pruneDigestLedger } from './digest-item-prune.js';

let testDb: TestDatabase;
const clock = new Date('2026-11-30T06:00:00Z');
/** The people each digest told (its items' users). */
const told = new Map<string, string[]>();
const daysAgo = (days: number): Date => new Date(clock.getTime() - days * 86_400_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query(
    'TRUNCATE subscription_run, subscription_digest, subscription_digest_item, housekeeping_run CASCADE',
  );
});

async function completedRun(windowTo: Date): Promise<void> {
  await testDb.database.query(
    'INSERT INTO subscription_run (run_id, window_from, window_to, completed_at) VALUES ($1, $2, $3, $3)',
    [randomUUID(), new Date(windowTo.getTime() - 86_400_000), windowTo],
  );
}

/** A digest planned at `plannedFor` with `items` items; answers its id. */
async function digest(plannedFor: Date, status: string, items: number): Promise<string> {
  const digestId = randomUUID();
  const userIds = Array.from({ length: items }, () => randomUUID()).sort();
  told.set(digestId, userIds);
  await testDb.database.query(
    'INSERT INTO subscription_digest (digest_id, user_email, planned_for, status) VALUES ($1, $2, $3, $4)',
    [digestId, 'reader@example.com', plannedFor, status],
  );
  for (const userId of userIds) {
    await testDb.database.query(
      'INSERT INTO subscription_digest_item (user_id, artefact_id, artefact_version, digest_id) VALUES ($1, $2, $3, $4)',
      [userId, randomUUID(), plannedFor, digestId],
    );
  }
  return digestId;
}

async function itemsOf(digestId: string): Promise<number> {
  const { rows } = await testDb.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM subscription_digest_item WHERE digest_id = $1',
    [digestId],
  );
  return rows[0]?.n ?? 0;
}

describe('digest item prune', () => {
  it('deletes the items of finished digests older than seven days, keeps the rest, and records each run', async () => {
    await completedRun(daysAgo(1 / 24));
    const sent = await digest(daysAgo(8), 'SENT', 3);
    const failed = await digest(daysAgo(30), 'FAILED', 1);
    const queued = await digest(daysAgo(8), 'QUEUED', 2);
    const recent = await digest(daysAgo(6), 'SENT', 2);

    const first = await pruneDigestLedger({ database: testDb.database, now: () => clock });
    expect(first).toMatchObject({
      job: 'DIGEST_ITEM_PRUNE',
      outcome: 'DONE',
      details: { deleted: 4, cutoff: daysAgo(7).toISOString() },
    });
    expect([await itemsOf(sent), await itemsOf(failed), await itemsOf(queued), await itemsOf(recent)]).toEqual([
      0, 0, 2, 2,
    ]);
    // The people a pruned digest told are kept on it: its unsubscribe link still names them.
    for (const digestId of [sent, queued]) {
      const link = await inspectUnsubscribeLink(
        testDb.database,
        signUnsubscribeToken(digestId, testScreenLinkKeys),
        testScreenLinkKeys,
      );
      expect(link).toMatchObject({ kind: 'valid', userIds: told.get(digestId) });
    }

    const second = await pruneDigestLedger({ database: testDb.database, now: () => clock });
    expect(second).toMatchObject({ outcome: 'NOTHING_TO_DO', details: { deleted: 0 } });
    expect([await itemsOf(queued), await itemsOf(recent)]).toEqual([2, 2]);
  });

  it('keeps what the next window can still match when no run has completed for longer than seven days', async () => {
    await completedRun(daysAgo(10));
    const lastWindow = await digest(daysAgo(10), 'SENT', 2);
    const older = await digest(daysAgo(12), 'SENT', 2);
    const run = await pruneDigestLedger({ database: testDb.database, now: () => clock });
    expect(run.details).toEqual({ deleted: 2, cutoff: new Date(daysAgo(10).getTime() - 6 * 3_600_000).toISOString() });
    expect([await itemsOf(lastWindow), await itemsOf(older)]).toEqual([2, 0]);
  });

  it('deletes nothing before the first completed run, and deletes in batches', async () => {
    const old = await Promise.all([20, 19, 18, 17, 16].map((days) => digest(daysAgo(days), 'SENT', 2)));
    expect(await pruneDigestItems(testDb.database, { now: clock, since: null, batch: 2 })).toEqual({
      deleted: 0,
      cutoff: null,
    });
    await completedRun(daysAgo(1));
    const pruned = await pruneDigestItems(testDb.database, { now: clock, since: null, batch: 2 });
    expect(pruned.deleted).toBe(10);
    for (const digestId of old) expect(await itemsOf(digestId)).toBe(0);
  });
});
