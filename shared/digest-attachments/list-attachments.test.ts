/**
 * The digest's lists (issue 13) over real PostgreSQL and Azurite, with the real notifications-node-client's
 * prepareUpload, sent through the real client to the local Notify (which checks files as Notify does): a list at
 * most 2 MB is attached, a larger one becomes a link, and a re-sent list names what changed since the version the
 * recipient last received.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { ListCase } from '../publications/renditions/list-cases.js';
import { listPdf } from '../publications/renditions/list-files.js';
import { recordRendition } from '../publications/renditions/rendition-store.js';
import { createNotifyMailer } from '../subscriptions/notify-mailer.js';
import { insertPublicationRow, supersedePublicationRow } from '../../test-support/publication-rows.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import {
  attachmentLimitBytes,
  digestListAttachments,
  fileSlots,
  maxFilenameLength,
  safeFilename,
} from './list-attachments.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const recipient = 'court.reporter@example.com';
let testDb: TestDatabase;
let notify: LocalNotify;
let publications: ContainerClient;
let uploads: NotifyClient;
/** Each list at a court of its own, so none supersedes another. */
let nextCourt = 100;

const attachments = () =>
  digestListAttachments({
    database: testDb.database,
    publications,
    prepareUpload: (file, options) => uploads.prepareUpload(file, options),
    siteUrl: (path) => `https://pip.test.example${path}`,
    now: () => new Date(),
  });

/** A JSON list whose version `blobName` has a rendered PDF of `pdf` bytes and the given cases. */
async function renderedList(artefactId: string, blobName: string, pdf: Buffer, cases: ListCase[], version = 0) {
  await publications.getBlockBlobClient(`${blobName}.list.pdf`).uploadData(pdf);
  await recordRendition(testDb.database, {
    blobName,
    artefactId,
    version,
    pdf: { blobName: `${blobName}.list.pdf`, size: pdf.length },
    workbook: null,
    cases,
    renderedAt: new Date(),
  });
}

async function send(personalisation: Record<string, unknown>) {
  const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
  const result = await mailer.sendDigest({
    recipient,
    language: 'en',
    personalisation,
    reference: randomUUID(),
    oneClickUnsubscribeUrl: 'https://pip.test.example/unsubscribe/token',
  });
  expect(result.kind).toBe('sent');
  const [email] = notify.outbox();
  if (!email) throw new Error('nothing sent');
  return email;
}

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase(), startLocalNotify({ port: 0 })]);
  uploads = new NotifyClient(notify.baseUrl, notify.apiKey);
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
});

afterAll(async () => {
  await Promise.all([notify.stop(), testDb.drop(), publications.deleteIfExists()]);
});

describe('the name of an attached file', () => {
  it("fits Notify's 100 characters, keeping the day whole and shortening the rest at a word", () => {
    expect(
      safeFilename(['Rhestr Achosion Dyddiol y Llys Sifil', 'Llys Ynadon Caerdydd', '1 Rhagfyr 2026'], 'pdf'),
    ).toBe('Rhestr Achosion Dyddiol y Llys Sifil Llys Ynadon Caerdydd 1 Rhagfyr 2026.pdf');
    const long = safeFilename(
      [
        'Single Justice Procedure Public List Full List',
        'Birmingham Civil and Family Justice Centre (Priory Courts, 33 Bull Street)',
        '30 November 2026',
      ],
      'xlsx',
    );
    expect(long.length).toBeLessThanOrEqual(maxFilenameLength);
    expect(long).toBe(
      'Single Justice Procedure Public List Full List Birmingham Civil and Family 30 November 2026.xlsx',
    );
    expect(safeFilename(['x'.repeat(150)], 'csv')).toBe(`${'x'.repeat(96)}.csv`);
    expect(safeFilename(['ŵ', '***'], 'pdf')).toBe('w.pdf');
    expect(safeFilename(['***'], 'pdf')).toBe('list.pdf');
  });
});

