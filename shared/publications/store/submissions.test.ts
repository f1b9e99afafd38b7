/** Submission rows: recorded by intake before its blob, published by the blob trigger only while pending. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../audit/audit-log.js';
import type { Principal } from '../../auth/principal.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { storedPublication } from '../../../test-support/stored-publication.js';
import { markSubmissionPublished, recordSubmission, rejectSubmission, withdrawSubmission } from './submissions.js';

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

/** The test database seen through a wrapper that keeps the text of every statement it is sent. */
function countingStatements(): { counted: Queryable; statements: string[] } {
  const statements: string[] = [];
  const counted: Queryable = {
    query: (text: string, values?: unknown[]) => {
      statements.push(text);
      return testDb.database.query(text, values);
    },
  };
  return { counted, statements };
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

  it('are published only from pending (or again as the same artefact), and a conflict is answered as a value', async () => {
    const p = publication();
    const artefactId = randomUUID();
    const outcome = { artefactId, locationId: '1501', supersededCount: 0 };
    // Never recorded (its publisher was told 503): nothing is created.
    expect(await markSubmissionPublished(testDb.database, p, outcome)).toEqual({
      ok: false,
      conflict: { status: 'missing' },
    });
    expect(await submission(p.submissionId)).toBeUndefined();

    expect(await recordSubmission(testDb.database, p, upload(p.submissionId))).toBe(true);
    expect(await recordSubmission(testDb.database, p, upload(p.submissionId))).toBe(false);
    expect(await markSubmissionPublished(testDb.database, p, outcome)).toEqual({ ok: true });
    // The same blob delivered again: still fine. Published as another artefact: a conflict, nothing changed.
    expect(await markSubmissionPublished(testDb.database, p, { ...outcome, supersededCount: 1 })).toEqual({ ok: true });
    const other = randomUUID();
    expect(await markSubmissionPublished(testDb.database, p, { ...outcome, artefactId: other })).toEqual({
      ok: false,
      conflict: { status: 'published', artefactId },
    });
    expect(await submission(p.submissionId)).toMatchObject({ status: 'published', artefact_id: artefactId });
    // The second record wrote no second audit event.
    const { rows } = await testDb.database.query('SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1', [
      p.submissionId,
    ]);
    expect(rows).toEqual([{ n: 1 }]);

    const rejected = publication();
    await recordSubmission(testDb.database, rejected, upload(rejected.submissionId));
    await rejectSubmission(testDb.database, rejected, 'The stored payload is not valid JSON');
    expect(await markSubmissionPublished(testDb.database, rejected, outcome)).toEqual({
      ok: false,
      conflict: { status: 'rejected' },
    });
    expect(await submission(rejected.submissionId)).toMatchObject({ status: 'rejected', artefact_id: null });
  });

  it('are withdrawn only while pending, with a FAILURE audit record', async () => {
    const p = publication();
    await recordSubmission(testDb.database, p, upload(p.submissionId));
    const failure = { ...upload(p.submissionId), outcome: 'FAILURE' as const };
    expect(await withdrawSubmission(testDb.database, p.submissionId, failure)).toBe('withdrawn');
    expect(await submission(p.submissionId)).toBeUndefined();
    expect(await withdrawSubmission(testDb.database, p.submissionId, failure)).toBe('missing');
    const { rows } = await testDb.database.query(
      'SELECT outcome FROM audit_log WHERE object_id = $1 ORDER BY audit_id',
      [p.submissionId],
    );
    expect(rows).toEqual([{ outcome: 'SUCCESS' }, { outcome: 'FAILURE' }]);

    const published = publication();
    await recordSubmission(testDb.database, published, upload(published.submissionId));
    await markSubmissionPublished(testDb.database, published, {
      artefactId: randomUUID(),
      locationId: '1501',
      supersededCount: 0,
    });
    expect(await withdrawSubmission(testDb.database, published.submissionId, failure)).toBe('published');
    expect((await submission(published.submissionId))?.status).toBe('published');
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
    await recordSubmission(testDb.database, published, upload(published.submissionId));
    await markSubmissionPublished(testDb.database, published, {
      artefactId: randomUUID(),
      locationId: '1501',
      supersededCount: 0,
    });
    await rejectSubmission(testDb.database, published, 'late');
    expect(await submission(published.submissionId)).toMatchObject({ status: 'published', error: null });
  });

  it('recorded at the same moment share a statement, each with its own row, audit record and answer', async () => {
    const { counted, statements } = countingStatements();
    const burst = Array.from({ length: 12 }, () => publication());
    const again = burst[3] as ReturnType<typeof publication>;
    const userWithRoles: Principal = {
      userId: 'hmi-client',
      email: null,
      name: null,
      provenance: 'THIRD_PARTY',
      roles: ['PUBLISHER'],
    };
    const answers = await Promise.all([
      ...burst.map((p) =>
        recordSubmission(counted, p, { ...upload(p.submissionId), actor: userWithRoles, details: { size: 10 } }),
      ),
      // The same submission again in the same burst (a Confirm sent twice): it waits for the first, and is refused.
      recordSubmission(counted, again, upload(again.submissionId)),
    ]);
    expect(answers).toEqual([...burst.map(() => true), false]);
    // The first goes at once, the rest together, and the repeat after the first of its id: not one statement each.
    expect(statements.length).toBeLessThanOrEqual(4);
    const ids = burst.map((p) => p.submissionId);
    const { rows } = await testDb.database.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM submission WHERE submission_id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );
    expect(rows).toEqual([{ status: 'pending', n: 12 }]);
    const { rows: audits } = await testDb.database.query<{
      object_id: string;
      user_id: string;
      user_roles: string[];
      details: unknown;
    }>(
      `SELECT object_id, user_id, user_roles, details FROM audit_log WHERE object_id = ANY($1::text[]) ORDER BY object_id`,
      [ids],
    );
    expect(audits).toEqual(
      [...ids]
        .sort()
        .map((id) => ({ object_id: id, user_id: 'hmi-client', user_roles: ['PUBLISHER'], details: { size: 10 } })),
    );
  });

  it('that cannot be stored fail alone: the others recorded with them are kept', async () => {
    const { counted } = countingStatements();
    const [first, ...others] = Array.from({ length: 4 }, () => publication());
    if (first === undefined) throw new Error('four publications');
    const good = [first, ...others];
    // A submitter PostgreSQL cannot store (a NUL): refused by the database, as it was when each went alone.
    const bad = storedPublication({ submittedBy: 'bad\u0000caller' });
    const settled = await Promise.allSettled(
      [first, bad, ...others].map((p) => recordSubmission(counted, p, upload(p.submissionId))),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const { rows } = await testDb.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM submission WHERE submission_id = ANY($1::uuid[])',
      [[...good, bad].map((p) => p.submissionId)],
    );
    expect(rows).toEqual([{ n: 4 }]);
  });
});
