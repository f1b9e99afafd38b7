/**
 * Manual upload in Chromium, end to end: the portal and the blob trigger hosted by the local runtime over real
 * PostgreSQL, Azurite and the local identity provider. Court staff sign in, upload a JSON list and an Excel workbook
 * for a non-strategic list through /admin/manual-upload → /check → /success, and both appear on the court's
 * page once the blob trigger has run; the form's errors are in the error summary, each link focusing its field; the
 * form, check, success and error pages have no WCAG 2.2 AA violations (axe) in English and Welsh. A media user is
 * refused, an anonymous visitor is sent to sign in, and a POST without the CSRF token is refused.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import { nonStrategicTables } from '../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { storeAcceptedPublication } from '../../shared/publications/intake/store-accepted-publication.js';
import { blobUploadDrafts } from '../../shared/publications/intake/upload-drafts.js';
import { MANUAL_UPLOAD_PROVENANCE } from '../../shared/publications/intake/publication-headers.js';
import { provenanceCourtIdFor } from '../../shared/reference-data/provenance-lookup.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { excelFixtureUrl, workbookFromPayload } from '../../test-support/excel-workbooks.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerBlobUploaded } from '../blob-uploaded/registration.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { databasePublicationStore } from './data/publication-store.js';
import { sharedReadAccess } from './data/read-access.js';
import { listPageView } from './lists/render-list.js';
import { expectNoAxeViolations, signInAt, useAdminPortal, watchConsole } from './testing/admin-in-browser.js';

const storage = testStorage();
const publicationsName = uniqueName('mu-publications');
const publications = storage.blobService.getContainerClient(publicationsName);
const drafts = storage.blobService.getContainerClient(uniqueName('mu-drafts'));

// Registered before the portal's hooks: vitest runs after-hooks in reverse, so the containers go once the host stopped.
afterAll(() => Promise.all([publications.deleteIfExists(), drafts.deleteIfExists()]));

/** The court the lists are uploaded for: our id 7, which its reference data maps MANUAL_UPLOAD's 7 to. */
const COURT_ID = 7;
const COURT_NAME = 'Basingstoke County Court and Family Court';

const portal = useAdminPortal({
  poolSize: 10,
  seed: async (db) => {
    await publications.create();
    const imported = await importCourtFile(
      db.database,
      [
        'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type,Email,Contact No',
        `${COURT_ID},${COURT_NAME},South West,Civil;Family,County Court;Family Court,MANUAL_UPLOAD,${COURT_ID},venue,,De-orllewin Lloegr,Sifil;Teulu,Llys Sirol;Llys Teulu,,`,
        '8,Basildon Magistrates Court and Family Court,South East,Crime;Family,Magistrates Court;Family Court,MANUAL_UPLOAD,8,venue,,De-ddwyrain Lloegr,Trosedd;Teulu,Llys Ynadon;Llys Teulu,,',
      ].join('\n'),
    );
    expect(imported.ok).toBe(true);
    registerBlobUploaded(() => ({ database: db.database, publications }), { container: publicationsName });
  },
  real: (db) => ({
    courts: databaseCourtDirectory(db.database),
    publications: databasePublicationStore(db.database, publications),
    canRead: sharedReadAccess,
    listPageView,
    manualUpload: {
      drafts: blobUploadDrafts(drafts),
      courtIdFor: (locationId) => provenanceCourtIdFor(db.database, MANUAL_UPLOAD_PROVENANCE, locationId),
      store: (accepted, logger, details) =>
        storeAcceptedPublication({ database: db.database, publications, newId: randomUUID }, accepted, logger, details),
    },
  }),
});

/** Axe on the page as it is, then on the same GET page in Welsh, then back to English. */
async function axeInBothLanguages(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  const url = new URL(page.url());
  url.searchParams.set('lng', 'cy');
  await page.goto(url.toString());
  expect(await page.getAttribute('html', 'lang')).toBe('cy');
  await expectNoAxeViolations(page);
  url.searchParams.set('lng', 'en');
  await page.goto(url.toString());
}

async function fillDate(page: Page, name: string, date: Date): Promise<void> {
  await page.locator(`#${name}-day`).fill(String(date.getUTCDate()));
  await page.locator(`#${name}-month`).fill(String(date.getUTCMonth() + 1));
  await page.locator(`#${name}-year`).fill(String(date.getUTCFullYear()));
}

