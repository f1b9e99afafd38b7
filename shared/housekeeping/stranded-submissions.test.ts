/**
 * The stranded submission sweep over real PostgreSQL and Azurite: a submission left pending past the threshold is
 * published from its blob by the blob trigger's code, or rejected when its blob is gone; a fresh one is left to its
 * trigger; a second sweep finds nothing; each outcome is an event and the run is recorded.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeStoredPublication } from '../publications/intake/stored-publication.js';
import { storedPublication } from '../../test-support/stored-publication.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import type { EventLogger } from '../logging/log-event.js';
import { BLOB_GONE_REASON, STRANDED_AFTER_MS, sweepStrandedSubmissions } from './stranded-submissions.js';

let testDb: TestDatabase;
let publications: ContainerClient;
const clock = new Date('2026-11-30T06:00:00Z');
const events: { event: unknown; submissionId: unknown }[] = [];
const record = (entry: unknown): void => {
  const { event, submissionId } = entry as { event: unknown; submissionId: unknown };
  events.push({ event, submissionId });
};
const logger: EventLogger = { invocationId: 'sweep-test', debug: record, info: record, warn: record, error: record };

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
});

afterAll(async () => {
  await Promise.all([testDb.drop(), publications.deleteIfExists()]);
});

/** A submission recorded as ingest-publication records it, received `ageMs` before the clock, with or without blob. */
async function pendingSubmission(ageMs: number, courtId: string, withBlob: boolean): Promise<string> {
  const body = Buffer.from('{"document":{},"venue":{},"courtLists":[]}', 'utf8');
  const receivedAt = new Date(clock.getTime() - ageMs).toISOString();
  const publication = storedPublication({ receivedAt, courtId, payloadSize: body.length });
  if (withBlob) {
    await publications.getBlockBlobClient(publication.submissionId).uploadData(body, {
      metadata: encodeStoredPublication(publication),
    });
  }
  await testDb.database.query(
    'INSERT INTO submission (submission_id, received_at, provenance, submitted_by) VALUES ($1, $2, $3, $4)',
    [publication.submissionId, receivedAt, publication.provenance, publication.submittedBy],
  );
  return publication.submissionId;
}

async function submission(submissionId: string) {
  const { rows } = await testDb.database.query<{ status: string; error: string | null; artefact_id: string | null }>(
    'SELECT status, error, artefact_id FROM submission WHERE submission_id = $1',
    [submissionId],
  );
  return rows[0];
}

async function artefactsOf(submissionId: string): Promise<number> {
  const { rows } = await testDb.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM artefact WHERE submission_id = $1',
    [submissionId],
  );
  return rows[0]?.n ?? 0;
}

const deps = () => ({ database: testDb.database, publications, now: () => clock });

describe('stranded submission sweep', () => {
  it('publishes a stranded submission from its blob, rejects one whose blob is gone, leaves a fresh one, once', async () => {
    const stranded = await pendingSubmission(STRANDED_AFTER_MS + 60_000, `sweep-${randomUUID()}`, true);
    const lost = await pendingSubmission(2 * STRANDED_AFTER_MS, `sweep-${randomUUID()}`, false);
    const fresh = await pendingSubmission(60_000, `sweep-${randomUUID()}`, true);

    const first = await sweepStrandedSubmissions(deps(), logger);

    expect(await submission(stranded)).toMatchObject({ status: 'published', error: null });
    expect(await artefactsOf(stranded)).toBe(1);
    expect(await submission(lost)).toEqual({ status: 'rejected', error: BLOB_GONE_REASON, artefact_id: null });
    expect(await submission(fresh)).toMatchObject({ status: 'pending' });
    expect(await artefactsOf(fresh)).toBe(0);
    expect(first).toMatchObject({
      job: 'STRANDED_SUBMISSION_SWEEP',
      outcome: 'DONE',
      details: { claimed: 2, published: 1, blobGone: 1, rejected: 0, stillPending: 0, submissionIds: [lost, stranded] },
    });
    const sweepEvents = events.filter((e) => String(e.event).startsWith('STRANDED_SUBMISSION_'));
    expect(sweepEvents).toEqual([
      { event: 'STRANDED_SUBMISSION_BLOB_GONE', submissionId: lost },
      { event: 'STRANDED_SUBMISSION_PUBLISHED', submissionId: stranded },
    ]);

    // A second sweep (the fresh one still under the threshold) finds nothing and changes nothing.
    const logged = events.length;
    const second = await sweepStrandedSubmissions(deps(), logger);
    expect(second).toMatchObject({ outcome: 'NOTHING_TO_DO', details: { claimed: 0 } });
    expect(events.length).toBe(logged);
    expect(await artefactsOf(stranded)).toBe(1);
    expect(await submission(fresh)).toMatchObject({ status: 'pending' });

    const { rows } = await testDb.database.query<{ outcome: string }>(
      "SELECT outcome FROM housekeeping_run WHERE job = 'STRANDED_SUBMISSION_SWEEP' ORDER BY run_id",
    );
    expect(rows.map((r) => r.outcome)).toEqual(['DONE', 'NOTHING_TO_DO']);
  });

  it('rejects a stranded submission whose stored payload the publishing code refuses, with its reason', async () => {
    const submissionId = await pendingSubmission(STRANDED_AFTER_MS + 1_000, `sweep-${randomUUID()}`, true);
    // The payload is replaced by one of another size: the trigger's code rejects it as not the one received.
    const properties = await publications.getBlobClient(submissionId).getProperties();
    await publications.getBlockBlobClient(submissionId).uploadData(Buffer.from('{}'), {
      metadata: properties.metadata ?? {},
    });
    const run = await sweepStrandedSubmissions(deps(), logger);
    expect(await submission(submissionId)).toMatchObject({
      status: 'rejected',
      error: 'The stored payload is not the one received',
    });
    expect(run.details).toMatchObject({ claimed: 1, rejected: 1 });
    expect(events.at(-1)).toEqual({ event: 'STRANDED_SUBMISSION_REJECTED', submissionId });
  });

  it('never takes a submission two concurrent sweeps both see: each is published once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 6 }, () => pendingSubmission(STRANDED_AFTER_MS + 5_000, `sweep-${randomUUID()}`, true)),
    );
    const runs = await Promise.all([
      sweepStrandedSubmissions(deps(), logger),
      sweepStrandedSubmissions(deps(), logger),
    ]);
    const claimed = runs.reduce((sum, r) => sum + Number(r.details.claimed), 0);
    expect(claimed).toBe(6);
    for (const id of ids) {
      expect(await submission(id)).toMatchObject({ status: 'published' });
      expect(await artefactsOf(id)).toBe(1);
    }
  });
});
