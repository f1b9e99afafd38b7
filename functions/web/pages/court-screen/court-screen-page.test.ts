/**
 * The court screen page through the real web handler and templates, over the real court screens binding
 * (functions/web/data/court-screens.ts): PostgreSQL, Azurite, the screen link keys. Bad links get the ordinary 404
 * page; a court without a live update gets "No live updates at the moment" that still refreshes; a court's update is
 * one row per courtroom in English and Welsh, refreshing on the court's own period; every event link of the live
 * service's sample leads to an anchor of the glossary page.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setScreenRefreshSeconds } from '../../../../shared/court-screens/screen-settings.js';
import { parseGlossary, type GlossaryEntry } from '../../../../shared/glossary/glossary.js';
import { signScreenToken } from '../../../../shared/publications/access/screen-links.js';
import { liveCaseStatusSchema } from '../../../../shared/publications/catalogue/live-case-status.js';
import { fixtureUrl } from '../../../../test-support/fixtures.js';
import { insertLiveUpdate } from '../../../../test-support/publication-rows.js';
import { plainScreenToken, testScreenLinkKeys } from '../../../../test-support/screen-link-keys.js';
import { insertCourt } from '../../../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../../../test-support/test-storage.js';
import { databaseCourtScreens } from '../../data/court-screens.js';
import { fakeDependencies, request, testNow } from '../../testing/web-test-kit.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { glossaryAnchors, screenRows } from './court-screen-page.js';

const storage = testStorage();
let testDb: TestDatabase;
let publications: ContainerClient;
let deps: WebDependencies;
let glossary: GlossaryEntry[];
let sample: unknown[];

const token = (locationId: number) => signScreenToken(locationId, testScreenLinkKeys);

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(uniqueName('screens'));
  await publications.createIfNotExists();
  // The page tests' courts (web-test-kit testCourts): 1 Oxford, 2 Cardiff (Welsh name), 3 Ashford.
  for (const [id, name] of [
    [1, 'Oxford Combined Court Centre'],
    [2, 'Cardiff Magistrates Court'],
  ] as const) {
    await insertCourt(testDb.database, id, name);
  }
  const parsed = parseGlossary(await readFile(fixtureUrl('live', 'CaseEventGlossary.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  glossary = parsed.entries;
  sample = (
    JSON.parse(await readFile(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as { results: unknown[] }
  ).results;
  await insertLiveUpdate(testDb.database, publications, Buffer.from(JSON.stringify(sample[0])), {
    locationId: '1',
    receivedAt: new Date('2026-11-30T09:59:12Z'),
  });
  await setScreenRefreshSeconds(testDb.database, 1, 30, 'test-admin');
  deps = fakeDependencies({
    glossary: { status: 'LOADED', blobName: 'CaseEventGlossary.json', entries: glossary },
    overrides: { courtScreens: databaseCourtScreens(testDb.database, publications, testScreenLinkKeys) },
  });
});

afterAll(async () => {
  await testDb.drop();
});

const metaRefresh = (body: string) => /<meta http-equiv="refresh" content="(\d+)">/.exec(body)?.[1] ?? null;

describe('GET /screen/{token}', () => {
  it('answers any link but a signed one of a court we hold with the ordinary 404 page, no hint why', async () => {
    const ordinary = await request(deps, '/no-such-page');
    const h1 = (body: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(body)?.[1];
    const [payload = '', keyId = '', mac = ''] = token(1).split('.');
    for (const bad of [
      plainScreenToken(1),
      `${payload}.${keyId}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${payload}.${keyId}`,
      token(4242), // signed, but no court of ours
      'nothing',
    ]) {
      const page = await request(deps, `/screen/${bad}`);
      expect(page.status, bad).toBe(404);
      expect(h1(page.body), bad).toBe(h1(ordinary.body));
      expect(metaRefresh(page.body)).toBeNull();
    }
  });

  it("shows a court without a live update as 'No live updates at the moment', refreshing on its period", async () => {
    const page = await request(deps, `/screen/${token(2)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      '<p class="app-court-screen__empty" id="no-live-updates">No live updates at the moment</p>',
    );
    expect(page.body).toContain('<h1 class="app-court-screen__heading">Cardiff Magistrates Court</h1>');
    // The screen's own large type is scoped to its body class.
    expect(page.body).toMatch(/<body class="govuk-template__body app-court-screen"/);
    expect(metaRefresh(page.body)).toBe('60');
    expect(page.body).not.toContain('<table');
    const welsh = await request(deps, `/screen/${token(2)}?lng=cy`);
    expect(welsh.body).toContain('Dim diweddariadau byw ar hyn o bryd');
    expect(welsh.body).toContain('<h1 class="app-court-screen__heading">Llys Ynadon Caerdydd</h1>');
  });

  it('shows one row per courtroom, when the update was received, and refreshes on the court setting', async () => {
    const page = await request(deps, `/screen/${token(1)}`);
    expect(page.status).toBe(200);
    expect(metaRefresh(page.body)).toBe('30');
    expect(page.body).toContain('This page updates itself every 30 seconds.');
    expect(page.body).toContain('Last updated 30 November 2026 at 09:59. Times are UK time.');
    const rows = [...page.body.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map((m) =>
      (m[1] ?? '')
        .replace(/<[^>]+>/g, '|')
        .replace(/\s*\|\s*/g, '|')
        .replace(/\|+/g, '|'),
    );
    expect(rows).toEqual([
      '1|T20217099|Mills LLC&#39;s Hearing|Appeal Interpreter Sworn|12:25|Sitting|',
      '2|Not sitting|',
      '3|T20217000|Will-Muller|Case adjourned until 12:00|11:37|Sitting|',
      '4|T20217010|Wyman Inc Dispute|Appeal Witness continues|14:11|Sitting|',
    ]);
    expect(page.body).toContain(
      '<a class="app-court-screen__event" href="/glossary?lng=en#appeal-interpreter-sworn">Appeal Interpreter Sworn</a>',
    );
    // Not in the glossary: plain text, never a link to an anchor that does not exist.
    expect(page.body).not.toContain('>Case adjourned until 12:00</a>');
  });

  it('is a bare page: no sign-in link, cookie banner, header, navigation or footer; the security headers as any page', async () => {
    const page = await request(deps, `/screen/${token(1)}`);
    for (const absent of [
      '/sign-in',
      'govuk-cookie-banner',
      'govuk-header',
      'govuk-service-navigation',
      'govuk-footer',
      'govuk-phase-banner',
      'https://www.gov.uk',
    ]) {
      expect(page.body, absent).not.toContain(absent);
    }
    const links = [...page.body.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/glossary\?lng=en#[a-z0-9-]+$/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.cookies).toEqual([]);
  });

  it('in Welsh, keeping ?lng=cy in the address the refresh reloads', async () => {
    const page = await request(deps, `/screen/${token(1)}?lng=cy`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="cy"');
    expect(metaRefresh(page.body)).toBe('30');
    for (const text of [
      'Ystafell llys',
      'Rhif yr achos',
      'Yn eistedd',
      'Ddim yn eistedd',
      'Diweddarwyd ddiwethaf 30 Tachwedd 2026 am 09:59',
    ]) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).toContain('href="/glossary?lng=cy#appeal-interpreter-sworn"');
    // The refresh reloads the address as it is: the language stays in it (a meta refresh has no URL of its own).
    expect(page.body).toMatch(/<meta http-equiv="refresh" content="30">/);
  });

  it('links every event of the live sample that the glossary lists to an anchor of the glossary page', async () => {
    const glossaryPage = await request(deps, '/glossary');
    const ids = new Set([...glossaryPage.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const anchors = glossaryAnchors({ status: 'LOADED', blobName: 'g.json', entries: glossary });
    const listed = new Set(glossary.map((entry) => entry.name.toLowerCase()));
    let linked = 0;
    for (const result of sample) {
      for (const row of screenRows(liveCaseStatusSchema.parse(result), anchors, 'en')) {
        if (listed.has(row.eventName.toLowerCase())) {
          expect(row.eventHref, row.eventName).not.toBeNull();
          linked += 1;
        }
        if (row.eventHref === null) continue;
        const anchor = row.eventHref.split('#')[1] ?? '';
        expect(ids.has(anchor), `${row.eventName} → #${anchor}`).toBe(true);
      }
    }
    expect(linked).toBeGreaterThan(0);
  });

  it('shows nothing of a restricted update: the court has no live updates', async () => {
    await insertCourt(testDb.database, 3, 'Ashford Tribunal Hearing Centre');
    await insertLiveUpdate(testDb.database, publications, Buffer.from(JSON.stringify(sample[0])), {
      locationId: '3',
      sensitivity: 'PRIVATE',
      receivedAt: testNow,
    });
    const page = await request(deps, `/screen/${token(3)}`);
    expect(page.body).toContain('No live updates at the moment');
    expect(page.body).not.toContain('T20217099');
  });
});

describe('GET /screen/{token} for a case under reporting restrictions', () => {
  it("shows the wording instead of the case's name, in English and Welsh, and the name nowhere", async () => {
    const body = Buffer.from(JSON.stringify(sample[0]));
    expect(body.toString()).toContain('Mills LLC');
    await insertCourt(testDb.database, 5, 'Restricted Court');
    await insertLiveUpdate(testDb.database, publications, body, {
      locationId: '5',
      receivedAt: new Date('2026-11-30T09:59:12Z'),
      restrictedCaseNumbers: ['T20217099'],
    });
    for (const [lng, wording] of [
      ['en', 'Reporting restrictions apply to this case'],
      ['cy', 'Mae cyfyngiadau adrodd yn berthnasol i&#39;r achos hwn'],
    ] as const) {
      const page = await request(deps, `/screen/${token(5)}?lng=${lng}`);
      expect(page.status).toBe(200);
      expect(page.body, lng).not.toContain('Mills LLC');
      expect(page.body, lng).toContain(`<td class="app-court-screen__restricted">${wording}</td>`);
      // The case number, its event and the other rooms as the update gives them.
      expect(page.body, lng).toContain('<td>T20217099</td>');
      expect(page.body, lng).toContain('<td>Will-Muller</td>');
    }
  });
});

describe('the screen cache (as functions/web/index.ts binds it)', () => {
  it('reads a court once per cache period, and shows a period changed on this instance at once', async () => {
    let queries = 0;
    const counted = Object.create(testDb.database, {
      query: {
        value: (text: string, values?: unknown[]) => {
          queries += 1;
          return testDb.database.query(text, values);
        },
      },
    }) as typeof testDb.database;
    const screens = databaseCourtScreens(counted, publications, testScreenLinkKeys, { cacheSeconds: 15 });
    const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, invocationId: 't' };
    const first = await screens.find(token(1), testNow, logger as never);
    expect(first?.status).not.toBeNull();
    const afterFirst = queries;
    expect(afterFirst).toBeGreaterThan(0);
    for (let poll = 0; poll < 20; poll += 1) expect(await screens.find(token(1), testNow, logger as never)).toBe(first);
    expect(queries).toBe(afterFirst);
    await screens.setRefreshSeconds(1, 45, {
      userId: 'test-admin',
      provenance: 'PI_AAD',
      roles: [],
      email: null,
      name: null,
    });
    expect((await screens.find(token(1), testNow, logger as never))?.refreshSeconds).toBe(45);
    expect(queries).toBeGreaterThan(afterFirst);
    await setScreenRefreshSeconds(testDb.database, 1, 30, 'test-admin');
  });
});
