/** The digests, their items and the completed runs in PostgreSQL (migration 040_subscriptions.sql). */
import { inTransaction, type Database } from '../db/database.js';
import { liveListings } from '../publications/store/publication-records.js';
import type { DigestPublication } from './digest-email.js';
import type { PlannedDigest } from './digest-grouping.js';
import type { Queryable } from './subscription-matching.js';

export type DigestStatus = 'PENDING' | 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED' | 'CANCELLED';
export type EmailLanguage = 'en' | 'cy';

/** The end of the newest completed run's window, or null before the first run. */
export async function lastRunWindowEnd(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ window_to: Date }>(
    'SELECT window_to FROM subscription_run WHERE completed_at IS NOT NULL ORDER BY window_to DESC LIMIT 1',
  );
  return rows[0]?.window_to ?? null;
}

/**
 * Each run also looks this far before the previous window's end: a publication received just before a run but
 * stored after it (blob trigger retries) would otherwise fall between windows. The item records make the overlap
 * harmless.
 */
export const ingestionLagAllowanceMs = 6 * 60 * 60 * 1000;

/** Digest items are kept at least this long after their digest was planned (pruneDigestItems). */
export const DIGEST_ITEM_RETENTION_DAYS = 7;

/**
 * Deletes the digest items no run can need again, and answers how many and the cutoff used (null before the first
 * completed run: nothing is deleted). An item is the "already told" record of one publication version for one
 * subscriber; a run matches publications whose news instant falls after the newest completed window's end less
 * ingestionLagAllowanceMs, and an item's instant is never after its digest's planned_for (the end of the window that
 * planned it). So the items of a digest planned before that, and before DIGEST_ITEM_RETENTION_DAYS ago, are never
 * read again by matching; only those of digests finished (SENT, FAILED, CANCELLED) go, since sending reads its
 * digest's items. The people a digest told are kept on it (`told_user_ids`, for its unsubscribe link). `since` (the
 * previous prune's cutoff, less an allowance) bounds the digests looked at; `batch` digests' items go at a time.
 */
export async function pruneDigestItems(
  db: Queryable,
  prune: { now: Date; since: Date | null; batch: number },
): Promise<{ deleted: number; cutoff: Date | null }> {
  const cutoffRow = await db.query<{ cutoff: Date | null }>(
    // least() ignores NULLs: without a completed run there is no cutoff at all.
    `SELECT CASE WHEN max(window_to) IS NOT NULL
                 THEN least($1::timestamptz - make_interval(days => $2), max(window_to) - make_interval(secs => $3))
            END AS cutoff
       FROM subscription_run WHERE completed_at IS NOT NULL`,
    [prune.now, DIGEST_ITEM_RETENTION_DAYS, ingestionLagAllowanceMs / 1000],
  );
  const cutoff = cutoffRow.rows[0]?.cutoff ?? null;
  if (cutoff === null) return { deleted: 0, cutoff: null };
  let deleted = 0;
  for (;;) {
    // One batch of digests: their people kept on the digest (the unsubscribe link reads them), then their items gone.
    // The statements share one snapshot, so the people are read from the items this statement deletes.
    const { rows } = await db.query<{ digests: number; items: number }>(
      `WITH doomed AS (
         SELECT d.digest_id FROM subscription_digest d
          WHERE d.planned_for < $1 AND ($2::timestamptz IS NULL OR d.planned_for >= $2)
            AND d.status IN ('SENT', 'FAILED', 'CANCELLED')
            AND EXISTS (SELECT 1 FROM subscription_digest_item i WHERE i.digest_id = d.digest_id)
          ORDER BY d.planned_for
          LIMIT $3
            FOR UPDATE SKIP LOCKED
       ),
       kept AS (
         UPDATE subscription_digest d
            SET told_user_ids = (SELECT array_agg(DISTINCT i.user_id ORDER BY i.user_id) FROM subscription_digest_item i
                                  WHERE i.digest_id = d.digest_id)
           FROM doomed WHERE d.digest_id = doomed.digest_id
         RETURNING d.digest_id
       ),
       gone AS (
         DELETE FROM subscription_digest_item i USING kept WHERE i.digest_id = kept.digest_id RETURNING 1
       )
       SELECT (SELECT count(*) FROM kept)::int AS digests, (SELECT count(*) FROM gone)::int AS items`,
      [cutoff, prune.since, prune.batch],
    );
    const batch = rows[0] ?? { digests: 0, items: 0 };
    deleted += batch.items;
    if (batch.digests < prune.batch) return { deleted, cutoff };
  }
}

/** The ledger row of a run, written when it starts (completed_at NULL until every digest is queued). */
export async function startRun(db: Queryable, run: { runId: string; from: Date; to: Date }): Promise<void> {
  await db.query('INSERT INTO subscription_run (run_id, window_from, window_to) VALUES ($1, $2, $3)', [
    run.runId,
    run.from,
    run.to,
  ]);
}

