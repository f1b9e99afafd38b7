/**
 * The daily digest goes out at 06:00 UK time on every day, either side of both daylight saving changes, although Azure
 * runs timers in UTC (Flex Consumption ignores WEBSITE_TIME_ZONE): the timer as registered in production, hosted by the
 * local runtime in UTC on a manual clock, over a real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../local/runtime/clock.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { eventually, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { siteUrlFrom } from '../../shared/config/site-url.js';
import { ukHourOf } from './daily-subscriptions-handler.js';
import { registerDailySubscriptions } from './registration.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';

const storage = testStorage();
const queueName = uniqueName('subscription-notifications');
const clock = new ManualClock(new Date('2026-03-26T12:00:00Z'));
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let invocations = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  registerDailySubscriptions(
    () => ({
      database: testDb.database,
      notifications: storage.queueService.getQueueClient(queueName),
      now: () => clock.now(),
      newId: randomUUID,
      sendsPerMinute: 3000,
    }),
    () => ({
      database: testDb.database,
      mailer: {
        sendDigest: () => Promise.reject(new Error('no digest is planned in this test')),
        findSentByReference: () => Promise.reject(new Error('no digest is planned in this test')),
      },
      siteUrl: siteUrlFrom('https://pip.test.example'),
      notifications: storage.queueService.getQueueClient(queueName),
      unsubscribeLinkKeys: testScreenLinkKeys,
      retry: { baseSeconds: 1, maxSeconds: 2, maxAttempts: 3 },
      now: () => clock.now(),
    }),
    { queueName },
  );
  host = await startTestHost({
    clock,
    env: { AzureWebJobsStorage: storage.connectionString }, // no WEBSITE_TIME_ZONE: UTC, as on Flex Consumption
    logger: (_level, message) => {
      if (message.startsWith('[dailySubscriptions] succeeded')) invocations += 1;
    },
  });
});

afterAll(async () => {
  await host.stop();
  await testDb.drop();
});

/** Moves the clock to `until`, one whole UTC day at a time, waiting for each timer run (two a day) to finish. */
async function runDaysUntil(until: Date): Promise<void> {
  for (let day = clock.now(); day < until;) {
    day = new Date(day.getTime() + 24 * 60 * 60 * 1000);
    const expected = invocations + 2;
    clock.advanceTo(day);
    await eventually(() => {
      expect(invocations).toBe(expected);
    });
  }
}

async function runInstants(): Promise<string[]> {
  const { rows } = await testDb.database.query<{ window_to: Date }>(
    'SELECT window_to FROM subscription_run ORDER BY window_to',
  );
  return rows.map((row) => row.window_to.toISOString());
}

describe('the daily digest in UK time', () => {
  it('knows the UK hour in winter (GMT) and in summer (BST)', () => {
    expect(ukHourOf(new Date('2026-01-15T06:00:00Z'))).toBe(6);
    expect(ukHourOf(new Date('2026-07-15T05:00:00Z'))).toBe(6);
    expect(ukHourOf(new Date('2026-07-15T06:00:00Z'))).toBe(7);
    expect(ukHourOf(new Date('2026-03-29T00:59:59Z'))).toBe(0);
    expect(ukHourOf(new Date('2026-03-29T01:00:00Z'))).toBe(2);
  });

  it('runs once a day at 06:00 UK time across the change to British Summer Time (29 March 2026)', async () => {
    await runDaysUntil(new Date('2026-03-31T12:00:00Z'));
    expect(await runInstants()).toEqual([
      '2026-03-27T06:00:00.000Z',
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
      '2026-03-31T05:00:00.000Z',
    ]);
  });

  it('runs once a day at 06:00 UK time across the change back to GMT (25 October 2026)', async () => {
    // As if the host were off since March: one late run at once (13:00 UK time, so it does nothing), then the schedule.
    const beforeJump = invocations;
    clock.jumpTo(new Date('2026-10-23T12:00:00Z'));
    await eventually(() => {
      expect(invocations).toBe(beforeJump + 1);
    });
    const before = (await runInstants()).length;
    await runDaysUntil(new Date('2026-10-27T12:00:00Z'));
    expect((await runInstants()).slice(before)).toEqual([
      '2026-10-24T05:00:00.000Z',
      '2026-10-25T06:00:00.000Z',
      '2026-10-26T06:00:00.000Z',
      '2026-10-27T06:00:00.000Z',
    ]);
  });
});
