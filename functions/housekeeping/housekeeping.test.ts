/**
 * The housekeeping timers hosted by the local runtime and run on demand (as POST /admin/functions/{name} does), over
 * real PostgreSQL, Azurite and the local Notify endpoint (the real Notify client): the media subscriber backup
 * written when, and only when, the media subscribers changed; the NoMatch report sent once a day when there is
 * something to report; every run recorded in housekeeping_run and logged.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { startTestHost } from '../../test-support/test-host.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { notifyEmailSender } from '../../shared/media-accounts/media-account-mailer.js';
import {
  digestItemPruneSchedule,
  mediaSubscriberBackupSchedule,
  noMatchReportSchedule,
  strandedSubmissionSweepSchedule,
} from './housekeeping-handler.js';
import { registerHousekeeping } from './registration.js';

const templateId = '4c1d8e7a-2b6f-4a93-9e05-7d3c1f8b2a64';
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let notify: LocalNotify;
let container: ContainerClient;
let publications: ContainerClient;
let clock = new Date('2026-11-30T07:00:00Z');
let recipient = 'pip-service-team@example.com';
const logs: string[] = [];
let notifyStopped = false;

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase(), startLocalNotify({ port: 0 })]);
  container = testStorage().blobService.getContainerClient(uniqueName('media-backups'));
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
  const send = notifyEmailSender({ apiKey: notify.apiKey, baseUrl: notify.baseUrl });
  registerHousekeeping(() => ({
    database: testDb.database,
    container,
    send,
    templateId,
    recipient,
    now: () => clock,
    publications,
  }));
  host = await startTestHost({ logger: (_level, message) => logs.push(message) });
});

afterAll(async () => {
  await host.stop();
  if (!notifyStopped) await notify.stop();
  await Promise.all([container.deleteIfExists(), publications.deleteIfExists()]);
  await testDb.drop();
});

async function runs(job: string) {
  const { rows } = await testDb.database.query<{ outcome: string; details: Record<string, unknown> }>(
    'SELECT outcome, details FROM housekeeping_run WHERE job = $1 ORDER BY run_id',
    [job],
  );
  return rows;
}

async function backups(): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names.sort();
}

async function addUser(provenance: string, roles: string[], email: string, forenames: string): Promise<void> {
  await testDb.database.query(
    `INSERT INTO pip_user (provenance, provenance_user_id, email, forenames, surname, roles)
     VALUES ($1, $2, $3, $4, 'Reporter', $5)`,
    [provenance, randomUUID(), email, forenames, roles],
  );
}

describe('housekeeping timers', () => {
  it('are six-field NCRONTAB timers the host schedules', () => {
    expect(mediaSubscriberBackupSchedule.split(' ')).toHaveLength(6);
    expect(noMatchReportSchedule.split(' ')).toHaveLength(6);
    expect(host.timers.has('mediaSubscriberBackup')).toBe(true);
    expect(host.timers.has('noMatchReport')).toBe(true);
    expect(strandedSubmissionSweepSchedule.split(' ')).toHaveLength(6);
    expect(digestItemPruneSchedule.split(' ')).toHaveLength(6);
    expect(host.timers.has('strandedSubmissionSweep')).toBe(true);
    expect(host.timers.has('digestItemPrune')).toBe(true);
  });
});

describe('mediaSubscriberBackup', () => {
  it('backs up the media subscribers as CSV whenever one is added (or removed), and records every run', async () => {
    await host.runOnDemand('mediaSubscriberBackup', '');
    expect(await backups()).toEqual(['media-subscribers/2026-11-30T07-00-00.000Z.csv']);

    await addUser('PI_AAD', ['VERIFIED'], 'reporter@example.com', 'Ada');
    await addUser('PI_AAD', ['VERIFIED'], 'formula@example.com', '=HYPERLINK("x")');
    await addUser('CFT_IDAM', ['VERIFIED'], 'caseworker@example.com', 'Not');
    await addUser('PI_AAD', ['INTERNAL_ADMIN_CTSC'], 'admin@example.com', 'Not');
    clock = new Date('2026-11-30T07:10:00Z');
    await host.runOnDemand('mediaSubscriberBackup', '');
    const latest = 'media-subscribers/2026-11-30T07-10-00.000Z.csv';
    expect(await backups()).toHaveLength(2);
    const csv = (await container.getBlobClient(latest).downloadToBuffer()).toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('user_id,email,forenames,surname,created_at,last_signed_in_at');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(',reporter@example.com,Ada,Reporter,');
    expect(csv).toContain(',formula@example.com,"\'=HYPERLINK(""x"")",Reporter,');
    expect(csv).not.toContain('caseworker@example.com');
    expect(csv).not.toContain('admin@example.com');
    expect((await container.getBlobClient(latest).getProperties()).contentType).toBe('text/csv; charset=utf-8');

    // Nothing changed: nothing written, the run recorded all the same.
    clock = new Date('2026-11-30T07:20:00Z');
    await host.runOnDemand('mediaSubscriberBackup', '');
    expect(await backups()).toHaveLength(2);

    // A media subscriber removed is a change too.
    await testDb.database.query("DELETE FROM pip_user WHERE email = 'formula@example.com'");
    clock = new Date('2026-11-30T07:30:00Z');
    await host.runOnDemand('mediaSubscriberBackup', '');
    expect(await backups()).toHaveLength(3);

    expect((await runs('MEDIA_SUBSCRIBER_BACKUP')).map((run) => [run.outcome, run.details.count])).toEqual([
      ['DONE', 0],
      ['DONE', 2],
      ['NOTHING_TO_DO', 2],
      ['DONE', 1],
    ]);
    expect(logs.filter((line) => line.includes('HOUSEKEEPING_RUN_COMPLETED'))).toHaveLength(4);
  });
});

describe('noMatchReport', () => {
  it('sends nothing when every publisher is mapped, then once a day the courts and provenances that are not', async () => {
    clock = new Date('2026-11-30T07:00:00Z');
    await insertPublicationRow(testDb.database, { locationId: '1' });
    await host.runOnDemand('noMatchReport', '');
    expect(notify.outbox()).toEqual([]);

    await insertPublicationRow(testDb.database, {
      locationId: 'NoMatch100',
      provenance: 'SNL',
      contentDate: '2026-11-29T09:00:00',
    });
    await insertPublicationRow(testDb.database, {
      locationId: 'NoMatch100',
      provenance: 'SNL',
      contentDate: '2026-11-30T09:00:00',
    });
    await insertPublicationRow(testDb.database, { locationId: 'NoMatch7', provenance: 'COMMON_PLATFORM' });
    await insertPublicationRow(testDb.database, {
      locationId: 'NoMatch999',
      provenance: 'SNL',
      archivedAt: new Date('2026-11-29T00:00:00Z'),
    });
    await host.runOnDemand('noMatchReport', '');
    const sent = notify.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipient, templateId, reference: 'no-match-report-2026-11-30' });
    expect(sent[0]?.personalisation).toMatchObject({
      report_date: '2026-11-30',
      publisher_count: '2',
      publishers: [
        expect.stringMatching(/^NoMatch100 from SNL: 2 list\(s\), last received /) as string,
        expect.stringMatching(/^NoMatch7 from COMMON_PLATFORM: 1 list\(s\)/) as string,
      ],
    });

    // The same day again: nothing more.
    clock = new Date('2026-11-30T15:00:00Z');
    await host.runOnDemand('noMatchReport', '');
    expect(notify.outbox()).toHaveLength(1);
    // The next day: the report again.
    clock = new Date('2026-12-01T07:00:00Z');
    await host.runOnDemand('noMatchReport', '');
    expect(notify.outbox()).toHaveLength(2);

    // Notify refusing it (400: not an email address) is recorded as FAILED and logged as an error.
    recipient = 'not an email address';
    clock = new Date('2026-12-02T07:00:00Z');
    await host.runOnDemand('noMatchReport', '');
    expect(notify.outbox()).toHaveLength(2);

    expect(
      (await runs('NO_MATCH_REPORT')).map((run) => [run.outcome, run.details.reason ?? run.details.reportDay]),
    ).toEqual([
      ['NOTHING_TO_DO', 'NONE'],
      ['DONE', '2026-11-30'],
      ['NOTHING_TO_DO', 'ALREADY_SENT'],
      ['DONE', '2026-12-01'],
      ['FAILED', '2026-12-02'],
    ]);
    expect(logs.filter((line) => line.includes('HOUSEKEEPING_RUN_FAILED'))).toHaveLength(1);
  });

  it('records a run that throws (Notify unreachable) as FAILED and fails the invocation', async () => {
    recipient = 'pip-service-team@example.com';
    await notify.stop();
    notifyStopped = true;
    clock = new Date('2026-12-03T07:00:00Z');
    await host.runOnDemand('noMatchReport', '');
    const last = (await runs('NO_MATCH_REPORT')).at(-1);
    expect(last?.outcome).toBe('FAILED');
    expect(last?.details.error).toEqual(expect.any(String));
    expect(logs.filter((line) => line.includes('HOUSEKEEPING_RUN_FAILED'))).toHaveLength(2);
  });
});

describe('strandedSubmissionSweep and digestItemPrune', () => {
  it('reject a submission stranded without its blob, log it, and record both runs', async () => {
    clock = new Date('2026-12-04T07:00:00Z');
    const submissionId = randomUUID();
    await testDb.database.query(
      "INSERT INTO submission (submission_id, received_at, provenance, submitted_by) VALUES ($1, $2, 'HMI', 'hmi')",
      [submissionId, new Date('2026-12-04T06:00:00Z')],
    );
    await host.runOnDemand('strandedSubmissionSweep', '');
    const { rows } = await testDb.database.query<{ status: string }>(
      'SELECT status FROM submission WHERE submission_id = $1',
      [submissionId],
    );
    expect(rows[0]?.status).toBe('rejected');
    expect(
      logs.filter((line) => line.includes('STRANDED_SUBMISSION_BLOB_GONE') && line.includes(submissionId)),
    ).toHaveLength(1);
    expect((await runs('STRANDED_SUBMISSION_SWEEP')).map((run) => [run.outcome, run.details.blobGone])).toEqual([
      ['DONE', 1],
    ]);

    await host.runOnDemand('digestItemPrune', '');
    expect((await runs('DIGEST_ITEM_PRUNE')).map((run) => run.outcome)).toEqual(['NOTHING_TO_DO']);
  });
});
