/**
 * GET /api/third-party/publications hosted by the local runtime, with real tokens from the local identity provider:
 * who may read it (per role and registration status), what each reads (the registered role decides CLASSIFIED
 * lists), the filters, stable paging while publications arrive and are updated, and the audit of every call.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import {
  insertPublicationRow as insertRow,
  supersedePublicationRow,
  type PublicationRow,
} from '../../test-support/publication-rows.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startApiWorld, type ApiWorld } from '../../test-support/publishing-world.js';
import { decodeFeedCursor, encodeFeedCursor } from '../http-kit/query-schemas.js';
import { registerThirdParties } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let courtel: string;
let sysadmin: string;
let thirdPartyId: string | undefined;

interface FeedItem {
  artefactId: string;
  listType: string | null;
  sensitivity: string;
  locationId: string;
  lastReceivedDate: string;
  links: { self: string; payload?: string; file?: string };
}
interface FeedPage {
  items: FeedItem[];
  next: string | null;
}

let rowsInserted = 0;
/** A row on a day of its own, so that no two rows are versions of one list. */
const insertPublicationRow = (db: TestDatabase['database'], row: PublicationRow) => {
  rowsInserted += 1;
  const day = new Date(Date.UTC(2026, 0, 1) + rowsInserted * 86_400_000).toISOString().slice(0, 10);
  return insertRow(db, { contentDate: `${day}T09:00:00`, ...row });
};

const base = Date.parse('2026-11-01T00:00:00Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({
    issuers: ['aad', 'b2c'],
    register: ({ database, verifier }) => {
      registerThirdParties(() => ({
        database,
        verifier,
        pushClient: createPushClient({ secrets: settingsPushSecrets({}) }),
        now: () => new Date(),
      }));
    },
  });
  ({ idp, testDb, host } = world);
  [courtel, sysadmin] = await Promise.all([idp.issueToken('courtel'), idp.issueToken('sysadmin')]);
});

afterAll(() => world.stop());

