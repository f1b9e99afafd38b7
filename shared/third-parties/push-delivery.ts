/**
 * Pushing publications to third parties (issue 15).
 *
 * The announcer (an outbox): when a list is published, updated, removed or archived, `plan` runs inside the
 * transaction that makes the change, and each ACTIVE third party subscribed to its list type (push_list_types) whose
 * registered role may read it gets one push row; `dispatch` sends one queue message `{ "pushId": "…" }` each after
 * the commit, and `sweepPushes` (a timer) queues any whose message is overdue. The body is kept as a snapshot blob
 * `{artefactId}/{version}` in the push container, so every version can still be sent after a newer one has replaced
 * the publication's own blob.
 *
 * `deliverPush` (the queue-triggered sender): POSTs the version to the third party's endpoint with a bearer token from
 * their token server (client credentials, cached until expiry). Body: the payload (`application/json`), or the file
 * with its content type; a removal is an empty body. Headers name the list type, court, content date, sensitivity,
 * language, event and version. Versions of one list go in order: a push waits while an earlier version for the
 * same party is pending (that one's sender continues with it), and one older than a version already delivered is
 * skipped. A failed attempt is retried with exponential backoff (the message is sent again, invisible for the
 * backoff); after the last attempt the push is FAILED and its message goes to the poison queue. A suspended third
 * party receives nothing (its pushes are SKIPPED).
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import type { Database, DatabaseClient } from '../db/database.js';
import { logEvent, type EventLogger } from '../logging/log-event.js';
import { canReadPublication } from '../publications/access/can-read-publication.js';
import type { Publication } from '../publications/publication.js';
import { downloadIfPresent } from '../storage/read-blob.js';
import type { PushClient } from './push-client.js';
import {
  claimPush,
  markQueued,
  nextPendingPush,
  overduePushes,
  planPushes,
  releasePush,
  settlePush,
  snapshotStillNeeded,
  type Push,
  type PushEvent,
} from './push-store.js';
import type { ThirdParty } from './third-party.js';
import { pushSubscribersTo } from './third-party-store.js';

export interface PushAnnouncerDependencies {
  database: Database;
  /** The push container (snapshots of what is pushed). */
  snapshots: ContainerClient;
  /** The queue the sender reads. */
  queue: QueueClient;
}

/**
 * What a publication's way in (blob-uploaded), out (removal) and end (the archive timer) call: an outbox.
 *
 * `plan` runs inside the transaction that makes the change, so the pushes commit with it or not at all; `dispatch`
 * queues their messages after the commit. A crash between the two leaves pending pushes with no message: the sweeper
 * (`sweepPushes`) queues them once they are overdue.
 */
export interface PushAnnouncer {
  /** Records the pushes of this version (snapshotting its body first); answers their ids. Inside the transaction. */
  plan(client: DatabaseClient, event: PushEvent, publication: Publication, body: Uint8Array | null): Promise<string[]>;
  /** Queues the planned pushes' messages (after the commit). Never throws: what it could not queue, the sweeper does. */
  dispatch(pushIds: readonly string[], logger: EventLogger): Promise<void>;
}

/** May this third party, as registered, read this list (whatever its display window: pushes go out on publish)? */
function mayRead(thirdParty: ThirdParty, publication: Publication): boolean {
  const principal: Principal = {
    userId: thirdParty.oauthClientId ?? thirdParty.thirdPartyId,
    provenance: 'THIRD_PARTY',
    roles: [thirdParty.role],
    email: null,
    name: thirdParty.name,
  };
  const facts = { ...publication, displayFrom: new Date(0), displayTo: null };
  return canReadPublication(principal, facts, new Date(1)).allowed;
}

export const pushMessage = (pushId: string): string => Buffer.from(JSON.stringify({ pushId })).toString('base64');

/** The version a push carries: the artefact's superseded_count; a removal is one more than the last version. */
export const pushVersion = (event: PushEvent, publication: Publication): number =>
  event === 'REMOVED' ? publication.supersededCount + 1 : publication.supersededCount;

