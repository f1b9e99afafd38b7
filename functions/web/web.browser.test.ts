/**
 * The portal in a real browser: the web function hosted by the local runtime (static files from a copy of
 * web-static/ with GOV.UK Frontend's assets) over real PostgreSQL and Azurite, driven by Chromium through
 * playwright-core. Every page in English and Welsh has no WCAG 2.2 AA violations (axe) and no CSP violations;
 * the filters work from the keyboard; pages work with JavaScript off; the language toggle works.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { fixtureDirectory, fixtureUrl } from '../../test-support/fixtures.js';
import { startTestHost } from '../../test-support/test-host.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { listExamples } from './lists/list-examples.test-support.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { axeViolations } from '../../test-support/browser.js';
import { databaseWebSignIn, unusedIssuers } from './testing/web-sign-in.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { databaseWebDependencies, startPortalStores, type PortalStores } from './testing/database-web-dependencies.js';

const examples = fixtureDirectory('lists');
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let browser: Browser;
let staticRoot: string;
let publications: ContainerClient;
let glossary: ContainerClient;
const listId = randomUUID();
const pdfId = randomUUID();
const judgmentId = randomUUID();

let stores: PortalStores | undefined;

beforeAll(async () => {
  stores = await startPortalStores('web');
  ({ testDb, browser, staticRoot, publications, glossary } = stores);
  await glossary.getBlockBlobClient('glossary.json').upload(
    ...(() => {
      const body = JSON.stringify([
        {
          name: 'Adjourned',
          description: 'The case has been adjourned.',
          welshName: 'Gohiriwyd',
          welshDescription: 'Mae’r achos wedi’i ohirio.',
        },
        { name: 'Appeal Witness continues', description: 'The specified witness continues to give evidence.' },
      ]);
      return [body, Buffer.byteLength(body)] as const;
    })(),
  );
  const civil = await readFile(new URL('civilDailyCauseList.json', examples));
  await publications.getBlockBlobClient(`${listId}.json`).upload(civil, civil.length);

  // Realistic data: the full reference file of the live service's load tests (399 courts, Welsh names), then the
  // courts these tests name; two of them start with "I" and "J", the narrowest links of the A to Z (the file's
  // courts all start with "T").
  const imported = await importCourtFile(
    testDb.database,
    await readFile(fixtureUrl('reference-data', 'performance_ReferenceData.csv')),
  );
  expect(imported.ok).toBe(true);
  await testDb.database.query(`
    INSERT INTO court (location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type) VALUES
      (1, 'Oxford Combined Court Centre', NULL, '{South East}', '{De-ddwyrain Lloegr}', '{Civil,Family}', '{Sifil,Teulu}', '{County Court}', '{Llys Sirol}'),
      (2, 'Cardiff Magistrates Court', 'Llys Ynadon Caerdydd', '{Wales}', '{Cymru}', '{Crime}', '{Trosedd}', '{Magistrates Court}', '{Llys Ynadon}'),
      (3, 'Ashford Tribunal Hearing Centre', NULL, '{South East}', '{De-ddwyrain Lloegr}', '{Tribunal}', '{Tribiwnlys}', '{Employment Tribunal}', '{Tribiwnlys Cyflogaeth}'),
      (4, 'Isleworth Crown Court', 'Llys y Goron Isleworth', '{London}', '{Llundain}', '{Crime}', '{Trosedd}', '{Crown Court}', '{Llys y Goron}'),
      (5, 'Jersey Street Family Hearing Centre', NULL, '{North West}', '{Gogledd Orllewin Lloegr}', '{Family}', '{Teulu}', '{Family Court}', '{Llys Teulu}')
    ON CONFLICT (location_id) DO NOTHING`);
  const now = new Date();
  const from = new Date(now.getTime() - 86_400_000);
  const to = new Date(now.getTime() + 86_400_000);
  const contentDate = `${now.toISOString().slice(0, 10)}T00:00:00`;
  const window = { locationId: '1', contentDate, displayFrom: from, displayTo: to, receivedAt: from };
  await insertPublicationRow(testDb.database, { ...window, artefactId: listId, blobName: `${listId}.json` });
  await insertPublicationRow(testDb.database, {
    ...window,
    artefactId: pdfId,
    listType: 'CROWN_FIRM_LIST',
    isFlatFile: true,
    contentType: 'application/pdf',
    fileName: 'list.pdf',
    blobName: `${pdfId}.pdf`,
  });

  // Real lists: the live service's example payloads published at Oxford, the first example of each list type (one
  // publication per list type, court, day and language: a second would replace the first).
  const published = new Set(['CIVIL_DAILY_CAUSE_LIST']);
  for (const example of listExamples) {
    if (published.has(example.listTypeId)) continue;
    published.add(example.listTypeId);
    const id = randomUUID();
    const body = await readFile(new URL(example.file, examples));
    await publications.getBlockBlobClient(`${id}.json`).upload(body, body.length);
    await insertPublicationRow(testDb.database, {
      ...window,
      artefactId: id,
      listType: example.listTypeId,
      blobName: `${id}.json`,
    });
  }
  // Judgments and outcomes sent as JSON: a page of its fields.
  const judgments = JSON.stringify({
    judgments: [{ caseNumber: 'OX24C00123', caseName: 'Smith v Jones', outcome: 'Judgment for the claimant' }],
  });
  await publications.getBlockBlobClient(`${judgmentId}.json`).upload(judgments, Buffer.byteLength(judgments));
  await insertPublicationRow(testDb.database, {
    ...window,
    artefactId: judgmentId,
    type: 'JUDGEMENTS_AND_OUTCOMES',
    blobName: `${judgmentId}.json`,
  });

  registerWeb(() => ({
    templates: createTemplateEnvironment(),
    // Nobody uploads here (pages/manual-upload and admin-upload.browser.test.ts do).
    deps: databaseWebDependencies({
      database: testDb.database,
      publications,
      glossary: createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 }),
      // Nobody signs in here (sign-in.browser.test.ts does): the issuers are never reached.
      signIn: databaseWebSignIn(testDb.database, unusedIssuers),
    }),
  }));
  host = await startTestHost({ staticRoot });
}, 120_000);

afterAll(async () => {
  await host.stop();
  await stores?.stop();
});

/** A page load that fails the test on any console error (a CSP violation is one) or page error. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[]; status: number }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const url = `${host.url}${path}`;
  // The document's own status is asserted by the caller; any other failed load (a missing asset) is an error.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url() !== url) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => errors.push(`failed ${request.url()}`));
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, errors, status: response?.status() ?? 0 };
}

const pages = [
  '/',
  '/search',
  '/search?name=court',
  '/search?name=zzzz',
  '/courts',
  '/courts?jurisdiction=Crime&region=Wales',
  '/courts/1',
  '/courts/3',
  '/courts/9',
  `/list/${listId}`,
  `/list/${judgmentId}`,
  '/glossary',
  '/cookies',
  '/privacy',
  '/accessibility-statement',
  '/help',
  '/contact',
  '/no-such-page',
];

describe('every page, in English and Welsh', () => {
  for (const language of ['en', 'cy'] as const) {
    it.each(pages)(`%s (${language}): no axe violations at WCAG 2.2 AA, no console or CSP errors`, async (path) => {
      const context = await browser.newContext();
      try {
        const { page, errors, status } = await open(context, `${path}${path.includes('?') ? '&' : '?'}lng=${language}`);
        expect(status).toBe(path === '/no-such-page' ? 404 : path.startsWith('/search?name=zzzz') ? 400 : 200);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(await page.locator('body.govuk-frontend-supported').count()).toBe(1);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the courts A to Z with the full reference data', () => {
  const widths = [1280, 375] as const;
  for (const language of ['en', 'cy'] as const) {
    it.each(widths)(
      `/courts (${language}) at %i px: no axe violations, every letter link at least 24 by 24 px, none overlapping`,
      async (width) => {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        try {
          const { page, errors, status } = await open(context, `/courts?lng=${language}`);
          expect(status).toBe(200);
          // The realistic data is there: the 399 courts of the reference file and the named ones.
          expect(Number((await page.locator('#courts-count').textContent())?.match(/\d+/)?.[0])).toBeGreaterThan(400);
          const boxes: { letter: string; x: number; y: number; w: number; h: number }[] = [];
          for (const link of await page.locator('.app-alphabet a').all()) {
            const box = await link.boundingBox();
            if (box)
              boxes.push({ letter: (await link.textContent()) ?? '', x: box.x, y: box.y, w: box.width, h: box.height });
          }
          // In Welsh, Isleworth's court is under "L" (Llys y Goron Isleworth).
          const narrow = language === 'en' ? ['I', 'J', 'O', 'T'] : ['J', 'L', 'O', 'T'];
          expect(boxes.map((box) => box.letter)).toEqual(expect.arrayContaining(narrow));
          for (const box of boxes) {
            expect(box.w, `${box.letter} width`).toBeGreaterThanOrEqual(24);
            expect(box.h, `${box.letter} height`).toBeGreaterThanOrEqual(24);
          }
          for (const [index, a] of boxes.entries()) {
            for (const b of boxes.slice(index + 1)) {
              const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
              expect(apart, `${a.letter} and ${b.letter} overlap`).toBe(true);
            }
          }
          const violations = await axeViolations(page);
          expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  }
});

describe('the filters from the keyboard', () => {
  it('Tab to a checkbox, Space to tick it, Tab to Apply filters and press Enter', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await open(context, '/courts');
      const region = page.locator('input[name="region"][value="Wales"]');
      const focused = async (selector: string): Promise<boolean> =>
        (await page.locator(`${selector}:focus`).count()) === 1;
      for (let presses = 0; presses < 200 && !(await focused('input[name="region"][value="Wales"]')); presses += 1) {
        await page.keyboard.press('Tab');
      }
      expect(await focused('input[name="region"][value="Wales"]')).toBe(true);
      await page.keyboard.press('Space');
      expect(await region.isChecked()).toBe(true);
      for (let presses = 0; presses < 50 && !(await focused('button.app-filter__apply')); presses += 1) {
        await page.keyboard.press('Tab');
      }
      await Promise.all([page.waitForURL(/region=Wales/), page.keyboard.press('Enter')]);
      expect(await page.locator('#selected-filters').textContent()).toContain('Wales');
      expect(await page.getByRole('link', { name: 'Cardiff Magistrates Court' }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Oxford Combined Court Centre' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  it('finds a court, filters, chooses on the home page, answers the cookie banner and switches language', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(context, '/');
      // Home: no choice is an error, a choice continues.
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Error: What do you want to do\?/);
      await page.getByLabel('Find a court or tribunal').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe('/search');
      // Search by name: an exact name opens the court.
      await page.getByLabel('What court or tribunal are you interested in?').fill('Oxford Combined Court Centre');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe('/courts/1');
      expect(await page.locator('#publications').textContent()).toContain('Civil Daily Cause List');
      // The list itself.
      await page.locator(`a[href="/list/${listId}"]`).click();
      await page.waitForLoadState();
      expect(await page.locator('main').textContent()).toContain('Civil Daily Cause List');
      // Filters.
      await page.goto(`${host.url}/courts`);
      await page.getByLabel('Tribunal', { exact: true }).check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('link', { name: 'Ashford Tribunal Hearing Centre' }).count()).toBe(1);
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('link', { name: 'Oxford Combined Court Centre' }).count()).toBe(1);
      // The cookie banner: reject, then a confirmation, then it is gone.
      await page.getByRole('button', { name: 'Reject analytics cookies' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.govuk-cookie-banner').textContent()).toContain('You’ve rejected analytics cookies.');
      await page.getByRole('link', { name: 'Hide cookie message' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.govuk-cookie-banner').count()).toBe(0);
      expect((await context.cookies()).map((cookie) => cookie.name)).toEqual(['cookie_policy']);
      // Language toggle: a plain link, remembered.
      await page.locator('.app-language-toggle a').click();
      await page.waitForLoadState();
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      await page.goto(`${host.url}/help`);
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      await page.locator('.app-language-toggle a').click();
      await page.waitForLoadState();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
    } finally {
      await context.close();
    }
  });
});
