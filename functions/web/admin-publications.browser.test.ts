/**
 * Removing lists in Chromium, through the real path end to end: lists published by HMI through POST api/publication
 * and the blob trigger, the portal, the read API and the local identity provider hosted by the local runtime over
 * real PostgreSQL and Azurite. Court staff sign in at /admin/remove-list, find the court, tick a list, confirm
 * and see "List removed"; the list is then gone from the court's page, from the read API and from storage. A system
 * admin finds a NoMatch publication in the publications explorer, reads its payload and deletes it. Every page (and
 * each form error) has no WCAG 2.2 AA violations (axe) in English and Welsh; a media user is refused.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { TokenVerifier } from '../../shared/auth/token-verifier.js';
import { launchChromium } from '../../test-support/browser.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { localApiVerifier, startWebIdentityProvider } from '../../test-support/local-identity.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { copyWebStatic } from '../../test-support/web-static.js';
import { registerBlobUploaded } from '../blob-uploaded/registration.js';
import { registerIngestPublication } from '../ingest-publication/registration.js';
import { registerPublications } from '../publications/registration.js';
import { databaseAuditLog } from './data/audit-log-reader.js';
import { databaseCourtScreens } from './data/court-screens.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { databasePublicationStore } from './data/publication-store.js';
import { sharedReadAccess } from './data/read-access.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { fakeDependencies } from './testing/web-test-kit.js';
import { databaseWebSignIn, localProviderIssuers } from './testing/web-sign-in.js';
import { expectNoAxeViolations, signInAt, watchConsole, withContext } from './testing/admin-in-browser.js';
import { localPublisherProvenances } from '../../test-support/publisher-provenances.js';
import { publishAndDrain, seedCourts } from '../../test-support/publishing-world.js';
import { hmiListHeadersNow } from '../../test-support/publication-requests.js';

const court = {
  locationId: 1501,
  name: 'Oxford Combined Court Centre',
  welshName: 'Canolfan Llysoedd Cyfun Rhydychen',
};
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let idp: LocalIdentityProvider | undefined;
let verifier: TokenVerifier | undefined;
let browser: Browser;
let staticRoot: string;
let publications: ContainerClient;
/** Artefact ids by what was published. */
const published = new Map<string, string>();

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not running`);
  return value;
}

beforeAll(async () => {
  [testDb, browser] = await Promise.all([createTestDatabase({ poolSize: 10 }), launchChromium()]);
  staticRoot = await copyWebStatic();
  publications = testStorage().blobService.getContainerClient(uniqueName('remove-list'));
  await publications.create();
  // The host first (port 0), so the provider can be told the redirect URIs; dependencies are bound per request.
  registerIngestPublication(() => ({
    verifier: started(verifier, 'the identity provider'),
    database: testDb.database,
    publications,
    now: () => new Date(),
    publisherProvenances: localPublisherProvenances,
    newId: randomUUID,
  }));
  registerBlobUploaded(() => ({ database: testDb.database, publications }), { container: publications.containerName });
  registerPublications(() => ({
    verifier: started(verifier, 'the identity provider'),
    database: testDb.database,
    publications,
    now: () => new Date(),
  }));
  registerWeb(() => ({
    templates: createTemplateEnvironment(),
    deps: fakeDependencies({
      overrides: {
        courts: databaseCourtDirectory(testDb.database),
        publications: databasePublicationStore(testDb.database, publications),
        canRead: sharedReadAccess,
        signIn: databaseWebSignIn(testDb.database, localProviderIssuers(started(idp, 'the identity provider'))),
        audit: (event) => recordAuditEvent(testDb.database, event),
        auditLog: databaseAuditLog(testDb.database),
        courtScreens: databaseCourtScreens(testDb.database, publications, testScreenLinkKeys),
        now: () => new Date(),
      },
    }),
  }));
  host = await startTestHost({ staticRoot });
  idp = await startWebIdentityProvider(host.url);
  verifier = await localApiVerifier(idp, testDb.database, ['aad', 'b2c']);
  await seedCourts(testDb.database, [{ ...court, hmiId: '1234' }]);
  await publishLists();
}, 180_000);

afterAll(async () => {
  await browser.close();
  await host.stop();
  await idp?.stop();
  await Promise.all([testDb.drop(), publications.deleteIfExists()]);
  if (staticRoot) await rm(staticRoot, { recursive: true, force: true });
});

/** Publishes as HMI through POST api/publication, then lets the blob trigger store it; records its artefact id. */
async function publish(kind: string, headers: Record<string, string>, body: Buffer): Promise<void> {
  const token = await started(idp, 'the identity provider').issueToken('hmi');
  published.set(kind, await publishAndDrain(host, kind, token, hmiListHeadersNow(token, headers), body));
}

async function publishLists(): Promise<void> {
  const civil = await readFile(fixtureUrl('lists', 'civilDailyCauseList.json'));
  const family = await readFile(fixtureUrl('lists', 'familyDailyCauseList.json'));
  await publish('civil', { 'x-list-type': 'CIVIL_DAILY_CAUSE_LIST' }, civil);
  await publish('family', { 'x-list-type': 'FAMILY_DAILY_CAUSE_LIST' }, family);
  // A court our reference data does not know: stored against NoMatch9999.
  await publish('no match', { 'x-list-type': 'CIVIL_DAILY_CAUSE_LIST', 'x-court-id': '9999' }, civil);
}

const main = (page: Page) => page.locator('main');

describe('court staff remove a list', () => {
  it('signs in, finds the court, ticks a list, confirms, and the list is gone from the court page, the API and storage', async () => {
    const civil = published.get('civil') ?? '';
    const family = published.get('family') ?? '';
    await withContext(browser, async (page) => {
      const errors = watchConsole(page, host.url);
      await page.goto(`${host.url}/admin/remove-list`);
      await signInAt(page, SEEDED_USERS.admin);
      await page.waitForURL(`${host.url}/admin/remove-list`);

      // Both languages: the search, its error, the table, nothing ticked, the question and its error; "no" removes nothing.
      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${host.url}/admin?lng=${lng}`);
        await expectNoAxeViolations(page);
        await main(page).locator('a[href="/admin/remove-list"]').click();
        await page.waitForURL(`${host.url}/admin/remove-list`);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
        await expectNoAxeViolations(page);
        // Typed, then Tab: the picker's menu (accessible-autocomplete) closes, as a person leaving the field sees.
        await page.locator('#court').fill('Atlantis');
        await page.locator('#court').press('Tab');
        await main(page).locator('button[type="submit"]').click();
        await page.waitForURL(/court=Atlantis/);
        expect(await page.locator('.govuk-error-summary a[href="#court"]').count()).toBe(1);
        await expectNoAxeViolations(page);
        await page.locator('#court').fill(lng === 'cy' ? court.welshName : court.name);
        await page.locator('#court').press('Tab');
        await main(page).locator('button[type="submit"]').click();
        await page.waitForURL(`${host.url}/admin/remove-list/${court.locationId}`);
        expect(await page.locator('#publications tbody tr').count()).toBe(2);
        await expectNoAxeViolations(page);
        await main(page).locator('button[type="submit"]').click();
        await page.waitForURL(`${host.url}/admin/remove-list/${court.locationId}`);
        expect(await page.locator('.govuk-error-summary a[href="#artefactId"]').textContent()).toContain(
          lng === 'en' ? 'Select at least one list to remove' : 'Dewiswch o leiaf un rhestr i’w dileu',
        );
        await expectNoAxeViolations(page);
        await page.locator(`input[value="${civil}"]`).check();
        await main(page).locator('form button[type="submit"]').click();
        await page.waitForURL(/\/confirm\?artefactId=/);
        await expectNoAxeViolations(page);
        await main(page).locator('form button[type="submit"]').click();
        await page.waitForURL(/\/confirm$/);
        expect(await page.locator('.govuk-error-summary a[href="#confirm"]').count()).toBe(1);
        await expectNoAxeViolations(page);
        await page.locator('#confirm-2').check();
        await main(page).locator('form button[type="submit"]').click();
        await page.waitForURL(`${host.url}/admin/remove-list/${court.locationId}`);
        expect(await page.locator('#publications tbody tr').count()).toBe(2);
      }

      // In English: yes.
      await page.goto(`${host.url}/admin/remove-list/${court.locationId}?lng=en`);
      await page.locator(`input[value="${civil}"]`).check();
      await main(page).locator('form button[type="submit"]').click();
      await page.waitForURL(/\/confirm\?artefactId=/);
      expect(await page.locator('h1').textContent()).toBe('Are you sure you want to remove this list?');
      await page.locator('#confirm').check();
      await main(page).locator('form button[type="submit"]').click();
      await page.waitForURL(`${host.url}/admin/remove-list/${court.locationId}/removed?count=1`);
      expect(await page.locator('h1').textContent()).toContain('List removed');
      await expectNoAxeViolations(page);
      await page.goto(`${host.url}/admin/remove-list/${court.locationId}/removed?count=1&lng=cy`);
      await expectNoAxeViolations(page);
      await page.goto(`${host.url}/admin/remove-list/${court.locationId}?lng=en`);
      expect(await page.locator('#publications tbody tr').count()).toBe(1);
      expect(errors).toEqual([]);

      // Gone from the court's page, the read API and storage; the other list is still there.
      await page.goto(`${host.url}/courts/${court.locationId}`);
      expect(await page.locator(`#publications a[href="/list/${civil}"]`).count()).toBe(0);
      expect(await page.locator(`#publications a[href="/list/${family}"]`).count()).toBe(1);
      expect((await fetch(`${host.url}/api/publication/${civil}`)).status).toBe(404);
      expect((await fetch(`${host.url}/api/publication/${family}`)).status).toBe(200);
      const listed = (await (await fetch(`${host.url}/api/publications?locationId=${court.locationId}`)).json()) as {
        artefactId: string;
      }[];
      expect(listed.map((p) => p.artefactId)).toEqual([family]);
      const blobs: string[] = [];
      for await (const blob of publications.listBlobsFlat()) blobs.push(blob.name);
      const { rows } = await testDb.database.query<{ blob_name: string }>('SELECT blob_name FROM artefact');
      expect(blobs.sort()).toEqual(rows.map((row) => row.blob_name).sort());

      // Audited: who removed it, through which page.
      const audit = await testDb.database.query<{ user_email: string; outcome: string; details: { via: string } }>(
        `SELECT user_email, outcome, details FROM audit_log WHERE action = 'PUBLICATION_DELETE' AND object_id = $1`,
        [civil],
      );
      expect(audit.rows).toEqual([
        expect.objectContaining({
          user_email: SEEDED_USERS.admin.username,
          outcome: 'SUCCESS',
          details: expect.objectContaining({ via: 'REMOVE_LIST_PAGE' }) as unknown,
        }),
      ]);

      // A POST without the session's CSRF token (the browser's own cookies) is refused.
      const refused = await page.request.post(`${host.url}/admin/remove-list/${court.locationId}/confirm`, {
        form: { artefactId: family, confirm: 'yes' },
      });
      expect(refused.status()).toBe(403);
      expect((await fetch(`${host.url}/api/publication/${family}`)).status).toBe(200);
    });
  }, 180_000);

  it('a media user is refused (403, axe-clean) and an anonymous visitor is sent to sign in', async () => {
    await withContext(browser, async (page) => {
      await page.goto(`${host.url}/admin/remove-list/${court.locationId}`);
      expect(page.url()).toBe(
        `${host.url}/sign-in?returnTo=${encodeURIComponent(`/admin/remove-list/${court.locationId}`)}`,
      );
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${host.url}/admin/remove-list/${court.locationId}`);
      expect(await page.locator('h1').textContent()).toBe('You do not have permission to view this page');
      const response = await page.goto(`${host.url}/system-admin/publications?lng=cy`);
      expect(response?.status()).toBe(403);
      await expectNoAxeViolations(page);
    });
  }, 90_000);
});

describe('a system admin explores the publications', () => {
  it('opens the NoMatch publications, reads one and its payload, and deletes it: axe-clean in English and Welsh', async () => {
    const noMatch = published.get('no match') ?? '';
    const family = published.get('family') ?? '';
    await withContext(browser, async (page) => {
      const errors = watchConsole(page, host.url);
      await page.goto(`${host.url}/system-admin/publications`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${host.url}/system-admin/publications`);
      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${host.url}/system-admin?lng=${lng}`);
        await main(page).locator('a[href="/system-admin/publications"]').click();
        await page.waitForURL(`${host.url}/system-admin/publications`);
        await expectNoAxeViolations(page);
        await page.locator('#court').fill(lng === 'cy' ? court.welshName : court.name);
        await page.locator('#court').press('Tab');
        await main(page).locator('button[type="submit"]').click();
        await page.waitForURL(`${host.url}/system-admin/publications/court/${court.locationId}`);
        expect(await page.locator(`#publications a[href="/system-admin/publications/${family}"]`).count()).toBe(1);
        await expectNoAxeViolations(page);
        await page.goto(`${host.url}/system-admin/publications`);
        await main(page).locator('a[href="/system-admin/publications/no-match"]').click();
        await page.waitForURL(`${host.url}/system-admin/publications/no-match`);
        expect(await main(page).textContent()).toContain('NoMatch9999');
        await expectNoAxeViolations(page);
        await main(page).locator(`a[href="/system-admin/publications/${noMatch}"]`).click();
        await page.waitForURL(`${host.url}/system-admin/publications/${noMatch}`);
        await expectNoAxeViolations(page);
        await page.locator('#payload-link').click();
        await page.waitForURL(`${host.url}/system-admin/publications/${noMatch}/payload`);
        expect(await page.locator('#payload').textContent()).toContain('"document": {');
        await expectNoAxeViolations(page);
        await page.goto(`${host.url}/system-admin/publications/${noMatch}/delete`);
        await main(page).locator('form button[type="submit"]').click();
        await page.waitForURL(`${host.url}/system-admin/publications/${noMatch}/delete`);
        expect(await page.locator('.govuk-error-summary a[href="#confirm"]').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await page.goto(`${host.url}/system-admin/publications/${noMatch}/delete?lng=en`);
      await page.locator('#confirm').check();
      await main(page).locator('form button[type="submit"]').click();
      await page.waitForURL(`${host.url}/system-admin/publications/deleted?location=NoMatch9999`);
      expect(await page.locator('h1').textContent()).toContain('Publication deleted');
      await expectNoAxeViolations(page);
      await page.goto(`${host.url}/system-admin/publications/deleted?location=NoMatch9999&lng=cy`);
      await expectNoAxeViolations(page);
      expect((await page.goto(`${host.url}/system-admin/publications/${noMatch}`))?.status()).toBe(404);
      expect(errors).toEqual([]);

      const token = await started(idp, 'the identity provider').issueToken('sysadmin');
      const noMatches = (await (
        await fetch(`${host.url}/api/publication/no-match`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { artefactId: string }[];
      expect(noMatches).toEqual([]);
      const views = await testDb.database.query<{ action: string }>(
        `SELECT DISTINCT action FROM audit_log WHERE user_email = $1 ORDER BY action`,
        [SEEDED_USERS.sysadmin.username],
      );
      expect(views.rows.map((row) => row.action)).toEqual(
        expect.arrayContaining(['PUBLICATION_DELETE', 'PUBLICATION_EXPLORER_VIEW']),
      );
    });
  }, 180_000);

  it("pages through a court's 30 publications, 25 a page, with GOV.UK pagination: axe-clean in English and Welsh", async () => {
    const paged = 1502;
    await testDb.database.query('INSERT INTO court (location_id, name, welsh_name) VALUES ($1, $2, $3)', [
      paged,
      'Reading County Court',
      'Llys Sirol Reading',
    ]);
    for (let day = 1; day <= 30; day++) {
      await insertPublicationRow(testDb.database, {
        locationId: String(paged),
        contentDate: `2026-11-${String(day).padStart(2, '0')}T09:00:00`,
      });
    }
    await withContext(browser, async (page) => {
      const errors = watchConsole(page, host.url);
      await page.goto(`${host.url}/system-admin/publications/court/${paged}`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${host.url}/system-admin/publications/court/${paged}`);
      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${host.url}/system-admin/publications/court/${paged}?lng=${lng}`);
        expect(await page.locator('#publications .govuk-summary-card').count()).toBe(25);
        await expectNoAxeViolations(page);
        await page.locator('.govuk-pagination__next a').click();
        await page.waitForURL(`${host.url}/system-admin/publications/court/${paged}?page=2`);
        expect(await page.locator('#publications .govuk-summary-card').count()).toBe(5);
        expect(await page.locator('#showing').textContent()).toBe(
          lng === 'cy' ? 'Yn dangos 26 i 30 o 30 o gyhoeddiadau' : 'Showing 26 to 30 of 30 publications',
        );
        await expectNoAxeViolations(page);
        await page.locator('.govuk-pagination__link', { hasText: '1' }).click();
        await page.waitForURL(`${host.url}/system-admin/publications/court/${paged}`);
      }
      expect(errors).toEqual([]);
    });
  }, 120_000);
});
