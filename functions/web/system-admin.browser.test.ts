/**
 * The system admin pages in Chromium: the portal hosted by the local runtime over real PostgreSQL (the full 399-court
 * reference file imported, sessions, users, the audit log) and the local identity provider. A system admin signs in,
 * uploads a refused reference file and sees its bad rows, uploads a good one and sees what changed, downloads the
 * reference data and uploads it back unchanged, deletes a court (and is refused one with a live list), finds the
 * media user and changes their role: axe-clean (WCAG 2.2 AA) in English and Welsh on each page and error. A court
 * admin, a media user and an anonymous visitor are refused on every URL; a POST without the CSRF token is refused.
 * Courts of the public pages, publications and the glossary are the page tests' fakes: nothing here reads them.
 */
import { localMediaAccountDirectory } from '../../shared/media-accounts/media-account-directory.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEEDED_USERS, type SeededUser } from '../../local/identity/local-identities.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { databaseReferenceDataAdmin } from './data/reference-data-admin.js';
import { databaseUserAdmin } from './data/user-admin.js';
import { expectNoAxeViolations, signInAt, useAdminPortal, watchConsole } from './testing/admin-in-browser.js';

const referenceFile = (name: string) => fileURLToPath(fixtureUrl('reference-data', name));

/** Every system admin URL, each GET page and the forms' targets. */
const systemAdminPages = [
  '/system-admin/reference-data',
  '/system-admin/reference-data/download',
  '/system-admin/reference-data/delete?locationId=401',
  '/system-admin/users',
  '/system-admin/users?email=media.user%40example.com',
];

const portal = useAdminPortal({
  seed: async (db) => {
    const imported = await importCourtFile(db.database, await readFile(referenceFile('performance_ReferenceData.csv')));
    expect(imported.ok).toBe(true);
    // A live list at court 402: that court cannot be deleted.
    await insertPublicationRow(db.database, { locationId: '402' });
  },
  real: (db, idp) => ({
    referenceData: databaseReferenceDataAdmin(db.database),
    users: databaseUserAdmin(db.database, localMediaAccountDirectory(idp.mediaAccountEndpoint)),
  }),
});

async function signedInAs(page: Page, user: SeededUser, path: string): Promise<void> {
  await page.goto(`${portal.host.url}${path}`);
  await signInAt(page, user);
  await page.waitForURL(`${portal.host.url}${path}`);
}

async function expectRefusedEverywhere(page: Page): Promise<void> {
  for (const path of systemAdminPages) {
    const response = await page.goto(`${portal.host.url}${path}`);
    expect(response?.status(), path).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('You do not have permission to view this page');
  }
  const mediaUserId = await userIdOf(SEEDED_USERS.media.username);
  for (const path of [
    `/system-admin/users/${mediaUserId}`,
    `/system-admin/users/${mediaUserId}/role`,
    `/system-admin/users/${mediaUserId}/delete`,
  ]) {
    expect((await page.goto(`${portal.host.url}${path}`))?.status(), path).toBe(403);
  }
}

async function userIdOf(email: string): Promise<string> {
  const { rows } = await portal.testDb.database.query<{ user_id: string }>(
    'SELECT user_id FROM pip_user WHERE email = $1',
    [email],
  );
  const id = rows[0]?.user_id;
  if (id === undefined) throw new Error(`${email} has not signed in`);
  return id;
}

