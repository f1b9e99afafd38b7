/**
 * The daily-subscriptions timer: matches the publications made available since the last run against every
 * subscription, plans one digest per recipient email, and queues one message per digest on subscription-notifications
 * (the sendSubscriptionDigest trigger sends it). The run window is recorded only once every message is queued.
 *
 * Idempotency: a publication version is planned for a subscriber once (subscription_digest_item's key), so a re-run
 * over the same window plans nothing; digests planned but not queued by a failed run are queued by the next one.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { QueueClient } from '@azure/storage-queue';
import type { Database } from '../../shared/db/database.js';
import { groupIntoDigests } from '../../shared/subscriptions/digest-grouping.js';
import {
  lastRunWindowEnd,
  markDigestsQueued,
  pendingDigestIds,
  recordRun,
  storePlannedDigests,
} from '../../shared/subscriptions/digest-store.js';
import { findNewMatches } from '../../shared/publications/store/subscription-matches.js';
import { logEvent } from '../../shared/logging/log-event.js';

export interface DailySubscriptionsDependencies {
  database: Database;
  /** The subscription-notifications queue. */
  notifications: QueueClient;
  now: () => Date;
  newId: () => string;
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
/**
 * Each run also looks this far before the previous window's end: a publication received just before a run but
 * stored after it (blob trigger retries) would otherwise fall between windows. The item records make the overlap
 * harmless.
 */
export const ingestionLagAllowanceMs = 6 * 60 * 60 * 1000;
/**
 * Notify allows 3,000 messages a minute per service. Messages are made visible in slices of this many a minute (the
 * queue's initial visibility delay), so however far the host scales out, digests cannot be sent faster; the
 * headroom is for the service's other emails.
 */
export const digestsPerMinute = 2500;
/** Queue writes in flight at once. */
const queueConcurrency = 32;

export function digestMessage(digestId: string): string {
  // The Functions host reads queue messages as base64 (host.json default messageEncoding).
  return Buffer.from(JSON.stringify({ digestId }), 'utf8').toString('base64');
}

async function queueDigests(queue: QueueClient, digestIds: readonly string[]): Promise<void> {
  for (let start = 0; start < digestIds.length; start += queueConcurrency) {
    await Promise.all(
      digestIds.slice(start, start + queueConcurrency).map((digestId, offset) =>
        queue.sendMessage(digestMessage(digestId), {
          visibilityTimeout: Math.floor((start + offset) / digestsPerMinute) * 60,
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

  const matches = await findNewMatches(deps.database, { from, to });
  const planned = await storePlannedDigests(deps.database, groupIntoDigests(matches), to, deps.newId);

  const pending = await pendingDigestIds(deps.database);
  await queueDigests(deps.notifications, pending);
  await markDigestsQueued(deps.database, pending);

  const runId = deps.newId();
  await recordRun(deps.database, {
    runId,
    from,
    to,
    matches: matches.length,
    digestsPlanned: planned,
    digestsQueued: pending.length,
  });
  logEvent(context, 'info', 'SUBSCRIPTION_RUN_COMPLETED', {
    runId,
    windowFrom: from.toISOString(),
    windowTo: to.toISOString(),
    matches: matches.length,
    digestsPlanned: planned,
    digestsQueued: pending.length,
  });
}
