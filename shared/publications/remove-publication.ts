/**
 * Removing a publication, the one way: DELETE api/publication/{id}, court staff's "Remove a list" page and the system
 * admins' publications explorer all call it. The row goes and the removal is audited (PUBLICATION_DELETE, who and
 * when) in one transaction; only then are its blobs deleted (a failure there leaves an orphan nobody can reach, logged
 * for operators). The third parties subscribed to its list type are told (an empty push, planned in that transaction).
 * A removed publication is never announced: the daily digest matches and lists only rows still there
 * (shared/publications/store/subscription-matches.ts, liveListings).
 */
import type { ContainerClient } from '@azure/storage-blob';
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type Database } from '../db/database.js';
import { logEvent, type EventLogger } from '../logging/log-event.js';
import type { Publication } from './publication.js';
import type { PushAnnouncer } from '../third-parties/push-delivery.js';
import { deletePublicationBlobs } from './publication-blobs.js';
import { deletePublication } from './store/publication-records.js';

export interface PublicationRemovalDependencies {
  database: Database;
  publications: ContainerClient;
  /** Tells the third parties subscribed to its list type that it is removed (issue 15). */
  pushes?: PushAnnouncer;
}

/** Where the removal was asked for (recorded with the audit event). */
export type RemovalChannel = 'API' | 'REMOVE_LIST_PAGE' | 'PUBLICATIONS_EXPLORER';

/** The audit action of every removal, whichever way it came. */
export const publicationDeleteAction = 'PUBLICATION_DELETE';

/** Removes the publication (live or archived) and answers it; null (audited as a FAILURE) when there is none. */
export async function removePublication(
  deps: PublicationRemovalDependencies,
  artefactId: string,
  actor: Principal,
  logger: EventLogger,
  via: RemovalChannel,
): Promise<Publication | null> {
  // The deletion and its audit record commit together; the blob goes only once the row is gone.
  // The removal's third-party pushes are recorded in the same transaction (an outbox) and queued after the commit.
  let pushIds: string[] = [];
  const deleted = await inTransaction(deps.database, async (client) => {
    const record = await deletePublication(client, artefactId);
    if (record && deps.pushes !== undefined) pushIds = await deps.pushes.plan(client, 'REMOVED', record, null);
    await recordAuditEvent(client, {
      action: publicationDeleteAction,
      outcome: record ? 'SUCCESS' : 'FAILURE',
      actor,
      objectType: 'publication',
      objectId: artefactId,
      details: record
        ? {
            via,
            locationId: record.locationId,
            listType: record.listType,
            type: record.type,
            sensitivity: record.sensitivity,
            contentDate: record.contentDate,
          }
        : { via, reason: 'NOT_FOUND' },
    });
    return record;
  });
  if (!deleted) return null;
  try {
    await deletePublicationBlobs(deps.publications, deleted.blobName);
  } catch (error) {
    // The row is gone, so nobody can read the blob; the orphan is reported for operators.
    logEvent(logger, 'error', 'PUBLICATION_BLOB_DELETE_FAILED', {
      artefactId,
      blobName: deleted.blobName,
      error: (error as Error).message,
    });
  }
  logEvent(logger, 'info', 'PUBLICATION_DELETED', { artefactId, userId: actor.userId, via });
  if (deps.pushes !== undefined) await deps.pushes.dispatch(pushIds, logger);
  return deleted;
}
