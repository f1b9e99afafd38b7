/**
 * Daily subscriptions end to end: the timer and the digest sender registered as in production and hosted by the
 * local runtime over real Azurite and PostgreSQL, sending through the real notifications-node-client to the local
 * Notify endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify, type OutboxEmail } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createNotifyMailer, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import {
  insertArtefact,
  insertCourt,
  insertSubscription,
  supersedeArtefact,
} from '../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerDailySubscriptions } from './registration.js';
import { rejectedFailureCode } from './send-subscription-digest-handler.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const storage = testStorage();
const queueName = uniqueName('subscription-notifications');
const day = 24 * 60 * 60 * 1000;
const firstRun = new Date('2026-11-30T06:00:00Z');
const at = (offsetMs: number) => new Date(firstRun.getTime() + offsetMs);

let testDb: TestDatabase;
let notify: LocalNotify;
let host: LocalFunctionsHost;
let queue: QueueClient;
let now = firstRun;
let mailer: DigestMailer;
/** Every send attempt, by digest id (the reference). */
const attempts = new Map<string, number>();

const reporter = { userId: randomUUID(), email: 'court.reporter@example.com' };
const editor = { userId: randomUUID(), email: 'news.editor@example.com' };

function countingMailer(baseUrl: string): DigestMailer {
  const real = createNotifyMailer({ apiKey: notify.apiKey, baseUrl, templateId });
  return {
    sendDigest(recipient, personalisation, reference) {
      attempts.set(reference, (attempts.get(reference) ?? 0) + 1);
      return real.sendDigest(recipient, personalisation, reference);
    },
  };
}

/** Runs the timer as of `when`, then drains: every digest it queued has been sent, retried or parked. */
async function runTimer(when: Date): Promise<void> {
  now = when;
  await host.runOnDemand('dailySubscriptions', '');
  await host.drain();
}

async function peek(name: string): Promise<unknown[]> {
  return (await peekQueue(name)).map((text) => JSON.parse(text) as unknown);
}

async function digests(): Promise<
  {
    digest_id: string;
    user_email: string;
    status: string;
    notify_notification_id: string | null;
    failure_code: string | null;
  }[]
> {
  const { rows } = await testDb.database.query<{
    digest_id: string;
    user_email: string;
    status: string;
    notify_notification_id: string | null;
    failure_code: string | null;
  }>(
    'SELECT digest_id, user_email, status, notify_notification_id, failure_code FROM subscription_digest ORDER BY created_at, user_email',
  );
  return rows;
}

const emailsTo = (recipient: string): OutboxEmail[] => notify.outbox().filter((e) => e.recipient === recipient);

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase({ poolSize: 10 }), startLocalNotify({ port: 0 })]);
  queue = storage.queueService.getQueueClient(queueName);
  mailer = countingMailer(notify.baseUrl);
  registerDailySubscriptions(
    () => ({ database: testDb.database, notifications: queue, now: () => now, newId: randomUUID }),
    () => ({ database: testDb.database, mailer, siteUrl: siteUrlFrom('https://pip.test.example') }),
    { queueName },
  );
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:00' } } });
  await insertCourt(testDb.database, 1501, 'Oxford Combined Court Centre');
  await insertCourt(testDb.database, 1502, 'Reading Crown Court');
  // The reporter follows Oxford and a case heard there; the editor follows a party.
  await insertSubscription(testDb.database, { ...reporter, searchType: 'LOCATION_ID', searchValue: '1501' });
  await insertSubscription(testDb.database, { ...reporter, searchType: 'CASE_NUMBER', searchValue: 'CN-2026-0042' });
  await insertSubscription(testDb.database, { ...editor, searchType: 'PARTY_NAME', searchValue: 'acme holdings ltd' });
});

afterAll(async () => {
  await host.stop();
  await Promise.all([notify.stop(), testDb.drop()]);
});

let oxfordList: string;

