/** The in-court screen feed over the real runtime, Azurite and PostgreSQL. */
import { randomUUID } from 'node:crypto';
import functions from '@azure/functions';
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { startTestHost } from '../../test-support/test-host.js';
import { liveCaseStatusSchema } from '../../shared/publications/catalogue/live-case-status.js';
import { signScreenToken, type ScreenLinkKeys } from '../../shared/publications/access/screen-links.js';
import type { Database } from '../../shared/db/database.js';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import { localApiVerifier } from '../../test-support/local-identity.js';
import { plainScreenToken, testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { insertCourt } from '../../test-support/subscription-fixtures.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { MIN_SCREEN_REFRESH_SECONDS, setScreenRefreshSeconds } from '../../shared/court-screens/screen-settings.js';
import {
  createFeedCache,
  FEED_CACHE_MAX_COURTS,
  FEED_CACHE_SECONDS,
  handleLiveCaseFeed,
  KNOWN_COURTS_REFRESH_SECONDS,
} from './live-case-feed-handler.js';
import { registerLiveCaseFeed } from './registration.js';
import { insertLiveUpdate, supersedePublicationRow } from '../../test-support/publication-rows.js';
import type { Sensitivity } from '../../shared/publications/publication.js';

const storage = testStorage();
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let now = new Date('2026-11-30T10:00:00Z');
const cache = createFeedCache(() => now);
let idp: LocalIdentityProvider;
/** The keys the feed holds: a test can retire one. */
let heldKeys: ScreenLinkKeys = testScreenLinkKeys;
/** Every query the feed issues, counted: unknown ids must cost none. */
let feedQueries = 0;
let countedDatabase: Database;
let update: Buffer;
/** The live status the first test publishes at court 1501 (the cache test supersedes it). */
let liveAt1501 = '';

async function publishLiveStatus(
  locationId: string,
  body: Buffer,
  options: { sensitivity?: Sensitivity; receivedAt?: Date } = {},
): Promise<{ artefactId: string; blobName: string }> {
  return insertLiveUpdate(testDb.database, publications, body, {
    locationId,
    sensitivity: options.sensitivity ?? 'PUBLIC',
    receivedAt: options.receivedAt ?? new Date('2026-11-30T09:59:00Z'),
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(uniqueName('live'));
  await publications.createIfNotExists();
  idp = await startLocalIdentityProvider({ port: 0 });
  countedDatabase = Object.create(testDb.database, {
    query: {
      value: (text: string, values?: unknown[]) => {
        feedQueries += 1;
        return testDb.database.query(text, values);
      },
    },
  }) as Database;
  for (const court of [1501, 1777, 777, 1888]) await insertCourt(testDb.database, court, `Court ${court}`);
  const verifier = await localApiVerifier(idp, testDb.database);
  registerLiveCaseFeed(
    () => ({ database: countedDatabase, publications, now: () => now, cache, screenLinkKeys: heldKeys }),
    () => ({ database: testDb.database, verifier, screenLinkKeys: heldKeys }),
  );
  host = await startTestHost();
  const sample = JSON.parse(await readFile(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as {
    results: unknown[];
  };
  update = Buffer.from(JSON.stringify(sample.results[0]));
});

afterAll(async () => {
  await host.stop();
  await idp.stop();
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
});

describe('GET /api/live-case-status', () => {
  it("serves a court's latest public update with an ETag, answering 304 when unchanged", async () => {
    liveAt1501 = (await publishLiveStatus('1501', update)).artefactId;
    const response = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(response.status).toBe(200);
    // No setting for the court: the default screen refresh period.
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Buffer.from(await response.arrayBuffer()).equals(update)).toBe(true);
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${host.url}/api/live-case-status/1501`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const byScreen = await fetch(`${host.url}/api/live-case-status/screen/${signScreenToken(1501, heldKeys)}`);
    expect(byScreen.status).toBe(200);
    expect(Buffer.from(await byScreen.arrayBuffer()).equals(update)).toBe(true);
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

describe('GET /api/live-case-status for a case under reporting restrictions', () => {
  it("never serves the case's name: the wording instead, flagged, by id and by screen link", async () => {
    await insertLiveUpdate(testDb.database, publications, update, {
      locationId: '1888',
      receivedAt: new Date('2026-11-30T09:59:00Z'),
      restrictedCaseNumbers: ['T20217099'],
    });
    expect(update.toString()).toContain("Mills LLC's Hearing");
    for (const path of [
      '/api/live-case-status/1888',
      `/api/live-case-status/screen/${signScreenToken(1888, heldKeys)}`,
    ]) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).not.toContain('Mills LLC');
      const served = JSON.parse(text) as { locationUpdates: { caseNumber: string; caseName: string }[] };
      expect(served.locationUpdates[0]).toEqual({
        ...(JSON.parse(update.toString()) as typeof served).locationUpdates[0],
        caseName: 'Reporting restrictions apply to this case',
        reportingRestrictions: true,
      });
      // The other rooms as the update gives them.
      expect(served.locationUpdates[2]?.caseName).toBe('Will-Muller');
    }
  });
});

describe('the refresh period', () => {
  it('is never shorter than the time a status is cached', () => {
    expect(FEED_CACHE_SECONDS).toBeLessThanOrEqual(MIN_SCREEN_REFRESH_SECONDS);
  });

  it("is the court's setting, as the answer's max-age, once the court ids are next loaded", async () => {
    await setScreenRefreshSeconds(testDb.database, 1501, 120, 'test-admin');
    const before = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(before.headers.get('cache-control')).toBe('public, max-age=60');
    now = new Date(now.getTime() + (KNOWN_COURTS_REFRESH_SECONDS + 1) * 1000);
    const queriesBefore = feedQueries;
    const after = await fetch(`${host.url}/api/live-case-status/1501`);
    expect(after.status).toBe(200);
    expect(after.headers.get('cache-control')).toBe('public, max-age=120');
    const other = await fetch(`${host.url}/api/live-case-status/1777`);
    expect(other.headers.get('cache-control')).toBe('public, max-age=60');
    // The periods came with the court ids, not with a query per request.
    const queriesAfter = feedQueries;
    await fetch(`${host.url}/api/live-case-status/1501`);
    await fetch(`${host.url}/api/live-case-status/1777`);
    expect(feedQueries).toBe(queriesAfter);
    expect(queriesAfter - queriesBefore).toBeLessThanOrEqual(3);
  });
});

describe('screen links', () => {
  const screen = (token: string) => fetch(`${host.url}/api/live-case-status/screen/${token}`);

  it("refuse the live service's plain base64 link, an altered or cut link, and another key's, all alike", async () => {
    const signed = signScreenToken(1501, testScreenLinkKeys);
    const [payload = '', keyId = '', mac = ''] = signed.split('.');
    const otherCourt = signScreenToken(1777, testScreenLinkKeys).split('.')[0] ?? '';
    const foreignKeys: ScreenLinkKeys = {
      signingKeyId: 'k2026-11',
      keys: new Map([['k2026-11', Buffer.alloc(32, 7)]]),
    };
    const refused = [
      plainScreenToken(1501),
      Buffer.from('in-court/live-case-status?courtId=1501').toString('base64'),
      `${otherCourt}.${keyId}.${mac}`, // another court's payload under this court's signature
      `${payload}.${keyId}.${mac.slice(0, -1)}`, // cut short
      `${payload}.${keyId}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, // last character altered
      `${payload}.k2026-05.${mac}`, // signed by one key, claimed for another
      `${payload}.k1999-01.${mac}`, // a key nobody holds
      `${payload}.${keyId}`,
      signScreenToken(1501, foreignKeys), // right key id, wrong key
    ];
    for (const token of refused) {
      const response = await screen(token);
      expect(response.status, token).toBe(404);
      // No hint of why: every refusal is the same body.
      expect(await response.json()).toEqual({
        code: 'NOT_FOUND',
        message: 'No such court screen',
        details: [{ field: 'locationId', problem: 'names no court screen' }],
      });
    }
    expect((await screen(signed)).status).toBe(200);
  });

  it('keep working across a key rotation until their key is retired', async () => {
    const oldLink = signScreenToken(1501, { ...testScreenLinkKeys, signingKeyId: 'k2026-05' });
    expect((await screen(oldLink)).status).toBe(200);
    expect((await screen(signScreenToken(1501, testScreenLinkKeys))).status).toBe(200);
    heldKeys = {
      signingKeyId: 'k2026-11',
      keys: new Map([...testScreenLinkKeys.keys].filter(([id]) => id !== 'k2026-05')),
    };
    try {
      expect((await screen(oldLink)).status).toBe(404);
      expect((await screen(signScreenToken(1501, testScreenLinkKeys))).status).toBe(200);
    } finally {
      heldKeys = testScreenLinkKeys;
    }
  });

  it('are handed to admins only, signed with the current key, and each one handed out is audited', async () => {
    const url = (locationId: number) => `${host.url}/api/live-case-status/${locationId}/screen-url`;
    const asAdmin = { authorization: `Bearer ${await idp.issueToken('admin')}` };
    const response = await fetch(url(1501), { headers: asAdmin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { url: link, pageUrl } = (await response.json()) as { url: string; pageUrl: string };
    expect(link).toBe(`${host.url}/api/live-case-status/screen/${signScreenToken(1501, testScreenLinkKeys)}`);
    expect(pageUrl).toBe(`${host.url}/screen/${signScreenToken(1501, testScreenLinkKeys)}`);
    expect((await fetch(link)).status).toBe(200);
    const { rows } = await testDb.database.query<{ outcome: string; details: { keyId: string } }>(
      `SELECT outcome, details FROM audit_log WHERE action = 'SCREEN_LINK_ISSUE' AND object_id = '1501'`,
    );
    expect(rows).toEqual([{ outcome: 'SUCCESS', details: { keyId: 'k2026-11' } }]);

    expect((await fetch(url(1501))).status).toBe(401);
    const asMedia = { authorization: `Bearer ${await idp.issueToken('media')}` };
    expect((await fetch(url(1501), { headers: asMedia })).status).toBe(403);
    const notCourt = await fetch(url(424242), { headers: asAdmin });
    expect(notCourt.status).toBe(404);
    expect(await notCourt.json()).toMatchObject({ code: 'LOCATION_NOT_FOUND' });
  });
});

describe('the feed cache', () => {
  it('stays within its bound and asks the database nothing for 10,000 ids that are not courts', async () => {
    // The court ids are loaded at most once per refresh period: count from a loaded set.
    expect((await fetch(`${host.url}/api/live-case-status/1501`)).status).toBe(200);
    const before = feedQueries;
    const sizeBefore = cache.statuses.size;
    // A few over HTTP, then the 10,000 straight through the handler with the same dependencies (HTTP adds nothing
    // to what is counted here, only minutes).
    for (const id of [100_000, 100_001, 2_000_000_000]) {
      expect((await fetch(`${host.url}/api/live-case-status/${id}`)).status).toBe(404);
    }
    const deps = { database: countedDatabase, publications, now: () => now, cache, screenLinkKeys: heldKeys };
    for (let id = 200_000; id < 210_000; id += 1) {
      const request = new functions.HttpRequest({ url: `${host.url}/api/live-case-status/${id}`, method: 'GET' });
      expect((await handleLiveCaseFeed(deps, request, id)).status).toBe(404);
    }
    expect(feedQueries).toBe(before);
    expect(cache.statuses.size).toBe(sizeBefore);
    expect(cache.statuses.max).toBe(FEED_CACHE_MAX_COURTS);
  });

  it("costs one read when many screens miss a court's ended entry at once", async () => {
    const fresh = createFeedCache(() => now);
    const deps = { database: countedDatabase, publications, now: () => now, cache: fresh, screenLinkKeys: heldKeys };
    const ask = () =>
      handleLiveCaseFeed(
        deps,
        new functions.HttpRequest({ url: `${host.url}/api/live-case-status/1501`, method: 'GET' }),
        1501,
      );
    // The court ids first, so that only the status is counted.
    await handleLiveCaseFeed(
      deps,
      new functions.HttpRequest({ url: `${host.url}/api/live-case-status/42`, method: 'GET' }),
      42,
    );
    const before = feedQueries;
    const answers = await Promise.all(Array.from({ length: 20 }, ask));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(feedQueries - before).toBe(1);
    expect(fresh.loadingStatuses.size).toBe(0);
    // Once the entry ends, the next crowd costs one read again.
    now = new Date(now.getTime() + (FEED_CACHE_SECONDS + 1) * 1000);
    const again = feedQueries;
    await Promise.all(Array.from({ length: 20 }, ask));
    expect(feedQueries - again).toBe(1);
  });

  it('evicts the least recently read court beyond its bound', () => {
    const small = createFeedCache(() => now);
    for (let id = 1; id <= FEED_CACHE_MAX_COURTS + 500; id += 1) small.statuses.set(id, { entry: null });
    expect(small.statuses.size).toBe(FEED_CACHE_MAX_COURTS);
    expect(small.statuses.has(1)).toBe(false);
    expect(small.statuses.has(FEED_CACHE_MAX_COURTS + 500)).toBe(true);
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
