/**
 * Renditions end to end: blob-uploaded and publication-renditions registered as in production, hosted by the local
 * runtime over real Azurite and PostgreSQL. A stored JSON list gets its PDF (and a tabular list its workbook) beside
 * the payload, once per version; a re-sent version gets its own, and the earlier version's cases stay to compare.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { type StoredPublication } from '../../shared/publications/intake/stored-publication.js';
import { listChanges } from '../../shared/publications/renditions/list-changes.js';
import { pdfText } from '../../shared/publications/renditions/pdf-text.test-support.js';
import { renditionMessage } from '../../shared/publications/renditions/rendition-message.js';
import { findRendition, previousRendition } from '../../shared/publications/renditions/rendition-store.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { storeAsIngestDoes, storedPublication } from '../../test-support/stored-publication.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { handlePublicationBlob } from '../blob-uploaded/blob-uploaded-handler.js';
import { registerBlobUploaded } from '../blob-uploaded/registration.js';
import { handlePublicationRendition } from './publication-renditions-handler.js';
import { registerPublicationRenditions } from './registration.js';

const storage = testStorage();
const containerName = uniqueName('publications');
const queueName = uniqueName('publication-renditions');
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let queue: QueueClient;
/** Set while a test wants the registered function's uploads to fail. */
let uploadsBroken = false;

/** The publications container, whose uploads go to a container that does not exist. */
function brokenUploads(): ContainerClient {
  const missing = storage.blobService.getContainerClient(uniqueName('missing'));
  const broken = Object.create(publications) as ContainerClient;
  broken.getBlockBlobClient = (name: string) => missing.getBlockBlobClient(name);
  return broken;
}

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fixtureUrl('lists', name), 'utf8')) as Record<string, unknown>;

/** Stores a payload as ingest-publication does; the blob trigger and then the renditions follow. */
async function publish(payload: unknown, overrides: Partial<StoredPublication> = {}): Promise<string> {
  const blob = Buffer.from(JSON.stringify(payload), 'utf8');
  const publication = storedPublication({ payloadSize: blob.length, ...overrides });
  await storeAsIngestDoes(testDb.database, publications, publication, blob);
  await host.drain();
  return publication.submissionId;
}

async function artefactOf(blobName: string): Promise<{ artefact_id: string; superseded_count: number }> {
  const { rows } = await testDb.database.query<{ artefact_id: string; superseded_count: number }>(
    'SELECT artefact_id, superseded_count FROM artefact WHERE blob_name = $1',
    [blobName],
  );
  const [row] = rows;
  if (!row) throw new Error(`no artefact for ${blobName}`);
  return row;
}

async function download(name: string): Promise<Buffer> {
  return publications.getBlobClient(name).downloadToBuffer();
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(containerName);
  queue = storage.queueService.getQueueClient(queueName);
  await Promise.all([publications.createIfNotExists(), queue.createIfNotExists()]);
  await testDb.database.query(
    `INSERT INTO court (location_id, name, welsh_name) VALUES (1501, 'Cardiff Civil Justice Centre', 'Canolfan Cyfiawnder Sifil Caerdydd')`,
  );
  await testDb.database.query(
    `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (1501, 'HMI', '1234')`,
  );
  registerBlobUploaded(() => ({ database: testDb.database, publications, renditions: queue }), {
    container: containerName,
  });
  registerPublicationRenditions(
    () => ({
      database: testDb.database,
      publications: uploadsBroken ? brokenUploads() : publications,
      now: () => new Date(),
    }),
    {
      queueName,
    },
  );
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 2, visibilityTimeout: '00:00:00' } } });
});

afterAll(async () => {
  await host.stop();
  await Promise.all([testDb.drop(), publications.deleteIfExists(), queue.deleteIfExists()]);
});

