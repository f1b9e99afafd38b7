/**
 * Media accounts end to end in Chromium: the portal hosted by the local runtime over real PostgreSQL and Azurite,
 * the local identity provider (sign-in, and where approved accounts are made) and the local Notify endpoint (its
 * outbox). A journalist applies with a PNG; a CTSC admin signs in, sees the application and its proof of ID, and
 * approves it; the outbox holds the welcome email, the proof of ID blob is gone, and the journalist follows the
 * email's link into B2C's approved-media sign-up flow (the local stand-in's, on the GOV.UK template, English and
 * Welsh), creates a password there, lands signed in as a verified media user and reads a PRIVATE list. A second application is rejected with reasons, which the email gives. A media user and an
 * anonymous visitor are refused at the admin addresses. axe (WCAG 2.2 AA) on every page in English and Welsh.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SEEDED_PASSWORD, SEEDED_USERS } from '../../local/identity/local-identities.js';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { localMediaAccountDirectory } from '../../shared/media-accounts/media-account-directory.js';
import { tinyPng } from '../../shared/media-accounts/test-images.test-support.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { sharedReadAccess } from './data/read-access.js';
import { fakeDependencies, publication } from './testing/web-test-kit.js';
import { databaseWebSignIn, localProviderIssuers } from './testing/web-sign-in.js';
import {
  expectNoAxeViolations,
  signInAt,
  startAdminPortal,
  withContext,
  type AdminPortal,
} from './testing/admin-in-browser.js';
import {
  localNotifyMediaAccounts,
  TEST_WELCOME_TEMPLATE,
  TEST_REJECTION_TEMPLATE,
} from '../../test-support/media-accounts.js';

let testDb: TestDatabase;
let host: LocalFunctionsHost;
let notify: LocalNotify;
let container: ContainerClient;
let browser: Browser;
let world: AdminPortal | undefined;

/** A PRIVATE list on display now: a verified media user reads it, nobody else. */
const privateList = publication({
  artefactId: randomUUID(),
  sensitivity: 'PRIVATE',
  displayFrom: new Date(Date.now() - 86_400_000),
  displayTo: new Date(Date.now() + 86_400_000),
});

beforeAll(async () => {
  notify = await startLocalNotify({ port: 0 });
  container = testStorage().blobService.getContainerClient(uniqueName('media-applications'));
  await container.createIfNotExists();
  world = await startAdminPortal({
    // Sign-in, the audit and the clock are real; the audit log reader stays the page tests' fake.
    deps: (db, idp) =>
      fakeDependencies({
        publications: [privateList],
        payloads: { [privateList.blobName]: '{}' },
        overrides: {
          canRead: sharedReadAccess,
          signIn: databaseWebSignIn(db.database, localProviderIssuers(idp)),
          audit: (event) => recordAuditEvent(db.database, event),
          mediaAccounts: localNotifyMediaAccounts({
            database: db.database,
            proofOfId: container,
            directory: localMediaAccountDirectory(idp.mediaAccountEndpoint),
            notify,
          }),
          now: () => new Date(),
        },
      }),
  });
  ({ testDb, host, browser } = world);
}, 120_000);

afterAll(async () => {
  await world?.stop();
  await notify.stop();
  await container.deleteIfExists();
});

async function apply(page: Page, applicant: { fullName: string; email: string; employer: string }): Promise<void> {
  await page.goto(`${host.url}/create-media-account?lng=en`);
  await page.locator('#fullName').fill(applicant.fullName);
  await page.locator('#email').fill(applicant.email);
  await page.locator('#employer').fill(applicant.employer);
  await page.locator('#proofOfId').setInputFiles({ name: 'press-card.png', mimeType: 'image/png', buffer: tinyPng() });
  await page.locator('#terms').check();
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(`${host.url}/create-media-account/submitted`);
}

async function blobNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names;
}

