/**
 * The archive timer: publications whose display window has ended are archived. The row stays (archived_at set:
 * readers no longer see it, and a re-sent list starts a new artefact) and the blob is deleted once the row has
 * committed. Running it twice changes nothing the second time; a run that stopped between the two steps leaves
 * blob_deleted_at empty, and the next run finishes the deletion. Third parties subscribed to an archived list's type
 * are told it is gone (a removal push, recorded in the archiving transaction). Each deletion is audited (PUBLICATION_ARCHIVE_DELETE,
 * SUCCESS or FAILURE, the artefact and its blob; no actor: the timer).
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import {
  archiveEndedPublications,
  archivedBlobsToDelete,
  markArchivedBlobDeleted,
} from '../../shared/publications/store/publication-records.js';
import { deletePublicationBlobs } from '../../shared/publications/publication-blobs.js';
import type { PushAnnouncer } from '../../shared/third-parties/push-delivery.js';

export interface ArchivePublicationsDependencies {
  database: Database;
  publications: ContainerClient;
  now(): Date;
  /** Tells the third parties subscribed to an archived list's type that it is gone (issue 15). */
  pushes?: PushAnnouncer;
}

export interface ArchiveRun {
  archived: number;
  blobsDeleted: number;
  blobDeleteFailures: number;
}

export const ARCHIVE_DELETE_ACTION = 'PUBLICATION_ARCHIVE_DELETE';

/** How many blobs are deleted at once. */
const deleteConcurrency = 8;

export async function archivePublications(
  deps: ArchivePublicationsDependencies,
  context: InvocationContext,
): Promise<ArchiveRun> {
  const now = deps.now();
  // An archived list is gone for third parties too: its removal is pushed, recorded in the archiving transaction.
  const pushIds: string[] = [];
  const pushes = deps.pushes;
  const archived = await archiveEndedPublications(
    deps.database,
    now,
    pushes === undefined
      ? undefined
      : async (client, ended) => {
          pushIds.length = 0;
          for (const publication of ended) pushIds.push(...(await pushes.plan(client, 'REMOVED', publication, null)));
        },
  );
  if (pushes !== undefined) await pushes.dispatch(pushIds, context);
  // Every archived row whose blob is not yet known to be gone: this run's, and any an earlier run left behind.
  const pending = await archivedBlobsToDelete(deps.database);
  let blobsDeleted = 0;
  let blobDeleteFailures = 0;
  const queue = [...pending];
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
      try {
        await deletePublicationBlobs(deps.publications, row.blobName);
        await markArchivedBlobDeleted(deps.database, row.artefactId, now);
        await recordAuditEvent(deps.database, {
          action: ARCHIVE_DELETE_ACTION,
          outcome: 'SUCCESS',
          actor: null,
          objectType: 'publication',
          objectId: row.artefactId,
          details: { blobName: row.blobName },
        });
        blobsDeleted += 1;
      } catch (error) {
        blobDeleteFailures += 1;
        await recordAuditEvent(deps.database, {
          action: ARCHIVE_DELETE_ACTION,
          outcome: 'FAILURE',
          actor: null,
          objectType: 'publication',
          objectId: row.artefactId,
          details: { blobName: row.blobName, error: (error as Error).message },
        }).catch(() => undefined); // the database may be what failed; the log below still says so
        logEvent(context, 'error', 'ARCHIVED_PUBLICATION_BLOB_DELETE_FAILED', {
          artefactId: row.artefactId,
          blobName: row.blobName,
          error: (error as Error).message,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: deleteConcurrency }, worker));
  const run: ArchiveRun = { archived, blobsDeleted, blobDeleteFailures };
  logEvent(context, 'info', 'PUBLICATIONS_ARCHIVED', { at: now.toISOString(), ...run });
  return run;
}

/** The timer's entry point: the schedule status is not needed, the clock decides what has ended. */
export async function handleArchiveTimer(
  deps: ArchivePublicationsDependencies,
  _timer: Timer,
  context: InvocationContext,
): Promise<void> {
  await archivePublications(deps, context);
}
