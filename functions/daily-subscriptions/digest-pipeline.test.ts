/**
 * From publication to inbox (issue 13): blob-uploaded, publication-renditions and the daily digest registered as in
 * production and hosted by the local runtime over real Azurite and PostgreSQL, sending through the real
 * notifications-node-client (prepareUpload included) to the local Notify. Lists stored as ingest-publication stores
 * them are published by the blob trigger, rendered by the queue-triggered step, matched by the timer and emailed:
 * a JSON list as its PDF, an SJP list (tabular) as its PDF and its Excel workbook, a flat file as received. The
 * files the subscriber gets are the renditions themselves: the workbook opens in exceljs with the list's rows.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import ExcelJS from 'exceljs';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { siteUrlFrom } from '../../shared/config/site-url.js';
import { digestListAttachments } from '../../shared/digest-attachments/list-attachments.js';
import type { StoredPublication } from '../../shared/publications/intake/stored-publication.js';
import { pdfText } from '../../shared/publications/renditions/pdf-text.test-support.js';
import { findRendition } from '../../shared/publications/renditions/rendition-store.js';
import { createNotifyMailer } from '../../shared/subscriptions/notify-mailer.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { storeAsIngestDoes, storedPublication } from '../../test-support/stored-publication.js';
import { insertSubscription } from '../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerBlobUploaded } from '../blob-uploaded/registration.js';
import { registerPublicationRenditions } from '../publication-renditions/registration.js';
import { registerDailySubscriptions } from './registration.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const storage = testStorage();
const containerName = uniqueName('publications');
const renditionsQueue = uniqueName('publication-renditions');
const digestQueue = uniqueName('subscription-notifications');
const run = new Date('2026-11-30T06:00:00Z');
const reporter = { userId: randomUUID(), email: 'court.reporter@example.com' };

let testDb: TestDatabase;
let notify: LocalNotify;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let queues: QueueClient[] = [];
/** Every file handed to prepareUpload, by the file name it was given. */
const uploaded = new Map<string, Buffer>();

const fixture = (name: string): Buffer => readFileSync(fixtureUrl('lists', name));

/** Stores a payload as ingest-publication does; the blob trigger publishes it and the renditions follow. */
async function publish(payload: Buffer, overrides: Partial<StoredPublication>): Promise<string> {
  const publication = storedPublication({
    payloadSize: payload.length,
    receivedAt: '2026-11-29T20:00:00.000Z',
    displayFrom: '2026-11-29T00:00:00',
    displayTo: '2026-12-02T00:00:00',
    ...overrides,
  });
  await storeAsIngestDoes(testDb.database, publications, publication, payload);
  await host.drain();
  const { rows } = await testDb.database.query<{ artefact_id: string }>(
    'SELECT artefact_id FROM artefact WHERE blob_name = $1',
    [publication.submissionId],
  );
  const artefactId = rows[0]?.artefact_id;
  if (!artefactId) throw new Error(`${publication.submissionId} was not published`);
  return artefactId;
}

async function blobSize(name: string): Promise<number> {
  return (await publications.getBlobClient(name).getProperties()).contentLength ?? -1;
}

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase({ poolSize: 10 }), startLocalNotify({ port: 0 })]);
  publications = storage.blobService.getContainerClient(containerName);
  queues = [renditionsQueue, digestQueue].map((name) => storage.queueService.getQueueClient(name));
  await Promise.all([publications.createIfNotExists(), ...queues.map((queue) => queue.createIfNotExists())]);
  const [renditions, notifications] = queues as [QueueClient, QueueClient];
  await testDb.database.query(`INSERT INTO court (location_id, name) VALUES (1501, 'Oxford Combined Court Centre')`);
  await testDb.database.query(
    `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (1501, 'HMI', '1234')`,
  );
  await insertSubscription(testDb.database, { ...reporter, searchType: 'LOCATION_ID', searchValue: '1501' });

  const siteUrl = siteUrlFrom('https://pip.test.example');
  const client = new NotifyClient(notify.baseUrl, notify.apiKey);
  const attachments = digestListAttachments({
    database: testDb.database,
    publications,
    prepareUpload: (file, options) => {
      uploaded.set(options.filename, file);
      return client.prepareUpload(file, options);
    },
    siteUrl,
    now: () => run,
  });
  registerBlobUploaded(() => ({ database: testDb.database, publications, renditions }), { container: containerName });
  registerPublicationRenditions(() => ({ database: testDb.database, publications, now: () => new Date() }), {
    queueName: renditionsQueue,
  });
  registerDailySubscriptions(
    () => ({ database: testDb.database, notifications, now: () => run, newId: randomUUID, sendsPerMinute: 3000 }),
    () => ({
      database: testDb.database,
      mailer: createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId }),
      siteUrl,
      attachments,
      notifications,
      unsubscribeLinkKeys: testScreenLinkKeys,
      retry: { baseSeconds: 1, maxSeconds: 2, maxAttempts: 3 },
      now: () => run,
    }),
    { queueName: digestQueue },
  );
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 2, visibilityTimeout: '00:00:00' } } });
});