const feed = (query = '', token: string | null = courtel) =>
  fetch(`${host.url}/api/third-party/publications${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

async function page(pathAndQuery: string): Promise<FeedPage> {
  const response = await fetch(`${host.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${courtel}` } });
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as FeedPage;
}

async function register(status: string, role = 'VERIFIED_THIRD_PARTY_PRESS'): Promise<void> {
  const body = JSON.stringify({ name: 'Courtel', status, role, oauthClientId: 'courtel' });
  const response = await fetch(`${host.url}/api/third-parties${thirdPartyId === undefined ? '' : `/${thirdPartyId}`}`, {
    method: thirdPartyId === undefined ? 'POST' : 'PUT',
    headers: { authorization: `Bearer ${sysadmin}`, 'content-type': 'application/json' },
    body,
  });
  expect(response.status).toBeLessThan(300);
  thirdPartyId = ((await response.json()) as { thirdPartyId: string }).thirdPartyId;
}

const transfers = async () =>
  (
    await testDb.database.query<{ outcome: string; object_id: string | null; details: Record<string, unknown> }>(
      "SELECT outcome, object_id, details FROM audit_log WHERE action = 'THIRD_PARTY_DATA_TRANSFER' ORDER BY audit_id",
    )
  ).rows;

describe('GET /api/third-party/publications: who may read it', () => {
  it('refuses anonymous (401), other roles, unregistered, pending and suspended third parties (403, audited)', async () => {
    expect((await feed('', null)).status).toBe(401);
    for (const role of ['media', 'hmi', 'sysadmin'] as const) {
      const response = await feed('', await idp.issueToken(role));
      expect(response.status, role).toBe(403);
    }
    const unregistered = await feed();
    expect(unregistered.status).toBe(403);
    expect(await unregistered.json()).toMatchObject({ code: 'THIRD_PARTY_NOT_REGISTERED' });
    await register('PENDING');
    expect(await (await feed()).json()).toMatchObject({ code: 'THIRD_PARTY_PENDING' });
    await register('SUSPENDED');
    const suspended = await feed();
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ code: 'THIRD_PARTY_SUSPENDED' });
    await register('ACTIVE');
    expect((await feed()).status).toBe(200);

    const audited = await transfers();
    expect(audited.map((row) => row.outcome)).toEqual([
      'DENIED',
      'DENIED',
      'DENIED',
      'DENIED',
      'DENIED',
      'DENIED',
      'SUCCESS',
    ]);
    expect(audited.slice(3, 6).map((row) => row.details.reason)).toEqual(['NOT_REGISTERED', 'PENDING', 'SUSPENDED']);
    expect(audited[6]?.object_id).toBe(thirdPartyId);
  });
});

describe('GET /api/third-party/publications: what each registered role reads', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await testDb.database.query('DELETE FROM artefact');
    ids.public = await insertPublicationRow(testDb.database, { receivedAt: at(1), locationId: '1' });
    ids.private = await insertPublicationRow(testDb.database, {
      receivedAt: at(2),
      sensitivity: 'PRIVATE',
      locationId: '2',
      listType: 'CROWN_DAILY_LIST',
    });
    ids.classifiedPress = await insertPublicationRow(testDb.database, {
      receivedAt: at(3),
      sensitivity: 'CLASSIFIED',
      listType: 'SJP_PRESS_LIST',
      isFlatFile: true,
      contentType: 'application/pdf',
      fileName: 'sjp.pdf',
    });
    ids.classifiedCrime = await insertPublicationRow(testDb.database, {
      receivedAt: at(4),
      sensitivity: 'CLASSIFIED',
      listType: 'CROWN_DAILY_LIST',
      locationId: '2',
    });
    // Never in the feed: internal, outside its window, archived, a live case status, a NoMatch court.
    await insertPublicationRow(testDb.database, { receivedAt: at(5), sensitivity: 'INTERNAL' });
    await insertPublicationRow(testDb.database, { receivedAt: at(6), displayFrom: at(0), displayTo: at(1) });
    await insertPublicationRow(testDb.database, { receivedAt: at(7), archivedAt: at(8) });
    await insertPublicationRow(testDb.database, { receivedAt: at(8), type: 'LCSU', listType: null });
    await insertPublicationRow(testDb.database, { receivedAt: at(9), locationId: 'NoMatch77' });
  });

  it('reads PUBLIC, PRIVATE and the CLASSIFIED lists its registered role covers, newest first, with links', async () => {
    const press = await page('/api/third-party/publications');
    expect(press.items.map((item) => item.artefactId)).toEqual([ids.classifiedPress, ids.private, ids.public]);
    expect(press.next).toBeNull();
    expect(press.items[0]?.links).toEqual({
      self: `/api/publication/${ids.classifiedPress}`,
      file: `/api/publication/${ids.classifiedPress}/file`,
    });
    expect(press.items[2]?.links.payload).toBe(`/api/publication/${ids.public}/payload`);

    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_CRIME');
    const crime = await page('/api/third-party/publications');
    expect(crime.items.map((item) => item.artefactId)).toEqual([ids.classifiedCrime, ids.private, ids.public]);

    await register('ACTIVE', 'GENERAL_THIRD_PARTY');
    expect((await page('/api/third-party/publications')).items.map((item) => item.artefactId)).toEqual([ids.public]);

    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_ALL');
    expect((await page('/api/third-party/publications')).items).toHaveLength(4);
  });

  it('filters by list type, court and updated-since, and refuses bad parameters naming each', async () => {
    const crown = await page('/api/third-party/publications?listType=crown_daily_list');
    expect(crown.items.map((item) => item.artefactId)).toEqual([ids.classifiedCrime, ids.private]);
    const court2 = await page('/api/third-party/publications?locationId=2');
    expect(court2.items.map((item) => item.locationId)).toEqual(['2', '2']);
    const since = await page(`/api/third-party/publications?updatedSince=${at(3).toISOString()}`);
    expect(since.items.map((item) => item.artefactId)).toEqual([ids.classifiedCrime, ids.classifiedPress]);

    const bad = await feed('?listType=NOPE&locationId=x&updatedSince=yesterday&limit=0&cursor=abc');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('INVALID_QUERY');
    expect([...new Set(body.details.map((detail) => detail.field))].sort()).toEqual([
      'cursor',
      'limit',
      'listType',
      'locationId',
      'updatedSince',
    ]);
  });
});

describe('GET /api/third-party/publications: paging', () => {
  it('cursors round-trip and refuse anything else', () => {
    const position = { receivedAt: '2026-11-01T00:00:00.123456Z', artefactId: randomUUID() };
    expect(decodeFeedCursor(encodeFeedCursor(position))).toEqual(position);
    expect(decodeFeedCursor(Buffer.from("1' OR 1=1|x").toString('base64url'))).toBeNull();
  });

  it('never skips or repeats a publication while new ones arrive between pages', async () => {
    await testDb.database.query('DELETE FROM artefact');
    const before: string[] = [];
    // 25 publications, three of them received in the same microsecond (ties broken by id).
    for (let i = 0; i < 25; i += 1) {
      before.push(await insertPublicationRow(testDb.database, { receivedAt: at(i < 3 ? 100 : 100 + i) }));
    }
    const seen: string[] = [];
    let next: string | null = '/api/third-party/publications?limit=7';
    let arrivals = 0;
    while (next !== null) {
      const current: FeedPage = await page(next);
      seen.push(...current.items.map((item) => item.artefactId));
      // Between pages, new publications arrive (newer than anything read so far).
      await insertPublicationRow(testDb.database, { receivedAt: at(1000 + arrivals) });
      arrivals += 1;
      next = current.next;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(before));
    expect(arrivals).toBe(4);

    // The next poll from the newest one seen picks up exactly the arrivals.
    const newest = await page(`/api/third-party/publications?updatedSince=${at(1000).toISOString()}&limit=200`);
    expect(newest.items).toHaveLength(4);
    expect(newest.items.filter((item) => seen.includes(item.artefactId))).toEqual([]);

    const audits = await transfers();
    const lastPage = audits.at(-2);
    expect(lastPage).toMatchObject({ outcome: 'SUCCESS', details: { cursor: true, limit: 7, returned: 4 } });
    expect((lastPage?.details.artefactIds as string[]).length).toBe(4);
  });

  it('never repeats a publication updated while a client pages; the next poll from the newest one seen has it', async () => {
    await testDb.database.query('DELETE FROM artefact');
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await insertPublicationRow(testDb.database, { receivedAt: at(2000 + i) }));
    const seen: FeedItem[] = [];
    let next: string | null = '/api/third-party/publications?limit=5';
    let updated: string | undefined;
    while (next !== null) {
      const current: FeedPage = await page(next);
      seen.push(...current.items);
      if (updated === undefined) {
        // After the first page, the oldest list (not read yet) is sent again: a new version, received now.
        updated = ids[0] ?? '';
        await supersedePublicationRow(testDb.database, updated, at(3000));
      }
      next = current.next;
    }
    const seenIds = seen.map((item) => item.artefactId);
    // No repeats; the updated list moved in front of the walk, so the walk did not reach it again.
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds).toEqual([...ids].reverse().slice(0, 11));
    // The next poll, from the newest one seen (inclusive), brings the new version.
    const newestSeen = seen[0]?.lastReceivedDate ?? '';
    const poll = await page(`/api/third-party/publications?updatedSince=${encodeURIComponent(newestSeen)}&limit=200`);
    expect(poll.items.map((item) => item.artefactId)).toEqual([updated, ids[11]]);
    expect(poll.items[0]?.lastReceivedDate).toBe(at(3000).toISOString());
  });
});
