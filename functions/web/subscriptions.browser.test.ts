/**
 * /subscriptions in Chromium: the portal hosted by the local runtime over real PostgreSQL (sessions, subscriptions,
 * the audit log) and the local identity provider. A media user signs in from /subscriptions, sees their
 * subscriptions, confirms removing one and is told it is gone; every page has no WCAG 2.2 AA violations (axe) in
 * English and Welsh. Courts come from the page tests' fakes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { Principal } from '../../shared/auth/principal.js';
import { subscribe } from '../../shared/subscriptions/own-subscriptions.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { databaseSubscriptionBook } from './data/subscription-book.js';
import { fakeDependencies } from './testing/web-test-kit.js';
import {
  expectNoAxeViolations,
  realAdminBasics,
  signInAt,
  startAdminPortal,
  type AdminPortal,
} from './testing/admin-in-browser.js';

let testDb: TestDatabase;
let host: LocalFunctionsHost;
let browser: Browser;
let world: AdminPortal | undefined;

/** The seeded media user as their token makes them (shared/auth/token-verifier.ts). */
const media: Principal = {
  userId: SEEDED_USERS.media.accountId,
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: SEEDED_USERS.media.username,
  name: null,
};

beforeAll(async () => {
  world = await startAdminPortal({
    seed: async (db) => {
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
    deps: (db, idp) =>
      fakeDependencies({
        overrides: { ...realAdminBasics(db, idp), subscriptions: databaseSubscriptionBook(db.database) },
      }),
  });
  ({ testDb, host, browser } = world);
}, 120_000);

afterAll(() => world?.stop());

describe('/subscriptions in Chromium', () => {
  it('a media user signs in from it, sees their subscriptions and removes one after confirming: axe-clean in English and Welsh', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.goto(`${host.url}/subscriptions`);
      expect(page.url()).toBe(`${host.url}/sign-in?returnTo=${encodeURIComponent('/subscriptions')}`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${host.url}/subscriptions`);
      expect(await page.locator('h1').textContent()).toBe('Your email subscriptions');
      expect(await page.locator('tbody tr').count()).toBe(2);
      expect(await page.locator('tbody').textContent()).toContain('Oxford Combined Court Centre');

      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${host.url}/subscriptions?lng=${lng}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
        await expectNoAxeViolations(page);
        await page.locator('tbody tr').last().locator('a').click();
        await page.waitForURL(/\/subscriptions\/[0-9a-f-]{36}\/remove$/);
        await expectNoAxeViolations(page);
      }

      // Confirm (in Welsh, where the last step left off): the subscription goes, and the page says so.
      await page.locator('main button').click();
      await page.waitForURL(`${host.url}/subscriptions?removed=1`);
      expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
      expect(await page.locator('tbody tr').count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.goto(`${host.url}/subscriptions?removed=1&lng=en`);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Subscription removed');
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);

      const { rows } = await testDb.database.query<{ outcome: string }>(
        `SELECT outcome FROM audit_log WHERE action = 'SUBSCRIPTION_DELETE' AND user_email = $1`,
        [SEEDED_USERS.media.username],
      );
      expect(rows).toEqual([{ outcome: 'SUCCESS' }]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