export function createPushAnnouncer(deps: PushAnnouncerDependencies): PushAnnouncer {
  return {
    async plan(client, event, publication, body) {
      if (publication.listType === null) return [];
      const subscribers = (await pushSubscribersTo(client, publication.listType)).filter((thirdParty) =>
        mayRead(thirdParty, publication),
      );
      if (subscribers.length === 0) return [];
      const version = pushVersion(event, publication);
      let blobName: string | null = null;
      if (event !== 'REMOVED' && body !== null) {
        // Written before the rows commit, so a committed push always finds its body. A transaction rolled back
        // after it leaves an orphan: overwritten by its retry, or deleted by the container's lifecycle rule.
        blobName = `${publication.artefactId}/${version}`;
        await deps.snapshots.createIfNotExists();
        await deps.snapshots.getBlockBlobClient(blobName).uploadData(body, {
          blobHTTPHeaders: { blobContentType: publication.contentType },
        });
      }
      return planPushes(
        client,
        subscribers.map((thirdParty) => thirdParty.thirdPartyId),
        {
          artefactId: publication.artefactId,
          version,
          event,
          listType: publication.listType,
          locationId: publication.locationId,
          contentDate: publication.contentDate,
          sensitivity: publication.sensitivity,
          language: publication.language,
          contentType: publication.contentType,
          fileName: publication.fileName,
          blobName,
        },
      );
    },
    async dispatch(pushIds, logger) {
      if (pushIds.length === 0) return;
      try {
        await queuePushes(deps, pushIds);
        logEvent(logger, 'info', 'THIRD_PARTY_PUSH_PLANNED', { pushes: pushIds.length });
      } catch (error) {
        // The pushes are recorded: the sweeper queues them once overdue.
        logEvent(logger, 'error', 'THIRD_PARTY_PUSH_QUEUE_FAILED', {
          pushes: pushIds.length,
          error: (error as Error).message,
        });
      }
    },
  };
}

async function queuePushes(
  deps: { database: Database; queue: QueueClient },
  pushIds: readonly string[],
): Promise<void> {
  await deps.queue.createIfNotExists();
  for (const pushId of pushIds) await deps.queue.sendMessage(pushMessage(pushId));
  await markQueued(deps.database, pushIds);
}

export interface PushSweepDependencies {
  database: Database;
  queue: QueueClient;
  /** How overdue a pending push's message must be before it is queued again. */
  graceSeconds: number;
  /** At most this many per run (the rest next run). */
  batchSize: number;
}

/**
 * The outbox's sweeper (the thirdPartyPushSweep timer): queues every pending push whose message is overdue (never
 * queued after its commit, or lost). A message queued twice is harmless: a push is claimed once and settled once.
 * Answers how many were queued.
 */
export async function sweepPushes(deps: PushSweepDependencies, logger: EventLogger): Promise<number> {
  const overdue = await overduePushes(deps.database, deps.graceSeconds, deps.batchSize);
  if (overdue.length > 0) {
    await queuePushes(deps, overdue);
    logEvent(logger, 'warn', 'THIRD_PARTY_PUSH_REQUEUED', { pushes: overdue.length });
  }
  return overdue.length;
}

export interface PushSenderDependencies {
  database: Database;
  snapshots: ContainerClient;
  /** The queue the sender reads: a retry is sent again here, delayed. */
  queue: QueueClient;
  /** Where a push goes when every attempt failed: `<queue>-poison`, as the host names it. */
  poisonQueue: QueueClient;
  client: PushClient;
  /** Attempts before a push is FAILED (the first included). */
  maxAttempts: number;
  /** Backoff before retry n (1, 2, …): base × 2^(n-1), at most `maxBackoffSeconds`. */
  backoffBaseSeconds: number;
  maxBackoffSeconds: number;
  /** How long a sender holds a push while sending it. */
  leaseSeconds: number;
}

/** The headers every push carries (the live service's names where it has them). */
export function pushHeaders(push: Push): Record<string, string> {
  return {
    'x-list-type': push.listType ?? '',
    'x-court-id': push.locationId,
    'x-content-date': push.contentDate,
    'x-sensitivity': push.sensitivity,
    'x-language': push.language,
    'x-artefact-id': push.artefactId,
    'x-publication-event': push.event,
    'x-publication-version': String(push.version),
  };
}

export function backoffSeconds(
  deps: Pick<PushSenderDependencies, 'backoffBaseSeconds' | 'maxBackoffSeconds'>,
  attempt: number,
): number {
  return Math.min(deps.maxBackoffSeconds, deps.backoffBaseSeconds * 2 ** Math.max(0, attempt - 1));
}

type Attempt =
  { kind: 'delivered' } | { kind: 'skipped'; reason: string } | { kind: 'failed'; retryable: boolean; message: string };