/** The form filled in for today's hearings at the court, shown from yesterday to tomorrow. */
async function fillForm(
  page: Page,
  listType: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const today = new Date();
  await page.locator('#file').setInputFiles(file);
  await page.locator('#court').fill(COURT_NAME.toLowerCase());
  await page.locator('#listType').selectOption(listType);
  await fillDate(page, 'hearingFrom', today);
  await fillDate(page, 'hearingTo', today);
  await page.locator('#sensitivity').check();
  await page.locator('#language').check();
  await fillDate(page, 'displayFrom', new Date(today.getTime() - 86_400_000));
  await fillDate(page, 'displayTo', new Date(today.getTime() + 86_400_000));
}

async function uploadThroughCheck(page: Page, axe: boolean): Promise<void> {
  await page.locator('#continue').click();
  await page.waitForURL(`${portal.host.url}/admin/manual-upload/check`);
  expect(await page.locator('h1').textContent()).toBe('Check your answers');
  expect(await page.locator('main').textContent()).toContain(COURT_NAME);
  if (axe) await axeInBothLanguages(page);
  await page.locator('#confirm').click();
  await page.waitForURL(`${portal.host.url}/admin/manual-upload/success`);
  expect(await page.title()).toMatch(/^Success: Your file has been uploaded/);
  if (axe) await axeInBothLanguages(page);
}

