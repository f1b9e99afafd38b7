/**
 * Seed 3.6.10: "back up the list of registered media subscribers whenever a new user is added". A frequent timer
 * (functions/housekeeping) compares the media subscribers' fingerprint (their count and a digest of their ids,
 * shared/users/media-subscribers.ts) with the one the last backup recorded; when it changed (someone was added, or
 * removed) it writes every media subscriber as a CSV blob to the private `media-subscriber-backups` container, one
 * blob per backup, named by its time, and records the run (shared/housekeeping/housekeeping-runs.ts); otherwise it
 * records that nothing changed. The first run always backs up.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../db/database.js';
import { cell } from '../reference-data/court-export.js';
import { mediaSubscribers, mediaSubscribersFingerprint } from '../users/media-subscribers.js';
import { latestHousekeepingRun, runHousekeeping, type HousekeepingRun } from './housekeeping-runs.js';

export interface MediaSubscriberBackupDependencies {
  database: Database;
  /** The private container the backups are written to (containers.mediaSubscriberBackups). */
  container: ContainerClient;
  now: () => Date;
}

export const MEDIA_SUBSCRIBERS_CSV_HEADER = 'user_id,email,forenames,surname,created_at,last_signed_in_at';

/** `media-subscribers/2026-11-30T01-15-00.000Z.csv`: sorted by time, no characters a blob name must escape. */
export function backupBlobName(at: Date): string {
  return `media-subscribers/${at.toISOString().replaceAll(':', '-')}.csv`;
}

export async function mediaSubscribersCsv(database: Database): Promise<{ csv: string; count: number }> {
  const subscribers = await mediaSubscribers(database);
  const lines = [MEDIA_SUBSCRIBERS_CSV_HEADER];
  for (const s of subscribers) {
    lines.push(
      [
        s.userId,
        s.email ?? '',
        s.forenames ?? '',
        s.surname ?? '',
        s.createdAt.toISOString(),
        s.lastSignedInAt.toISOString(),
      ]
        .map(cell)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, count: subscribers.length };
}

export function backUpMediaSubscribers(deps: MediaSubscriberBackupDependencies): Promise<HousekeepingRun> {
  return runHousekeeping(deps.database, 'MEDIA_SUBSCRIBER_BACKUP', deps.now, async () => {
    const fingerprint = await mediaSubscribersFingerprint(deps.database);
    const last = await latestHousekeepingRun(deps.database, 'MEDIA_SUBSCRIBER_BACKUP', ['DONE']);
    if (last !== null && last.details.digest === fingerprint.digest && last.details.count === fingerprint.count) {
      return { outcome: 'NOTHING_TO_DO', details: { ...fingerprint, unchangedSince: last.startedAt.toISOString() } };
    }
    const { csv } = await mediaSubscribersCsv(deps.database);
    const blobName = backupBlobName(deps.now());
    await deps.container.createIfNotExists();
    const body = Buffer.from(csv, 'utf8');
    await deps.container.getBlockBlobClient(blobName).uploadData(body, {
      blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
    });
    return { outcome: 'DONE', details: { ...fingerprint, blobName, bytes: body.length } };
  });
}