async function attempt(deps: PushSenderDependencies, push: Push, thirdParty: ThirdParty | null): Promise<Attempt> {
  if (thirdParty === null) return { kind: 'skipped', reason: 'THIRD_PARTY_GONE' };
  if (thirdParty.status !== 'ACTIVE') return { kind: 'skipped', reason: `THIRD_PARTY_${thirdParty.status}` };
  if (thirdParty.push === null) return { kind: 'skipped', reason: 'NO_PUSH_SETTINGS' };
  let body: Uint8Array | undefined;
  const headers = pushHeaders(push);
  if (push.event !== 'REMOVED') {
    if (push.blobName === null) return { kind: 'skipped', reason: 'NO_BODY' };
    const bytes = await downloadIfPresent(deps.snapshots.getBlobClient(push.blobName));
    if (bytes === null) return { kind: 'skipped', reason: 'SNAPSHOT_GONE' };
    body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    headers['content-type'] = push.contentType;
    if (push.fileName !== null) headers['x-file-name'] = encodeURIComponent(push.fileName);
  }
  const answer = await deps.client.send(
    thirdParty.push,
    thirdParty.push.endpoint,
    { method: 'POST', headers, ...(body === undefined ? {} : { body }) },
    'PUSH',
  );
  if (answer.ok) return { kind: 'delivered' };
  return { kind: 'failed', retryable: answer.retryable, message: `${answer.stage}: ${answer.message}` };
}

/** Each version sent (or given up on) is a data transfer to that third party: audited THIRD_PARTY_PUSH. */
async function auditPush(
  deps: PushSenderDependencies,
  push: Push,
  outcome: 'SUCCESS' | 'FAILURE',
  details: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(deps.database, {
    action: 'THIRD_PARTY_PUSH',
    outcome,
    actor: null,
    objectType: 'publication',
    objectId: push.artefactId,
    details: {
      thirdPartyId: push.thirdPartyId,
      version: push.version,
      event: push.event,
      listType: push.listType,
      sensitivity: push.sensitivity,
      ...details,
    },
  });
}

async function dropSnapshotIfDone(deps: PushSenderDependencies, push: Push): Promise<void> {
  if (push.blobName === null || (await snapshotStillNeeded(deps.database, push.blobName))) return;
  await deps.snapshots.getBlobClient(push.blobName).deleteIfExists();
}

/**
 * Handles one queue message: sends that push and then, in order, any later versions of the same list waiting for
 * it. Throws only for the unexpected (the database or storage unreachable): the host then retries the message.
 */
export async function deliverPush(deps: PushSenderDependencies, pushId: string, logger: EventLogger): Promise<void> {
  let current: string | null = pushId;
  while (current !== null) {
    const claim = await claimPush(deps.database, current, deps.leaseSeconds);
    if (claim.kind === 'stale') {
      await settlePush(deps.database, current, 'SKIPPED', 'STALE');
      logEvent(logger, 'info', 'THIRD_PARTY_PUSH_SKIPPED', { pushId: current, reason: 'STALE' });
      await dropSnapshotIfDone(deps, claim.push);
      return;
    }
    if (claim.kind !== 'claimed') return;
    const { push, thirdParty } = claim;
    const result = await attempt(deps, push, thirdParty);
    const fields = {
      pushId: push.pushId,
      thirdPartyId: push.thirdPartyId,
      artefactId: push.artefactId,
      version: push.version,
      event: push.event,
    };
    if (result.kind === 'failed') {
      const attempts = await releasePush(deps.database, push.pushId, result.message, (n) =>
        result.retryable && n < deps.maxAttempts ? backoffSeconds(deps, n) : 0,
      );
      if (result.retryable && attempts < deps.maxAttempts) {
        const delay = backoffSeconds(deps, attempts);
        await deps.queue.sendMessage(pushMessage(push.pushId), { visibilityTimeout: delay });
        logEvent(logger, 'warn', 'THIRD_PARTY_PUSH_RETRYING', {
          ...fields,
          attempts,
          retryInSeconds: delay,
          error: result.message,
        });
        return;
      }
      await settlePush(deps.database, push.pushId, 'FAILED', result.message);
      await auditPush(deps, push, 'FAILURE', { attempts, error: result.message });
      await deps.poisonQueue.createIfNotExists();
      await deps.poisonQueue.sendMessage(pushMessage(push.pushId));
      logEvent(logger, 'error', 'THIRD_PARTY_PUSH_FAILED', { ...fields, attempts, error: result.message });
    } else if (result.kind === 'skipped') {
      await settlePush(deps.database, push.pushId, 'SKIPPED', result.reason);
      logEvent(logger, 'info', 'THIRD_PARTY_PUSH_SKIPPED', { ...fields, reason: result.reason });
    } else {
      await settlePush(deps.database, push.pushId, 'DELIVERED');
      await auditPush(deps, push, 'SUCCESS', {});
      logEvent(logger, 'info', 'THIRD_PARTY_PUSH_DELIVERED', fields);
    }
    await dropSnapshotIfDone(deps, push);
    current = await nextPendingPush(deps.database, push.thirdPartyId, push.artefactId);
  }
}