describe('manual upload in Chromium', () => {
  it('court staff upload a JSON list and an Excel non-strategic list; both appear on the court page; axe-clean in English and Welsh', async () => {
    await portal.withContext(async (page) => {
      const errors = watchConsole(page, portal.host.url);
      // Every address the portal sends the browser to (pages, redirects after a POST) and every link: the public
      // /admin/…, never /court-admin/…, the address Front Door's rewrite (and the local runtime's) gives the host.
      const internal: string[] = [];
      page.on('response', (response) => {
        const location = response.headers().location ?? '';
        if (/court-admin/i.test(`${response.url()} ${location}`)) internal.push(`${response.url()} → ${location}`);
      });
      page.on('load', () => {
        const url = page.url();
        void page
          .locator('a[href*="court-admin" i], form[action*="court-admin" i]')
          .count()
          .then((found) => {
            if (found > 0) internal.push(`${url}: ${found} link(s) or form(s) to /court-admin`);
          })
          .catch(() => undefined);
      });
      // Signed in from the court staff dashboard at /admin, then its Manual upload task.
      await page.goto(`${portal.host.url}/admin`);
      expect(page.url()).toBe(`${portal.host.url}/sign-in?returnTo=${encodeURIComponent('/admin')}`);
      await signInAt(page, SEEDED_USERS.admin);
      await page.waitForURL(`${portal.host.url}/admin`);
      await page.getByRole('link', { name: 'Manual upload' }).click();
      await page.waitForURL(`${portal.host.url}/admin/manual-upload`);
      expect(await page.locator('main').textContent()).toContain(
        'Manually upload a JSON, CSV, PDF, Word, HTM, HTML or Excel file, max size 2MB',
      );
      await axeInBothLanguages(page);

      // The error state, in both languages: each summary link moves focus to its field.
      for (const lng of ['cy', 'en'] as const) {
        await page.goto(`${portal.host.url}/admin/manual-upload?lng=${lng}`);
        await page.locator('#continue').click();
        await page.waitForSelector('.govuk-error-summary');
        expect(await page.title()).toMatch(/^(Error|Gwall):/);
        await expectNoAxeViolations(page);
      }
      await page.locator('.govuk-error-summary a[href="#listType"]').click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('listType');
      await page.locator('.govuk-error-summary a[href="#hearingFrom-day"]').click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('hearingFrom-day');

      // A JSON list, checked against its schema; Change comes back to the form with the answers kept.
      const civil = await readFile(fixtureUrl('lists', 'civilDailyCauseList.json'));
      await fillForm(page, 'CIVIL_DAILY_CAUSE_LIST', {
        name: 'civil.json',
        mimeType: 'application/json',
        buffer: civil,
      });
      await page.locator('#continue').click();
      await page.waitForURL(`${portal.host.url}/admin/manual-upload/check`);
      await page.locator('a[href^="/admin/manual-upload?change=listType"]').click();
      expect(await page.locator('#listType').inputValue()).toBe('CIVIL_DAILY_CAUSE_LIST');
      expect(await page.locator('#court').inputValue()).toBe(COURT_NAME);
      expect(await page.locator('main').textContent()).toContain('Current file: civil.json');
      await uploadThroughCheck(page, true);

      // An Excel workbook for a non-strategic list type.
      await page.getByRole('link', { name: 'Upload another file' }).click();
      await page.waitForURL(`${portal.host.url}/admin/manual-upload`);
      const payload: unknown = JSON.parse(
        await readFile(excelFixtureUrl('non-strategic-cic-weekly-hearing-list'), 'utf8'),
      );
      const workbook = await workbookFromPayload(nonStrategicTables['non-strategic-cic-weekly-hearing-list'], payload);
      await fillForm(page, 'CIC_WEEKLY_HEARING_LIST', {
        name: 'cic.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: workbook,
      });
      // Confirm sent twice at once, as a double click sends it without JavaScript: one publication, and both
      // answered with the success page.
      await page.locator('#continue').click();
      await page.waitForURL(`${portal.host.url}/admin/manual-upload/check`);
      const csrf = await page.locator('form input[name="_csrf"]').first().inputValue();
      const confirms = await Promise.all(
        [1, 2].map(() =>
          page.request.post(`${portal.host.url}/admin/manual-upload/check`, {
            form: { _csrf: csrf },
            headers: { origin: portal.host.url },
            maxRedirects: 0,
          }),
        ),
      );
      expect(confirms.map((response) => [response.status(), response.headers().location])).toEqual([
        [303, '/admin/manual-upload/success'],
        [303, '/admin/manual-upload/success'],
      ]);

      // The blob trigger publishes both; the court page lists them.
      await portal.host.drain();
      await page.goto(`${portal.host.url}/courts/${COURT_ID}`);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('Civil Daily Cause List');
      expect(main).toContain('Criminal Injuries Compensation Weekly Hearing List');
      const { rows } = await portal.testDb.database.query<{
        provenance: string;
        list_type: string;
        location_id: string;
      }>(`SELECT provenance, list_type, location_id FROM artefact ORDER BY list_type`);
      expect(rows).toEqual([
        { provenance: 'MANUAL_UPLOAD', list_type: 'CIC_WEEKLY_HEARING_LIST', location_id: String(COURT_ID) },
        { provenance: 'MANUAL_UPLOAD', list_type: 'CIVIL_DAILY_CAUSE_LIST', location_id: String(COURT_ID) },
      ]);
      const audited = await portal.testDb.database.query<{ user_email: string; details: { fileName: string } }>(
        `SELECT user_email, details FROM audit_log WHERE action = 'PUBLICATION_UPLOAD' ORDER BY audit_id`,
      );
      expect(audited.rows.map((row) => [row.user_email, row.details.fileName])).toEqual([
        [SEEDED_USERS.admin.username, 'civil.json'],
        [SEEDED_USERS.admin.username, 'cic.xlsx'],
      ]);
      // Each was stored once: its JSON, and the workbook kept beside the converted one.
      const stored: string[] = [];
      for await (const blob of publications.listBlobsFlat()) stored.push(blob.name);
      expect(stored).toHaveLength(3);
      expect(stored.filter((name) => name.endsWith('.xlsx'))).toHaveLength(1);
      // The session's draft keeps no file once published.
      const left: number[] = [];
      for await (const blob of drafts.listBlobsFlat()) left.push(blob.properties.contentLength ?? -1);
      expect(left).toEqual([0]);

      // A multipart POST without the session's CSRF token is refused, and nothing more is stored.
      const refused = await page.request.post(`${portal.host.url}/admin/manual-upload/check`, {
        multipart: { court: COURT_NAME },
      });
      expect(refused.status()).toBe(403);
      expect(errors).toEqual([]);
      expect(internal).toEqual([]);
    });
  }, 180_000);

  it('a media user is refused (403) and an anonymous visitor is sent to sign in', async () => {
    await portal.withContext(async (page) => {
      await page.goto(`${portal.host.url}/admin/manual-upload`);
      expect(page.url()).toBe(`${portal.host.url}/sign-in?returnTo=${encodeURIComponent('/admin/manual-upload')}`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${portal.host.url}/admin/manual-upload`);
      for (const path of ['/admin/manual-upload', '/admin/manual-upload/check']) {
        const response = await page.goto(`${portal.host.url}${path}`);
        expect(response?.status(), path).toBe(403);
      }
    });
  }, 90_000);
});