describe('publication renditions', () => {
  let firstVersion: string;
  let civilList: string;

  it("makes a Welsh list's PDF in both languages: its name, court, content date and its cases in a table", async () => {
    firstVersion = await publish(fixture('civilDailyCauseList.json'), { language: 'WELSH' });
    const rendition = await findRendition(testDb.database, firstVersion);
    expect(rendition?.pdf?.blobName).toBe(`${firstVersion}.list.pdf`);
    expect(rendition?.workbook).toBeNull();
    const pdf = await download(`${firstVersion}.list.pdf`);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(rendition?.pdf?.size).toBe(pdf.length);
    const text = pdfText(pdf);
    expect(text).toEqual(
      expect.arrayContaining([
        'Civil Daily Cause List / Rhestr Achosion Dyddiol y Llys Sifil',
        'Cardiff Civil Justice Centre / Canolfan Cyfiawnder Sifil Caerdydd',
        '30 November 2026 / 30 Tachwedd 2026',
        'Time / Amser',
        'Courtroom / Ystafell llys',
        '45684548',
        'This is a case name',
        '16:00',
      ]),
    );
    expect(rendition?.cases).toContainEqual({
      reference: '12345678',
      name: 'A Vs B',
      time: '16:00',
      courtroom: '1',
    });
  });

  it('makes it once: a message delivered again changes nothing', async () => {
    const before = await publications.getBlobClient(`${firstVersion}.list.pdf`).getProperties();
    const { artefact_id } = await artefactOf(firstVersion);
    await queue.sendMessage(renditionMessage({ artefactId: artefact_id, blobName: firstVersion }));
    await host.drain();
    const after = await publications.getBlobClient(`${firstVersion}.list.pdf`).getProperties();
    expect(after.etag).toBe(before.etag);
    const { rows } = await testDb.database.query('SELECT 1 FROM publication_rendition WHERE artefact_id = $1', [
      artefact_id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("renders a re-sent version anew, deletes the earlier version's files and keeps its cases to compare", async () => {
    const payload = fixture('civilDailyCauseList.json');
    // The first case moves to courtroom 3 at 10:30; "A Vs B" is withdrawn; a new case is listed.
    const text = JSON.stringify(payload)
      .replace('"courtRoomName":"1"', '"courtRoomName":"3"')
      .replace('"sittingStart":"2023-05-15T16:00:00.000Z"', '"sittingStart":"2023-05-15T10:30:00.000Z"')
      .replace('"caseName":"A Vs B","caseNumber":"12345678"', '"caseName":"C v D","caseNumber":"NEW-1"');
    const secondVersion = await publish(JSON.parse(text), { language: 'WELSH' });
    const { artefact_id, superseded_count } = await artefactOf(secondVersion);
    civilList = artefact_id;
    expect(superseded_count).toBe(1);
    const current = await findRendition(testDb.database, secondVersion);
    const previous = await previousRendition(testDb.database, artefact_id, superseded_count);
    expect(previous?.blobName).toBe(firstVersion);
    expect(await publications.getBlobClient(`${firstVersion}.list.pdf`).exists()).toBe(false);
    expect(await publications.getBlobClient(`${secondVersion}.list.pdf`).exists()).toBe(true);
    const changes = listChanges(previous?.cases ?? [], current?.cases ?? []);
    expect(changes.added.map((c) => c.reference)).toEqual(['NEW-1']);
    expect(changes.removed.map((c) => c.reference)).toEqual(['12345678']);
    expect(changes.moved).toContainEqual({
      case: { reference: '45684548', name: 'This is a case name', time: '10:30', courtroom: '3' },
      from: { time: '16:00', courtroom: '1' },
    });
  });

  it('makes a tabular list an Excel workbook of its rows too', async () => {
    const blobName = await publish(fixture('astDailyHearingList.json'), {
      listType: 'AST_DAILY_HEARING_LIST',
      contentDate: '2026-12-02T09:00:00',
    });
    const rendition = await findRendition(testDb.database, blobName);
    expect(rendition?.workbook?.blobName).toBe(`${blobName}.list.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(`${blobName}.list.xlsx`)) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toBe('Appellant');
    expect(sheet?.getRow(2).getCell(1).text).toBe('Appellant A');
    expect(pdfText(await download(`${blobName}.list.pdf`))).toContain('Appellant A');
  });

  it("is passed over by the publications container's blob trigger", async () => {
    const name = `${randomUUID()}.list.pdf`;
    const pdf = Buffer.from('%PDF-1.7');
    await publications.getBlockBlobClient(name).uploadData(pdf);
    const logged: unknown[] = [];
    const context = new InvocationContext({
      functionName: 'blobUploaded',
      triggerMetadata: { name },
      logHandler: (_level, ...args) => logged.push(args[0]),
    });
    await handlePublicationBlob({ database: testDb.database, publications, renditions: queue }, pdf, context);
    // Read as a publication, a blob without its metadata is logged PUBLICATION_BLOB_UNREADABLE.
    expect(logged).toEqual([]);
  });

  it('makes nothing for a flat file, and passes over a version no longer live', async () => {
    const flat = await publish(Buffer.from('%PDF-1.4 a list'), {
      isFlatFile: true,
      contentType: 'application/pdf',
      fileName: 'list.pdf',
      listType: 'SJP_PUBLIC_LIST',
      contentDate: '2026-12-03T09:00:00',
    });
    expect(await findRendition(testDb.database, flat)).toBeNull();
    expect(await peekQueue(queueName)).toEqual([]);
    const gone = randomUUID();
    await queue.sendMessage(renditionMessage({ artefactId: civilList, blobName: gone }));
    await host.drain();
    expect(await findRendition(testDb.database, gone)).toBeNull();
    expect(await peekQueue(`${queueName}-poison`)).toEqual([]);
  });

  it('throws what fails: the host retries the message, then parks it in -poison, recording nothing', async () => {
    const blobName = await publish(fixture('civilDailyCauseList.json'), { contentDate: '2026-12-04T09:00:00' });
    const { artefact_id } = await artefactOf(blobName);
    await testDb.database.query('DELETE FROM publication_rendition WHERE blob_name = $1', [blobName]);
    const context = new InvocationContext({ functionName: 'publicationRenditions', logHandler: () => undefined });
    const message = { artefactId: artefact_id, blobName };
    const deps = { database: testDb.database, publications: brokenUploads(), now: () => new Date() };
    await expect(handlePublicationRendition(deps, message, context)).rejects.toThrow();
    // Through the host: the same failure, retried, ends in the poison queue.
    uploadsBroken = true;
    try {
      await queue.sendMessage(renditionMessage(message));
      await host.drain();
    } finally {
      uploadsBroken = false;
    }
    expect((await peekQueue(`${queueName}-poison`)).map((text) => JSON.parse(text) as unknown)).toEqual([message]);
    expect(await findRendition(testDb.database, blobName)).toBeNull();
  });
});
