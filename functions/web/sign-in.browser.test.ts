/**
 * Signing in, end to end in Chromium: the portal hosted by the local runtime over real PostgreSQL and Azurite, the
 * local identity provider's three people issuers (Azure B2C, CFT IDAM, Crime IDAM) and their own sign-in forms.
 * For each: a court's restricted list is not shown; the person signs in; it is shown and readable at /list/{id}
 * (and a list their provenance may not read is still not); they sign out (of us and of the provider); it is gone.
 * A signed-in list page, and the sign-in, failure and signed-out pages in English and Welsh, have no WCAG 2.2 AA
 * violations (axe).
 *
 * Fixtures are inserted directly (court, artefact rows, blobs in a container of this file's own); the blob trigger
 * is not registered here, so nothing competes with other test files for the shared `publications` container.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS, type SeededUser } from '../../local/identity/local-identities.js';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { fixtureDirectory } from '../../test-support/fixtures.js';
import { startTestHost } from '../../test-support/test-host.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { axeViolations } from '../../test-support/browser.js';
import { databaseWebSignIn, localProviderIssuers } from './testing/web-sign-in.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { startWebIdentityProvider } from '../../test-support/local-identity.js';
import { watchConsole } from './testing/admin-in-browser.js';
import { databaseWebDependencies, startPortalStores, type PortalStores } from './testing/database-web-dependencies.js';

const examples = fixtureDirectory('lists');
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let idp: LocalIdentityProvider | undefined;
let browser: Browser;
let staticRoot: string;
let publications: ContainerClient;
let glossary: ContainerClient;

/** Court 1's lists: one PRIVATE (any verified person), two CLASSIFIED (by provenance). */
const lists = {
  privateFamily: {
    id: randomUUID(),
    listType: 'FAMILY_DAILY_CAUSE_LIST',
    sensitivity: 'PRIVATE',
    example: 'familyDailyCauseList.json',
    title: 'Family Daily Cause List',
  },
  classifiedCivil: {
    id: randomUUID(),
    listType: 'CIVIL_DAILY_CAUSE_LIST',
    sensitivity: 'CLASSIFIED',
    example: 'civilDailyCauseList.json',
    title: 'Civil Daily Cause List',
  },
  classifiedMagistrates: {
    id: randomUUID(),
    listType: 'MAGISTRATES_PUBLIC_LIST',
    sensitivity: 'CLASSIFIED',
    example: 'magistratesPublicList.json',
    title: 'Magistrates Public List',
  },
} as const;
type ListKey = keyof typeof lists;

let stores: PortalStores | undefined;

beforeAll(async () => {
  stores = await startPortalStores('signin');
  ({ testDb, browser, staticRoot, publications, glossary } = stores);

  await testDb.database.query(`
    INSERT INTO court (location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type)
    VALUES (1, 'Oxford Combined Court Centre', NULL, '{South East}', '{De-ddwyrain Lloegr}', '{Civil,Family,Crime}', '{Sifil,Teulu,Trosedd}', '{County Court}', '{Llys Sirol}')
    ON CONFLICT (location_id) DO NOTHING`);
  const now = new Date();
  const from = new Date(now.getTime() - 86_400_000);
  const to = new Date(now.getTime() + 86_400_000);
  for (const list of Object.values(lists)) {
    const body = await readFile(new URL(list.example, examples));
    await publications.getBlockBlobClient(`${list.id}.json`).upload(body, body.length);
    await insertPublicationRow(testDb.database, {
      artefactId: list.id,
      listType: list.listType,
      locationId: '1',
      contentDate: `${now.toISOString().slice(0, 10)}T00:00:00`,
      sensitivity: list.sensitivity,
      displayFrom: from,
      displayTo: to,
      payloadSize: body.length,
      blobName: `${list.id}.json`,
      receivedAt: from,
    });
  }

  // The host first (port 0), so the provider can be told the redirect URIs; the web dependencies are bound on the
  // first request, by when the provider is up.
  registerWeb(() => {
    if (!idp) throw new Error('the identity provider is not running');
    return {
      templates: createTemplateEnvironment(),
      // Nobody uploads here (pages/manual-upload and admin-upload.browser.test.ts do).
      deps: databaseWebDependencies({
        database: testDb.database,
        publications,
        glossary: createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 }),
        signIn: databaseWebSignIn(testDb.database, localProviderIssuers(idp)),
      }),
    };
  });
  host = await startTestHost({ staticRoot });
  idp = await startWebIdentityProvider(host.url);
}, 120_000);

afterAll(async () => {
  await host.stop();
  await idp?.stop();
  await stores?.stop();
});

async function shownOnSummary(page: Page): Promise<ListKey[]> {
  await page.goto(`${host.url}/courts/1`);
  const shown: ListKey[] = [];
  for (const key of Object.keys(lists) as ListKey[]) {
    if ((await page.locator(`a[href="/list/${lists[key].id}"]`).count()) > 0) shown.push(key);
  }
  return shown;
}

async function status(page: Page, path: string): Promise<number> {
  return (await page.goto(`${host.url}${path}`))?.status() ?? 0;
}