describe('the system admin pages in Chromium', () => {
  it('a media user is refused on every system admin URL', async () => {
    await portal.withContext({ contextOptions: { acceptDownloads: true } }, async (page) => {
      await signedInAs(page, SEEDED_USERS.media, '/admin');
      await expectRefusedEverywhere(page);
    });
  }, 90_000);

  it('a court admin (not a system admin) is refused on every system admin URL', async () => {
    await portal.withContext({ contextOptions: { acceptDownloads: true } }, async (page) => {
      await signedInAs(page, SEEDED_USERS.admin, '/admin');
      await expectRefusedEverywhere(page);
    });
  }, 90_000);

  it('an anonymous visitor is sent to sign in from every system admin URL', async () => {
    await portal.withContext({ contextOptions: { acceptDownloads: true } }, async (page) => {
      for (const path of systemAdminPages) {
        await page.goto(`${portal.host.url}${path}`);
        expect(page.url()).toBe(`${portal.host.url}/sign-in?returnTo=${encodeURIComponent(path)}`);
      }
    });
  });

  it('a system admin uploads, sees a refused file’s bad rows, downloads, deletes a court and changes a role: axe-clean in English and Welsh', async () => {
    await portal.withContext({ contextOptions: { acceptDownloads: true } }, async (page) => {
      const errors = watchConsole(page, portal.host.url);
      await page.goto(`${portal.host.url}/system-admin`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${portal.host.url}/system-admin`);
      await page.locator('main a[href="/system-admin/reference-data"]').click();
      await page.waitForURL(`${portal.host.url}/system-admin/reference-data`);
      await expectNoAxeViolations(page);

      // A refused file: the error summary, and its bad row by line, column and problem.
      await page.locator('#file').setInputFiles(referenceFile('integration_InvalidCsvWithoutLocationType.csv'));
      await page.getByRole('button', { name: 'Upload file', exact: true }).click();
      await page.waitForURL(`${portal.host.url}/system-admin/reference-data/upload`);
      expect(await page.title()).toMatch(/^Error: Reference data/);
      expect(await page.locator('.govuk-error-summary a[href="#file"]').textContent()).toContain('1 problem');
      expect(await page.locator('#problems tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^4\s+Provenance Location Type\s+missing location type/),
      ]);
      await expectNoAxeViolations(page);
      // The error summary's link takes the reader to the file field.
      await page.locator('.govuk-error-summary a[href="#file"]').click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('file');

      // A good file: what changed.
      await page.locator('#file').setInputFiles(referenceFile('integration_ValidCsv.csv'));
      await page.getByRole('button', { name: 'Upload file', exact: true }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      expect(await page.locator('#import-counts').innerText()).toMatch(/Courts added\s+4/);
      await expectNoAxeViolations(page);

      // The download, uploaded back: nothing changes.
      await page.goto(`${portal.host.url}/system-admin/reference-data`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download reference data (CSV)' }).click(),
      ]);
      const downloaded = await download.path();
      const csv = await readFile(downloaded, 'utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^P&I ID,Court Desc,Region,Jurisdiction,/);
      expect(csv).toContain('Test Court 1');
      await page.locator('#file').setInputFiles(downloaded);
      await page.getByRole('button', { name: 'Upload file', exact: true }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      const counts = await page.locator('#import-counts').innerText();
      expect(counts).toMatch(/Courts added\s+0/);
      expect(counts).toMatch(/Courts updated\s+0/);
      const stored = await portal.testDb.database.query<{ n: number }>('SELECT count(*)::int AS n FROM court');
      expect(counts).toMatch(new RegExp(`Courts unchanged\\s+${stored.rows[0]?.n ?? -1}`));

      // Delete a court: choose it, confirm, done; a court with a live list is refused.
      await page.goto(`${portal.host.url}/system-admin/reference-data`);
      // The court <select> is accessible-autocomplete with JavaScript: typed, picked with the keyboard, it sets the
      // (hidden) select the form sends.
      await page.locator('.autocomplete__wrapper input#locationId').waitFor();
      await page.locator('#locationId').pressSequentially('test court 1 (401');
      await page.locator('#locationId__listbox li[role="option"]').first().waitFor();
      expect(await page.locator('#locationId__listbox li[role="option"]').allTextContents()).toEqual([
        'Test Court 1 (401)',
      ]);
      await expectNoAxeViolations(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.locator('#locationId-select').inputValue()).toBe('401');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(`${portal.host.url}/system-admin/reference-data/delete?locationId=401`);
      expect(await page.locator('h1').textContent()).toBe('Are you sure you want to delete Test Court 1?');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Yes, delete the court' }).click();
      await page.locator('.govuk-panel').waitFor();
      expect(await page.locator('.govuk-panel').innerText()).toContain('Test Court 1 (P&I ID 401) has been deleted.');
      await expectNoAxeViolations(page);
      await page.goto(`${portal.host.url}/system-admin/reference-data/delete?locationId=402`);
      await page.getByRole('button', { name: 'Yes, delete the court' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Test Court 2 has live publications (1)',
      );
      await expectNoAxeViolations(page);

      // Change the media user's role: find, open, choose, check, confirm.
      await page.goto(`${portal.host.url}/system-admin`);
      await page.locator('main a[href="/system-admin/users"]').click();
      await page.locator('#email').fill(SEEDED_USERS.media.username);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/system-admin\/users\?email=/);
      await expectNoAxeViolations(page);
      await page.locator('main tbody a').first().click();
      await page.waitForURL(/\/system-admin\/users\/[0-9a-f-]{36}$/);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Change role' }).click();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select a different role');
      await expectNoAxeViolations(page);
      await page.getByLabel('CTSC admin', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Confirm role change' }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Confirm role change' }).click();
      await page.locator('.govuk-panel').waitFor();
      expect(await page.locator('.govuk-panel').innerText()).toContain('now has the role CTSC admin');
      await expectNoAxeViolations(page);
      const mediaUserId = await userIdOf(SEEDED_USERS.media.username);
      const { rows } = await portal.testDb.database.query<{ roles: string[] }>(
        'SELECT roles FROM pip_user WHERE user_id = $1',
        [mediaUserId],
      );
      expect(rows[0]?.roles).toEqual(['INTERNAL_ADMIN_CTSC']);
      // The last system admin cannot take away their own role.
      const sysadminId = await userIdOf(SEEDED_USERS.sysadmin.username);
      await page.goto(`${portal.host.url}/system-admin/users/${sysadminId}/role`);
      await page.getByLabel('Local admin', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Confirm role change' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('is the only system admin');
      await expectNoAxeViolations(page);

      // Welsh: the pages and their errors.
      for (const path of [
        '/system-admin/reference-data?lng=cy',
        '/system-admin/reference-data/delete?locationId=403',
        '/system-admin/reference-data/delete?locationId=',
        '/system-admin/users',
        '/system-admin/users?email=nobody%40example.com',
        `/system-admin/users?email=${encodeURIComponent(SEEDED_USERS.media.username)}`,
        `/system-admin/users/${mediaUserId}`,
        `/system-admin/users/${mediaUserId}/role`,
        `/system-admin/users/${mediaUserId}/delete`,
      ]) {
        await page.goto(`${portal.host.url}${path}`);
        expect(await page.getAttribute('html', 'lang'), path).toBe('cy');
        await expectNoAxeViolations(page);
      }
      await page.goto(`${portal.host.url}/system-admin/reference-data`);
      await page.locator('#file').setInputFiles(referenceFile('integration_InvalidCsvWithoutLocationType.csv'));
      await page.getByRole('button', { name: 'Uwchlwytho ffeil', exact: true }).click();
      await page.locator('#problems').waitFor();
      expect(await page.locator('#problems caption').textContent()).toContain('Problemau yn y ffeil');
      await expectNoAxeViolations(page);
      await page.goto(`${portal.host.url}/system-admin/users/${sysadminId}/role`);
      await page.locator('input[value="INTERNAL_ADMIN_LOCAL"]').check();
      await page.locator('main button[type="submit"]').click();
      await page.locator('input[type="hidden"][name="role"]').waitFor({ state: 'attached' });
      await page.locator('main button[type="submit"]').click();
      await page.locator('.govuk-error-summary').waitFor();
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);

      // A POST without the session's CSRF token (the browser's own cookies) is refused, and nothing is deleted.
      const refused = await page.request.post(`${portal.host.url}/system-admin/reference-data/delete?lng=en`, {
        form: { locationId: '403' },
      });
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain('Your form could not be sent');
      const kept = await portal.testDb.database.query('SELECT 1 FROM court WHERE location_id = 403');
      expect(kept.rows).toHaveLength(1);

      const audited = await portal.testDb.database.query<{ action: string; outcome: string }>(
        `SELECT action, outcome FROM audit_log WHERE user_email = $1 AND action <> 'SIGN_IN' ORDER BY audit_id`,
        [SEEDED_USERS.sysadmin.username],
      );
      expect(audited.rows).toEqual(
        expect.arrayContaining([
          { action: 'REFERENCE_DATA_IMPORT', outcome: 'FAILURE' },
          { action: 'REFERENCE_DATA_IMPORT', outcome: 'SUCCESS' },
          { action: 'REFERENCE_DATA_EXPORT', outcome: 'SUCCESS' },
          { action: 'LOCATION_DELETE', outcome: 'SUCCESS' },
          { action: 'LOCATION_DELETE', outcome: 'FAILURE' },
          { action: 'USER_ROLE_CHANGE', outcome: 'SUCCESS' },
          { action: 'USER_ROLE_CHANGE', outcome: 'FAILURE' },
        ]),
      );
    });
  }, 240_000);
});
