/**
 * What became of submissions, for the concurrency and fault benches: waiting until none is pending, counting how
 * they ended (published, or rejected with which reason), and the payload blobs no artefact names (orphans).
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../shared/db/database.js';
import { isRenditionBlobName } from '../shared/publications/renditions/rendition-blobs.js';

/** Polls until none of `submissionIds` is pending; answers the milliseconds it took (throws after `limitMs`). */
export async function settle(database: Database, submissionIds: readonly string[], limitMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const { rows } = await database.query<{ count: string }>(
        `SELECT count(*) FROM submission WHERE submission_id = ANY($1::uuid[]) AND status = 'pending'`,
        [submissionIds],
      );
      if (Number(rows[0]?.count ?? 0) === 0) return performance.now() - started;
    } catch {
      // The database may be the fault under test: ask again.
    }
    if (performance.now() - started > limitMs) throw new Error(`submissions still pending after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How the submissions ended: `published`, `pending`, and `rejected: <reason>` with a count each. */
export async function submissionOutcomes(
  database: Database,
  submissionIds: readonly string[],
): Promise<Record<string, number>> {
  const { rows } = await database.query<{ outcome: string; count: string }>(
    `SELECT CASE WHEN status = 'rejected' THEN 'rejected: ' || coalesce(left(error, 80), '(no reason)') ELSE status END
              AS outcome, count(*)
       FROM submission WHERE submission_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
    [submissionIds],
  );
  const known = rows.reduce((sum, row) => sum + Number(row.count), 0);
  const outcomes = Object.fromEntries(rows.map((row) => [row.outcome, Number(row.count)]));
  // A submission the database never recorded (accepted, then lost) is the worst outcome: count it apart.
  if (known < submissionIds.length) outcomes['not recorded'] = submissionIds.length - known;
  return outcomes;
}

/** Payload blobs in the container that no artefact names and no pending submission is still to publish. */
export async function orphanBlobs(database: Database, publications: ContainerClient): Promise<string[]> {
  const { rows } = await database.query<{ blob_name: string }>(`SELECT blob_name FROM artefact`);
  const named = new Set(rows.map((row) => row.blob_name));
  const pending = await database.query<{ submission_id: string }>(
    `SELECT submission_id FROM submission WHERE status = 'pending'`,
  );
  const pendingIds = pending.rows.map((row) => row.submission_id);
  const orphans: string[] = [];
  for await (const blob of publications.listBlobsFlat()) {
    if (named.has(blob.name) || isRenditionBlobName(blob.name)) continue;
    if (pendingIds.some((id) => blob.name.includes(id))) continue;
    orphans.push(blob.name);
  }
  return orphans;
}

/** The submissions of `submissionIds` still pending (or never recorded). */
export async function stillPending(database: Database, submissionIds: readonly string[]): Promise<string[]> {
  const { rows } = await database.query<{ submission_id: string }>(
    `SELECT submission_id FROM submission WHERE submission_id = ANY($1::uuid[]) AND status <> 'pending'`,
    [submissionIds],
  );
  const settled = new Set(rows.map((row) => row.submission_id));
  return submissionIds.filter((id) => !settled.has(id));
}
