/**
 * Reading a court's live case status as screens see it: the latest PUBLIC live case status update (LCSU) inside its
 * display window (shared/publications/store/publication-records.ts latestLiveCaseStatus), its stored payload, and the
 * cases under reporting restrictions as of it. The JSON feed (functions/live-case-feed) serves the payload with each
 * restricted case's name withheld (feedBodyWithRestrictions); the screen page (functions/web) reads it.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../db/database.js';
import { latestLiveCaseStatus } from '../publications/store/publication-records.js';
import { downloadIfPresent } from '../storage/read-blob.js';

export interface LiveStatusRecord {
  artefactId: string;
  blobName: string;
  /** When the update was received (superseding updates move it on). */
  lastReceivedAt: Date;
  /**
   * The case numbers under reporting restrictions as of this update (shared/court-screens/reporting-restrictions.ts):
   * their names are never shown.
   */
  restrictedCaseNumbers: string[];
}

export type LiveStatusRead =
  | { kind: 'none' }
  /** Superseded between the query and the download, or lost by storage: callers answer "no live updates now". */
  | { kind: 'blob-missing'; record: LiveStatusRecord }
  | { kind: 'found'; record: LiveStatusRecord; body: Buffer };

export async function readLiveStatus(
  database: Database,
  publications: ContainerClient,
  locationId: number,
  now: Date,
): Promise<LiveStatusRead> {
  const record = await latestLiveCaseStatus(database, locationId, now);
  if (!record) return { kind: 'none' };
  const body = await downloadIfPresent(publications.getBlobClient(record.blobName));
  return body === null ? { kind: 'blob-missing', record } : { kind: 'found', record, body };
}
