/**
 * The one-click unsubscribe page in Chromium, over the real web handler, PostgreSQL and the real link keys: the
 * signed link from a digest email shows what it removes with one button (English and Welsh, axe-clean, without
 * JavaScript), the button removes every email subscription of the person without sign-in and audits it, and a link
 * not signed by a held key is the ordinary 404 page.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { groupIntoDigests } from '../../shared/subscriptions/digest-grouping.js';
import { storePlannedDigests } from '../../shared/subscriptions/digest-store.js';
import { inspectUnsubscribeLink, unsubscribeByLink } from '../../shared/subscriptions/unsubscribe.js';
import {
  signUnsubscribeToken,
  unsubscribePath,
  type UnsubscribeLinkKeys,
} from '../../shared/subscriptions/unsubscribe-links.js';
import { insertSubscription } from '../../test-support/subscription-fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { fakeDependencies } from './testing/web-test-kit.js';
import {
  expectNoAxeViolations,
  realAdminBasics,
  startAdminPortal,
  watchConsole,
  withContext,
  type AdminPortal,
} from './testing/admin-in-browser.js';

const keys: UnsubscribeLinkKeys = { signingKeyId: 'k1', keys: new Map([['k1', Buffer.alloc(32, 9)]]) };
const otherKeys: UnsubscribeLinkKeys = { signingKeyId: 'k1', keys: new Map([['k1', Buffer.alloc(32, 8)]]) };
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let browser: Browser;
let world: AdminPortal | undefined;

/** A digest sent to a new subscriber with two subscriptions; answers its unsubscribe path. */
async function digestFor(email: string): Promise<{ path: string; userId: string }> {
  const userId = randomUUID();
  await insertSubscription(testDb.database, { userId, email, searchType: 'LOCATION_ID', searchValue: '1501' });
  await insertSubscription(testDb.database, { userId, email, searchType: 'CASE_NUMBER', searchValue: 'CN-1' });
  const digestId = randomUUID();
  await storePlannedDigests(
    testDb.database,
    groupIntoDigests([
      {
        subscriptionId: randomUUID(),
        userId,
        userEmail: email,
        searchType: 'LOCATION_ID',
        searchValue: '1501',
        artefactId: randomUUID(),
        artefactVersion: '2026-11-29T18:00:00+00:00',
        sensitivity: 'PUBLIC',
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        displayFrom: new Date('2026-11-29T00:00:00Z'),
        displayTo: null,
      },
    ]),
    new Date('2026-11-30T06:00:00Z'),
    () => digestId,
  );
  return { path: unsubscribePath(signUnsubscribeToken(digestId, keys)), userId };
}

const subscriptionsOf = async (userId: string): Promise<number> =>
  (
    await testDb.database.query<{ n: number }>('SELECT count(*)::int AS n FROM subscription WHERE user_id = $1', [
      userId,
    ])
  ).rows[0]?.n ?? -1;

beforeAll(async () => {
  world = await startAdminPortal({
    deps: (db, idp) =>
      fakeDependencies({
        overrides: {
          ...realAdminBasics(db, idp),
          unsubscribeLinks: {
            inspect: (token) => inspectUnsubscribeLink(db.database, token, keys),
            unsubscribe: (token) => unsubscribeByLink(db.database, token, keys),
          },
        },
      }),
  });
  ({ testDb, host, browser } = world);
}, 120_000);

afterAll(() => world?.stop());

describe('the unsubscribe page in Chromium', () => {
  it('removes every email subscription with one button, without sign-in or JavaScript, and audits it', async () => {
    const { path, userId } = await digestFor('reader@example.com');
    await withContext(browser, async (page) => {
      const problems = watchConsole(page, host.url);
      await page.goto(`${host.url}${path}`);
      expect((await page.locator('h1').textContent())?.trim()).toBe(
        'Do you want to stop getting emails about court and tribunal hearing lists?',
      );
      expect(await page.locator('main').textContent()).toContain('This removes all 2 of your email subscriptions.');
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    });
    // The button is a plain form post: it works without JavaScript.
    await withContext(browser, { contextOptions: { javaScriptEnabled: false } }, async (page) => {
      await page.goto(`${host.url}${path}`);
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.waitForLoadState();
      expect((await page.locator('h1').textContent())?.trim()).toBe('You have unsubscribed');
    });
    expect(await subscriptionsOf(userId)).toBe(0);
    const { rows } = await testDb.database.query<{ outcome: string; details: { userIds: string[]; removed: number } }>(
      `SELECT outcome, details FROM audit_log WHERE action = 'SUBSCRIPTION_UNSUBSCRIBE_LINK'`,
    );
    expect(rows).toEqual([{ outcome: 'SUCCESS', details: { userIds: [userId], removed: 2 } }]);
  });

  it('speaks Welsh, and answers 404 to a link signed with a key it does not hold', async () => {
    const { path, userId } = await digestFor('darllenydd@example.com');
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}${path}?lng=cy`);
      expect((await page.locator('h1').textContent())?.trim()).toBe(
        "Ydych chi eisiau rhoi'r gorau i gael negeseuon e-bost am restrau gwrandawiadau llysoedd a thribiwnlysoedd?",
      );
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Dad-danysgrifio' }).click();
      await page.waitForLoadState();
      expect((await page.locator('h1').textContent())?.trim()).toBe('Rydych wedi dad-danysgrifio');
      await expectNoAxeViolations(page);

      const forged =
        path.replace(/\/unsubscribe\/.*/, '') + unsubscribePath(signUnsubscribeToken(randomUUID(), otherKeys));
      const response = await page.goto(`${host.url}${forged}`);
      expect(response?.status()).toBe(404);
    });
    expect(await subscriptionsOf(userId)).toBe(0);
  });

  it("removes them on a mail client's one-click POST (RFC 8058), and never on a GET such as a link checker's", async () => {
    const { path, userId } = await digestFor('one.click@example.com');
    // Mail scanners fetch links: a GET shows the page and removes nothing.
    const fetched = await fetch(`${host.url}${path}`);
    expect(fetched.status).toBe(200);
    expect(await subscriptionsOf(userId)).toBe(2);
    // The List-Unsubscribe-Post header's POST, sent by the mail provider: no session, no CSRF token, no Origin.
    const posted = await fetch(`${host.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await subscriptionsOf(userId)).toBe(0);
  });
});