describe('media accounts in Chromium', () => {
  it('a journalist applies with a PNG, an admin approves, the welcome email is sent, the blob is gone, and the journalist follows its link, creates a password at B2C and reads a PRIVATE list', async () => {
    await withContext(browser, async (page) => {
      // The form and its errors, axe-clean in English and Welsh.
      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${host.url}/create-media-account?lng=${lng}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
        await expectNoAxeViolations(page);
        await page.locator('main button[type="submit"]').click();
        await page.waitForSelector('.govuk-error-summary');
        expect(await page.locator('.govuk-error-summary a').count()).toBe(5);
        expect(await page.locator('.govuk-error-summary a[href="#proofOfId"]').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await apply(page, { fullName: 'Jo de Souza', email: 'jo.journalist@example.com', employer: 'The Daily Example' });
      expect(await page.locator('h1').textContent()).toContain('Details submitted');
      await expectNoAxeViolations(page);
      await page.goto(`${host.url}/create-media-account/submitted?lng=cy`);
      await expectNoAxeViolations(page);
    });
    expect(await blobNames()).toHaveLength(1);

    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/admin/media-applications`);
      await signInAt(page, SEEDED_USERS.admin);
      await page.waitForURL(`${host.url}/admin/media-applications`);
      for (const lng of ['cy', 'en'] as const) {
        await page.goto(`${host.url}/admin/media-applications?lng=${lng}`);
        await expectNoAxeViolations(page);
      }
      expect(await page.locator('tbody').textContent()).toContain('Jo de Souza');
      await page.locator('tbody a').first().click();
      await page.waitForURL(/\/admin\/media-applications\/[0-9a-f-]{36}$/);
      const applicationUrl = page.url();
      // The proof of ID is shown: the browser decoded the PNG the guarded route served.
      await page.waitForFunction(
        `(() => { const image = document.querySelector('img.app-proof-of-id'); return image !== null && image.complete && image.naturalWidth === 1; })()`,
      );
      await expectNoAxeViolations(page);
      await page.goto(`${applicationUrl}?lng=cy`);
      await expectNoAxeViolations(page);
      await page.goto(`${applicationUrl}/approve?lng=en`);
      await page.locator('main button[type="submit"]').click();
      await page.waitForSelector('.govuk-error-summary a[href="#confirm"]');
      await expectNoAxeViolations(page);
      await page.goto(`${applicationUrl}/approve?lng=cy`);
      await expectNoAxeViolations(page);
      await page.goto(`${applicationUrl}/approve?lng=en`);
      await page.getByLabel('Yes').check();
      await page.locator('main button[type="submit"]').click();
      await page.waitForSelector('.govuk-panel__title');
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Application has been approved');
      expect(await page.locator('.govuk-warning-text').count()).toBe(0);
      await expectNoAxeViolations(page);
    });

    expect(await blobNames()).toEqual([]);
    const welcomeLink = `${host.url}/media-account/create-password`;
    expect(notify.outbox()).toEqual([
      expect.objectContaining({
        recipient: 'jo.journalist@example.com',
        templateId: TEST_WELCOME_TEMPLATE,
        personalisation: { full_name: 'Jo de Souza', sign_in_link: welcomeLink },
      }),
    ]);

    // The journalist follows the welcome email's link: B2C's approved-media sign-up flow, on the GOV.UK template, in
    // Welsh (the link with ?lng=cy) and English; they create their password and land signed in, verified.
    await withContext(browser, async (page) => {
      expect((await page.goto(`${host.url}/list/${privateList.artefactId}`))?.status()).toBe(404);
      await page.goto(`${welcomeLink}?lng=cy`);
      await page.waitForURL((url) => url.pathname.startsWith('/b2c/interaction/'));
      await page.waitForLoadState();
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      expect(await page.locator('h1').textContent()).toBe('Creu eich cyfrinair');
      await expectNoAxeViolations(page);

      await page.goto(`${welcomeLink}?lng=en`);
      await page.waitForURL((url) => url.pathname.startsWith('/b2c/interaction/'));
      await page.waitForLoadState();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe('Create your password');
      // The template as published for B2C: its stylesheet absolute on the site, loaded (the GOV.UK fonts with it).
      expect(await page.locator('link[rel="stylesheet"]').evaluate((link) => (link as { href: string }).href)).toBe(
        `${host.url}/govuk-frontend.min.css`,
      );
      await expectNoAxeViolations(page);
      await page.getByLabel('Email address').fill('jo.journalist@example.com');
      await page.getByLabel('New password', { exact: true }).fill('jo-s-own-password');
      await page.getByLabel('Confirm new password').fill('jo-s-own-password');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(`${host.url}/subscriptions`);
      await page.waitForLoadState();
      expect(await page.locator('header').textContent()).toMatch(/Sign out/);
      expect((await page.goto(`${host.url}/list/${privateList.artefactId}`))?.status()).toBe(200);
    });
    // The password they chose is the one that signs them in from now on.
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/sign-in`);
      await signInAt(page, { username: 'jo.journalist@example.com', password: 'jo-s-own-password' });
      await page.waitForURL(`${host.url}/`);
      expect(await page.locator('header').textContent()).toMatch(/Sign out/);
    });
    const { rows: signIns } = await testDb.database.query<{
      user_roles: string[];
      user_provenance: string;
      flow: string;
    }>(
      `SELECT user_roles, user_provenance, details->>'flow' AS flow FROM audit_log
        WHERE action = 'SIGN_IN' AND outcome = 'SUCCESS' AND user_email = $1 ORDER BY audit_id`,
      ['jo.journalist@example.com'],
    );
    expect(signIns).toEqual([
      { user_roles: ['VERIFIED'], user_provenance: 'PI_AAD', flow: 'B2C_1_SignUpApprovedMedia' },
      { user_roles: ['VERIFIED'], user_provenance: 'PI_AAD', flow: 'B2C_1_SignInUserFlow' },
    ]);
    // The approval's user row is the one the sign-in found: one row, verified, signed in now.
    const { rows: users } = await testDb.database.query<{ roles: string[]; last_verified_at: Date | null }>(
      `SELECT roles, last_verified_at FROM pip_user WHERE lower(email) = $1`,
      ['jo.journalist@example.com'],
    );
    expect(users).toHaveLength(1);
    expect(users[0]?.roles).toEqual(['VERIFIED']);
    expect(users[0]?.last_verified_at).not.toBeNull();
  }, 240_000);

  it('an admin rejects an application with reasons: the email gives them, the blob is gone', async () => {
    notify.clear();
    await withContext(browser, async (page) => {
      await apply(page, { fullName: 'Sam Writer', email: 'sam.writer@example.com', employer: 'Freelance' });
    });
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/admin/media-applications`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${host.url}/admin/media-applications`);
      await page.getByRole('link', { name: /View\s+Sam Writer/ }).click();
      await page.waitForURL(/\/admin\/media-applications\/[0-9a-f-]{36}$/);
      const applicationUrl = page.url();
      for (const lng of ['cy', 'en'] as const) {
        await page.goto(`${applicationUrl}/reject?lng=${lng}`);
        await page.locator('main button[type="submit"]').click();
        await page.waitForSelector('.govuk-error-summary a[href="#reasons"]');
        await expectNoAxeViolations(page);
      }
      await page.getByLabel('ID provided has expired or is not a Press ID.').check();
      await page.getByLabel('Details provided do not match.').check();
      await page.locator('main button[type="submit"]').click();
      await page.waitForSelector('h1:has-text("Are you sure you want to reject this application?")');
      await expectNoAxeViolations(page);
      await page.getByLabel('Yes').check();
      await page.locator('main button[type="submit"]').click();
      await page.waitForSelector('.govuk-panel__title');
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Application has been rejected');
      await expectNoAxeViolations(page);
    });
    expect(await blobNames()).toEqual([]);
    expect(notify.outbox()).toEqual([
      expect.objectContaining({
        recipient: 'sam.writer@example.com',
        templateId: TEST_REJECTION_TEMPLATE,
        personalisation: expect.objectContaining({
          reasons: ['ID provided has expired or is not a Press ID.', 'Details provided do not match.'],
        }) as unknown,
      }),
    ]);
  }, 180_000);

  it('a system admin creates media accounts from a CSV: line errors, check, create, welcome email; axe in English and Welsh', async () => {
    notify.clear();
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/system-admin/bulk-media-accounts`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${host.url}/system-admin/bulk-media-accounts`);
      for (const lng of ['cy', 'en'] as const) {
        await page.goto(`${host.url}/system-admin/bulk-media-accounts?lng=${lng}`);
        await expectNoAxeViolations(page);
        await page.locator('#file').setInputFiles({
          name: 'people.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('email,firstName,surname\nbad-email,Ann,Lee\n'),
        });
        await page.locator('main button[type="submit"]').click();
        await page.waitForSelector('.govuk-error-summary a[href="#file"]');
        expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/(Line|Llinell) 2:/);
        await expectNoAxeViolations(page);
      }
      await page.locator('#file').setInputFiles({
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('email,firstName,surname\nbulk.one@example.com,Bulk,One\n'),
      });
      await page.locator('main button[type="submit"]').click();
      await page.waitForSelector('h1:has-text("Check the accounts to create")');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Create accounts' }).click();
      await page.waitForSelector('h1:has-text("Media accounts created")');
      expect(await page.locator('main').textContent()).toContain('1 of 1 accounts created.');
      await expectNoAxeViolations(page);
    });
    expect(notify.outbox().map((email) => email.recipient)).toEqual(['bulk.one@example.com']);
    expect(notify.outbox()[0]?.personalisation).toEqual({
      full_name: 'Bulk One',
      sign_in_link: `${host.url}/media-account/create-password`,
    });
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/sign-in`);
      await signInAt(page, { username: 'bulk.one@example.com', password: SEEDED_PASSWORD });
      await page.waitForURL(`${host.url}/`);
    });
  }, 180_000);

  it('a media user is refused at the review pages (403, audited); an anonymous visitor is sent to sign in', async () => {
    await withContext(browser, async (page) => {
      for (const path of ['/admin/media-applications', '/admin/media-applications/x/proof-of-id']) {
        await page.goto(`${host.url}${path}`);
        expect(page.url()).toBe(`${host.url}/sign-in?returnTo=${encodeURIComponent(path)}`);
      }
    });
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/admin/media-applications`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${host.url}/admin/media-applications`);
      const response = await page.goto(`${host.url}/admin/media-applications?lng=cy`);
      expect(response?.status()).toBe(403);
      await expectNoAxeViolations(page);
    });
    const { rows } = await testDb.database.query(
      `SELECT 1 FROM audit_log WHERE action = 'ADMIN_PAGE_ACCESS' AND outcome = 'DENIED' AND user_email = $1`,
      [SEEDED_USERS.media.username],
    );
    expect(rows).toHaveLength(2);
  }, 120_000);
});