export async function completeRun(
  db: Queryable,
  run: { runId: string; matches: number; withheld: number; digestsPlanned: number; digestsQueued: number },
): Promise<void> {
  await db.query(
    `UPDATE subscription_run SET matches = $2, matches_withheld = $3, digests_planned = $4, digests_queued = $5,
            completed_at = now()
      WHERE run_id = $1`,
    [run.runId, run.matches, run.withheld, run.digestsPlanned, run.digestsQueued],
  );
}

/** Records the language a subscriber's digests are written in. */
export async function setSubscriberEmailLanguage(
  db: Queryable,
  userId: string,
  language: EmailLanguage,
): Promise<void> {
  await db.query(
    `INSERT INTO subscriber_email_language (user_id, language) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`,
    [userId, language],
  );
}

/**
 * Stores the planned digests (status PENDING) with their items, in one transaction. An item another run has
 * recorded meanwhile is skipped (its primary key is the idempotency key), and a digest left without items is not
 * kept. A digest is in Welsh when any subscriber it tells chose Welsh. Answers how many digests were stored.
 */
export async function storePlannedDigests(
  database: Database,
  digests: readonly PlannedDigest[],
  plannedFor: Date,
  newId: () => string,
  runId: string | null = null,
): Promise<number> {
  if (digests.length === 0) return 0;
  const ids = digests.map(() => newId());
  return inTransaction(database, async (client) => {
    await client.query(
      `INSERT INTO subscription_digest (digest_id, user_email, planned_for, run_id)
       SELECT d.digest_id, d.user_email, $3, $4 FROM unnest($1::uuid[], $2::text[]) AS d (digest_id, user_email)`,
      [ids, digests.map((d) => d.recipient), plannedFor, runId],
    );
    const items = digests.flatMap((digest, index) => digest.items.map((item) => ({ ...item, digestId: ids[index] })));
    await client.query(
      `INSERT INTO subscription_digest_item (user_id, artefact_id, artefact_version, digest_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[])
       ON CONFLICT (user_id, artefact_id, artefact_version) DO NOTHING`,
      [
        items.map((i) => i.userId),
        items.map((i) => i.artefactId),
        items.map((i) => i.artefactVersion),
        items.map((i) => i.digestId),
      ],
    );
    const emptied = await client.query(
      `DELETE FROM subscription_digest d WHERE d.digest_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM subscription_digest_item i WHERE i.digest_id = d.digest_id)`,
      [ids],
    );
    await client.query(
      `UPDATE subscription_digest d SET language = 'cy'
        WHERE d.digest_id = ANY($1::uuid[])
          AND EXISTS (SELECT 1 FROM subscription_digest_item i JOIN subscriber_email_language l USING (user_id)
                       WHERE i.digest_id = d.digest_id AND l.language = 'cy')`,
      [ids],
    );
    return ids.length - (emptied.rowCount ?? 0);
  });
}

/**
 * A digest QUEUED with no send attempt for this long has no message left: the host parked it in -poison after its
 * retries (an error other than Notify's, which the sender throws). Notify's retries are at most
 * DIGEST_RETRY_MAX_SECONDS (an hour) apart, and a run's messages are all visible within minutes, so half a day
 * without an attempt cannot be a message still waiting.
 */
export const orphanedQueuedDigestMs = 12 * 60 * 60 * 1000;

/** The digests a run queues: see pendingDigestIds. */
const toQueue = `(status = 'PENDING'
     OR (status = 'SENDING' AND claimed_until < $1)
     OR (status = 'QUEUED' AND coalesce(last_attempt_at, queued_at, created_at) < $1::timestamptz - make_interval(secs => $2)))`;

/**
 * Digests to queue: planned but not yet known to be queued (this run's, and any an earlier run failed to queue), any
 * whose sender's claim ran out without an outcome (the sender died mid-send; the reclaim asks Notify first), and any
 * QUEUED whose message was parked in -poison (orphanedQueuedDigestMs). A digest queued twice is still sent once: the
 * sender's claim is the lock.
 */
export async function pendingDigestIds(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ digest_id: string }>(
    `SELECT digest_id FROM subscription_digest WHERE ${toQueue} ORDER BY created_at, digest_id`,
    [now, orphanedQueuedDigestMs / 1000],
  );
  return rows.map((row) => row.digest_id);
}

export async function markDigestsQueued(db: Queryable, digestIds: readonly string[], now: Date): Promise<void> {
  await db.query(
    `UPDATE subscription_digest
        SET status = 'QUEUED', queued_at = $1, claimed_until = NULL,
            send_outcome_unknown = send_outcome_unknown OR status = 'SENDING'
      WHERE digest_id = ANY($3::uuid[]) AND ${toQueue}`,
    [now, orphanedQueuedDigestMs / 1000, digestIds],
  );
}

