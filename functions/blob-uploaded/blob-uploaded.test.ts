/**
 * blob-uploaded's last word: whatever fails, the submission ends published or rejected with a reason, never pending.
 * The handler is called directly over real Azurite and PostgreSQL, with persistence replaced where a test needs it
 * to fail.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeStoredPublication,
  type StoredPublication,
} from '../../shared/publications/intake/stored-publication.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { storeAsIngestDoes, storedPublication } from '../../test-support/stored-publication.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { observeLoggedEvents } from '../../shared/logging/log-event.js';
import { customEventFor, type CustomEvent } from '../telemetry.js';
import { isTransient } from '../../shared/errors/transient-error.js';
import { handlePublicationBlob, type BlobUploadedDependencies } from './blob-uploaded-handler.js';

let testDb: TestDatabase;
let publications: ContainerClient;

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
});

afterAll(async () => {
  await Promise.all([testDb.drop(), publications.deleteIfExists()]);
});

/** Stores `body` as ingest-publication would, and answers the blob's content and its submission id. */
async function stored(
  body: Buffer | string,
  overrides: Partial<StoredPublication> = {},
): Promise<{ blob: Buffer; submissionId: string }> {
  const blob = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const submissionId = randomUUID();
  const publication = storedPublication({
    submissionId,
    submittedBy: 'hmi-client',
    payloadSize: blob.length,
    ...overrides,
  });
  await storeAsIngestDoes(testDb.database, publications, publication, blob);
  return { blob, submissionId };
}

function context(submissionId: string, retry?: { retryCount: number; maxRetryCount: number }): InvocationContext {
  return new InvocationContext({
    functionName: 'blobUploaded',
    triggerMetadata: { name: submissionId },
    retryContext: retry,
    logHandler: () => undefined,
  });
}

async function submission(submissionId: string): Promise<{ status: string; error: string | null } | undefined> {
  const { rows } = await testDb.database.query<{ status: string; error: string | null }>(
    'SELECT status, error FROM submission WHERE submission_id = $1',
    [submissionId],
  );
  return rows[0];
}

const failingWith =
  (error: Error): BlobUploadedDependencies['persist'] =>
  () =>
    Promise.reject(error);

