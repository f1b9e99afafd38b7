/**
 * The digest sender with its lists attached (issue 13), registered as in production and hosted by the local runtime
 * over real Azurite and PostgreSQL, sending through the real notifications-node-client (prepareUpload included) to
 * the local Notify: a list is attached as its PDF, a list over 2 MB becomes a link, and a re-sent list's email names
 * what changed since the version the subscriber received; a Welsh subscriber's lines are all in Welsh.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify, type OutboxEmail } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { siteUrlFrom } from '../../shared/config/site-url.js';
import { digestListAttachments } from '../../shared/digest-attachments/list-attachments.js';
import type { ListCase } from '../../shared/publications/renditions/list-cases.js';
import { listPdf } from '../../shared/publications/renditions/list-files.js';
import { recordRendition } from '../../shared/publications/renditions/rendition-store.js';
import { setSubscriberEmailLanguage } from '../../shared/subscriptions/digest-store.js';
import { createNotifyMailer } from '../../shared/subscriptions/notify-mailer.js';
import { supersedePublicationRow } from '../../test-support/publication-rows.js';
import { insertArtefact, insertCourt, insertSubscription } from '../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerDailySubscriptions } from './registration.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const storage = testStorage();
const queueName = uniqueName('subscription-notifications');
const day = 24 * 60 * 60 * 1000;
const firstRun = new Date('2026-11-30T06:00:00Z');
const at = (offsetMs: number) => new Date(firstRun.getTime() + offsetMs);
const reporter = { userId: randomUUID(), email: 'court.reporter@example.com' };
const welshReader = { userId: randomUUID(), email: 'gohebydd@example.com' };

let testDb: TestDatabase;
let notify: LocalNotify;
let host: LocalFunctionsHost;
let queue: QueueClient;
let publications: ContainerClient;
let now = firstRun;

let welshEmails: OutboxEmail[] = [];

async function runTimer(when: Date): Promise<OutboxEmail[]> {
  now = when;
  notify.clear();
  await host.runOnDemand('dailySubscriptions', '');
  await host.drain();
  welshEmails = notify.outbox().filter((email) => email.recipient === welshReader.email);
  return notify.outbox().filter((email) => email.recipient === reporter.email);
}

async function blobNameOf(artefactId: string): Promise<string> {
  const { rows } = await testDb.database.query<{ blob_name: string }>(
    'SELECT blob_name FROM artefact WHERE artefact_id = $1',
    [artefactId],
  );
  return rows[0]?.blob_name ?? '';
}

/** The version's PDF beside its payload and its rendition row, as publication-renditions leaves them. */
async function rendered(artefactId: string, pdf: Buffer, cases: ListCase[], version = 0): Promise<void> {
  const blobName = await blobNameOf(artefactId);
  await publications.getBlockBlobClient(`${blobName}.list.pdf`).uploadData(pdf);
  await recordRendition(testDb.database, {
    blobName,
    artefactId,
    version,
    pdf: { blobName: `${blobName}.list.pdf`, size: pdf.length },
    workbook: null,
    cases,
    renderedAt: now,
  });
}

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase({ poolSize: 10 }), startLocalNotify({ port: 0 })]);
  queue = storage.queueService.getQueueClient(queueName);
  publications = storage.blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
  const siteUrl = siteUrlFrom('https://pip.test.example');
  const uploads = new NotifyClient(notify.baseUrl, notify.apiKey);
  const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
  const attachments = digestListAttachments({
    database: testDb.database,
    publications,
    prepareUpload: (file, options) => uploads.prepareUpload(file, options),
    siteUrl,
    now: () => now,
  });
  registerDailySubscriptions(
    () => ({
      database: testDb.database,
      notifications: queue,
      now: () => now,
      newId: randomUUID,
      sendsPerMinute: 3000,
    }),
    () => ({
      database: testDb.database,
      mailer,
      siteUrl,
      attachments,
      notifications: queue,
      unsubscribeLinkKeys: testScreenLinkKeys,
      retry: { baseSeconds: 1, maxSeconds: 2, maxAttempts: 3 },
      now: () => now,
    }),
    { queueName },
  );
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:00' } } });
  await insertCourt(testDb.database, 1501, 'Oxford Combined Court Centre');
  await insertSubscription(testDb.database, { ...reporter, searchType: 'LOCATION_ID', searchValue: '1501' });
  await testDb.database.query(`UPDATE court SET welsh_name = 'Canolfan Llys Cyfun Rhydychen' WHERE location_id = 1501`);
  await insertSubscription(testDb.database, { ...welshReader, searchType: 'LOCATION_ID', searchValue: '1501' });
  await setSubscriberEmailLanguage(testDb.database, welshReader.userId, 'cy');
});

