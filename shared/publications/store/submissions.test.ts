/** Submission rows whichever side writes first: the accepting function or the blob trigger. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { storedPublication } from '../../../test-support/stored-publication.js';
import { markSubmissionPublished, recordSubmission, rejectSubmission } from './submissions.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

const publication = () => storedPublication({ receivedAt: '2026-11-28T10:00:00.000Z' });

const upload = (submissionId: string) => ({
  action: 'PUBLICATION_UPLOAD',
  outcome: 'SUCCESS' as const,
  actor: null,
  objectType: 'submission',
  objectId: submissionId,
});

async function submission(
  id: string,
): Promise<{ status: string; artefact_id: string | null; error: string | null } | undefined> {
  const { rows } = await testDb.database.query<{ status: string; artefact_id: string | null; error: string | null }>(
    'SELECT status, artefact_id, error FROM submission WHERE submission_id = $1',
    [id],
  );
  return rows[0];
}

describe('submissions', () => {
  it('are recorded pending with their audit event in one statement, then published', async () => {
    const p = publication();
    await recordSubmission(testDb.database, p, upload(p.submissionId));
    expect(await submission(p.submissionId)).toEqual({ status: 'pending', artefact_id: null, error: null });
    const artefactId = randomUUID();
    await markSubmissionPublished(testDb.database, p, { artefactId, locationId: '1501', supersededCount: 0 });
    expect(await submission(p.submissionId)).toMatchObject({ status: 'published', artefact_id: artefactId });
    const { rows } = await testDb.database.query('SELECT action FROM audit_log WHERE object_id = $1', [p.submissionId]);
    expect(rows).toEqual([{ action: 'PUBLICATION_UPLOAD' }]);
  });

  it('stay published when the blob trigger wins the race, and the late record still writes its audit event', async () => {
    const p = publication();
    const artefactId = randomUUID();
    await markSubmissionPublished(testDb.database, p, { artefactId, locationId: 'NoMatch1234', supersededCount: 2 });
    await recordSubmission(testDb.database, p, upload(p.submissionId));
    expect(await submission(p.submissionId)).toMatchObject({ status: 'published', artefact_id: artefactId });
    const { rows } = await testDb.database.query('SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1', [
      p.submissionId,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('are rejected with the reason only while pending', async () => {
    const pending = publication();
    await recordSubmission(testDb.database, pending, upload(pending.submissionId));
    await rejectSubmission(testDb.database, pending, 'The stored payload is not valid JSON');
    expect(await submission(pending.submissionId)).toMatchObject({
      status: 'rejected',
      error: 'The stored payload is not valid JSON',
    });

    const published = publication();
    await markSubmissionPublished(testDb.database, published, {
      artefactId: randomUUID(),
      locationId: '1501',
      supersededCount: 0,
    });
    await rejectSubmission(testDb.database, published, 'late');
    expect(await submission(published.submissionId)).toMatchObject({ status: 'published', error: null });
  });
});
