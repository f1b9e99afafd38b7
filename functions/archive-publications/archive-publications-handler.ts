/**
 * The archive timer: publications whose display window has ended are archived. The row stays (archived_at set:
 * readers no longer see it, and a re-sent list starts a new artefact) and the blob is deleted once the row has
 * committed. Running it twice changes nothing the second time; a run that stopped between the two steps leaves
 * blob_deleted_at empty, and the next run finishes the deletion.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import {
  archiveEndedPublications,
  archivedBlobsToDelete,
  markArchivedBlobDeleted,
} from '../../shared/publications/store/publication-records.js';
import { deletePublicationBlobs } from '../../shared/publications/publication-blobs.js';

export interface ArchivePublicationsDependencies {
  database: Database;
  publications: ContainerClient;
  now(): Date;
}

export interface ArchiveRun {
  archived: number;
  blobsDeleted: number;
  blobDeleteFailures: number;
}

/** How many blobs are deleted at once. */
const deleteConcurrency = 8;

export async function archivePublications(
  deps: ArchivePublicationsDependencies,
  context: InvocationContext,
): Promise<ArchiveRun> {
  const now = deps.now();
  const archived = await archiveEndedPublications(deps.database, now);
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
        blobsDeleted += 1;
      } catch (error) {
        blobDeleteFailures += 1;
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
