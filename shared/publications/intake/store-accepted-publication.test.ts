/**
 * What a publisher is told is what happens (issue 18): a publication whose submission row the database refused is told
 * 503 and never published; one whose blob write failed is withdrawn, and its blob, if written after all, is refused by
 * the blob trigger. Sending the same list again then publishes it. Real Azurite and PostgreSQL; the failures are
 * injected into the one call that fails.
 */
import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../audit/audit-log.js';
import { isTransient } from '../../errors/transient-error.js';
import { observeLoggedEvents } from '../../logging/log-event.js';
import { publishStoredBlob } from '../publish-stored-blob.js';
import { storedPublication } from '../../../test-support/stored-publication.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../../test-support/test-storage.js';
import { storeAcceptedPublication, type AcceptedPublication } from './store-accepted-publication.js';

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

const publisher: Principal = {
  userId: 'hmi-client',
  provenance: 'PI_AAD',
  roles: ['PUBLISHER'],
  email: null,
  name: null,
};
const logger = new InvocationContext({ functionName: 'test', logHandler: () => undefined });

/** The same list (one court, day, language and list type) each time it is called: a re-send replaces it. */
function theList(courtId: string): AcceptedPublication {
  const bytes = Buffer.from('{"document":{},"venue":{},"courtLists":[]}', 'utf8');
  const { provenance, sourceArtefactId, type, listType, contentDate, sensitivity, language, displayFrom, displayTo } =
    storedPublication();
  return {
    principal: publisher,
    metadata: {
      provenance,
      sourceArtefactId,
      type,
      listType,
      courtId,
      contentDate,
      sensitivity,
      language,
      displayFrom,
      displayTo,
    },
    payload: { ok: true, bytes, isFlatFile: false, contentType: 'application/json', fileName: null },
    now: new Date(),
  };
}

/** The database, except that writing a submission row fails as a database that has gone away does. */
function refusingSubmissionRows(): Queryable {
  return {
    query(text: string, values?: unknown[]) {
      if (text.includes('INSERT INTO submission')) {
        return Promise.reject(
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
        );
      }
      return testDb.database.query(text, values);
    },
  };
}

/** The container, except that the payload upload writes the blob and then fails (no answer reached the caller). */
function uploadsWithoutAnswer(): ContainerClient {
  const container = Object.create(publications) as ContainerClient;
  container.getBlockBlobClient = (name: string) => {
    const real = publications.getBlockBlobClient(name);
    const client = Object.create(real) as BlockBlobClient;
    client.uploadData = async (...args: Parameters<BlockBlobClient['uploadData']>) => {
      await real.uploadData(...args);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    return client;
  };
  return container;
}

async function blobNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of publications.listBlobsFlat()) names.push(blob.name);
  return names;
}

async function submissionOf(submissionId: string): Promise<{ status: string } | undefined> {
  const { rows } = await testDb.database.query<{ status: string }>(
    'SELECT status FROM submission WHERE submission_id = $1',
    [submissionId],
  );
  return rows[0];
}

async function artefactsFor(courtId: string): Promise<{ submission_id: string }[]> {
  const { rows } = await testDb.database.query<{ submission_id: string }>(
    'SELECT submission_id FROM artefact WHERE location_id = $1',
    [`NoMatch${courtId}`],
  );
  return rows;
}

/** Runs the blob trigger's code on the blob as its last attempt; answers the codes it logged. */
async function trigger(submissionId: string): Promise<string[]> {
  const blob = await publications.getBlobClient(submissionId).downloadToBuffer();
  const codes: string[] = [];
  observeLoggedEvents((code) => codes.push(code));
  try {
    await publishStoredBlob(
      { database: testDb.database, publications },
      blob,
      { blobName: submissionId, attemptsRemain: false, attempt: 1 },
      logger,
    );
  } finally {
    observeLoggedEvents(undefined);
  }
  return codes;
}