describe('the daily run', () => {
  it('emails one digest per subscriber, listing a publication that matched two subscriptions once', async () => {
    oxfordList = await insertArtefact(testDb.database, {
      locationId: '1501',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-11-30T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-8 * 60 * 60 * 1000),
      search: { caseNumbers: ['CN-2026-0042'], partyNames: ['Acme Holdings Ltd'] },
    });
    const readingList = await insertArtefact(testDb.database, {
      locationId: '1502',
      listType: 'CROWN_DAILY_LIST',
      contentDate: '2026-12-01T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-60 * 60 * 1000),
      search: { partyNames: ['ACME HOLDINGS LTD'] },
    });

    await runTimer(firstRun);
    expect(notify.outbox()).toHaveLength(2);

    const [toReporter] = emailsTo(reporter.email);
    expect(emailsTo(reporter.email)).toHaveLength(1);
    expect(toReporter?.templateId).toBe(templateId);
    expect(toReporter?.personalisation).toEqual({
      publication_count: '1',
      publications: [
        `Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026: https://pip.test.example/list/${oxfordList}`,
      ],
      site_link: 'https://pip.test.example/',
    });
    expect(emailsTo(editor.email)[0]?.personalisation).toEqual({
      publication_count: '2',
      publications: [
        `Crown Daily List, Reading Crown Court, 1 December 2026: https://pip.test.example/list/${readingList}`,
        `Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026: https://pip.test.example/list/${oxfordList}`,
      ],
      site_link: 'https://pip.test.example/',
    });

    // The reference is the digest id, recorded as sent with Notify's id.
    expect((await digests()).map((d) => d.status)).toEqual(['SENT', 'SENT']);
    for (const row of await digests()) {
      const email = emailsTo(row.user_email)[0];
      expect(email?.reference).toBe(row.digest_id);
      expect(email?.id).toBe(row.notify_notification_id);
    }
    const { rows: runs } = await testDb.database.query<{ window_from: Date; window_to: Date; digests_queued: number }>(
      'SELECT window_from, window_to, digests_queued FROM subscription_run',
    );
    expect(runs).toEqual([{ window_from: at(-day), window_to: firstRun, digests_queued: 2 }]);
  });

  it('queues and sends nothing new when run again', async () => {
    await runTimer(at(60 * 1000));
    expect(await peek(queueName)).toEqual([]);
    expect(notify.outbox()).toHaveLength(2);
    expect(await digests()).toHaveLength(2);
    const { rows } = await testDb.database.query<{ digests_queued: number }>(
      'SELECT digests_queued FROM subscription_run ORDER BY window_to',
    );
    expect(rows.map((r) => r.digests_queued)).toEqual([2, 0]);
  });

  it('sends an updated (superseded) list again', async () => {
    await supersedeArtefact(testDb.database, oxfordList, at(2 * 60 * 60 * 1000));
    notify.clear();
    await runTimer(at(day));
    expect(
      notify
        .outbox()
        .map((e) => e.recipient)
        .sort(),
    ).toEqual([editor.email, reporter.email].sort());
    expect(emailsTo(reporter.email)[0]?.personalisation.publications).toEqual([
      `Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026: https://pip.test.example/list/${oxfordList}`,
    ]);
    expect(emailsTo(editor.email)[0]?.personalisation.publication_count).toBe('1');
  });
});

describe('when Notify refuses or is down', () => {
  it('records a digest Notify refuses (400) as failed, audits it, and does not retry it', async () => {
    const badAddress = { userId: randomUUID(), email: 'not-an-email-address' };
    await insertSubscription(testDb.database, {
      ...badAddress,
      searchType: 'LIST_TYPE',
      searchValue: 'FAMILY_DAILY_CAUSE_LIST',
    });
    await insertArtefact(testDb.database, {
      locationId: '1502',
      listType: 'FAMILY_DAILY_CAUSE_LIST',
      contentDate: '2026-12-02T10:00:00',
      displayFrom: at(day),
      receivedAt: at(day + 60 * 60 * 1000),
    });
    notify.clear();
    await runTimer(at(2 * day));
    const failed = (await digests()).find((d) => d.user_email === badAddress.email);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.failure_code).toBe(rejectedFailureCode);
    const { rows: audit } = await testDb.database.query<{
      outcome: string;
      object_id: string;
      details: { code: string; status: number };
    }>(`SELECT outcome, object_id, details FROM audit_log WHERE action = 'SUBSCRIPTION_EMAIL'`);
    expect(audit).toEqual([
      {
        outcome: 'FAILURE',
        object_id: failed?.digest_id,
        details: expect.objectContaining({ code: rejectedFailureCode, status: 400 }) as unknown,
      },
    ]);
    expect(attempts.get(failed?.digest_id ?? '')).toBe(1);
    expect(await peek(queueName)).toEqual([]);
    expect(await peek(`${queueName}-poison`)).toEqual([]);
    expect(notify.outbox()).toEqual([]);
  });

  it('retries a digest while Notify is down, then parks it in the poison queue', async () => {
    const down = await startLocalNotify({ port: 0 });
    await down.stop();
    mailer = countingMailer(down.baseUrl);
    try {
      await insertArtefact(testDb.database, {
        locationId: '1501',
        listType: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
        contentDate: '2026-12-03T10:00:00',
        displayFrom: at(2 * day),
        receivedAt: at(2 * day + 60 * 60 * 1000),
      });
      await runTimer(at(3 * day));
      const messages = await peek(`${queueName}-poison`);
      expect(messages).toHaveLength(1);
      const poisoned = messages[0] as { digestId: string };
      expect(attempts.get(poisoned.digestId)).toBe(3);
      const row = (await digests()).find((d) => d.digest_id === poisoned.digestId);
      expect(row).toMatchObject({ user_email: reporter.email, status: 'QUEUED' });
    } finally {
      mailer = countingMailer(notify.baseUrl);
    }
  });
});

describe('siteBaseUrl', () => {
  it('is the Azure host name in Azure and the local runtime port locally', () => {
    expect(siteBaseUrl({ WEBSITE_HOSTNAME: 'pip-func.azurewebsites.net', PORT: '7071' })).toBe(
      'https://pip-func.azurewebsites.net',
    );
    expect(siteBaseUrl({ PORT: '8080' })).toBe('http://127.0.0.1:8080');
    expect(siteBaseUrl({})).toBe('http://127.0.0.1:7071');
    expect(siteUrlFrom(siteBaseUrl({}))('/list/abc')).toBe('http://127.0.0.1:7071/list/abc');
  });
});