afterAll(async () => {
  await host.stop();
  await Promise.all([
    notify.stop(),
    testDb.drop(),
    publications.deleteIfExists(),
    ...queues.map((queue) => queue.deleteIfExists()),
  ]);
});

describe('a list published overnight reaches its subscriber attached', () => {
  it('as its PDF, an SJP list also as its Excel workbook, a flat file as received', async () => {
    const civil = await publish(fixture('civilDailyCauseList.json'), { listType: 'CIVIL_DAILY_CAUSE_LIST' });
    const sjp = await publish(fixture('sjpPublicList.json'), {
      listType: 'SJP_PUBLIC_LIST',
      contentDate: '2026-11-30T09:00:00',
    });
    const csv = Buffer.from('Case,Time,Courtroom\nA v B,10:00,1\n', 'utf8');
    const flat = await publish(csv, {
      listType: 'FAMILY_DAILY_CAUSE_LIST',
      isFlatFile: true,
      contentType: 'text/csv; charset=utf-8',
      fileName: 'Family list 30 November.csv',
    });

    // The renditions step made the PDFs, and the SJP list's workbook; nothing for the flat file.
    const blobOf = async (artefactId: string) =>
      (
        await testDb.database.query<{ blob_name: string }>('SELECT blob_name FROM artefact WHERE artefact_id = $1', [
          artefactId,
        ])
      ).rows[0]?.blob_name ?? '';
    const civilRendition = await findRendition(testDb.database, await blobOf(civil));
    const sjpRendition = await findRendition(testDb.database, await blobOf(sjp));
    expect(civilRendition?.pdf).not.toBeNull();
    expect(civilRendition?.workbook).toBeNull();
    expect(sjpRendition?.workbook).not.toBeNull();
    expect(await findRendition(testDb.database, await blobOf(flat))).toBeNull();

    await host.runOnDemand('dailySubscriptions', '');
    await host.drain();

    const emails = notify.outbox();
    expect(emails.map((email) => email.recipient)).toEqual([reporter.email]);
    const [email] = emails;
    const files = email?.attachments ?? [];
    const byName = new Map(files.map((file) => [file.filename ?? '', file]));
    const civilPdf = 'Civil Daily Cause List Oxford Combined Court Centre 30 November 2026.pdf';
    const sjpPdf = 'Single Justice Procedure Public List Full List Oxford Combined Court Centre 30 November 2026.pdf';
    const sjpWorkbook =
      'Single Justice Procedure Public List Full List Oxford Combined Court Centre 30 November 2026.xlsx';
    const flatName = 'Family list 30 November.csv';
    expect([...byName.keys()].sort()).toEqual([civilPdf, flatName, sjpPdf, sjpWorkbook].sort());
    for (const file of files) {
      expect(file).toMatchObject({ confirmEmailBeforeDownload: true, retentionPeriod: '4 weeks' });
    }

    // The files are the renditions and the payload, byte for byte.
    expect(byName.get(civilPdf)?.sizeBytes).toBe(await blobSize(civilRendition?.pdf?.blobName ?? ''));
    expect(byName.get(sjpWorkbook)?.sizeBytes).toBe(await blobSize(sjpRendition?.workbook?.blobName ?? ''));
    expect(uploaded.get(flatName)).toEqual(csv);
    expect(pdfText(uploaded.get(civilPdf) ?? Buffer.alloc(0))).toContain('Civil Daily Cause List');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((uploaded.get(sjpWorkbook) ?? Buffer.alloc(0)) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBeGreaterThan(1);

    // Each file is named in the email's lines, its slot given.
    const lines = email?.personalisation.list_files as string[];
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => /: attached as file [1-4]$/.test(line))).toHaveLength(4);
    expect(lines.some((line) => line.includes('(Excel): attached as file'))).toBe(true);
  });
});
