/** The digests, their items and the completed runs in PostgreSQL (migration 040_subscriptions.sql). */
import { inTransaction, type Database } from '../db/database.js';
import { livePublicListings } from '../publications/store/publication-records.js';
import type { DigestPublication } from './digest-email.js';
import type { PlannedDigest } from './digest-grouping.js';
import type { Queryable } from './subscription-matching.js';

export type DigestStatus = 'PENDING' | 'QUEUED' | 'SENT' | 'FAILED' | 'CANCELLED';

/** The end of the newest completed run's window, or null before the first run. */
export async function lastRunWindowEnd(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ window_to: Date }>(
    'SELECT window_to FROM subscription_run ORDER BY window_to DESC LIMIT 1',
  );
  return rows[0]?.window_to ?? null;
}

/**
 * Stores the planned digests (status PENDING) with their items, in one transaction. An item another run has
 * recorded meanwhile is skipped (its primary key is the idempotency key), and a digest left without items is not
 * kept. Answers how many digests were stored.
 */
export async function storePlannedDigests(
  database: Database,
  digests: readonly PlannedDigest[],
  plannedFor: Date,
  newId: () => string,
): Promise<number> {
  if (digests.length === 0) return 0;
  const ids = digests.map(() => newId());
  return inTransaction(database, async (client) => {
    await client.query(
      `INSERT INTO subscription_digest (digest_id, user_email, planned_for)
       SELECT d.digest_id, d.user_email, $3 FROM unnest($1::uuid[], $2::text[]) AS d (digest_id, user_email)`,
      [ids, digests.map((d) => d.recipient), plannedFor],
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
    return ids.length - (emptied.rowCount ?? 0);
  });
}

/** Digests planned but not yet known to be queued: this run's, and any an earlier run failed to queue. */
export async function pendingDigestIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ digest_id: string }>(
    `SELECT digest_id FROM subscription_digest WHERE status = 'PENDING' ORDER BY created_at, digest_id`,
  );
  return rows.map((row) => row.digest_id);
}

export async function markDigestsQueued(db: Queryable, digestIds: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE subscription_digest SET status = 'QUEUED', queued_at = now() WHERE digest_id = ANY($1::uuid[]) AND status = 'PENDING'`,
    [digestIds],
  );
}

export async function recordRun(
  db: Queryable,
  run: { runId: string; from: Date; to: Date; matches: number; digestsPlanned: number; digestsQueued: number },
): Promise<void> {
  await db.query(
    `INSERT INTO subscription_run (run_id, window_from, window_to, matches, digests_planned, digests_queued)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [run.runId, run.from, run.to, run.matches, run.digestsPlanned, run.digestsQueued],
  );
}

export interface DigestToSend {
  digestId: string;
  recipient: string;
  status: DigestStatus;
  /** The users the digest tells (for the audit and the logs: never the address). */
  userIds: string[];
  /** Its publications still public and not archived, each once. */
  publications: DigestPublication[];
}

export async function loadDigest(db: Queryable, digestId: string): Promise<DigestToSend | null> {
  const digest = await db.query<{ user_email: string; status: DigestStatus; user_ids: string[] }>(
    `SELECT d.user_email, d.status,
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
  const publications = await livePublicListings(
    db,
    items.rows.map((item) => item.artefact_id),
  );
  return {
    digestId,
    recipient: row.user_email,
    status: row.status,
    userIds: row.user_ids,
    publications,
  };
}

const unsent = `status IN ('PENDING', 'QUEUED')`;

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