describe('blob-uploaded: a failure ends the submission rejected, never pending', () => {
  it('rejects at once, with a reason, when persistence throws a permanent error', async () => {
    const { blob, submissionId } = await stored('{"document":{},"venue":{},"courtLists":[]}');
    const deps = { database: testDb.database, publications, persist: failingWith(new TypeError('boom')) };
    await handlePublicationBlob(deps, blob, context(submissionId, { retryCount: 0, maxRetryCount: 4 }));
    expect(await submission(submissionId)).toEqual({
      status: 'rejected',
      error: 'The publication could not be stored; send it again, and report it if it fails again',
    });
  });

  it('lets the host retry a transient error while attempts remain, and rejects on the last attempt', async () => {
    const { blob, submissionId } = await stored('{"document":{},"venue":{},"courtLists":[]}');
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const deps = { database: testDb.database, publications, persist: failingWith(unreachable) };
    await expect(
      handlePublicationBlob(deps, blob, context(submissionId, { retryCount: 3, maxRetryCount: 4 })),
    ).rejects.toBe(unreachable);
    expect(await submission(submissionId)).toEqual({ status: 'pending', error: null });
    await handlePublicationBlob(deps, blob, context(submissionId, { retryCount: 4, maxRetryCount: 4 }));
    expect(await submission(submissionId)).toEqual({
      status: 'rejected',
      error: 'The publication could not be stored because a service was unavailable; send it again',
    });
  });

  it('takes an attempt without a retry context (as Azure gives blob triggers) as the last', async () => {
    const { blob, submissionId } = await stored('{"document":{},"venue":{},"courtLists":[]}');
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await handlePublicationBlob(
      { database: testDb.database, publications, persist: failingWith(deadlock) },
      blob,
      context(submissionId),
    );
    expect((await submission(submissionId))?.status).toBe('rejected');
  });

  it('rejects a stored payload the shared parse refuses (a lone surrogate), naming the path', async () => {
    const { blob, submissionId } = await stored('{"courtLists":[{"caseNumber":"\\ud800"}]}');
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    expect(await submission(submissionId)).toEqual({
      status: 'rejected',
      error:
        'The stored payload is not valid JSON: courtLists[0].caseNumber must be valid Unicode (it holds a lone surrogate)',
    });
  });

  it('rejects a flat file whose stored content type is not a flat-file type, and publishes one that is', async () => {
    const pdf = Buffer.from('%PDF-1.7 a list');
    for (const contentType of ['text/javascript', 'image/svg+xml', 'text/html']) {
      const { blob, submissionId } = await stored(pdf, { isFlatFile: true, contentType, fileName: 'list.pdf' });
      await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
      expect(await submission(submissionId), contentType).toEqual({
        status: 'rejected',
        error: 'The stored file is not of a type a flat file may be',
      });
    }
    const { blob, submissionId } = await stored(pdf, {
      isFlatFile: true,
      contentType: 'application/pdf',
      fileName: 'list.pdf',
    });
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    expect((await submission(submissionId))?.status).toBe('published');
  });

  it('publishes a body with a BOM and 200,000 strings in one array', async () => {
    const body = JSON.stringify({
      document: {},
      venue: { venueAddress: { line: Array.from({ length: 200_000 }, () => 'a') } },
      courtLists: [],
    });
    const { blob, submissionId } = await stored(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    expect(await submission(submissionId)).toMatchObject({ status: 'published', error: null });
  });

  it('rejects a pending submission whose blob metadata cannot be read', async () => {
    const submissionId = randomUUID();
    await testDb.database.query(
      `INSERT INTO submission (submission_id, received_at, provenance, submitted_by) VALUES ($1, now(), 'HMI', 'x')`,
      [submissionId],
    );
    const blob = Buffer.from('{}');
    await publications.getBlockBlobClient(submissionId).uploadData(blob, { metadata: { pipmetadata: 'not-json' } });
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    expect(await submission(submissionId)).toEqual({
      status: 'rejected',
      error: 'The stored publication could not be read; send it again',
    });
  });
});

describe('blob-uploaded: only a pending submission is published (issue 18)', () => {
  async function artefactsOf(submissionId: string): Promise<number> {
    const { rows } = await testDb.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM artefact WHERE submission_id = $1',
      [submissionId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Runs the trigger on `submissionId`'s blob and answers the codes it logged. */
  async function trigger(blob: Buffer, submissionId: string): Promise<string[]> {
    const codes: string[] = [];
    observeLoggedEvents((code) => codes.push(code));
    try {
      await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    } finally {
      observeLoggedEvents(undefined);
    }
    return codes;
  }

  it('refuses a blob whose submission was never recorded (the publisher was told 503), and leaves the blob', async () => {
    const blob = Buffer.from('{"document":{},"venue":{},"courtLists":[]}', 'utf8');
    const publication = storedPublication({ payloadSize: blob.length, courtId: randomUUID() });
    // As when the database refused the submission row: a blob with no row.
    await publications.getBlockBlobClient(publication.submissionId).uploadData(blob, {
      metadata: encodeStoredPublication(publication),
    });
    expect(await trigger(blob, publication.submissionId)).toContain('PUBLICATION_SUBMISSION_CONFLICT');
    expect(await artefactsOf(publication.submissionId)).toBe(0);
    expect(await submission(publication.submissionId)).toBeUndefined();
    expect(await publications.getBlobClient(publication.submissionId).exists()).toBe(true);
  });

  it('refuses a blob whose submission was rejected, and publishes a redelivered one once', async () => {
    const { blob, submissionId } = await stored('{"document":{},"venue":{},"courtLists":[]}', {
      courtId: randomUUID(),
    });
    await testDb.database.query(
      `UPDATE submission SET status = 'rejected', error = 'told so', completed_at = now() WHERE submission_id = $1`,
      [submissionId],
    );
    expect(await trigger(blob, submissionId)).toContain('PUBLICATION_SUBMISSION_CONFLICT');
    expect(await artefactsOf(submissionId)).toBe(0);
    expect(await submission(submissionId)).toEqual({ status: 'rejected', error: 'told so' });

    const again = await stored('{"document":{},"venue":{},"courtLists":[]}', { courtId: randomUUID() });
    expect(await trigger(again.blob, again.submissionId)).toContain('PUBLICATION_CREATED');
    expect(await trigger(again.blob, again.submissionId)).toContain('PUBLICATION_REDELIVERED');
    expect(await artefactsOf(again.submissionId)).toBe(1);
    expect((await submission(again.submissionId))?.status).toBe('published');
  });
});

describe('blob-uploaded: search terms by list type', () => {
  async function searchOf(submissionId: string): Promise<unknown> {
    const { rows } = await testDb.database.query<{ search: unknown }>(
      'SELECT search FROM artefact WHERE submission_id = $1',
      [submissionId],
    );
    return rows[0]?.search;
  }

  it("stores a tabular list's case numbers and parties from its columns (an appeal reference, an appellant)", async () => {
    const body = readFileSync(fixtureUrl('lists', 'astDailyHearingList.json'));
    const { blob, submissionId } = await stored(body, {
      listType: 'AST_DAILY_HEARING_LIST',
      provenance: 'MANUAL_UPLOAD',
      courtId: randomUUID(),
    });
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    expect(await submission(submissionId)).toMatchObject({ status: 'published' });
    expect(await searchOf(submissionId)).toEqual({
      caseNumbers: ['12345', '12346'],
      caseNames: [],
      caseUrns: [],
      partyNames: ['Appellant A', 'Appellant B'],
    });
  });

  it('walks a strategic list', async () => {
    const body = readFileSync(fixtureUrl('lists', 'civilDailyCauseList.json'));
    const { blob, submissionId } = await stored(body, { courtId: randomUUID() });
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    const search = (await searchOf(submissionId)) as { caseNumbers: string[] };
    expect(search.caseNumbers).toContain('45684548');
  });
});

describe('blob-uploaded: versions of one list arriving out of order', () => {
  async function liveVersion(courtId: string): Promise<{ submission_id: string; blob_name: string }[]> {
    const { rows } = await testDb.database.query<{ submission_id: string; blob_name: string }>(
      `SELECT submission_id, blob_name FROM artefact WHERE location_id = $1 AND archived_at IS NULL`,
      [`NoMatch${courtId}`],
    );
    return rows;
  }

  it('never lets an older live case status replace a newer one, even when it is processed later', async () => {
    const courtId = String(Math.floor(Math.random() * 1e9));
    const live = (at: string, lastUpdated: string) =>
      stored(JSON.stringify({ locationName: 'Court', lastUpdated, locationUpdates: [] }), {
        type: 'LCSU',
        listType: null,
        provenance: 'CRIME_CP',
        courtId,
        receivedAt: at,
      });
    const older = await live('2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00');
    const newer = await live('2026-11-30T10:00:05.000Z', '2026-11-30T10:00:05');
    // The newer one is processed first (a blob trigger gives no order), then the older.
    await handlePublicationBlob({ database: testDb.database, publications }, newer.blob, context(newer.submissionId));
    await handlePublicationBlob({ database: testDb.database, publications }, older.blob, context(older.submissionId));
    expect(await liveVersion(courtId)).toEqual([{ submission_id: newer.submissionId, blob_name: newer.submissionId }]);
    // The older one's submission is answered (published: the list it belongs to is live), never left pending, and
    // its blob, which nothing points at, is gone.
    expect((await submission(older.submissionId))?.status).toBe('published');
    expect(await publications.getBlobClient(older.submissionId).exists()).toBe(false);
  });
});

describe('blob-uploaded: reporting restrictions on live case status (issue 14)', () => {
  /** One courtroom of a live status: a case and its latest event. */
  const room = (courtRoom: number, caseNumber: string, eventId: number, eventName: string) => ({
    courtRoom,
    caseNumber,
    caseName: `Name of ${caseNumber}`,
    event: { eventId, eventStatus: '', eventName, eventTime: '10:00' },
  });
  const restricts = [38, 'Reporting Restrictions. For details please contact the Court Manager'] as const;
  const lifts = [39, 'Reporting Restrictions Lifted'] as const;

  async function publishLive(courtId: string, at: string, rooms: ReturnType<typeof room>[], day = '2026-11-30') {
    const body = JSON.stringify({ locationName: 'Court', lastUpdated: at.slice(0, 19), locationUpdates: rooms });
    const { blob, submissionId } = await stored(body, {
      type: 'LCSU',
      listType: null,
      provenance: 'CRIME_CP',
      courtId,
      receivedAt: at,
      contentDate: `${day}T09:00:00`,
    });
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
  }

  /** The cases restricted under the court's latest status. */
  async function restricted(courtId: string): Promise<string[]> {
    const { rows } = await testDb.database.query<{ restricted_case_numbers: string[] }>(
      `SELECT restricted_case_numbers FROM artefact WHERE location_id = $1 AND type = 'LCSU'
        ORDER BY last_received_at DESC LIMIT 1`,
      [`NoMatch${courtId}`],
    );
    return rows[0]?.restricted_case_numbers ?? [];
  }

  it('keeps a case restricted by event 38 through later unrelated events, until event 39 lifts it', async () => {
    const courtId = String(Math.floor(Math.random() * 1e9));
    await publishLive(courtId, '2026-11-30T10:00:00.000Z', [room(1, 'T1', ...restricts), room(2, 'T2', 2, 'Sworn')]);
    expect(await restricted(courtId)).toEqual(['T1']);
    // The room's latest event is now another one: the restriction stays.
    await publishLive(courtId, '2026-11-30T10:05:00.000Z', [
      room(1, 'T1', 11, 'Case adjourned'),
      room(2, 'T2', 3, 'X'),
    ]);
    expect(await restricted(courtId)).toEqual(['T1']);
    // The case moves room and another case there is restricted by name alone (an id that disagrees).
    await publishLive(courtId, '2026-11-30T10:10:00.000Z', [
      room(1, 'T3', 77, 'Reporting Restrictions. For details please contact the Court Manager'),
      room(2, 'T1', 5, 'Witness Sworn'),
    ]);
    expect(await restricted(courtId)).toEqual(['T1', 'T3']);
    await publishLive(courtId, '2026-11-30T10:15:00.000Z', [room(1, 'T3', 1, 'Adjourned'), room(2, 'T1', ...lifts)]);
    expect(await restricted(courtId)).toEqual(['T3']);
    // The next day's first status carries the court's restrictions forward.
    await publishLive(courtId, '2026-12-01T09:00:00.000Z', [room(1, 'T3', 2, 'Sworn')], '2026-12-01');
    expect(await restricted(courtId)).toEqual(['T3']);
  });

  it('derives from the status held, so an older update arriving late changes nothing', async () => {
    const courtId = String(Math.floor(Math.random() * 1e9));
    await publishLive(courtId, '2026-11-30T10:00:00.000Z', [room(1, 'T1', ...restricts)]);
    await publishLive(courtId, '2026-11-30T10:10:00.000Z', [room(1, 'T1', 2, 'Sworn')]);
    // Older than the one held: a lift that happened before never reaches the held state.
    await publishLive(courtId, '2026-11-30T10:05:00.000Z', [room(1, 'T1', ...lifts)]);
    expect(await restricted(courtId)).toEqual(['T1']);
    // And an older restriction never restricts a case the held status has as free.
    const other = String(Math.floor(Math.random() * 1e9));
    await publishLive(other, '2026-11-30T10:10:00.000Z', [room(1, 'T9', 2, 'Sworn')]);
    await publishLive(other, '2026-11-30T10:05:00.000Z', [room(1, 'T9', ...restricts)]);
    expect(await restricted(other)).toEqual([]);
  });

  it('is nothing for a list', async () => {
    const { blob, submissionId } = await stored('{"document":{},"venue":{},"courtLists":[]}');
    await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));
    const { rows } = await testDb.database.query<{ restricted_case_numbers: string[] }>(
      'SELECT restricted_case_numbers FROM artefact WHERE submission_id = $1',
      [submissionId],
    );
    expect(rows).toEqual([{ restricted_case_numbers: [] }]);
  });
});

describe('blob-uploaded: its business events (functions/telemetry.ts)', () => {
  it('reports a list as PublicationPublished, a live case status as LiveStatusUpdated, and a bad payload as PublicationRejected', async () => {
    const events: CustomEvent[] = [];
    observeLoggedEvents((code, fields) => {
      const event = customEventFor(code, fields);
      if (event !== undefined) events.push(event);
    });
    try {
      const courtId = String(Math.floor(Math.random() * 1e9));
      const list = await stored(JSON.stringify({ document: {}, venue: {}, courtLists: [] }), { courtId });
      const live = await stored(
        JSON.stringify({ locationName: 'Court', lastUpdated: '2026-11-30T10:00:00', locationUpdates: [] }),
        { type: 'LCSU', listType: null, provenance: 'CRIME_CP', courtId },
      );
      const bad = await stored('{ not json');
      for (const { blob, submissionId } of [list, live, bad])
        await handlePublicationBlob({ database: testDb.database, publications }, blob, context(submissionId));

      expect(events.map((event) => [event.name, event.properties.submissionId])).toEqual([
        ['PublicationPublished', list.submissionId],
        ['LiveStatusUpdated', live.submissionId],
        ['PublicationRejected', bad.submissionId],
      ]);
      expect(events[1]?.properties).toMatchObject({
        logEvent: 'PUBLICATION_CREATED',
        type: 'LCSU',
        provenance: 'CRIME_CP',
      });
      expect(events[0]?.properties.artefactId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      observeLoggedEvents(undefined);
    }
  });
});

describe('isTransient', () => {
  it('is true for what a retry can fix and false for the rest', () => {
    expect(isTransient(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { statusCode: 503 }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: '22007' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('x'), { statusCode: 400 }))).toBe(false);
    expect(isTransient(new RangeError('Maximum call stack size exceeded'))).toBe(false);
  });
});