describe('storeAcceptedPublication: what the publisher is told is what happens', () => {
  it('stores nothing when the database refuses the submission row (503), and the list sent again is published', async () => {
    const courtId = randomUUID();
    const before = await blobNames();
    const told = storeAcceptedPublication(
      { database: refusingSubmissionRows(), publications, newId: randomUUID },
      theList(courtId),
      logger,
    );
    // Thrown as transient: the API answers 503 SERVICE_UNAVAILABLE (functions/http-kit/api-handler.ts).
    const error = await told.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(isTransient(error)).toBe(true);
    expect(await blobNames()).toEqual(before);

    const again = await storeAcceptedPublication(
      { database: testDb.database, publications, newId: randomUUID },
      theList(courtId),
      logger,
    );
    if (!again.ok) throw new Error('the list sent again was not stored');
    expect(await trigger(again.submissionId)).toContain('PUBLICATION_CREATED');
    expect(await submissionOf(again.submissionId)).toEqual({ status: 'published' });
    expect(await artefactsFor(courtId)).toEqual([{ submission_id: again.submissionId }]);
  });

  it('withdraws the submission when the blob write fails without an answer, and the trigger refuses that blob', async () => {
    const courtId = randomUUID();
    const submissionId = randomUUID();
    // The blob is written, then deleted by the withdrawal; here its deletion is made to fail, so it stays.
    const container = uploadsWithoutAnswer();
    container.getBlobClient = (name: string) => {
      const real = publications.getBlobClient(name);
      const client = Object.create(real) as typeof real;
      client.deleteIfExists = () => Promise.reject(new Error('storage away'));
      return client;
    };
    const codes: string[] = [];
    observeLoggedEvents((code) => codes.push(code));
    let outcome;
    try {
      outcome = await storeAcceptedPublication(
        { database: testDb.database, publications: container, newId: () => submissionId },
        theList(courtId),
        logger,
      );
    } finally {
      observeLoggedEvents(undefined);
    }
    expect(outcome).toEqual({ ok: false, reason: 'STORAGE_UNAVAILABLE' });
    expect(codes).toEqual(['PUBLICATION_STORE_FAILED', 'PUBLICATION_SUBMISSION_WITHDRAWN']);
    expect(await submissionOf(submissionId)).toBeUndefined();
    const { rows: audit } = await testDb.database.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE object_id = $1 AND action = 'PUBLICATION_UPLOAD' ORDER BY audit_id`,
      [submissionId],
    );
    expect(audit.map((row) => row.outcome)).toEqual(['SUCCESS', 'FAILURE']);

    // The blob is there after all: the trigger (and so the stranded sweep) refuses it, and it stays for an operator.
    expect(await trigger(submissionId)).toContain('PUBLICATION_SUBMISSION_CONFLICT');
    expect(await artefactsFor(courtId)).toEqual([]);
    expect(await publications.getBlobClient(submissionId).exists()).toBe(true);

    // Sent again, it is published.
    const again = await storeAcceptedPublication(
      { database: testDb.database, publications, newId: randomUUID },
      theList(courtId),
      logger,
    );
    if (!again.ok) throw new Error('the list sent again was not stored');
    await trigger(again.submissionId);
    expect(await artefactsFor(courtId)).toEqual([{ submission_id: again.submissionId }]);
  });

  it('removes the blob of a withdrawn submission when it can', async () => {
    const submissionId = randomUUID();
    const outcome = await storeAcceptedPublication(
      { database: testDb.database, publications: uploadsWithoutAnswer(), newId: () => submissionId },
      theList(randomUUID()),
      logger,
    );
    expect(outcome).toEqual({ ok: false, reason: 'STORAGE_UNAVAILABLE' });
    expect(await publications.getBlobClient(submissionId).exists()).toBe(false);
    expect(await submissionOf(submissionId)).toBeUndefined();
  });

  it('stores once under a caller id sent twice (a manual upload confirmed twice), with one audit record', async () => {
    const submissionId = randomUUID();
    const list = { ...theList(randomUUID()), submissionId };
    const deps = { database: testDb.database, publications, newId: randomUUID };
    const first = await storeAcceptedPublication(deps, list, logger);
    const second = await storeAcceptedPublication(deps, list, logger);
    expect([first.ok && first.alreadyStored, second.ok && second.alreadyStored]).toEqual([false, true]);
    const { rows } = await testDb.database.query('SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1', [
      submissionId,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
    expect(await submissionOf(submissionId)).toEqual({ status: 'pending' });
  });
});
