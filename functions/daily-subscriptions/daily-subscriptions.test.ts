/**
 * Daily subscriptions end to end: the timer and the digest sender registered as in production and hosted by the
 * local runtime over real Azurite and PostgreSQL, sending through the real notifications-node-client to the local
 * Notify endpoint.
 */
import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
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
import { eventually, peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerDailySubscriptions } from './registration.js';
import {
  authRejectedFailureCode,
  handleSubscriptionDigest,
  rejectedFailureCode,
  unavailableFailureCode,
  type DigestRetryPolicy,
  type SubscriptionDigestDependencies,
} from './send-subscription-digest-handler.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';
import type { Principal } from '../../shared/auth/principal.js';
import { canReadPublication } from '../../shared/publications/access/can-read-publication.js';
import { planDigests } from '../../shared/subscriptions/digest-planning.js';
import { setSubscriberEmailLanguage, storePlannedDigests } from '../../shared/subscriptions/digest-store.js';
import { subscriberOf } from '../../shared/subscriptions/subscriber.js';
import { inspectUnsubscribeLink, unsubscribeByLink } from '../../shared/subscriptions/unsubscribe.js';
import {
  digestIdFromUnsubscribeToken,
  type UnsubscribeLinkKeys,
} from '../../shared/subscriptions/unsubscribe-links.js';
import { upsertUserOnSignIn, type PersonProvenance } from '../../shared/users/user-store.js';
import { observeLoggedEvents } from '../../shared/logging/log-event.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const welshTemplateId = '0b7c5d1e-3f2a-4c8b-9d6e-5a4f3e2d1c0b';
const unsubscribeLinkKeys: UnsubscribeLinkKeys = {
  signingKeyId: 'u2026',
  keys: new Map([['u2026', Buffer.alloc(32, 7)]]),
};
const siteUrl = siteUrlFrom('https://pip.test.example');
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
/** The local Notify's clock: how long it fails sends for when told to (failSends). */
let notifyNow = firstRun;
let mailer: DigestMailer;
let retry: DigestRetryPolicy = { baseSeconds: 1, maxSeconds: 2, maxAttempts: 10 };
/** Every send attempt, by digest id (the reference). */
const attempts = new Map<string, number>();

const reporter = { userId: randomUUID(), email: 'court.reporter@example.com' };
const editor = { userId: randomUUID(), email: 'news.editor@example.com' };

function countingMailer(baseUrl: string): DigestMailer {
  const real = createNotifyMailer({ apiKey: notify.apiKey, baseUrl, templateId, welshTemplateId });
  return {
    sendDigest(email) {
      attempts.set(email.reference, (attempts.get(email.reference) ?? 0) + 1);
      return real.sendDigest(email);
    },
    findSentByReference: (reference) => real.findSentByReference(reference),
  };
}

function sendDependencies(): SubscriptionDigestDependencies {
  return {
    database: testDb.database,
    mailer,
    siteUrl,
    notifications: queue,
    unsubscribeLinkKeys,
    retry,
    now: () => now,
  };
}

