/**
 * The `third_party_push` table (migration 075; this module owns it): one push of one version of one publication to
 * one third party. Planned when a list is published, updated or removed; claimed, delivered, retried and settled by
 * the queue-triggered sender (push-delivery.ts). Versions of one list (one artefact) go to a third party in order:
 * a push is claimed only when no earlier version for the same pair is still PENDING.
 */
import type { Database, DatabaseClient } from '../db/database.js';
import type { ThirdParty } from './third-party.js';
import { findThirdParty } from './third-party-store.js';

export type PushEvent = 'PUBLISHED' | 'UPDATED' | 'REMOVED';
export type PushStatus = 'PENDING' | 'DELIVERED' | 'SKIPPED' | 'FAILED';

/** What is pushed, as it was when the version was planned. */
export interface PlannedPush {
  artefactId: string;
  version: number;
  event: PushEvent;
  listType: string | null;
  locationId: string;
  contentDate: string;
  sensitivity: string;
  language: string;
  contentType: string;
  fileName: string | null;
  /** Where the body's snapshot is (the push container); null for a removal. */
  blobName: string | null;
}

export interface Push extends PlannedPush {
  pushId: string;
  thirdPartyId: string;
  status: PushStatus;
  attempts: number;
}

// Each column named as Push names its field, so a row is a Push as it comes.
const columns = `push_id::text AS "pushId", third_party_id AS "thirdPartyId", artefact_id AS "artefactId", version, event,
  list_type AS "listType", location_id AS "locationId", content_date AS "contentDate", sensitivity, language,
  content_type AS "contentType", file_name AS "fileName", blob_name AS "blobName", status, attempts`;

/**
 * Plans the push of one version to each of these third parties; answers the new push ids (none for a replan). Called
 * inside the transaction that makes the change (the outbox): the rows commit with it or not at all.
 */
export async function planPushes(
  database: Database | DatabaseClient,
  thirdPartyIds: readonly string[],
  push: PlannedPush,
): Promise<string[]> {
  if (thirdPartyIds.length === 0) return [];
  const { rows } = await database.query<{ push_id: string }>(
    `INSERT INTO third_party_push (third_party_id, artefact_id, version, event, list_type, location_id, content_date,
       sensitivity, language, content_type, file_name, blob_name)
     SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
     ON CONFLICT (third_party_id, artefact_id, version) DO NOTHING
     RETURNING push_id::text AS push_id`,
    [
      thirdPartyIds,
      push.artefactId,
      push.version,
      push.event,
      push.listType,
      push.locationId,
      push.contentDate,
      push.sensitivity,
      push.language,
      push.contentType,
      push.fileName,
      push.blobName,
    ],
  );
  return rows.map((row) => row.push_id);
}

export type PushClaim =
  | { kind: 'claimed'; push: Push; thirdParty: ThirdParty | null }
  /** Settled already (a message delivered twice), or no such push. */
  | { kind: 'done' }
  /** An earlier version for the same third party and list is still pending: its sender delivers this one after. */
  | { kind: 'waiting' }
  /** Another sender holds it. */
  | { kind: 'held' }
  /** A later version of the list has been delivered already: this one must not overwrite it. */
  | { kind: 'stale'; push: Push };

/** Claims a pending push for `leaseSeconds`, if no earlier version of the same list is pending for that party. */
export async function claimPush(database: Database, pushId: string, leaseSeconds: number): Promise<PushClaim> {
  if (!/^\d{1,18}$/.test(pushId)) return { kind: 'done' };
  const { rows } = await database.query<
    Push & { earlierPending: boolean; laterDelivered: boolean; claimable: boolean }
  >(
    `SELECT ${columns},
            EXISTS (SELECT 1 FROM third_party_push e
                     WHERE e.third_party_id = p.third_party_id AND e.artefact_id = p.artefact_id
                       AND e.version < p.version AND e.status = 'PENDING') AS "earlierPending",
            EXISTS (SELECT 1 FROM third_party_push l
                     WHERE l.third_party_id = p.third_party_id AND l.artefact_id = p.artefact_id
                       AND l.version > p.version AND l.status = 'DELIVERED') AS "laterDelivered",
            (p.claimed_until IS NULL OR p.claimed_until < now()) AS claimable
       FROM third_party_push p WHERE push_id = $1`,
    [pushId],
  );
  const [row] = rows;
  if (!row || row.status !== 'PENDING') return { kind: 'done' };
  const { earlierPending, laterDelivered, claimable, ...push } = row;
  if (laterDelivered) return { kind: 'stale', push };
  if (earlierPending) return { kind: 'waiting' };
  if (!claimable) return { kind: 'held' };
  const claimed = await database.query(
    `UPDATE third_party_push SET claimed_until = now() + make_interval(secs => $2)
      WHERE push_id = $1 AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())`,
    [pushId, leaseSeconds],
  );
  if (claimed.rowCount !== 1) return { kind: 'held' };
  return { kind: 'claimed', push, thirdParty: await findThirdParty(database, push.thirdPartyId) };
}

/** Settles a push for good (a failed attempt was counted by `releasePush`). */
export async function settlePush(
  database: Database,
  pushId: string,
  status: Exclude<PushStatus, 'PENDING'>,
  error: string | null = null,
): Promise<void> {
  await database.query(
    `UPDATE third_party_push SET status = $2, last_error = $3, claimed_until = NULL, settled_at = now(),
            attempts = attempts + CASE WHEN $2 = 'DELIVERED' THEN 1 ELSE 0 END
      WHERE push_id = $1`,
    [pushId, status, error],
  );
}

