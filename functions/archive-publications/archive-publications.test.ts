/**
 * The archive timer over real PostgreSQL and Azurite: called directly with a clock, and run by the local Functions
 * host on demand as the Azure admin API runs a timer.
 */
import { randomUUID } from 'node:crypto';
import functions from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { startTestHost } from '../../test-support/test-host.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { archivePublications } from './archive-publications-handler.js';
import { ARCHIVE_SCHEDULE, registerArchivePublications } from './registration.js';
import { archivePublicationRow, insertPublicationRow } from '../../test-support/publication-rows.js';

const storage = testStorage();
let testDb: TestDatabase;
let publications: ContainerClient;
let host: LocalFunctionsHost;
/** The clock the registered timer reads; tests move it. */
let hostNow = new Date('2026-12-10T00:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(uniqueName('archive'));
  await publications.create();
  registerArchivePublications(() => ({ database: testDb.database, publications, now: () => hostNow }));
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
  await publications.delete();
  await testDb.drop();
});

const context = () =>
  new functions.InvocationContext({ invocationId: randomUUID(), functionName: 'archivePublications' });

/** A published artefact and its blob, displayed from `from` until `to` (null: until deleted). */
async function publish(
  contentDay: string,
  from: string,
  to: string | null,
): Promise<{ artefactId: string; blobName: string }> {
  const blobName = randomUUID();
  await publications.getBlockBlobClient(blobName).uploadData(Buffer.from('{"document":{}}'));
  const artefactId = await insertPublicationRow(testDb.database, {
    provenance: 'HMI',
    locationId: '1501',
    contentDate: `${contentDay}T00:00:00`,
    displayFrom: from,
    displayTo: to,
    payloadSize: 15,
    blobName,
  });
  return { artefactId, blobName };
}

async function state(artefactId: string): Promise<{ archived_at: Date | null; blob_deleted_at: Date | null }> {
  const { rows } = await testDb.database.query<{ archived_at: Date | null; blob_deleted_at: Date | null }>(
    'SELECT archived_at, blob_deleted_at FROM artefact WHERE artefact_id = $1',
    [artefactId],
  );
  if (!rows[0]) throw new Error(`no artefact ${artefactId}`);
  return rows[0];
}

const blobExists = (blobName: string) => publications.getBlobClient(blobName).exists();

describe('archivePublications', () => {
  it('archives what has ended, deletes its blob after the row commits, and a second run changes nothing', async () => {
    const ended = await publish('2026-11-01', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');
    const current = await publish('2026-11-02', '2026-11-01T00:00:00Z', '2026-11-30T00:00:00Z');
    const endless = await publish('2026-11-03', '2026-11-01T00:00:00Z', null);
    const now = new Date('2026-11-05T12:00:00Z');
    const deps = { database: testDb.database, publications, now: () => now };

    expect(await archivePublications(deps, context())).toEqual({ archived: 1, blobsDeleted: 1, blobDeleteFailures: 0 });
    expect(await state(ended.artefactId)).toEqual({ archived_at: now, blob_deleted_at: now });
    expect(await blobExists(ended.blobName)).toBe(false);
    const audited = await testDb.database.query<{ outcome: string; object_id: string; details: unknown }>(
      `SELECT outcome, object_id, details FROM audit_log WHERE action = 'PUBLICATION_ARCHIVE_DELETE' AND object_id = $1`,
      [ended.artefactId],
    );
    expect(audited.rows).toEqual([
      { outcome: 'SUCCESS', object_id: ended.artefactId, details: { blobName: ended.blobName } },
    ]);
    for (const live of [current, endless]) {
      expect(await state(live.artefactId)).toEqual({ archived_at: null, blob_deleted_at: null });
      expect(await blobExists(live.blobName)).toBe(true);
    }

    expect(await archivePublications(deps, context())).toEqual({ archived: 0, blobsDeleted: 0, blobDeleteFailures: 0 });
    expect(await state(ended.artefactId)).toEqual({ archived_at: now, blob_deleted_at: now });
  });

  it('keeps a list displayed until the very end of its window', async () => {
    const edge = await publish('2026-11-10', '2026-11-09T00:00:00Z', '2026-11-11T00:00:00Z');
    const deps = (at: string) => ({ database: testDb.database, publications, now: () => new Date(at) });
    expect((await archivePublications(deps('2026-11-11T00:00:00Z'), context())).archived).toBe(0);
    expect((await state(edge.artefactId)).archived_at).toBeNull();
    expect((await archivePublications(deps('2026-11-11T00:00:00.001Z'), context())).archived).toBe(1);
  });

  it('finishes deleting the blob of a row archived by a run that stopped before deleting it', async () => {
    const interrupted = await publish('2026-11-12', '2026-11-01T00:00:00Z', '2026-11-13T00:00:00Z');
    await archivePublicationRow(testDb.database, interrupted.artefactId, '2026-11-14T00:00:00Z');
    const now = new Date('2026-11-14T01:00:00Z');
    expect(await archivePublications({ database: testDb.database, publications, now: () => now }, context())).toEqual({
      archived: 0,
      blobsDeleted: 1,
      blobDeleteFailures: 0,
    });
    expect(await blobExists(interrupted.blobName)).toBe(false);
    expect((await state(interrupted.artefactId)).blob_deleted_at).toEqual(now);
  });
});

describe('the archivePublications timer', () => {
  it('is scheduled hourly with a six-field NCRONTAB expression', () => {
    expect(ARCHIVE_SCHEDULE.split(' ')).toHaveLength(6);
    const next = host.timers.get('archivePublications')?.nextDue;
    expect(next?.getUTCMinutes()).toBe(5);
    expect(next?.getUTCSeconds()).toBe(0);
  });

  it('archives when the host runs it on demand, as POST /admin/functions/archivePublications does', async () => {
    const ended = await publish('2026-12-01', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z');
    const later = await publish('2026-12-02', '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z');
    hostNow = new Date('2026-12-10T00:00:00Z');
    await host.runOnDemand('archivePublications', '');
    expect(await state(ended.artefactId)).toEqual({ archived_at: hostNow, blob_deleted_at: hostNow });
    expect(await blobExists(ended.blobName)).toBe(false);
    expect((await state(later.artefactId)).archived_at).toBeNull();
    expect(await blobExists(later.blobName)).toBe(true);
  });
});
