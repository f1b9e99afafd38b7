/**
 * bench/faults' Notify phase (issue 18, "make Notify fail for a while"): the daily digest timer and sender, registered
 * on the bench's host as in production, send through the real notifications-node-client to the local Notify, which
 * is told to answer 429 for a while, then 500 for a while (those digests must each be delivered exactly once), and
 * then 401 and 403 for a while (each digest recorded as FAILED for good, NOTIFY_AUTH_REJECTED, not retried).
 *
 * Figures: digests planned, sent once, sent twice (two emails with one reference at Notify), lost (neither sent nor
 * failed once settled), failed for good and with which code, Notify's injected answers, and how long after Notify
 * recovered the last digest went.
 */
import { randomUUID } from 'node:crypto';
import type { QueueServiceClient } from '@azure/storage-queue';
import { registerDailySubscriptions } from '../functions/daily-subscriptions/registration.js';
import { startLocalNotify, type InjectedSendFailure, type LocalNotify } from '../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { siteUrlFrom } from '../shared/config/site-url.js';
import type { Database } from '../shared/db/database.js';
import { createNotifyMailer } from '../shared/subscriptions/notify-mailer.js';
import { insertArtefact, insertCourt, insertSubscription } from '../test-support/subscription-fixtures.js';
import { reportResult } from './bench-result.js';

const SUBSCRIBERS = 200;
const COURT = 1502;
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

interface DigestRow {
  digest_id: string;
  status: string;
  failure_code: string | null;
  attempts: number;
}