const flows: { issuer: string; label: string; user: SeededUser; readable: ListKey[]; notReadable: ListKey }[] = [
  {
    issuer: 'Azure B2C (media)',
    label: 'With a Court and tribunal hearings account',
    user: SEEDED_USERS.media,
    readable: ['privateFamily', 'classifiedMagistrates'],
    notReadable: 'classifiedCivil',
  },
  {
    issuer: 'CFT IDAM (caseworker)',
    label: 'With a MyHMCTS account',
    user: SEEDED_USERS.cft,
    readable: ['privateFamily', 'classifiedCivil'],
    notReadable: 'classifiedMagistrates',
  },
  {
    issuer: 'Crime IDAM',
    label: 'With a Common Platform account',
    user: SEEDED_USERS.crime,
    readable: ['privateFamily', 'classifiedMagistrates'],
    notReadable: 'classifiedCivil',
  },
];

describe('signing in at each identity service, in Chromium', () => {
  it.each(flows)(
    '$issuer: restricted lists appear after sign-in and go after sign-out',
    async ({ label, user, readable, notReadable }) => {
      const context: BrowserContext = await browser.newContext();
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const errors = watchConsole(page, host.url);

        // Anonymous: nothing restricted is shown, and a restricted list is a 404.
        expect(await shownOnSummary(page)).toEqual([]);
        expect(await status(page, `/list/${lists.privateFamily.id}`)).toBe(404);

        // Sign in from the court's page: the header link, the choice of account, the provider's own form.
        await page.goto(`${host.url}/courts/1`);
        await page.getByRole('link', { name: 'Sign in' }).click();
        await page.getByLabel(label).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByLabel(/^(Username|Email address)$/).fill(user.username);
        await page.getByLabel('Password').fill(user.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${host.url}/courts/1`).catch(async (error: unknown) => {
          throw new Error(`${String(error)}\nat ${page.url()}:\n${(await page.locator('body').textContent()) ?? ''}`);
        });
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
        const session = (await context.cookies(host.url)).find((cookie) => cookie.name === 'pip-session');
        expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

        // Signed in: what this person may read is shown and opens; what their provenance may not read is not.
        expect((await shownOnSummary(page)).sort()).toEqual([...readable].sort());
        for (const key of readable) {
          expect(await status(page, `/list/${lists[key].id}`)).toBe(200);
          expect(await page.locator('main').textContent()).toContain(lists[key].title);
        }
        expect(await status(page, `/list/${lists[notReadable].id}`)).toBe(404);

        // axe on a signed-in page: a restricted list, opened and shown, with the header's sign-out button.
        const shownList = lists[readable[0] as ListKey];
        expect(await status(page, `/list/${shownList.id}`)).toBe(200);
        expect(await page.locator('h1').textContent()).toContain(shownList.title);
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

        // Sign out: our session ends, then the provider's (its confirmation page), then back to /signed-out.
        await page.goto(`${host.url}/courts/1`);
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('button', { name: 'Yes, sign me out' }).click();
        await page.waitForURL(/\/signed-out/);
        expect(await page.locator('h1').textContent()).toContain('You have signed out');
        expect((await context.cookies(host.url)).find((cookie) => cookie.name === 'pip-session')).toBeUndefined();
        expect(await shownOnSummary(page)).toEqual([]);
        for (const key of readable) expect(await status(page, `/list/${lists[key].id}`)).toBe(404);
        expect(errors).toEqual([]);

        const { rows } = await testDb.database.query<{ action: string; outcome: string; user_email: string | null }>(
          `SELECT action, outcome, user_email FROM audit_log WHERE user_email = $1 AND action IN ('SIGN_IN', 'SIGN_OUT') ORDER BY audit_id`,
          [user.username],
        );
        expect(rows.map((row) => `${row.action} ${row.outcome}`)).toEqual(['SIGN_IN SUCCESS', 'SIGN_OUT SUCCESS']);
      } finally {
        await context.close();
      }
    },
    90_000,
  );
});

describe('the sign-in pages, in English and Welsh: no axe violations at WCAG 2.2 AA', () => {
  const pages: { name: string; open: (page: Page, lng: string) => Promise<number> }[] = [
    { name: 'sign in', open: (page, lng) => status(page, `/sign-in?lng=${lng}`) },
    {
      name: 'sign in with an error',
      open: async (page, lng) => {
        await page.goto(`${host.url}/sign-in?lng=${lng}`);
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/sign-in')),
          page.locator('main button[type="submit"]').click(),
        ]);
        await page.waitForLoadState('load');
        return response.status();
      },
    },
    { name: 'sign-in failure', open: (page, lng) => status(page, `/login/return?lng=${lng}&code=x&state=y`) },
    { name: 'signed out', open: (page, lng) => status(page, `/signed-out?lng=${lng}`) },
  ];
  for (const lng of ['en', 'cy'] as const) {
    it.each(pages)(`$name (${lng})`, async ({ name, open }) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const errors = watchConsole(page, host.url);
        const code = await open(page, lng);
        expect(code).toBe(name === 'sign in' || name === 'signed out' ? 200 : 400);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
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
