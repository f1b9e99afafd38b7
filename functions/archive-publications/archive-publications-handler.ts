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
  // One statement claims the rows, so two overlapping runs never archive the same one twice.
  const archived = await deps.database.query<{ artefact_id: string }>(
    `UPDATE artefact SET archived_at = $1
      WHERE archived_at IS NULL AND display_to IS NOT NULL AND display_to < $1
      RETURNING artefact_id`,
    [now],
  );
  // Every archived row whose blob is not yet known to be gone: this run's, and any an earlier run left behind.
  const pending = await deps.database.query<{ artefact_id: string; blob_name: string }>(
    'SELECT artefact_id, blob_name FROM artefact WHERE archived_at IS NOT NULL AND blob_deleted_at IS NULL ORDER BY archived_at',
  );
  let blobsDeleted = 0;
  let blobDeleteFailures = 0;
  const queue = [...pending.rows];
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
      try {
        await deps.publications.getBlobClient(row.blob_name).deleteIfExists();
        await deps.database.query('UPDATE artefact SET blob_deleted_at = $2 WHERE artefact_id = $1', [
          row.artefact_id,
          now,
        ]);
        blobsDeleted += 1;
      } catch (error) {
        blobDeleteFailures += 1;
        logEvent(context, 'error', 'ARCHIVED_PUBLICATION_BLOB_DELETE_FAILED', {
          artefactId: row.artefact_id,
          blobName: row.blob_name,
          error: (error as Error).message,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: deleteConcurrency }, worker));
  const run: ArchiveRun = { archived: archived.rowCount ?? 0, blobsDeleted, blobDeleteFailures };
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