export interface DigestToSend {
  digestId: string;
  recipient: string;
  status: DigestStatus;
  language: EmailLanguage;
  /** The users the digest tells (for the audit and the logs: never the address). */
  userIds: string[];
  /** Its publications still live (not archived, not INTERNAL), each once. */
  publications: DigestPublication[];
}

export async function loadDigest(db: Queryable, digestId: string): Promise<DigestToSend | null> {
  const digest = await db.query<{
    user_email: string;
    status: DigestStatus;
    language: EmailLanguage;
    user_ids: string[];
  }>(
    `SELECT d.user_email, d.status, d.language,
            coalesce((SELECT array_agg(DISTINCT i.user_id::text) FROM subscription_digest_item i WHERE i.digest_id = d.digest_id), '{}') AS user_ids
       FROM subscription_digest d WHERE d.digest_id = $1`,
    [digestId],
  );
  const row = digest.rows[0];
  if (!row) return null;
  // The publications themselves are read through their store (shared/publications/store), which owns `artefact`.
  const items = await db.query<{ artefact_id: string }>(
    'SELECT artefact_id FROM subscription_digest_item WHERE digest_id = $1',
    [digestId],
  );
  const publications = await liveListings(
    db,
    items.rows.map((item) => item.artefact_id),
  );
  return {
    digestId,
    recipient: row.user_email,
    status: row.status,
    language: row.language,
    userIds: row.user_ids,
    publications,
  };
}

const unsent = `status IN ('PENDING', 'QUEUED', 'SENDING')`;

export type DigestClaim =
  | {
      claimed: true;
      attempts: number;
      /** An earlier attempt may have reached Notify (its claim ran out, or Notify did not answer): ask first. */
      outcomeUnknown: boolean;
    }
  | { claimed: false };

/**
 * Claims a digest for one send attempt until `now + leaseMs`: only a digest still to be sent, or one whose earlier
 * claim ran out, can be claimed, and only by one sender at a time (the update is the lock). A message delivered twice
 * finds it claimed or sent and does nothing.
 */
export async function claimDigest(db: Queryable, digestId: string, now: Date, leaseMs: number): Promise<DigestClaim> {
  const { rows } = await db.query<{ attempts: number; outcome_unknown: boolean }>(
    `UPDATE subscription_digest d
        SET status = 'SENDING', attempts = d.attempts + 1, claimed_until = $2, last_attempt_at = $3,
            send_outcome_unknown = false
       FROM (SELECT digest_id, status = 'SENDING' OR send_outcome_unknown AS outcome_unknown
               FROM subscription_digest WHERE digest_id = $1 FOR UPDATE) before
      WHERE d.digest_id = before.digest_id
        AND (d.status IN ('PENDING', 'QUEUED') OR (d.status = 'SENDING' AND d.claimed_until < $3))
      RETURNING d.attempts, before.outcome_unknown`,
    [digestId, new Date(now.getTime() + leaseMs), now],
  );
  const row = rows[0];
  return row ? { claimed: true, attempts: row.attempts, outcomeUnknown: row.outcome_unknown } : { claimed: false };
}

/** Gives a claimed digest back for a later attempt (Notify rate limited, erred, or did not answer: outcome unknown). */
export async function releaseDigestForRetry(db: Queryable, digestId: string, outcomeUnknown = false): Promise<void> {
  await db.query(
    `UPDATE subscription_digest SET status = 'QUEUED', claimed_until = NULL, send_outcome_unknown = $2
      WHERE digest_id = $1 AND status = 'SENDING'`,
    [digestId, outcomeUnknown],
  );
}

export async function markDigestSent(db: Queryable, digestId: string, notificationId: string): Promise<void> {
  await db.query(
    `UPDATE subscription_digest SET status = 'SENT', notify_notification_id = $2, completed_at = now()
      WHERE digest_id = $1 AND ${unsent}`,
    [digestId, notificationId],
  );
}

export async function markDigestFailed(
  db: Queryable,
  digestId: string,
  failure: { code: string; detail: string },
): Promise<void> {
  await db.query(
    `UPDATE subscription_digest SET status = 'FAILED', failure_code = $2, failure_detail = $3, completed_at = now()
      WHERE digest_id = $1 AND ${unsent}`,
    [digestId, failure.code, failure.detail],
  );
}

export async function markDigestCancelled(db: Queryable, digestId: string): Promise<void> {
  await db.query(
    `UPDATE subscription_digest SET status = 'CANCELLED', completed_at = now() WHERE digest_id = $1 AND ${unsent}`,
    [digestId],
  );
}
