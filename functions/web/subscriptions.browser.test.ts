/**
 * /subscriptions in Chromium: the portal hosted by the local runtime over real PostgreSQL (sessions, subscriptions,
 * the audit log) and the local identity provider. A media user signs in from /subscriptions, sees their
 * subscriptions, confirms removing one and is told it is gone; then adds subscriptions by court, by case name (found
 * among the search terms of a list on display) and by list type, through Check your answers and the confirmation,
 * meeting each step's error state on the way, and removes several at once. Every page, and every error state, has no
 * WCAG 2.2 AA violations (axe) in English and Welsh. The court directory is the page tests' fakes (the same courts
 * are in the database, where the API's rule looks them up).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { Principal } from '../../shared/auth/principal.js';
import { subscribe } from '../../shared/subscriptions/own-subscriptions.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { insertCourt } from '../../test-support/subscription-fixtures.js';
import { databaseSubscriptionBook } from './data/subscription-book.js';
import { expectNoAxeViolations, signInAt, useAdminPortal } from './testing/admin-in-browser.js';

/** The seeded media user as their token makes them (shared/auth/token-verifier.ts). */
const media: Principal = {
  userId: SEEDED_USERS.media.accountId,
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: SEEDED_USERS.media.username,
  name: null,
};

const portal = useAdminPortal({
  seed: async (db) => {
    await insertCourt(db.database, 1, 'Oxford Combined Court Centre');
    await insertPublicationRow(db.database, {
      search: { caseNames: ['Smith v Jones'], partyNames: ['Alice Smith'] },
    });
    await subscribe(db.database, media, {
      searchType: 'LOCATION_ID',
      searchValue: '1',
      listTypes: ['CIVIL_DAILY_CAUSE_LIST'],
      languages: ['ENGLISH', 'WELSH'],
    });
    await subscribe(db.database, media, {
      searchType: 'CASE_NUMBER',
      searchValue: 'T20257001',
      listTypes: [],
      languages: [],
    });
  },
  real: (db) => ({ subscriptions: databaseSubscriptionBook(db.database) }),
});