/** Drains until no digest is left to send (retries wait out their backoff), within a deadline. */
async function settle(timeoutMs = 30_000): Promise<void> {
  await eventually(
    async () => {
      await host.drain();
      const { rows } = await testDb.database.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM subscription_digest WHERE status IN ('PENDING', 'QUEUED', 'SENDING')`,
      );
      if (rows[0]?.open !== 0) throw new Error(`${rows[0]?.open} digests still unsent`);
    },
    { timeoutMs, intervalMs: 200 },
  );
}

const invocation = () => new InvocationContext({ functionName: 'sendSubscriptionDigest', logHandler: () => undefined });

async function person(provenance: PersonProvenance, roles: Principal['roles'], email: string): Promise<Principal> {
  const principal: Principal = { userId: randomUUID(), provenance, roles, email, name: null };
  await upsertUserOnSignIn(
    testDb.database,
    { provenance, provenanceUserId: principal.userId, email, forenames: null, surname: null, roles },
    firstRun,
  );
  return principal;
}

const tokenOf = (link: unknown): string =>
  String(link)
    .replace(/^.*\/unsubscribe\//, '')
    .replace(/\?.*$/, '');

/** Runs the timer as of `when`, then drains: every digest it queued has been sent, retried or parked. */
async function runTimer(when: Date): Promise<void> {
  now = when;
  await host.runOnDemand('dailySubscriptions', '');
  await settle();
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
    attempts: number;
  }[]
> {
  const { rows } = await testDb.database.query<{
    digest_id: string;
    user_email: string;
    status: string;
    notify_notification_id: string | null;
    failure_code: string | null;
    attempts: number;
  }>(
    'SELECT digest_id, user_email, status, notify_notification_id, failure_code, attempts FROM subscription_digest ORDER BY created_at, user_email',
  );
  return rows;
}

const emailsTo = (recipient: string): OutboxEmail[] => notify.outbox().filter((e) => e.recipient === recipient);

beforeAll(async () => {
  [testDb, notify] = await Promise.all([
    createTestDatabase({ poolSize: 10 }),
    startLocalNotify({ port: 0, now: () => notifyNow }),
  ]);
  queue = storage.queueService.getQueueClient(queueName);
  mailer = countingMailer(notify.baseUrl);
  registerDailySubscriptions(
    () => ({
      database: testDb.database,
      notifications: queue,
      now: () => now,
      newId: randomUUID,
      sendsPerMinute: 3000,
    }),
    sendDependencies,
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
let reporterUnsubscribeLink = '';

describe('the daily run', () => {
  it('emails each subscriber one digest listing exactly the lists that match their court and case subscriptions', async () => {
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
    // Neither a court nobody follows nor a court the reference data does not know (NoMatch) goes out, even when a
    // case or party on it is followed.
    await insertArtefact(testDb.database, {
      locationId: '1509',
      listType: 'CROWN_DAILY_LIST',
      contentDate: '2026-11-30T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-60 * 60 * 1000),
    });
    await insertArtefact(testDb.database, {
      locationId: 'NoMatch1501',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-11-30T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-60 * 60 * 1000),
      search: { caseNumbers: ['CN-2026-0042'], partyNames: ['Acme Holdings Ltd'] },
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
      unsubscribe_link: expect.stringMatching(/^https:\/\/pip\.test\.example\/unsubscribe\/[\w.-]+$/) as unknown,
    });
    expect(emailsTo(editor.email)[0]?.personalisation).toEqual({
      publication_count: '2',
      publications: [
        `Crown Daily List, Reading Crown Court, 1 December 2026: https://pip.test.example/list/${readingList}`,
        `Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026: https://pip.test.example/list/${oxfordList}`,
      ],
      site_link: 'https://pip.test.example/',
      unsubscribe_link: expect.stringMatching(/^https:\/\/pip\.test\.example\/unsubscribe\//) as unknown,
    });

    // The reference is the digest id, recorded as sent with Notify's id; the one-click unsubscribe link (also given
    // to Notify for the List-Unsubscribe headers) is signed and names that digest.
    expect((await digests()).map((d) => d.status)).toEqual(['SENT', 'SENT']);
    for (const row of await digests()) {
      const email = emailsTo(row.user_email)[0];
      expect(email?.reference).toBe(row.digest_id);
      expect(email?.id).toBe(row.notify_notification_id);
      expect(email?.oneClickUnsubscribeUrl).toBe(email?.personalisation.unsubscribe_link);
      expect(digestIdFromUnsubscribeToken(tokenOf(email?.oneClickUnsubscribeUrl), unsubscribeLinkKeys)).toBe(
        row.digest_id,
      );
    }
    const { rows: runs } = await testDb.database.query<{ window_from: Date; window_to: Date; digests_queued: number }>(
      'SELECT window_from, window_to, digests_queued FROM subscription_run WHERE completed_at IS NOT NULL',
    );
    expect(runs).toEqual([{ window_from: at(-day), window_to: firstRun, digests_queued: 2 }]);
  });

  it('queues and sends nothing new when run again', async () => {
    await runTimer(at(60 * 1000));
    expect(await peek(queueName)).toEqual([]);
    expect(notify.outbox()).toHaveLength(2);
    expect(await digests()).toHaveLength(2);
    const { rows } = await testDb.database.query<{ digests_queued: number }>(
      'SELECT digests_queued FROM subscription_run WHERE completed_at IS NOT NULL ORDER BY window_to',
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

  it('retries a digest with backoff while Notify is down, then records it as FAILED and audits it', async () => {
    const down = await startLocalNotify({ port: 0 });
    await down.stop();
    mailer = countingMailer(down.baseUrl);
    retry = { ...retry, maxAttempts: 3 };
    try {
      await insertArtefact(testDb.database, {
        locationId: '1501',
        listType: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
        contentDate: '2026-12-03T10:00:00',
        displayFrom: at(2 * day),
        receivedAt: at(2 * day + 60 * 60 * 1000),
      });
      await runTimer(at(3 * day));
      const row = (await digests()).find((d) => d.user_email === reporter.email && d.status === 'FAILED');
      expect(row?.failure_code).toBe(unavailableFailureCode);
      // Each attempt after the first asked Notify whether the unanswered one had gone out, then tried again.
      expect(row?.attempts).toBe(3);
      const { rows: audit } = await testDb.database.query<{ details: { code: string; attempts: number } }>(
        `SELECT details FROM audit_log WHERE action = 'SUBSCRIPTION_EMAIL' AND object_id = $1`,
        [row?.digest_id],
      );
      expect(audit.map((a) => a.details)).toEqual([
        expect.objectContaining({ code: unavailableFailureCode, attempts: 3 }),
      ]);
      expect(await peek(`${queueName}-poison`)).toEqual([]);
    } finally {
      mailer = countingMailer(notify.baseUrl);
      retry = { ...retry, maxAttempts: 10 };
    }
  });
});

describe('when lists become visible, and who may read them', () => {
  it('sends a list whose display-from was in the future when it arrived once it is on display', async () => {
    const later = await insertArtefact(testDb.database, {
      locationId: '1501',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-12-06T10:00:00',
      receivedAt: at(3 * day + 12 * 60 * 60 * 1000),
      displayFrom: at(4 * day + 12 * 60 * 60 * 1000),
    });
    notify.clear();
    await runTimer(at(4 * day));
    expect(notify.outbox()).toEqual([]);
    await runTimer(at(5 * day));
    reporterUnsubscribeLink = String(emailsTo(reporter.email)[0]?.personalisation.unsubscribe_link);
    expect(emailsTo(reporter.email).map((e) => e.personalisation.publications)).toEqual([
      [`Civil Daily Cause List, Oxford Combined Court Centre, 6 December 2026: https://pip.test.example/list/${later}`],
    ]);
    const { rows } = await testDb.database.query<{ window_from: Date; window_to: Date }>(
      'SELECT window_from, window_to FROM subscription_run WHERE completed_at IS NOT NULL ORDER BY window_to DESC LIMIT 1',
    );
    expect(rows).toEqual([{ window_from: at(4 * day - 6 * 60 * 60 * 1000), window_to: at(5 * day) }]);
  });

  it('sends PRIVATE lists to verified people only and CLASSIFIED ones only to the provenances allowed, in their language', async () => {
    await insertCourt(testDb.database, 1503, 'Cardiff Civil and Family Justice Centre');
    const media = await person('PI_AAD', ['VERIFIED'], 'media.reporter@example.com');
    const cft = await person('CFT_IDAM', ['VERIFIED'], 'solicitor@example.com');
    const unverified = await person('PI_AAD', [], 'not.yet.verified@example.com');
    const stranger: Principal = {
      userId: randomUUID(),
      provenance: 'PI_AAD',
      roles: ['VERIFIED'],
      email: 'unknown.here@example.com',
      name: null,
    };
    for (const who of [media, cft, unverified, stranger]) {
      const { userId } = subscriberOf(who);
      await insertSubscription(testDb.database, {
        userId,
        email: who.email ?? '',
        searchType: 'LOCATION_ID',
        searchValue: '1503',
      });
    }
    await setSubscriberEmailLanguage(testDb.database, subscriberOf(cft).userId, 'cy');
    const list = (listType: string, sensitivity: 'PRIVATE' | 'CLASSIFIED') =>
      insertArtefact(testDb.database, {
        locationId: '1503',
        listType,
        sensitivity,
        contentDate: '2026-12-07T10:00:00',
        displayFrom: at(5 * day),
        receivedAt: at(5 * day + 60 * 60 * 1000),
      });
    const sjpPress = await list('SJP_PRESS_LIST', 'CLASSIFIED'); // PI_AAD only
    const civil = await list('CIVIL_DAILY_CAUSE_LIST', 'CLASSIFIED'); // CFT_IDAM only
    const family = await list('FAMILY_DAILY_CAUSE_LIST', 'PRIVATE'); // any verified person
    notify.clear();
    await runTimer(at(6 * day));

    const linksTo = (email: string | null) =>
      emailsTo(email ?? '').flatMap((e) =>
        (e.personalisation.publications as string[]).map((line) => line.replace(/^.*\/list\//, '')),
      );
    expect(linksTo(media.email).sort()).toEqual([sjpPress, family].sort());
    expect(linksTo(cft.email).sort()).toEqual([civil, family].sort());
    expect(emailsTo(unverified.email ?? '')).toEqual([]);
    // Someone the service holds no roles for reads as anyone does, whatever a subscription row says.
    expect(emailsTo(stranger.email ?? '')).toEqual([]);

    // The same rule as the read API: each person got exactly the lists canReadPublication lets them read.
    const facts = { displayFrom: at(5 * day), displayTo: null };
    const received: [Principal, string[]][] = [
      [media, linksTo(media.email)],
      [cft, linksTo(cft.email)],
      [unverified, []],
    ];
    for (const [who, got] of received) {
      for (const [id, listType, sensitivity] of [
        [sjpPress, 'SJP_PRESS_LIST', 'CLASSIFIED'],
        [civil, 'CIVIL_DAILY_CAUSE_LIST', 'CLASSIFIED'],
        [family, 'FAMILY_DAILY_CAUSE_LIST', 'PRIVATE'],
      ] as const) {
        const allowed = canReadPublication(who, { ...facts, listType, sensitivity }, at(6 * day)).allowed;
        expect(got.includes(id), `${who.provenance} ${who.roles.join()} ${listType}`).toBe(allowed);
      }
    }

    // The Welsh speaker's digest uses the Welsh template and Welsh dates.
    const [welsh] = emailsTo(cft.email ?? '');
    expect(welsh?.templateId).toBe(welshTemplateId);
    expect((welsh?.personalisation.publications as string[]).every((line) => line.includes('7 Rhagfyr 2026'))).toBe(
      true,
    );
    expect(emailsTo(media.email ?? '')[0]?.templateId).toBe(templateId);
    const { rows } = await testDb.database.query<{ matches_withheld: number }>(
      'SELECT matches_withheld FROM subscription_run WHERE completed_at IS NOT NULL ORDER BY window_to DESC LIMIT 1',
    );
    // The media reporter's civil list, the solicitor's SJP list, all three for the unverified person and the stranger,
    // and the PRIVATE family list for the (unknown, unverified) LIST_TYPE subscriber of an earlier test.
    expect(rows[0]?.matches_withheld).toBe(1 + 1 + 3 + 3 + 1);
  });
});

describe('the same digest is never sent twice', () => {
  it('delays the digests through a Notify 429 storm but loses none', async () => {
    await insertCourt(testDb.database, 1505, 'Swansea Civil Justice Centre');
    const readers = ['one', 'two', 'three'].map((name) => ({ userId: randomUUID(), email: `${name}@storm.example` }));
    for (const reader of readers) {
      await insertSubscription(testDb.database, { ...reader, searchType: 'LOCATION_ID', searchValue: '1505' });
    }
    await insertArtefact(testDb.database, {
      locationId: '1505',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-12-08T10:00:00',
      displayFrom: at(6 * day),
      receivedAt: at(6 * day + 60 * 60 * 1000),
    });
    notify.clear();
    notify.failNextSends(6, 429);
    const before = notify.counters();
    await runTimer(at(7 * day));

    for (const reader of readers) expect(emailsTo(reader.email)).toHaveLength(1);
    const stormed = (await digests()).filter((d) => d.user_email.endsWith('@storm.example'));
    expect(stormed.map((d) => d.status)).toEqual(['SENT', 'SENT', 'SENT']);
    const tries = stormed.map((d) => attempts.get(d.digest_id) ?? 0);
    expect(tries.reduce((a, b) => a + b, 0)).toBe(3 + 6);
    expect(notify.counters().rateLimited - before.rateLimited).toBe(6);
    expect(await peek(`${queueName}-poison`)).toEqual([]);
  });

  it('sends a digest whose message is delivered twice, even at once, once', async () => {
    await insertCourt(testDb.database, 1504, 'Newport Crown Court');
    const reader = { userId: randomUUID(), email: 'twice@example.com' };
    await insertSubscription(testDb.database, { ...reader, searchType: 'LOCATION_ID', searchValue: '1504' });
    await insertArtefact(testDb.database, {
      locationId: '1504',
      listType: 'CROWN_DAILY_LIST',
      contentDate: '2026-12-09T10:00:00',
      displayFrom: at(7 * day),
      receivedAt: at(7 * day + 60 * 60 * 1000),
    });
    now = at(8 * day);
    const plan = await planDigests(testDb.database, { from: at(7 * day), to: now });
    expect(await storePlannedDigests(testDb.database, plan.digests, now, randomUUID)).toBe(1);
    const [digest] = (await digests()).filter((d) => d.user_email === reader.email);
    const message = { digestId: digest?.digest_id };
    await Promise.all([
      handleSubscriptionDigest(sendDependencies(), message, invocation()),
      handleSubscriptionDigest(sendDependencies(), message, invocation()),
    ]);
    await handleSubscriptionDigest(sendDependencies(), message, invocation());
    expect(emailsTo(reader.email)).toHaveLength(1);
    expect(attempts.get(digest?.digest_id ?? '')).toBe(1);
    expect((await digests()).find((d) => d.digest_id === digest?.digest_id)?.status).toBe('SENT');
  });

  it('does not send again a digest whose sender stopped after Notify took it (restart mid-batch)', async () => {
    await insertCourt(testDb.database, 1506, 'Merthyr Tydfil Combined Court Centre');
    const reader = { userId: randomUUID(), email: 'restart@example.com' };
    await insertSubscription(testDb.database, { ...reader, searchType: 'LOCATION_ID', searchValue: '1506' });
    await insertArtefact(testDb.database, {
      locationId: '1506',
      listType: 'CROWN_DAILY_LIST',
      contentDate: '2026-12-10T10:00:00',
      displayFrom: at(8 * day),
      receivedAt: at(8 * day + 60 * 60 * 1000),
    });
    now = at(8 * day + 2 * 60 * 60 * 1000);
    const plan = await planDigests(testDb.database, { from: at(8 * day), to: now });
    await storePlannedDigests(testDb.database, plan.digests, now, randomUUID);
    const digest = (await digests()).find((d) => d.user_email === reader.email && d.status === 'PENDING');
    const digestId = digest?.digest_id ?? '';
    // The sender claimed it, Notify accepted it, and the instance died before recording that.
    await testDb.database.query(
      `UPDATE subscription_digest SET status = 'SENDING', attempts = 1, claimed_until = $2 WHERE digest_id = $1`,
      [digestId, new Date(now.getTime() + 60_000)],
    );
    const sent = await mailer.sendDigest({
      recipient: reader.email,
      language: 'en',
      personalisation: { publication_count: '1' },
      reference: digestId,
      oneClickUnsubscribeUrl: 'https://pip.test.example/unsubscribe/x',
    });
    // A redelivered message while the claim holds does nothing; the next run, after it ran out, recovers it.
    await handleSubscriptionDigest(sendDependencies(), { digestId }, invocation());
    await runTimer(at(9 * day));
    expect(emailsTo(reader.email)).toHaveLength(1);
    const row = (await digests()).find((d) => d.digest_id === digestId);
    expect(row).toMatchObject({
      status: 'SENT',
      notify_notification_id: sent.kind === 'sent' ? sent.notificationId : '',
    });
    expect(attempts.get(digestId)).toBe(1);
  });
});

describe('the one-click unsubscribe link', () => {
  it('removes every subscription of the people the digest went to, without sign-in, and audits it', async () => {
    const token = tokenOf(reporterUnsubscribeLink);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await inspectUnsubscribeLink(testDb.database, tampered, unsubscribeLinkKeys)).toEqual({ kind: 'invalid' });
    expect(await inspectUnsubscribeLink(testDb.database, token, unsubscribeLinkKeys)).toMatchObject({
      kind: 'valid',
      userIds: [reporter.userId],
      subscriptions: 2,
    });
    expect(await unsubscribeByLink(testDb.database, token, unsubscribeLinkKeys)).toMatchObject({
      kind: 'unsubscribed',
      removed: 2,
    });
    expect(await unsubscribeByLink(testDb.database, token, unsubscribeLinkKeys)).toMatchObject({ removed: 0 });
    const { rows } = await testDb.database.query<{ details: { removed: number } }>(
      `SELECT details FROM audit_log WHERE action = 'SUBSCRIPTION_UNSUBSCRIBE_LINK' ORDER BY occurred_at`,
    );
    expect(rows.map((r) => r.details.removed)).toEqual([2, 0]);

    await insertArtefact(testDb.database, {
      locationId: '1501',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-12-11T10:00:00',
      displayFrom: at(9 * day),
      receivedAt: at(9 * day + 60 * 60 * 1000),
    });
    notify.clear();
    await runTimer(at(10 * day));
    expect(emailsTo(reporter.email)).toEqual([]);
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

describe('Notify failing for a while (issue 18)', () => {
  let court = 1510;
  let dayOffset = 20;

  /** Two new subscribers to a new court with a new list, and the timer run over it; answers their digest rows. */
  async function digestsFor(
    status: 429 | 500 | 503 | 401 | 403,
  ): Promise<{ readers: { userId: string; email: string }[]; rows: Awaited<ReturnType<typeof digests>> }> {
    court += 1;
    dayOffset += 2;
    await insertCourt(testDb.database, court, `Court ${court}`);
    const readers = ['a', 'b'].map((name) => ({ userId: randomUUID(), email: `${name}.${status}@while.example` }));
    for (const reader of readers) {
      await insertSubscription(testDb.database, { ...reader, searchType: 'LOCATION_ID', searchValue: String(court) });
    }
    await insertArtefact(testDb.database, {
      locationId: String(court),
      listType: 'CROWN_DAILY_LIST',
      contentDate: '2026-12-20T10:00:00',
      displayFrom: at(dayOffset * day),
      receivedAt: at(dayOffset * day + 60 * 60 * 1000),
    });
    now = at((dayOffset + 1) * day);
    await host.runOnDemand('dailySubscriptions', '');
    const rows = (await digests()).filter((d) => readers.some((r) => r.email === d.user_email));
    return { readers, rows };
  }

  it.each([429, 500] as const)(
    'delivers each digest exactly once through %i answers for a while, after retries with backoff',
    async (status) => {
      notifyNow = at(30 * day);
      notify.failSends(status, { seconds: 600 });
      const before = notify.counters().injected[status] ?? 0;
      const delays: number[] = [];
      observeLoggedEvents((code, fields) => {
        if (code === 'SUBSCRIPTION_DIGEST_RETRY_SCHEDULED') delays.push(Number(fields.delaySeconds));
      });
      try {
        const { readers, rows } = await digestsFor(status);
        expect(rows).toHaveLength(2);
        // Notify keeps failing until its clock passes the while: each digest is tried, and tried again, meanwhile.
        await eventually(
          async () => {
            await host.drain();
            const tried = rows.map((row) => attempts.get(row.digest_id) ?? 0);
            if (tried.some((n) => n < 3)) throw new Error(`attempts so far ${tried.join(', ')}`);
          },
          { timeoutMs: 30_000, intervalMs: 100 },
        );
        expect(rows.every((row) => emailsTo(row.user_email).length === 0)).toBe(true);
        notifyNow = at(30 * day + 601_000);
        await settle();
        for (const reader of readers) expect(emailsTo(reader.email)).toHaveLength(1);
        const after = (await digests()).filter((d) => rows.some((row) => row.digest_id === d.digest_id));
        expect(after.map((d) => d.status)).toEqual(['SENT', 'SENT']);
        for (const row of after) {
          expect(emailsTo(row.user_email)[0]?.id).toBe(row.notify_notification_id);
          expect(row.attempts).toBe(attempts.get(row.digest_id));
        }
        // Backoff: the retry policy's base (1 s) doubling to its maximum (2 s).
        expect(delays.length).toBeGreaterThanOrEqual(4);
        expect(delays.filter((d) => d === 1)).toHaveLength(2);
        expect(delays.every((d) => d === 1 || d === 2)).toBe(true);
        const failed = (notify.counters().injected[status] ?? 0) - before;
        const tried = after.reduce((sum, row) => sum + row.attempts, 0);
        expect(failed).toBe(tried - 2);
        expect(await peek(`${queueName}-poison`)).toEqual([]);
      } finally {
        observeLoggedEvents(undefined);
        notify.stopFailingSends();
      }
    },
  );

  it.each([401, 403] as const)(
    'records each digest as failed for good when Notify answers %i, for an operator, without retrying it',
    async (status) => {
      notify.failSends(status, { seconds: 600 });
      const codes: string[] = [];
      observeLoggedEvents((code) => codes.push(code));
      try {
        const { readers, rows } = await digestsFor(status);
        await settle();
        const after = (await digests()).filter((d) => rows.some((row) => row.digest_id === d.digest_id));
        expect(after.map((d) => [d.status, d.failure_code, d.attempts])).toEqual([
          ['FAILED', authRejectedFailureCode, 1],
          ['FAILED', authRejectedFailureCode, 1],
        ]);
        expect(rows.map((row) => attempts.get(row.digest_id))).toEqual([1, 1]);
        for (const reader of readers) expect(emailsTo(reader.email)).toEqual([]);
        expect(codes.filter((code) => code === 'SUBSCRIPTION_DIGEST_NOTIFY_KEY_REFUSED')).toHaveLength(2);
        expect(codes).not.toContain('SUBSCRIPTION_DIGEST_RETRY_SCHEDULED');
        const { rows: audit } = await testDb.database.query<{ details: { code: string; status: number } }>(
          `SELECT details FROM audit_log WHERE action = 'SUBSCRIPTION_EMAIL' AND object_id = ANY($1::text[])`,
          [rows.map((row) => row.digest_id)],
        );
        expect(audit.map((a) => [a.details.code, a.details.status])).toEqual([
          [authRejectedFailureCode, status],
          [authRejectedFailureCode, status],
        ]);
        expect(await peek(queueName)).toEqual([]);
        expect(await peek(`${queueName}-poison`)).toEqual([]);
      } finally {
        observeLoggedEvents(undefined);
        notify.stopFailingSends();
      }
    },
  );
});
