/** The in-court screen feed over the real runtime, Azurite and PostgreSQL. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { startTestHost } from '../../test-support/test-host.js';
import {
  courtIdFromScreenToken,
  liveCaseStatusSchema,
  screenTokenFor,
} from '../../shared/publications/catalogue/live-case-status.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import type { LiveCaseFeedDependencies } from './live-case-feed-handler.js';
import { registerLiveCaseFeed } from './registration.js';
import { insertPublicationRow, supersedePublicationRow } from '../../test-support/publication-rows.js';
import type { Sensitivity } from '../../shared/publications/publication.js';

const storage = testStorage();
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let now = new Date('2026-11-30T10:00:00Z');
const cache: LiveCaseFeedDependencies['cache'] = new Map();
let update: Buffer;
/** The live status the first test publishes at court 1501 (the cache test supersedes it). */
let liveAt1501 = '';

async function publishLiveStatus(
  locationId: string,
  body: Buffer,
  options: { sensitivity?: Sensitivity; receivedAt?: Date } = {},
): Promise<{ artefactId: string; blobName: string }> {
  const blobName = randomUUID();
  await publications.getBlockBlobClient(blobName).uploadData(body);
  const artefactId = await insertPublicationRow(testDb.database, {
    provenance: 'CRIME_CP',
    type: 'LCSU',
    locationId,
    contentDate: '2026-11-30T09:00:00',
    sensitivity: options.sensitivity ?? 'PUBLIC',
    displayFrom: '2026-11-30T00:00:00Z',
    displayTo: '2026-11-30T23:59:59Z',
    payloadSize: body.length,
    blobName,
    receivedAt: options.receivedAt ?? new Date('2026-11-30T09:59:00Z'),
  });
  return { artefactId, blobName };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(uniqueName('live'));
  await publications.createIfNotExists();
  registerLiveCaseFeed(() => ({ database: testDb.database, publications, now: () => now, cache }));
  host = await startTestHost();
  const sample = JSON.parse(await readFile(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as {
    results: unknown[];
  };
  update = Buffer.from(JSON.stringify(sample.results[0]));
});

afterAll(async () => {
  await host.stop();
  await testDb.drop();
});

describe('live case status updates', () => {
  it('validate the live service sample and refuse a malformed one', () => {
    expect(liveCaseStatusSchema.safeParse(JSON.parse(update.toString())).success).toBe(true);
    const broken = liveCaseStatusSchema.safeParse({
      locationName: 'X',
      lastUpdated: 'never',
      locationUpdates: [{ courtRoom: 1 }],
    });
    expect(broken.success).toBe(false);
  });

  it('round-trip the screen token of the live service links', () => {
    expect(courtIdFromScreenToken(screenTokenFor(44))).toBe(44);
    expect(courtIdFromScreenToken(Buffer.from('in-court/live-case-status?courtId=44').toString('base64'))).toBe(44);
    expect(courtIdFromScreenToken('bm90aGluZyBoZXJl')).toBeNull();
    expect(courtIdFromScreenToken('../etc')).toBeNull();
  });
});

describe('GET /api/live-case-status', () => {
  it("serves a court's latest public update with an ETag, answering 304 when unchanged", async () => {
    liveAt1501 = (await publishLiveStatus('1501', update)).artefactId;
    const response = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=15');
    expect(Buffer.from(await response.arrayBuffer()).equals(update)).toBe(true);
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${host.url}/api/live-case-status/1501`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const byScreen = await fetch(`${host.url}/api/live-case-status/screen/${screenTokenFor(1501)}`);
    expect(byScreen.status).toBe(200);
  });

  it('answers from its cache until the cache period ends, then shows the newer update', async () => {
    const newer = Buffer.from(
      JSON.stringify({ ...(JSON.parse(update.toString()) as object), lastUpdated: '2026-11-30T10:00:05' }),
    );
    // A newer update supersedes the court's live status in place, as blob-uploaded does.
    const blobName = randomUUID();
    await publications.getBlockBlobClient(blobName).uploadData(newer);
    await supersedePublicationRow(testDb.database, liveAt1501, new Date('2026-11-30T10:00:05Z'), blobName);
    const cached = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(Buffer.from(await cached.arrayBuffer()).equals(update)).toBe(true);
    now = new Date(now.getTime() + 16_000);
    const fresh = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(newer)).toBe(true);
  });

  it('never serves a restricted update, and answers 404 for courts without updates or bad screen links', async () => {
    await publishLiveStatus('1777', update, { sensitivity: 'PRIVATE' });
    const restricted = await fetch(`${host.url}/api/live-case-status/1777`);
    expect(restricted.status).toBe(404);
    expect(await restricted.json()).toMatchObject({ code: 'NO_LIVE_CASE_STATUS' });
    expect((await fetch(`${host.url}/api/live-case-status/42`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/live-case-status/screen/bm90aGluZw`)).status).toBe(404);
  });
});

describe('GET /api/live-case-status when the stored update is gone', () => {
  it('answers 404 NO_LIVE_CASE_STATUS, never a 500', async () => {
    const { blobName } = await publishLiveStatus('777', update);
    await publications.getBlobClient(blobName).delete();
    const response = await fetch(`${host.url}/api/live-case-status/777`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NO_LIVE_CASE_STATUS' });
  });
});
