/**
 * /subscriptions/add in Chromium with JavaScript switched off (issue 13: the journeys work without JavaScript): the
 * portal hosted by the local runtime over real PostgreSQL and the local identity provider. A media user signs in
 * and subscribes by court (the plain <select>), by case reference number, by unique reference number (URN) and by
 * party name (in Welsh), each found among the terms ingestion extracted from a list on display, through Check your
 * answers and the confirmation; then removes several at once. What is stored is exactly what was chosen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { insertCourt } from '../../test-support/subscription-fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { databaseSubscriptionBook } from './data/subscription-book.js';
import { fakeDependencies } from './testing/web-test-kit.js';
import { realAdminBasics, signInAt, startAdminPortal, type AdminPortal } from './testing/admin-in-browser.js';

let testDb: TestDatabase;
let host: LocalFunctionsHost;
let browser: Browser;
let world: AdminPortal | undefined;

beforeAll(async () => {
  world = await startAdminPortal({
    seed: async (db) => {
      await insertCourt(db.database, 1, 'Oxford Combined Court Centre');
      await insertPublicationRow(db.database, {
        search: {
          caseNumbers: ['T20257001', 'T20257002'],
          caseUrns: ['01AB2345678'],
          partyNames: ['Alice Smith', 'Acme Holdings Ltd'],
        },
      });
    },
    deps: (db, idp) =>
      fakeDependencies({
        overrides: { ...realAdminBasics(db, idp), subscriptions: databaseSubscriptionBook(db.database) },
      }),
  });
  ({ testDb, host, browser } = world);
}, 120_000);

afterAll(() => world?.stop());

const errorSummary = (page: Page) => page.locator('.govuk-error-summary').textContent();

async function continueTo(page: Page, url: RegExp | string): Promise<void> {
  await page.locator('#continue').click();
  await page.waitForURL(url);
}

/** From "how", by a case search: the type, the search, the result chosen, then Check your answers and Confirm. */
async function subscribeByCase(page: Page, how: string, query: string, choice: string): Promise<string> {
  await page.locator(`input[name="searchType"][value="${how}"]`).check();
  await continueTo(page, new RegExp(`/subscriptions/add/case\\?searchType=${how}`));
  await page.locator('#q').fill(query);
  await continueTo(page, /\/subscriptions\/add\/case\/results\?/);
  await page.getByLabel(choice, { exact: true }).check();
  await continueTo(page, new RegExp(`/subscriptions/add/check\\?searchType=${how}&searchValue=`));
  const answers = (await page.locator('.govuk-summary-list').textContent()) ?? '';
  await page.locator('#confirm').click();
  await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);
  return answers;
}

describe('/subscriptions/add without JavaScript', () => {
  it('subscribes by court, case reference number, URN and party name (in Welsh), and removes several at once', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);

      await page.goto(`${host.url}/subscriptions/add`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${host.url}/subscriptions/add`);
      // The court picker is the plain <select>: no autocomplete without JavaScript.
      await page.locator('input[name="searchType"][value="LOCATION_ID"]').check();
      await continueTo(page, `${host.url}/subscriptions/add/court`);
      expect(await page.locator('.autocomplete__wrapper').count()).toBe(0);
      await page.locator('select#court').selectOption('1');
      await continueTo(page, /\/subscriptions\/add\/court\/lists\?court=1$/);
      await continueTo(page, /\/subscriptions\/add\/check\?searchType=LOCATION_ID&searchValue=1$/);
      expect(await page.locator('.govuk-summary-list').textContent()).toContain('Oxford Combined Court Centre');
      await page.locator('#confirm').click();
      await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Subscription added');

      // By case reference number: a search with no choice made is an error, then the choice.
      await page.getByRole('link', { name: 'Add another email subscription' }).click();
      await page.waitForURL(`${host.url}/subscriptions/add`);
      await page.locator('input[name="searchType"][value="CASE_NUMBER"]').check();
      await continueTo(page, /\/subscriptions\/add\/case\?searchType=CASE_NUMBER$/);
      await page.locator('#q').fill('t2025700');
      await continueTo(page, /\/subscriptions\/add\/case\/results\?/);
      const offered = await Promise.all(
        (await page.locator('input[name="searchValue"]').all()).map((input) => input.getAttribute('value')),
      );
      expect(offered.sort()).toEqual(['T20257001', 'T20257002']);
      await page.locator('#continue').click();
      await page.waitForLoadState();
      expect(await errorSummary(page)).toContain('Select one of the results');
      await page.getByLabel('T20257002', { exact: true }).check();
      await continueTo(page, /\/subscriptions\/add\/check\?searchType=CASE_NUMBER&searchValue=T20257002$/);
      expect(await page.locator('.govuk-summary-list').textContent()).toContain('Case reference number');
      await page.locator('#confirm').click();
      await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);

      // By URN.
      await page.goto(`${host.url}/subscriptions/add`);
      expect(await subscribeByCase(page, 'CASE_URN', '01ab2345678', '01AB2345678')).toContain(
        'Unique reference number (URN)',
      );

      // By party name, in Welsh from start to end.
      await page.goto(`${host.url}/subscriptions/add?lng=cy`);
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      await subscribeByCase(page, 'PARTY_NAME', 'acme', 'Acme Holdings Ltd');
      expect(await page.getAttribute('html', 'lang')).toBe('cy');

      const { rows } = await testDb.database.query<{ search_type: string; search_value: string }>(
        `SELECT search_type, search_value FROM subscription WHERE user_email = $1 ORDER BY created_at`,
        [SEEDED_USERS.media.username],
      );
      expect(rows).toEqual([
        { search_type: 'LOCATION_ID', search_value: '1' },
        { search_type: 'CASE_NUMBER', search_value: 'T20257002' },
        { search_type: 'CASE_URN', search_value: '01AB2345678' },
        { search_type: 'PARTY_NAME', search_value: 'Acme Holdings Ltd' },
      ]);

      // Several removed at once, confirmed, without JavaScript.
      await page.goto(`${host.url}/subscriptions?lng=en`);
      expect(await page.locator('tbody tr').count()).toBe(4);
      await page.locator('tbody input[type="checkbox"]').nth(0).check();
      await page.locator('tbody input[type="checkbox"]').nth(2).check();
      await page.locator('#remove-selected').click();
      await page.waitForURL(/\/subscriptions\/remove\?subscription=/);
      expect(await page.locator('.govuk-summary-list__row').count()).toBe(2);
      await page.locator('main button').click();
      await page.waitForURL(`${host.url}/subscriptions?removed=2`);
      expect(await page.locator('tbody tr').count()).toBe(2);
      const { rows: left } = await testDb.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM subscription WHERE user_email = $1',
        [SEEDED_USERS.media.username],
      );
      expect(left).toEqual([{ n: 2 }]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