describe('/subscriptions in Chromium', () => {
  it('a media user signs in from it, sees their subscriptions and removes one after confirming: axe-clean in English and Welsh', async () => {
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.goto(`${portal.host.url}/subscriptions`);
      expect(page.url()).toBe(`${portal.host.url}/sign-in?returnTo=${encodeURIComponent('/subscriptions')}`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${portal.host.url}/subscriptions`);
      expect(await page.locator('h1').textContent()).toBe('Your email subscriptions');
      expect(await page.locator('tbody tr').count()).toBe(2);
      expect(await page.locator('tbody').textContent()).toContain('Oxford Combined Court Centre');

      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${portal.host.url}/subscriptions?lng=${lng}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
        await expectNoAxeViolations(page);
        await page.locator('tbody tr').last().locator('a').click();
        await page.waitForURL(/\/subscriptions\/[0-9a-f-]{36}\/remove$/);
        await expectNoAxeViolations(page);
      }

      // Confirm (in Welsh, where the last step left off): the subscription goes, and the page says so.
      await page.locator('main button').click();
      await page.waitForURL(`${portal.host.url}/subscriptions?removed=1`);
      expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
      expect(await page.locator('tbody tr').count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.goto(`${portal.host.url}/subscriptions?removed=1&lng=en`);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Subscription removed');
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);

      const { rows } = await portal.testDb.database.query<{ outcome: string }>(
        `SELECT outcome FROM audit_log WHERE action = 'SUBSCRIPTION_DELETE' AND user_email = $1`,
        [SEEDED_USERS.media.username],
      );
      expect(rows).toEqual([{ outcome: 'SUCCESS' }]);
    });
  }, 120_000);
});

/** axe on the page as it is, then on the same page in Welsh, then back in English (the toggle keeps the query). */
async function axeInBothLanguages(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  await page.locator('.app-language-toggle a').click();
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang')).toBe('cy');
  await expectNoAxeViolations(page);
  await page.locator('.app-language-toggle a').click();
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
}

const errorSummary = (page: Page) => page.locator('.govuk-error-summary').textContent();

describe('/subscriptions/add in Chromium', () => {
  it('a media user adds subscriptions by court, case name and list type, meets each error, and removes several at once: axe-clean in English and Welsh', async () => {
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const cont = () => page.locator('#continue').click();

      await page.goto(`${portal.host.url}/subscriptions/add?lng=en`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${portal.host.url}/subscriptions/add?lng=en`);
      await axeInBothLanguages(page);
      await cont();
      expect(await errorSummary(page)).toContain('Select how you want to add an email subscription');
      await axeInBothLanguages(page);

      // By court, narrowed to one list type in Welsh.
      await page.locator('input[name="searchType"][value="LOCATION_ID"]').check();
      await cont();
      await page.waitForURL(`${portal.host.url}/subscriptions/add/court`);
      await axeInBothLanguages(page);
      await cont();
      expect(await errorSummary(page)).toContain('Select a court or tribunal');
      await axeInBothLanguages(page);
      // The court <select> is accessible-autocomplete with JavaScript: typed, picked with the keyboard, it sets the
      // (hidden) select the form sends.
      await page.locator('.autocomplete__wrapper input#court').waitFor();
      await page.locator('#court').pressSequentially('oxford comb');
      await page.locator('#court__listbox li[role="option"]').first().waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.locator('#court-select').inputValue()).toBe('1');
      await cont();
      await page.waitForURL(/\/subscriptions\/add\/court\/lists\?court=1$/);
      await axeInBothLanguages(page);
      await page.getByLabel('Civil Daily Cause List', { exact: true }).check();
      await page.getByLabel('Welsh', { exact: true }).check();
      await cont();
      await page.waitForURL(/\/subscriptions\/add\/check\?/);
      expect(await page.locator('.govuk-summary-list').textContent()).toContain('Civil Daily Cause List (Welsh)');
      await axeInBothLanguages(page);
      await page.locator('#confirm').click();
      await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Subscription added');
      await axeInBothLanguages(page);

      // By case name: nothing found, then a search, no choice, the choice.
      await page.getByRole('link', { name: 'Add another email subscription' }).click();
      await page.locator('input[name="searchType"][value="CASE_NAME"]').check();
      await cont();
      await page.waitForURL(/\/subscriptions\/add\/case\?searchType=CASE_NAME$/);
      await axeInBothLanguages(page);
      await page.locator('#q').fill('nobody at all');
      await cont();
      expect(await errorSummary(page)).toContain('No list published now has a match for ‘nobody at all’');
      await axeInBothLanguages(page);
      await page.locator('#q').fill('smith');
      await cont();
      await page.waitForURL(/\/subscriptions\/add\/case\/results\?/);
      await axeInBothLanguages(page);
      await cont();
      expect(await errorSummary(page)).toContain('Select one of the results');
      await axeInBothLanguages(page);
      await page.getByLabel('Smith v Jones').check();
      await cont();
      await page.waitForURL(/\/subscriptions\/add\/check\?searchType=CASE_NAME/);
      await page.locator('#confirm').click();
      await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);

      // By list type.
      await page.goto(`${portal.host.url}/subscriptions/add`);
      await page.locator('input[name="searchType"][value="LIST_TYPE"]').check();
      await cont();
      await page.waitForURL(`${portal.host.url}/subscriptions/add/list-type`);
      await cont();
      expect(await errorSummary(page)).toContain('Select a list type');
      await axeInBothLanguages(page);
      await page.locator('input[name="listType"][value="SJP_PUBLIC_LIST"]').check();
      await cont();
      await page.locator('#confirm').click();
      await page.waitForURL(/\/subscriptions\/add\/confirmation\?id=/);

      // Several removed at once: none ticked is an error; two ticked, confirmed, gone.
      await page.getByRole('link', { name: 'View your email subscriptions' }).click();
      await page.waitForURL(`${portal.host.url}/subscriptions`);
      const before = await page.locator('tbody tr').count();
      expect(before).toBeGreaterThanOrEqual(3);
      await page.locator('#remove-selected').click();
      expect(await errorSummary(page)).toContain('Select the subscriptions you want to remove');
      await axeInBothLanguages(page);
      await page.locator('tbody input[type="checkbox"]').nth(0).check();
      await page.locator('tbody input[type="checkbox"]').nth(1).check();
      await page.locator('#remove-selected').click();
      await page.waitForURL(/\/subscriptions\/remove\?subscription=/);
      expect(await page.locator('.govuk-summary-list__row').count()).toBe(2);
      await axeInBothLanguages(page);
      await page.locator('main button').click();
      await page.waitForURL(`${portal.host.url}/subscriptions?removed=2`);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('2 subscriptions removed');
      expect(await page.locator('tbody tr').count()).toBe(before - 2);
      await axeInBothLanguages(page);
      expect(errors).toEqual([]);

      const { rows } = await portal.testDb.database.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_log
          WHERE action IN ('SUBSCRIPTION_CREATE', 'SUBSCRIPTION_DELETE') AND outcome = 'SUCCESS' AND user_email = $1
          GROUP BY action ORDER BY action`,
        [SEEDED_USERS.media.username],
      );
      // The seed's two and the journeys' three; the first test's removal and the two here.
      expect(rows).toEqual([
        { action: 'SUBSCRIPTION_CREATE', n: 5 },
        { action: 'SUBSCRIPTION_DELETE', n: 3 },
      ]);
    });
  }, 180_000);
});