/** A failed attempt that will be retried: answers how many attempts have now failed. */
export async function releasePush(
  database: Database,
  pushId: string,
  error: string,
  retryInSeconds: (attempts: number) => number,
): Promise<number> {
  const { rows } = await database.query<{ attempts: number }>(
    `UPDATE third_party_push SET attempts = attempts + 1, last_error = $2, claimed_until = NULL
      WHERE push_id = $1 RETURNING attempts`,
    [pushId, error],
  );
  const attempts = rows[0]?.attempts ?? 0;
  // When its retry message is due: the sweeper queues it again only if that message never runs.
  await database.query(`UPDATE third_party_push SET due_at = now() + make_interval(secs => $2) WHERE push_id = $1`, [
    pushId,
    retryInSeconds(attempts),
  ]);
  return attempts;
}

/** Its message was queued now (after the commit that planned it, or by the sweeper). */
export async function markQueued(database: Database, pushIds: readonly string[]): Promise<void> {
  if (pushIds.length === 0) return;
  await database.query(`UPDATE third_party_push SET due_at = now() WHERE push_id = ANY ($1::bigint[])`, [pushIds]);
}

/**
 * The pushes whose message is overdue by more than `graceSeconds`: the first pending version of each (third party,
 * list), unclaimed (later versions follow it: its sender continues with them). At most `limit`, oldest first.
 */
export async function overduePushes(database: Database, graceSeconds: number, limit: number): Promise<string[]> {
  const { rows } = await database.query<{ push_id: string }>(
    `SELECT push_id::text AS push_id FROM (
       SELECT DISTINCT ON (third_party_id, artefact_id) push_id, due_at, claimed_until
         FROM third_party_push WHERE status = 'PENDING'
        ORDER BY third_party_id, artefact_id, version) first
      WHERE due_at < now() - make_interval(secs => $1) AND (claimed_until IS NULL OR claimed_until < now())
      ORDER BY due_at LIMIT $2`,
    [graceSeconds, limit],
  );
  return rows.map((row) => row.push_id);
}

/** A parked push: every attempt failed. */
export interface ParkedPush extends Push {
  lastError: string | null;
  settledAt: Date | null;
}

/** A third party's parked (FAILED) pushes, newest first (operators: GET /api/third-parties/{id}/pushes). */
export async function parkedPushes(database: Database, thirdPartyId: string, limit = 100): Promise<ParkedPush[]> {
  const { rows } = await database.query<ParkedPush>(
    `SELECT ${columns}, last_error AS "lastError", settled_at AS "settledAt" FROM third_party_push
      WHERE third_party_id = $1 AND status = 'FAILED' ORDER BY push_id DESC LIMIT $2`,
    [thirdPartyId, limit],
  );
  return rows;
}

/** How many pushes are parked, per third party (the admin page). */
export async function parkedPushCounts(database: Database): Promise<Map<string, number>> {
  const { rows } = await database.query<{ third_party_id: string; parked: string }>(
    `SELECT third_party_id, count(*) AS parked FROM third_party_push WHERE status = 'FAILED' GROUP BY third_party_id`,
  );
  return new Map(rows.map((row) => [row.third_party_id, Number(row.parked)]));
}

/**
 * Puts a parked push back in line (an operator, once the receiver is fixed): PENDING, attempts from zero, and due
 * long ago, so the sweeper's next run queues it. Answers false when it is not a parked push of this third party.
 * Versions stay in order: a version older than one since delivered is skipped as stale when its message runs.
 */
export async function unparkPush(database: Database, thirdPartyId: string, pushId: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(pushId)) return false;
  const updated = await database.query(
    `UPDATE third_party_push SET status = 'PENDING', attempts = 0, last_error = NULL, settled_at = NULL,
            claimed_until = NULL, due_at = now() - interval '1 day'
      WHERE push_id = $1 AND third_party_id = $2 AND status = 'FAILED'`,
    [pushId, thirdPartyId],
  );
  return updated.rowCount === 1;
}

/** The earliest pending version of the same list for the same third party, if any: the next one to send. */
export async function nextPendingPush(
  database: Database,
  thirdPartyId: string,
  artefactId: string,
): Promise<string | null> {
  const { rows } = await database.query<{ push_id: string }>(
    `SELECT push_id::text AS push_id FROM third_party_push
      WHERE third_party_id = $1 AND artefact_id = $2 AND status = 'PENDING'
      ORDER BY version LIMIT 1`,
    [thirdPartyId, artefactId],
  );
  return rows[0]?.push_id ?? null;
}

/**
 * Whether any push of this snapshot is still pending or parked (else its blob can go): a parked push keeps its body
 * until it is retried, or until the container's lifecycle rule deletes it (bicep: thirdPartyPushes).
 */
export async function snapshotStillNeeded(database: Database, blobName: string): Promise<boolean> {
  const { rows } = await database.query<{ needed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM third_party_push WHERE blob_name = $1 AND status IN ('PENDING', 'FAILED')) AS needed`,
    [blobName],
  );
  return rows[0]?.needed ?? false;
}

/** A third party's pushes, oldest first (tests, operators). */
export async function pushesTo(database: Database, thirdPartyId: string): Promise<Push[]> {
  const { rows } = await database.query<Push>(
    `SELECT ${columns} FROM third_party_push WHERE third_party_id = $1 ORDER BY push_id`,
    [thirdPartyId],
  );
  return rows;
}