export interface NotifyFaults {
  /** Registers the digest timer and sender (before the host starts). */
  register(): void;
  /** Runs the phases against the started host; answers the lines to print. */
  run(host: LocalFunctionsHost, outageMs: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function prepareNotifyFaults(
  database: Database,
  queues: QueueServiceClient,
  queueName: string,
): Promise<NotifyFaults> {
  const notifications = queues.getQueueClient(queueName);
  const notify: LocalNotify = await startLocalNotify({ port: 0 });
  const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId: TEMPLATE_ID });
  // The timer works only at 06:00 UK time (05:00 or 06:00 UTC): each run is a day on a clock of the bench's own.
  let runAt = new Date('2033-01-01T06:00:00Z');
  return {
    register() {
      registerDailySubscriptions(
        () => ({ database, notifications, now: () => runAt, newId: randomUUID, sendsPerMinute: 6000 }),
        () => ({
          database,
          mailer,
          siteUrl: siteUrlFrom('https://pip.bench.example'),
          notifications,
          unsubscribeLinkKeys: { signingKeyId: 'bench', keys: new Map([['bench', Buffer.alloc(32, 3)]]) },
          retry: { baseSeconds: 1, maxSeconds: 4, maxAttempts: 12 },
          now: () => runAt,
        }),
        // Run by hand here, never by its schedule.
        { queueName: notifications.name, schedule: '0 0 0 1 1 *' },
      );
    },

    async run(host, outageMs) {
      await notifications.createIfNotExists();
      await insertCourt(database, COURT, 'Bench Notify Court');
      for (let i = 0; i < SUBSCRIBERS; i += 1) {
        await insertSubscription(database, {
          userId: randomUUID(),
          email: `subscriber${i}@bench.example`,
          searchType: 'LOCATION_ID',
          searchValue: String(COURT),
        });
      }
      let day = 0;
      /** A new list at the court, then the timer: one digest per subscriber. Answers the run's digest ids. */
      const runTimer = async (): Promise<string[]> => {
        day += 1;
        runAt = new Date(Date.UTC(2033, 0, day, 6));
        await insertArtefact(database, {
          locationId: String(COURT),
          listType: 'CROWN_DAILY_LIST',
          contentDate: `2033-01-${String(day).padStart(2, '0')}T10:00:00`,
          displayFrom: new Date(runAt.getTime() - 2 * 60 * 60 * 1000),
          receivedAt: new Date(runAt.getTime() - 60 * 60 * 1000),
        });
        const { rows: before } = await database.query<{ digest_id: string }>(
          'SELECT digest_id FROM subscription_digest',
        );
        const known = new Set(before.map((row) => row.digest_id));
        await host.runOnDemand('dailySubscriptions', '');
        const { rows } = await database.query<{ digest_id: string }>('SELECT digest_id FROM subscription_digest');
        return rows.map((row) => row.digest_id).filter((id) => !known.has(id));
      };
      /** Waits until none of `ids` is still to send; answers their rows, and when the last one settled. */
      const settle = async (ids: string[], limitMs: number): Promise<{ rows: DigestRow[]; at: number }> => {
        const started = performance.now();
        for (;;) {
          await host.drain();
          const { rows } = await database.query<DigestRow>(
            `SELECT digest_id, status, failure_code, attempts FROM subscription_digest WHERE digest_id = ANY($1::uuid[])`,
            [ids],
          );
          const open = rows.filter((row) => ['PENDING', 'QUEUED', 'SENDING'].includes(row.status));
          if (open.length === 0 || performance.now() - started > limitMs) return { rows, at: performance.now() };
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const byStatus = (rows: DigestRow[]) => {
        const counts: Record<string, number> = {};
        for (const row of rows) {
          const key = row.status === 'FAILED' ? `FAILED ${row.failure_code ?? ''}` : row.status;
          counts[key] = (counts[key] ?? 0) + 1;
        }
        return counts;
      };
      /** Emails at Notify per digest id (the reference). */
      const emailsPerDigest = (): Map<string, number> => {
        const counts = new Map<string, number>();
        for (const email of notify.outbox()) {
          if (email.reference !== null) counts.set(email.reference, (counts.get(email.reference) ?? 0) + 1);
        }
        return counts;
      };
      const lines: string[] = [];

      // 429 for a while, then 500 for a while: every digest delivered once.
      notify.clear();
      const injectedBefore = { ...notify.counters().injected };
      // 429 from before the timer runs (it queues the digests paced) until `outageMs` after it has queued them all.
      notify.failSends(429);
      const transientIds = await runTimer();
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      notify.failSends(500, { seconds: outageMs / 1000 });
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      const recoveredAt = performance.now();
      const transient = await settle(transientIds, 120_000);
      const emails = emailsPerDigest();
      const sentOnce = transientIds.filter((id) => emails.get(id) === 1).length;
      const sentTwice = transientIds.filter((id) => (emails.get(id) ?? 0) > 1).length;
      const lost = transient.rows.filter((row) => row.status !== 'SENT' && row.status !== 'FAILED').length;
      const notSent = transientIds.length - sentOnce - sentTwice;
      const injected = (status: InjectedSendFailure) =>
        (notify.counters().injected[status] ?? 0) - (injectedBefore[status] ?? 0);
      const maxAttempts = Math.max(0, ...transient.rows.map((row) => row.attempts));
      lines.push(
        `Notify 429 until ${outageMs} ms after the digests were queued, then 500 for ${outageMs} ms: ${transientIds.length} digests planned; ` +
          `Notify answered 429 ${injected(429)} times and 500 ${injected(500)} times; afterwards ${JSON.stringify(byStatus(transient.rows))}; ` +
          `sent once ${sentOnce}, sent twice ${sentTwice}, not sent ${notSent}, still open ${lost}; ` +
          `most attempts for one digest ${maxAttempts}; all settled ${(transient.at - recoveredAt).toFixed(0)} ms after Notify recovered`,
      );
      reportResult({
        measure: 'faults: digests lost or sent twice while Notify answered 429, then 500, for a while',
        figure: transientIds.length - sentOnce,
        unit: 'digests',
        comparison: `${transientIds.length} planned, ${sentOnce} sent exactly once (${injected(429)} × 429, ${injected(500)} × 500 answered)`,
        ratio: null,
        goal: '= 0',
        met: sentOnce === transientIds.length,
      });

      // 401, then 403, for a while: every digest recorded as failed for good, none retried.
      for (const status of [401, 403] as const) {
        notify.clear();
        notify.failSends(status, { seconds: 600 });
        const ids = await runTimer();
        const settled = await settle(ids, 60_000);
        notify.stopFailingSends();
        const permanent = settled.rows.filter(
          (row) => row.status === 'FAILED' && row.failure_code === 'NOTIFY_AUTH_REJECTED' && row.attempts === 1,
        ).length;
        lines.push(
          `Notify ${status} for a while: ${ids.length} digests planned; ${JSON.stringify(byStatus(settled.rows))}; ` +
            `recorded FAILED NOTIFY_AUTH_REJECTED after one attempt ${permanent}; emails sent ${notify.outbox().length}`,
        );
        reportResult({
          measure: `faults: digests recorded as failed for good (not retried) while Notify answered ${status}`,
          figure: permanent,
          unit: 'digests',
          comparison: `${ids.length} planned`,
          ratio: null,
          goal: '= all planned',
          met: permanent === ids.length,
        });
      }
      // Nothing failed for good by a thrown error: the digest queue's poison queue stays empty.
      const poison = queues.getQueueClient(`${queueName}-poison`);
      let poisoned = 0;
      if (await poison.exists()) {
        poisoned = (await poison.getProperties()).approximateMessagesCount ?? 0;
      }
      lines.push(`digest poison queue (${queueName}-poison): ${poisoned} messages`);
      return lines;
    },

    stop: () => notify.stop(),
  };
}