describe("a digest's lists", () => {
  it('attaches a list at most 2 MB as its PDF, and links to one over 2 MB instead', async () => {
    notify.clear();
    const small = await insertPublicationRow(testDb.database, {
      locationId: String((nextCourt += 1)),
      blobName: randomUUID(),
    });
    const large = await insertPublicationRow(testDb.database, {
      locationId: String((nextCourt += 1)),
      blobName: randomUUID(),
      listType: 'FAMILY_DAILY_CAUSE_LIST',
    });
    const smallBlob = (await blobNameOf(small)) ?? '';
    const largeBlob = (await blobNameOf(large)) ?? '';
    const pdf = await listPdf({
      title: 'Civil Daily Cause List',
      court: 'Oxford',
      contentDate: '30 November 2026',
      tables: [],
    });
    await renderedList(small, smallBlob, pdf, []);
    await renderedList(large, largeBlob, randomBytes(attachmentLimitBytes + 1), []);

    const digest = await attachments().forDigest(recipient, [
      { artefactId: small, courtName: 'Oxford Combined Court Centre' },
      { artefactId: large, courtName: 'Oxford Combined Court Centre' },
    ]);
    expect(digest.personalisation.list_files).toEqual([
      'Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026 (PDF): attached as file 1',
      `Family Daily Cause List, Oxford Combined Court Centre, 30 November 2026 (PDF): too large to attach, download it at https://pip.test.example/list/${large}/pdf`,
    ]);
    expect(digest.personalisation.list_file_2).toBe('');
    expect(Object.keys(digest.personalisation).filter((key) => key.startsWith('list_file_'))).toHaveLength(fileSlots);

    const email = await send(digest.personalisation);
    expect(email.attachments).toEqual([
      {
        personalisationKey: 'list_file_1',
        filename: 'Civil Daily Cause List Oxford Combined Court Centre 30 November 2026.pdf',
        sizeBytes: pdf.length,
        confirmEmailBeforeDownload: true,
        retentionPeriod: '4 weeks',
      },
    ]);
  });

  it('attaches a flat file as received, and links to one Notify does not send by email', async () => {
    notify.clear();
    const csv = Buffer.from('case,time\nA v B,10am\n');
    const csvList = await insertPublicationRow(testDb.database, {
      locationId: String((nextCourt += 1)),
      blobName: randomUUID(),
      isFlatFile: true,
      contentType: 'text/csv',
      fileName: 'Oxford list.csv',
      payloadSize: csv.length,
    });
    await publications.getBlockBlobClient((await blobNameOf(csvList)) ?? '').uploadData(csv);
    const htmlList = await insertPublicationRow(testDb.database, {
      locationId: String((nextCourt += 1)),
      blobName: randomUUID(),
      isFlatFile: true,
      contentType: 'text/html',
      fileName: 'list.html',
      payloadSize: 20,
      contentDate: '2026-12-01T09:00:00',
    });
    const digest = await attachments().forDigest(recipient, [
      { artefactId: csvList, courtName: 'Oxford' },
      { artefactId: htmlList, courtName: 'Oxford' },
    ]);
    expect(digest.personalisation.list_file_1).toEqual(
      uploads.prepareUpload(csv, {
        filename: 'Oxford list.csv',
        confirmEmailBeforeDownload: true,
        retentionPeriod: '4 weeks',
      }),
    );
    expect(digest.personalisation.list_files[1]).toBe(
      `Civil Daily Cause List, Oxford, 1 December 2026: not attached, download it at https://pip.test.example/api/publication/${htmlList}/file`,
    );
    const email = await send(digest.personalisation);
    expect(email.attachments.map((a) => [a.filename, a.sizeBytes])).toEqual([['Oxford list.csv', csv.length]]);
  });

  it('names what a re-sent list changed since the version the recipient last received', async () => {
    const first = randomUUID();
    const list = await insertPublicationRow(testDb.database, {
      locationId: String((nextCourt += 1)),
      blobName: first,
    });
    const pdf = await listPdf({ title: 'List', court: '', contentDate: '', tables: [] });
    await renderedList(list, first, pdf, [
      { reference: 'CN-1', name: 'A v B', time: '10:00', courtroom: '1' },
      { reference: 'CN-2', name: 'C v D', time: '11:00', courtroom: '2' },
      { reference: 'CN-3', name: 'E v F', time: '12:00', courtroom: '2' },
    ]);
    const sent = await attachments().forDigest(recipient, [{ artefactId: list, courtName: 'Oxford' }]);
    expect(sent.personalisation.list_changes).toEqual([]);
    await sent.sent();

    // A version the recipient never received comes and goes; the change is named against the one they had.
    const second = randomUUID();
    await supersedePublicationRow(testDb.database, list, new Date(), second);
    await renderedList(list, second, pdf, [], 1);
    const third = randomUUID();
    await supersedePublicationRow(testDb.database, list, new Date(), third);
    await renderedList(
      list,
      third,
      pdf,
      [
        { reference: 'CN-1', name: 'A v B', time: '14:00', courtroom: '3' },
        { reference: 'CN-3', name: 'E v F', time: '12:00', courtroom: '2' },
        { reference: 'CN-4', name: 'G v H', time: '15:00', courtroom: '1' },
      ],
      2,
    );
    const resent = await attachments().forDigest(recipient, [{ artefactId: list, courtName: 'Oxford' }]);
    expect(resent.personalisation.list_changes).toEqual([
      'Civil Daily Cause List, Oxford, 30 November 2026: changed since the version you last received',
      'Added: CN-4 G v H (15:00, courtroom 1)',
      'Removed: CN-2 C v D (11:00, courtroom 2)',
      'Moved: CN-1 A v B, 10:00, courtroom 1 to 14:00, courtroom 3',
    ]);
    await resent.sent();
    const again = await attachments().forDigest(recipient, [{ artefactId: list, courtName: 'Oxford' }]);
    expect(again.personalisation.list_changes).toEqual([]);
    // Another recipient, who never received it, is told of no change.
    const other = await digestListAttachments({
      database: testDb.database,
      publications,
      prepareUpload: (file, options) => uploads.prepareUpload(file, options),
      siteUrl: (path) => path,
      now: () => new Date(),
    }).forDigest('someone.else@example.com', [{ artefactId: list, courtName: 'Oxford' }]);
    expect(other.personalisation.list_changes).toEqual([]);
  });
});

async function blobNameOf(artefactId: string): Promise<string | undefined> {
  const { rows } = await testDb.database.query<{ blob_name: string }>(
    'SELECT blob_name FROM artefact WHERE artefact_id = $1',
    [artefactId],
  );
  return rows[0]?.blob_name;
}
