/**
 * Media account applications over real PostgreSQL, Azurite and the local Notify endpoint (with the official client):
 * submitting stores the proof of ID privately and the row PENDING; one pending application per email; the hourly
 * limit; approving makes the account in the directory, the pip_user row, the welcome email, deletes the blob; a
 * directory failure changes nothing; rejecting emails the reasons; a decided application cannot be decided again.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { findUserByProvenance } from '../users/user-store.js';
import type { MediaAccountDirectory, NewMediaAccount } from './media-account-directory.js';
import { unconfiguredMediaAccountDirectory } from './media-account-directory.js';
import { type MediaAccounts } from './media-accounts.js';
import { tinyPng } from './test-images.test-support.js';
import {
  localNotifyMediaAccounts,
  TEST_WELCOME_TEMPLATE,
  TEST_REJECTION_TEMPLATE,
} from '../../test-support/media-accounts.js';

const admin = { userId: 'admin-oid', email: 'ctsc.admin@example.com' };
const now = new Date('2026-11-30T10:00:00Z');

let testDb: TestDatabase;
let notify: LocalNotify;
let container: ContainerClient;
const created: NewMediaAccount[] = [];
const recordingDirectory: MediaAccountDirectory = {
  name: 'test',
  createMediaAccount: (account) => {
    created.push(account);
    return Promise.resolve({ ok: true, objectId: `oid-${created.length}` });
  },
};

function service(directory: MediaAccountDirectory = recordingDirectory, applicationsPerHour?: number): MediaAccounts {
  return localNotifyMediaAccounts({
    database: testDb.database,
    proofOfId: container,
    directory,
    notify,
    applicationsPerHour,
  });
}

const applicant = { fullName: 'Jo de Souza', email: 'jo@news.example', employer: 'The Daily Example' };
const png = { bytes: tinyPng(), contentType: 'image/png' as const, fileName: 'press-card.png' };

beforeAll(async () => {
  [testDb, notify] = await Promise.all([createTestDatabase(), startLocalNotify({ port: 0 })]);
  container = testStorage().blobService.getContainerClient(uniqueName('media-applications'));
  await container.createIfNotExists();
});

afterAll(async () => {
  await container.deleteIfExists();
  await notify.stop();
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('DELETE FROM media_application');
  notify.clear();
  created.length = 0;
  for await (const blob of container.listBlobsFlat()) await container.deleteBlob(blob.name);
});

async function blobNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names;
}

describe('applying', () => {
  it('stores the proof of ID privately under the application id, with the type its bytes proved, and the row PENDING', async () => {
    const result = await service().submit(applicant, png, now);
    if (!result.ok) throw new Error(result.reason);
    expect(result.application).toMatchObject({
      ...applicant,
      status: 'PENDING',
      imageBlobName: result.application.applicationId,
      imageContentType: 'image/png',
      imageSize: png.bytes.length,
      imageFileName: 'press-card.png',
      createdAt: now,
      decidedAt: null,
    });
    expect(await blobNames()).toEqual([result.application.applicationId]);
    const properties = await container.getBlobClient(result.application.applicationId).getProperties();
    expect(properties.contentType).toBe('image/png');
    expect(await service().readProofOfId(result.application)).toEqual(png.bytes);
    expect((await service().listPending()).map((a) => a.applicationId)).toEqual([result.application.applicationId]);
  });

  it('refuses a second pending application for the same email, in any case, and keeps nothing of it', async () => {
    expect((await service().submit(applicant, png, now)).ok).toBe(true);
    const again = await service().submit({ ...applicant, email: 'JO@News.Example' }, png, now);
    expect(again).toEqual({ ok: false, reason: 'DUPLICATE' });
    expect(await blobNames()).toHaveLength(1);
  });

  it('refuses applications past the hourly limit', async () => {
    const limited = service(recordingDirectory, 2);
    expect((await limited.submit({ ...applicant, email: 'a@x.example' }, png, now)).ok).toBe(true);
    expect((await limited.submit({ ...applicant, email: 'b@x.example' }, png, now)).ok).toBe(true);
    expect(await limited.submit({ ...applicant, email: 'c@x.example' }, png, now)).toEqual({
      ok: false,
      reason: 'TOO_MANY_APPLICATIONS',
    });
    // An hour later the window has moved on.
    const later = new Date(now.getTime() + 3_600_001);
    expect((await limited.submit({ ...applicant, email: 'c@x.example' }, png, later)).ok).toBe(true);
  });
});

describe('deciding', () => {
  it('approving makes the account, the verified user row, sends the welcome email and deletes the proof of ID', async () => {
    const submitted = await service().submit(applicant, png, now);
    if (!submitted.ok) throw new Error(submitted.reason);
    const id = submitted.application.applicationId;
    const decidedAt = new Date('2026-11-30T11:00:00Z');
    const result = await service().approve(id, admin, decidedAt, { signIn: 'https://pip.example/sign-in' });
    if (result.kind !== 'decided') throw new Error(result.kind);
    expect(created).toEqual([
      { email: 'jo@news.example', givenName: 'Jo de', familyName: 'Souza', displayName: 'Jo de Souza' },
    ]);
    expect(result.email.kind).toBe('sent');
    expect(result.proofOfIdDeleted).toBe(true);
    expect(result.application).toMatchObject({
      status: 'APPROVED',
      decidedAt,
      decidedBy: admin,
      imageDeletedAt: decidedAt,
      userId: result.account?.userId,
    });
    expect(await blobNames()).toEqual([]);
    expect(await service().readProofOfId(result.application)).toBeNull();
    const user = await findUserByProvenance(testDb.database, 'PI_AAD', 'oid-1');
    expect(user).toMatchObject({ email: 'jo@news.example', forenames: 'Jo de', surname: 'Souza', roles: ['VERIFIED'] });
    const [email, ...others] = notify.outbox();
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      recipient: 'jo@news.example',
      templateId: TEST_WELCOME_TEMPLATE,
      reference: `media-welcome-${id}`,
      personalisation: { full_name: 'Jo de Souza', sign_in_link: 'https://pip.example/sign-in' },
    });
    // Decided once: a second approval or a rejection changes nothing.
    expect((await service().approve(id, admin, decidedAt, { signIn: 'x' })).kind).toBe('not-pending');
    expect((await service().reject(id, ['notMedia'], admin, decidedAt, { apply: 'x' })).kind).toBe('not-pending');
    expect(created).toHaveLength(1);
    expect(notify.outbox()).toHaveLength(1);
    // A new application for the same email is possible again once the first is decided.
    expect((await service().submit(applicant, png, now)).ok).toBe(true);
  });

  it('an approval without a directory fails visibly and changes nothing', async () => {
    const submitted = await service().submit(applicant, png, now);
    if (!submitted.ok) throw new Error(submitted.reason);
    const result = await service(unconfiguredMediaAccountDirectory).approve(
      submitted.application.applicationId,
      admin,
      now,
      { signIn: 'x' },
    );
    expect(result).toMatchObject({ kind: 'directory-failed', reason: 'NOT_CONFIGURED' });
    expect((await service().find(submitted.application.applicationId))?.status).toBe('PENDING');
    expect(await blobNames()).toHaveLength(1);
    expect(notify.outbox()).toEqual([]);
  });

  it('rejecting records the reasons, emails them and deletes the proof of ID', async () => {
    const submitted = await service().submit(applicant, png, now);
    if (!submitted.ok) throw new Error(submitted.reason);
    const id = submitted.application.applicationId;
    const result = await service().reject(id, ['expired', 'noMatch'], admin, now, {
      apply: 'https://pip.example/create-media-account',
    });
    if (result.kind !== 'decided') throw new Error(result.kind);
    expect(result.application).toMatchObject({ status: 'REJECTED', rejectionReasons: ['expired', 'noMatch'] });
    expect(result.proofOfIdDeleted).toBe(true);
    expect(await blobNames()).toEqual([]);
    expect(created).toEqual([]);
    expect(notify.outbox()[0]).toMatchObject({
      recipient: 'jo@news.example',
      templateId: TEST_REJECTION_TEMPLATE,
      personalisation: {
        full_name: 'Jo de Souza',
        reasons: ['ID provided has expired or is not a Press ID.', 'Details provided do not match.'],
        apply_link: 'https://pip.example/create-media-account',
      },
    });
  });

  it('answers not-found for an unknown or malformed id', async () => {
    expect((await service().approve('00000000-0000-4000-8000-000000000000', admin, now, { signIn: 'x' })).kind).toBe(
      'not-found',
    );
    expect((await service().reject('nope', ['notMedia'], admin, now, { apply: 'x' })).kind).toBe('not-found');
    expect(await service().find('nope')).toBeNull();
  });
});
