/**
 * "The same digest is never sent twice", and never lost, when what fails is not Notify (issue 13): the timer run
 * dying mid-batch and being run again, and the sender failing for another reason (the lists' files unreadable, an
 * unexpected error) until its message is parked in -poison. The timer and the digest sender registered as in
 * production and hosted by the local runtime over real Azurite and PostgreSQL, sending through the real
 * notifications-node-client to the local Notify.
 */
import { randomUUID } from 'node:crypto';
import type { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { siteUrlFrom } from '../../shared/config/site-url.js';
import type { DigestListAttachments } from '../../shared/digest-attachments/list-attachments.js';
import { createNotifyMailer, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { insertArtefact, insertCourt, insertSubscription } from '../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { eventually, peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerDailySubscriptions } from './registration.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const storage = testStorage();
const queueName = uniqueName('subscription-notifications');
const hour = 60 * 60 * 1000;
const day = 24 * hour;
const firstRun = new Date('2026-12-01T06:00:00Z');
const at = (offsetMs: number) => new Date(firstRun.getTime() + offsetMs);

let testDb: TestDatabase;
let notify: LocalNotify;
let host: LocalFunctionsHost;
let queue: QueueClient;
let mailer: DigestMailer;
let now = firstRun;
/** Set while the timer's queue writes fail: after this many more, each is written but answered with an error. */
let queueFailsAfter: number | null = null;
/** Set while the sender's lists' files cannot be read: how many more reads fail. */
let attachmentFailures = 0;
/** Set while the sender meets an unexpected error on every send. */
let senderBroken = false;
/** DIGEST_SENDS_PER_MINUTE of the next timer run. */
let sendsPerMinute = 3000;

/** Messages the timer wrote. */
let messagesWritten = 0;

/** The timer's queue: while queueFailsAfter is set, a write past it reaches the queue but its answer is lost. */
function timerQueue(): QueueClient {
  const counted = Object.create(queue) as QueueClient;
  counted.sendMessage = async (...args: Parameters<QueueClient['sendMessage']>) => {
    const written = await queue.sendMessage(...args);
    messagesWritten += 1;
    if (queueFailsAfter !== null && queueFailsAfter <= 0) throw new Error('connection reset before the answer');
    if (queueFailsAfter !== null) queueFailsAfter -= 1;
    return written;
  };
  return counted;
}

const attachments: DigestListAttachments = {
  forDigest() {
    if (attachmentFailures > 0) {
      attachmentFailures -= 1;
      return Promise.reject(new Error('blob storage unavailable'));
    }
    return Promise.resolve({ personalisation: { list_files: [], list_changes: [] }, sent: () => Promise.resolve() });
  },
};

async function digestsOf(domain: string) {
  const { rows } = await testDb.database.query<{ digest_id: string; user_email: string; status: string }>(
    `SELECT digest_id, user_email, status FROM subscription_digest WHERE user_email LIKE $1 ORDER BY user_email`,
    [`%@${domain}`],
  );
  return rows;
}

/** Drains until no digest of `domain` is open, within a deadline. */
async function settle(domain: string): Promise<void> {
  await eventually(
    async () => {
      await host.drain();
      const open = (await digestsOf(domain)).filter((d) => ['PENDING', 'QUEUED', 'SENDING'].includes(d.status));
      if (open.length > 0) throw new Error(`${open.length} digests still open`);
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

const emailsTo = (domain: string) => notify.outbox().filter((email) => email.recipient.endsWith(`@${domain}`));

/** Readers at their own domain, following a court, and a list there that became visible in the window. */
async function readersOfNewList(locationId: number, domain: string, count: number, receivedAt: Date) {
  await insertCourt(testDb.database, locationId, `Court ${locationId}`);
  for (let n = 1; n <= count; n += 1) {
    await insertSubscription(testDb.database, {
      userId: randomUUID(),
      email: `reader${n}@${domain}`,
      searchType: 'LOCATION_ID',
      searchValue: String(locationId),
    });
  }
  await insertArtefact(testDb.database, {
    locationId: String(locationId),
    listType: 'CIVIL_DAILY_CAUSE_LIST',
    contentDate: '2026-12-01T10:00:00',
    displayFrom: new Date(receivedAt.getTime() - day),
    receivedAt,
  });
}

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase({ poolSize: 10 }), startLocalNotify({ port: 0 })]);
  queue = storage.queueService.getQueueClient(queueName);
  const real = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
  mailer = {
    sendDigest: (email) => (senderBroken ? Promise.reject(new TypeError('unexpected')) : real.sendDigest(email)),
    findSentByReference: (reference) => real.findSentByReference(reference),
  };
  registerDailySubscriptions(
    () => ({
      database: testDb.database,
      notifications: timerQueue(),
      now: () => now,
      newId: randomUUID,
      sendsPerMinute,
    }),
    () => ({
      database: testDb.database,
      mailer,
      siteUrl: siteUrlFrom('https://pip.test.example'),
      attachments,
      notifications: queue,
      unsubscribeLinkKeys: testScreenLinkKeys,
      retry: { baseSeconds: 1, maxSeconds: 2, maxAttempts: 5 },
      now: () => now,
    }),
    { queueName },
  );
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:00' } } });
});

afterAll(async () => {
  await host.stop();
  await Promise.all([notify.stop(), testDb.drop(), queue.deleteIfExists()]);
  await storage.queueService.getQueueClient(`${queueName}-poison`).deleteIfExists();
});

describe('a timer run that dies mid-batch', () => {
  it('is completed by the run after it, and every digest is sent once though its message was written twice', async () => {
    await readersOfNewList(1601, 'midbatch.example', 5, at(-2 * hour));
    notify.clear();
    // Two messages are written and answered; the other three are written but their answers are lost: the run fails
    // with every message on the queue and three digests still PENDING.
    // Paced at 12 a minute, the first run's messages show 0, 5, 10, 15 and 20 seconds after it.
    queueFailsAfter = 2;
    sendsPerMinute = 12;
    now = firstRun;
    await host.runOnDemand('dailySubscriptions', '');
    queueFailsAfter = null;
    sendsPerMinute = 3000;
    const { rows: runs } = await testDb.database.query<{ completed_at: Date | null }>(
      'SELECT completed_at FROM subscription_run ORDER BY started_at',
    );
    expect(runs).toEqual([{ completed_at: null }]);

    // Run again by hand: it plans nothing new and queues the three again, while their first messages are there too.
    now = at(60 * 1000);
    await host.runOnDemand('dailySubscriptions', '');
    await settle('midbatch.example');
    // Every message is handled, the first run's late ones included.
    await eventually(
      async () => {
        await host.drain();
        const { approximateMessagesCount } = await queue.getProperties();
        if (approximateMessagesCount !== 0) throw new Error(`${approximateMessagesCount} messages left`);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const emails = emailsTo('midbatch.example');
    expect(emails.map((email) => email.recipient).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `reader${n}@midbatch.example`),
    );
    expect((await digestsOf('midbatch.example')).map((d) => d.status)).toEqual(Array(5).fill('SENT'));
    // The failed run is left incomplete; the second completed it, planning nothing and queuing again every digest
    // still PENDING (all five, less any the first run's messages had sent meanwhile): duplicates, each sent once.
    const { rows: ledger } = await testDb.database.query<{ completed: boolean; planned: number; queued: number }>(
      `SELECT completed_at IS NOT NULL AS completed, digests_planned AS planned, digests_queued AS queued
         FROM subscription_run ORDER BY started_at`,
    );
    expect(ledger.map((run) => [run.completed, run.planned])).toEqual([
      [false, 0],
      [true, 0],
    ]);
    expect(ledger[1]?.queued).toBeGreaterThanOrEqual(3);
    expect(messagesWritten).toBe(5 + (ledger[1]?.queued ?? 0));
  }, 120_000);
});

describe('a sender that fails for a reason other than Notify', () => {
  it("sends the digest on the host's retry when its lists' files could not be read at first", async () => {
    await readersOfNewList(1602, 'blobfail.example', 1, at(day - 2 * hour));
    notify.clear();
    attachmentFailures = 1;
    now = at(day);
    await host.runOnDemand('dailySubscriptions', '');
    await settle('blobfail.example');
    expect(attachmentFailures).toBe(0);
    expect(emailsTo('blobfail.example').map((email) => email.recipient)).toEqual(['reader1@blobfail.example']);
    expect((await digestsOf('blobfail.example')).map((d) => d.status)).toEqual(['SENT']);
  }, 60_000);

  it('re-queues at the next run a digest whose message was parked in -poison, and sends it once', async () => {
    await readersOfNewList(1603, 'poison.example', 2, at(2 * day - 2 * hour));
    notify.clear();
    senderBroken = true;
    now = at(2 * day);
    try {
      await host.runOnDemand('dailySubscriptions', '');
      await eventually(
        async () => {
          await host.drain();
          const parked = (await peekQueue(`${queueName}-poison`)).length;
          if (parked < 2) throw new Error(`${parked} messages parked`);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    } finally {
      senderBroken = false;
    }
    expect(emailsTo('poison.example')).toEqual([]);
    expect((await digestsOf('poison.example')).map((d) => d.status)).toEqual(['QUEUED', 'QUEUED']);

    // The next day's run finds them and sends each once.
    now = at(3 * day);
    await host.runOnDemand('dailySubscriptions', '');
    await settle('poison.example');
    expect(
      emailsTo('poison.example')
        .map((email) => email.recipient)
        .sort(),
    ).toEqual(['reader1@poison.example', 'reader2@poison.example']);
    expect((await digestsOf('poison.example')).map((d) => d.status)).toEqual(['SENT', 'SENT']);
  }, 90_000);
});