afterAll(async () => {
  await host.stop();
  await Promise.all([notify.stop(), testDb.drop(), publications.deleteIfExists(), queue.deleteIfExists()]);
});

describe('a digest carrying its lists', () => {
  let civil: string;
  let family: string;
  let pdf: Buffer;

  it('attaches a list as its PDF, and links to a list over 2 MB instead', async () => {
    civil = await insertArtefact(testDb.database, {
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      contentDate: '2026-11-30T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-8 * 60 * 60 * 1000),
    });
    family = await insertArtefact(testDb.database, {
      listType: 'FAMILY_DAILY_CAUSE_LIST',
      contentDate: '2026-11-30T10:00:00',
      displayFrom: at(-day),
      receivedAt: at(-8 * 60 * 60 * 1000),
    });
    pdf = await listPdf({ title: 'Civil Daily Cause List', court: 'Oxford', contentDate: '', tables: [] });
    await rendered(civil, pdf, [
      { reference: 'CN-1', name: 'A v B', time: '10:00', courtroom: '1' },
      { reference: 'CN-2', name: 'C v D', time: '11:00', courtroom: '2' },
    ]);
    await rendered(family, randomBytes(2 * 1024 * 1024 + 1), []);

    const [email, ...others] = await runTimer(firstRun);
    expect(others).toEqual([]);
    expect(email?.attachments.map((a) => [a.personalisationKey, a.filename, a.sizeBytes])).toEqual([
      ['list_file_1', 'Civil Daily Cause List Oxford Combined Court Centre 30 November 2026.pdf', pdf.length],
    ]);
    expect(email?.personalisation.list_files).toEqual([
      'Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026 (PDF): attached as file 1',
      `Family Daily Cause List, Oxford Combined Court Centre, 30 November 2026 (PDF): too large to attach, download it at https://pip.test.example/list/${family}/pdf`,
    ]);
    expect(email?.personalisation.list_changes).toEqual([]);

    const [welsh, ...moreWelsh] = welshEmails;
    expect(moreWelsh).toEqual([]);
    expect(welsh?.personalisation.list_files).toEqual([
      "Rhestr Achosion Dyddiol y Llys Sifil, Canolfan Llys Cyfun Rhydychen, 30 Tachwedd 2026 (PDF): wedi'i atodi fel ffeil 1",
      `Rhestr Achosion Dyddiol y Llys Teulu, Canolfan Llys Cyfun Rhydychen, 30 Tachwedd 2026 (PDF): rhy fawr i'w atodi, lawrlwythwch y ffeil yn https://pip.test.example/list/${family}/pdf`,
    ]);
    expect(welsh?.attachments.map((a) => a.filename)).toEqual([
      'Rhestr Achosion Dyddiol y Llys Sifil Canolfan Llys Cyfun Rhydychen 30 Tachwedd 2026.pdf',
    ]);
  });

  it("names a re-sent list's changes since the version the subscriber received", async () => {
    const resentAt = at(2 * 60 * 60 * 1000);
    now = resentAt;
    await supersedePublicationRow(testDb.database, civil, resentAt, randomUUID());
    await rendered(
      civil,
      pdf,
      [
        { reference: 'CN-1', name: 'A v B', time: '14:00', courtroom: '3' },
        { reference: 'CN-3', name: 'E v F', time: '12:00', courtroom: '1' },
      ],
      1,
    );
    const [email, ...others] = await runTimer(at(day));
    expect(others).toEqual([]);
    expect(email?.personalisation.publication_count).toBe('1');
    expect(email?.personalisation.list_changes).toEqual([
      'Civil Daily Cause List, Oxford Combined Court Centre, 30 November 2026: changed since the version you last received',
      'Added: CN-3 E v F (12:00, courtroom 1)',
      'Removed: CN-2 C v D (11:00, courtroom 2)',
      'Moved: CN-1 A v B, 10:00, courtroom 1 to 14:00, courtroom 3',
    ]);
    const [welsh, ...moreWelsh] = welshEmails;
    expect(moreWelsh).toEqual([]);
    expect(welsh?.personalisation.list_changes).toEqual([
      'Rhestr Achosion Dyddiol y Llys Sifil, Canolfan Llys Cyfun Rhydychen, 30 Tachwedd 2026: wedi newid ers y fersiwn a gawsoch ddiwethaf',
      'Ychwanegwyd: CN-3 E v F (12:00, ystafell llys 1)',
      'Tynnwyd: CN-2 C v D (11:00, ystafell llys 2)',
      'Symudwyd: CN-1 A v B, 10:00, ystafell llys 1 i 14:00, ystafell llys 3',
    ]);
  });
});
