/**
 * The daily-subscriptions timer: matches the publications that became visible since the last completed run against
 * every subscription (in SQL), keeps the matches each subscriber may read, plans one digest per recipient email, and
 * queues one message per digest on subscription-notifications (the sendSubscriptionDigest trigger sends it).
 *
 * The run ledger: a subscription_run row is written when the run starts, with its window, and completed once every
 * message is queued; the next run starts from the newest completed window.
 *
 * Idempotency: a publication version is planned for a subscriber once (subscription_digest_item's key) and a run
 * plans at most one digest per recipient (subscription_digest's (run_id, email) key), so a re-run over the same
 * window plans nothing; digests planned but not queued by a failed run, or whose sender died mid-send, are queued
 * by the next one.
 *
 * Pacing: message i is made visible floor(i * 60 / DIGEST_SENDS_PER_MINUTE) seconds after queueing, so however far
 * the host scales out, digests are not offered faster than the setting (retries come on top, spaced by backoff).
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { QueueClient } from '@azure/storage-queue';
import type { Database } from '../../shared/db/database.js';
import { planDigests } from '../../shared/subscriptions/digest-planning.js';
import {
  completeRun,
  ingestionLagAllowanceMs,
  lastRunWindowEnd,
  markDigestsQueued,
  pendingDigestIds,
  startRun,
  storePlannedDigests,
} from '../../shared/subscriptions/digest-store.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { digestMessage } from './send-subscription-digest-handler.js';

export interface DailySubscriptionsDependencies {
  database: Database;
  /** The subscription-notifications queue. */
  notifications: QueueClient;
  now: () => Date;
  newId: () => string;
  /** DIGEST_SENDS_PER_MINUTE. */
  sendsPerMinute: number;
}

/**
 * The digest goes out daily at 06:00 UK time, so lists published overnight reach people before the courts sit. Azure
 * runs timers in UTC (Flex Consumption does not honour WEBSITE_TIME_ZONE), and 06:00 in London is 05:00 UTC in summer
 * (BST) and 06:00 UTC in winter (GMT): the timer fires at both, and the run whose London hour is not 06 does nothing.
 */
export const dailySubscriptionsSchedule = '0 0 5,6 * * *';
/** The UK hour (Europe/London, 0-23) the digest is sent in. */
export const digestUkHour = 6;

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

/** The hour of the day in the UK (Europe/London, with British Summer Time) at an instant. */
export function ukHourOf(instant: Date): number {
  return Number(londonHour.formatToParts(instant).find((part) => part.type === 'hour')?.value);
}
/** The first run ever looks back one day. */
export const firstRunLookbackMs = 24 * 60 * 60 * 1000;
/** Each run also looks this far before the previous window's end (shared/subscriptions/digest-store.ts). */
export { ingestionLagAllowanceMs };
/** The queue's initial visibility delay of the index-th message of a run: an even spread at sendsPerMinute. */
export function pacedDelaySeconds(index: number, sendsPerMinute: number): number {
  return Math.floor((index * 60) / sendsPerMinute);
}
/** Queue writes in flight at once. */
const queueConcurrency = 32;

export async function queueDigests(
  queue: QueueClient,
  digestIds: readonly string[],
  sendsPerMinute: number,
): Promise<void> {
  for (let start = 0; start < digestIds.length; start += queueConcurrency) {
    await Promise.all(
      digestIds.slice(start, start + queueConcurrency).map((digestId, offset) =>
        queue.sendMessage(digestMessage(digestId), {
          visibilityTimeout: pacedDelaySeconds(start + offset, sendsPerMinute),
        }),
      ),
    );
  }
}

export async function runDailySubscriptions(
  deps: DailySubscriptionsDependencies,
  _timer: Timer | undefined,
  context: InvocationContext,
): Promise<void> {
  const to = deps.now();
  if (ukHourOf(to) !== digestUkHour) {
    // The other of the two UTC occurrences: in summer 06:00 UTC is 07:00 in London, in winter 05:00 UTC is 05:00.
    logEvent(context, 'info', 'SUBSCRIPTION_RUN_SKIPPED', { at: to.toISOString(), ukHour: ukHourOf(to) });
    return;
  }
  const previousEnd = await lastRunWindowEnd(deps.database);
  const from = previousEnd
    ? new Date(previousEnd.getTime() - ingestionLagAllowanceMs)
    : new Date(to.getTime() - firstRunLookbackMs);
  const runId = deps.newId();
  await startRun(deps.database, { runId, from, to });

  const plan = await planDigests(deps.database, { from, to });
  const planned = await storePlannedDigests(deps.database, plan.digests, to, deps.newId, runId);

  const pending = await pendingDigestIds(deps.database, to);
  await queueDigests(deps.notifications, pending, deps.sendsPerMinute);
  await markDigestsQueued(deps.database, pending, to);

  await completeRun(deps.database, {
    runId,
    matches: plan.matches,
    withheld: plan.withheld,
    digestsPlanned: planned,
    digestsQueued: pending.length,
  });
  logEvent(context, 'info', 'SUBSCRIPTION_RUN_COMPLETED', {
    runId,
    windowFrom: from.toISOString(),
    windowTo: to.toISOString(),
    matches: plan.matches,
    matchesWithheld: plan.withheld,
    digestsPlanned: planned,
    digestsQueued: pending.length,
  });
}
