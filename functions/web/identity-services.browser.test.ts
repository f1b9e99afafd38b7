/**
 * The identity services as they really are (issue 19), end to end in Chromium: the portal hosted by the local runtime
 * over real PostgreSQL and Azurite, and the local identity provider standing in for B2C, CFT IDAM and Crime IDAM.
 *
 * - B2C: a media user whose `extension_UserRole` is VERIFIED reads PRIVATE lists; a person whose token carries only a
 *   `roles` claim gains nothing from it; "Forgot your password?" (AADB2C90118) goes through the password-reset flow
 *   and back, signed in; Cancel (AADB2C90091) goes back to the choice of account with no error page; the flow pages
 *   are the GOV.UK templates of web-static/b2c/, in the page's language (ui_locales), and pass axe.
 * - CFT IDAM: the ID token carries no roles (they come from UserInfo), and sign-out revokes the access token.
 * - Crime IDAM: a person signs in and out.
 * - Every B2C template, English and Welsh, as the static site serves it, passes axe.
 */
import { localMediaAccountDirectory } from '../../shared/media-accounts/media-account-directory.js';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS, type SeededUser } from '../../local/identity/local-identities.js';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { openSealedAccessToken } from '../../shared/auth/oidc-sign-in.js';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { axeViolations, launchChromium } from '../../test-support/browser.js';
import { fixtureDirectory } from '../../test-support/fixtures.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { testScreenLinkKeys } from '../../test-support/screen-link-keys.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { copyWebStatic } from '../../test-support/web-static.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { databaseAuditLog } from './data/audit-log-reader.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { databaseCourtScreens } from './data/court-screens.js';
import { databasePublicationStore } from './data/publication-store.js';
import { sharedReadAccess } from './data/read-access.js';
import { databaseReferenceDataAdmin } from './data/reference-data-admin.js';
import { databaseSubscriptionBook } from './data/subscription-book.js';
import { databaseThirdPartyAdmin } from './data/third-party-admin.js';
import { databaseUserAdmin } from './data/user-admin.js';
import { listPageView } from './lists/render-list.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { watchConsole } from './testing/admin-in-browser.js';
import { databaseWebSignIn, localProviderIssuers, TEST_WEB_SESSION_SECRET } from './testing/web-sign-in.js';
import { fakeManualUpload, unusedMediaAccounts } from './testing/web-test-kit.js';

const storage = testStorage();
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let idp: LocalIdentityProvider | undefined;
let browser: Browser;
let staticRoot: string;
let publications: ContainerClient;
let glossary: ContainerClient;

/** Court 1's PRIVATE list: any verified person may read it. */
const privateList = { id: randomUUID(), title: 'Family Daily Cause List' };

/** A B2C person whose token carries `roles: ['VERIFIED']` and no role attribute: B2C never sends `roles`. */
const rolesClaimOnly: SeededUser = {
  issuer: 'b2c',
  username: 'roles.claim@example.com',
  password: 'password',
  accountId: '0b6f7a3e-1c2d-4e5f-8a9b-000000000091',
  claims: {
    oid: '0b6f7a3e-1c2d-4e5f-8a9b-000000000091',
    email: 'roles.claim@example.com',
    name: 'Roles Claim',
    roles: ['VERIFIED'],
  },
};

/** A media user who forgets their password. */
const forgetful: SeededUser = {
  ...SEEDED_USERS.media,
  username: 'forgetful.media@example.com',
  accountId: '0b6f7a3e-1c2d-4e5f-8a9b-000000000092',
  claims: {
    ...SEEDED_USERS.media.claims,
    oid: '0b6f7a3e-1c2d-4e5f-8a9b-000000000092',
    email: 'forgetful.media@example.com',
    emails: ['forgetful.media@example.com'],
    name: 'Forgetful Media',
  },
};

beforeAll(async () => {
  [testDb, browser] = await Promise.all([createTestDatabase(), launchChromium()]);
  staticRoot = await copyWebStatic();
  publications = storage.blobService.getContainerClient(uniqueName('idsvc-publications'));
  glossary = storage.blobService.getContainerClient(uniqueName('idsvc-glossary'));
  await Promise.all([publications.create(), glossary.create()]);

  await testDb.database.query(`
    INSERT INTO court (location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type)
    VALUES (1, 'Oxford Combined Court Centre', NULL, '{South East}', '{De-ddwyrain Lloegr}', '{Civil,Family,Crime}', '{Sifil,Teulu,Trosedd}', '{County Court}', '{Llys Sirol}')
    ON CONFLICT (location_id) DO NOTHING`);
  const now = new Date();
  const body = await readFile(new URL('familyDailyCauseList.json', fixtureDirectory('lists')));
  await publications.getBlockBlobClient(`${privateList.id}.json`).upload(body, body.length);
  await insertPublicationRow(testDb.database, {
    artefactId: privateList.id,
    listType: 'FAMILY_DAILY_CAUSE_LIST',
    locationId: '1',
    contentDate: `${now.toISOString().slice(0, 10)}T00:00:00`,
    sensitivity: 'PRIVATE',
    displayFrom: new Date(now.getTime() - 86_400_000),
    displayTo: new Date(now.getTime() + 86_400_000),
    payloadSize: body.length,
    blobName: `${privateList.id}.json`,
    receivedAt: new Date(now.getTime() - 86_400_000),
  });

  registerWeb(() => {
    if (!idp) throw new Error('the identity provider is not running');
    return {
      templates: createTemplateEnvironment(),
      deps: {
        courts: databaseCourtDirectory(testDb.database),
        publications: databasePublicationStore(testDb.database, publications),
        glossary: createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 }),
        canRead: sharedReadAccess,
        listPageView,
        signIn: databaseWebSignIn(testDb.database, localProviderIssuers(idp)),
        audit: (event) => recordAuditEvent(testDb.database, event),
        auditLog: databaseAuditLog(testDb.database),
        manualUpload: fakeManualUpload(),
        subscriptions: databaseSubscriptionBook(testDb.database),
        mediaAccounts: unusedMediaAccounts,
        courtScreens: databaseCourtScreens(testDb.database, publications, testScreenLinkKeys),
        referenceData: databaseReferenceDataAdmin(testDb.database),
        users: databaseUserAdmin(testDb.database, localMediaAccountDirectory(idp.mediaAccountEndpoint)),
        thirdParties: databaseThirdPartyAdmin(testDb.database, createPushClient({ secrets: settingsPushSecrets({}) })),
        now: () => new Date(),
      },
    };
  });
  host = await startTestHost({ staticRoot });
  idp = await startLocalIdentityProvider({
    port: 0,
    webRedirectUris: [`${host.url}/login/return`],
    webPostLogoutRedirectUris: [`${host.url}/signed-out`],
    extraUsers: [rolesClaimOnly, forgetful],
  });
}, 120_000);

afterAll(async () => {
  await browser.close();
  await host.stop();
  await idp?.stop();
  await Promise.all([testDb.drop(), publications.deleteIfExists(), glossary.deleteIfExists()]);
  if (staticRoot) await rm(staticRoot, { recursive: true, force: true });
});

async function withPage(run: (page: Page, context: BrowserContext, errors: string[]) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await run(page, context, watchConsole(page, host.url));
  } finally {
    await context.close();
  }
}

/** From court 1's page: Sign in, the account of `issuer` (by its radio's value), Continue; at the provider's page. */
async function chooseAccount(page: Page, issuer: 'b2c' | 'cftIdam' | 'crimeIdam', lng: 'en' | 'cy' = 'en') {
  await page.goto(`${host.url}/sign-in?lng=${lng}&returnTo=${encodeURIComponent('/courts/1')}`);
  await page.locator(`input[name="account"][value="${issuer}"]`).check();
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(idp?.baseUrl ?? '-'));
  await page.waitForLoadState();
}

async function signInAtProvider(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByLabel(/^(Username|Email address)$/).fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function privateListStatus(page: Page): Promise<number> {
  return (await page.goto(`${host.url}/list/${privateList.id}`))?.status() ?? 0;
}

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${page.url()}\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('Azure B2C as B2C is', () => {
  it('a media user with extension_UserRole=VERIFIED signs in on the GOV.UK flow page and reads PRIVATE lists', async () => {
    await withPage(async (page, _context, errors) => {
      expect(await privateListStatus(page)).toBe(404);
      await chooseAccount(page, 'b2c');
      expect(new URL(page.url()).pathname).toMatch(/^\/b2c\/interaction\//);
      expect(await page.locator('h1').textContent()).toBe('Sign in with your email address');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // The template as published for B2C (which shows it from its own origin): its stylesheet's URL absolute on the
      // site, no <base> (B2C's own script calls its endpoints by relative URLs); GOV.UK Frontend's stylesheet is loaded.
      expect(await page.locator('link[rel="stylesheet"]').getAttribute('href')).toBe(
        `${host.url}/govuk-frontend.min.css`,
      );
      expect(await page.locator('base').count()).toBe(0);
      expect(
        await page.evaluate(
          '[...document.styleSheets].some((sheet) => sheet.href?.endsWith("/govuk-frontend.min.css") && sheet.cssRules.length > 0)',
        ),
      ).toBe(true);
      await expectNoViolations(page);
      await signInAtProvider(page, SEEDED_USERS.media);
      await page.waitForURL(`${host.url}/courts/1`);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
      expect(await privateListStatus(page)).toBe(200);
      expect(await page.locator('h1').textContent()).toContain(privateList.title);
      expect(errors).toEqual([]);
    });
  }, 60_000);

  it('a B2C token with only a `roles` claim gains nothing from it: refused, no session, no PRIVATE list', async () => {
    await withPage(async (page, context) => {
      await chooseAccount(page, 'b2c');
      await signInAtProvider(page, rolesClaimOnly);
      await page.waitForURL((url) => url.pathname === '/login/return');
      await page.waitForLoadState();
      expect(await page.locator('[data-reason]').getAttribute('data-reason')).toBe('ROLE_NOT_ALLOWED');
      expect((await context.cookies(host.url)).find((cookie) => cookie.name === 'pip-session')).toBeUndefined();
      expect(await privateListStatus(page)).toBe(404);
      const { rows } = await testDb.database.query<{ reason: string }>(
        `SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'SIGN_IN' AND outcome = 'FAILURE' AND user_email = $1`,
        [rolesClaimOnly.username],
      );
      expect(rows.map((row) => row.reason)).toEqual(['ROLE_NOT_ALLOWED']);
    });
  }, 60_000);

  it('"Forgot your password?" (AADB2C90118): the password-reset flow, then back to the page, signed in', async () => {
    await withPage(async (page, _context, errors) => {
      await chooseAccount(page, 'b2c');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      // Back at our callback with AADB2C90118, then straight on to the reset flow (p=B2C_1_PasswordReset).
      await page.waitForURL(
        (url) => url.href.startsWith(idp?.baseUrl ?? '-') && url.pathname.includes('/interaction/'),
      );
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Reset your password');
      await expectNoViolations(page);

      // A mistake first: the GOV.UK error summary, and still axe-clean.
      await page.getByLabel('Email address').fill(forgetful.username);
      await page.getByLabel('New password', { exact: true }).fill('a-new-password');
      await page.getByLabel('Confirm new password').fill('something-else');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the same new password twice');
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoViolations(page);

      await page.getByLabel('New password', { exact: true }).fill('a-new-password');
      await page.getByLabel('Confirm new password').fill('a-new-password');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(`${host.url}/courts/1`);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
      expect(await privateListStatus(page)).toBe(200);
      expect(errors).toEqual([]);
    });
    // The new password is the one that works now.
    await withPage(async (page) => {
      await chooseAccount(page, 'b2c');
      await signInAtProvider(page, { username: forgetful.username, password: 'a-new-password' });
      await page.waitForURL(`${host.url}/courts/1`);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    });
  }, 90_000);

  it('Cancel (AADB2C90091): back to the choice of account, no error page, nothing audited as a failure', async () => {
    await withPage(async (page, context, errors) => {
      await chooseAccount(page, 'b2c');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.waitForURL(
        (url) => url.href.startsWith(idp?.baseUrl ?? '-') && url.pathname.includes('/interaction/'),
      );
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.waitForURL((url) => url.href.startsWith(host.url) && url.pathname === '/sign-in');
      await page.waitForLoadState();
      expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/courts/1');
      expect(await page.locator('input[name="account"]').count()).toBe(3);
      expect(await page.locator('[data-reason]').count()).toBe(0);
      expect((await context.cookies(host.url)).find((cookie) => cookie.name === 'pip-session')).toBeUndefined();
      expect(errors).toEqual([]);
    });
    const { rows } = await testDb.database.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'SIGN_IN' AND outcome = 'FAILURE' AND details->>'reason' IN ('CANCELLED', 'PASSWORD_RESET_REQUESTED', 'ACCESS_DENIED')`,
    );
    expect(rows[0]?.n).toBe('0');
  }, 60_000);

  it("the flow pages are in the page's language (ui_locales): Welsh in, Welsh at B2C, axe-clean", async () => {
    await withPage(async (page, _context, errors) => {
      const [authorize] = await Promise.all([
        page.waitForRequest((request) => request.url().includes('/b2c/auth')),
        chooseAccount(page, 'b2c', 'cy'),
      ]);
      expect(new URL(authorize.url()).searchParams.get('ui_locales')).toBe('cy-GB');
      expect(new URL(authorize.url()).searchParams.get('p')).toBe('B2C_1_SignInUserFlow');
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      expect(await page.locator('h1').textContent()).toBe('Mewngofnodi gyda’ch cyfeiriad e-bost');
      await expectNoViolations(page);
      await page.getByRole('link', { name: 'Wedi anghofio eich cyfrinair?' }).click();
      await page.waitForURL(
        (url) => url.href.startsWith(idp?.baseUrl ?? '-') && url.pathname.includes('/interaction/'),
      );
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Ailosod eich cyfrinair');
      await expectNoViolations(page);
      expect(errors).toEqual([]);
    });
  }, 60_000);
});

describe('CFT IDAM in full', () => {
  it('roles come from UserInfo (the ID token has none), ui_locales is passed, and sign-out revokes the access token', async () => {
    await withPage(async (page, _context, errors) => {
      const [authorize] = await Promise.all([
        page.waitForRequest((request) => request.url().includes('/cft-idam/auth')),
        chooseAccount(page, 'cftIdam', 'cy'),
      ]);
      expect(new URL(authorize.url()).searchParams.get('ui_locales')).toBe('cy');
      await signInAtProvider(page, SEEDED_USERS.cft);
      await page.waitForURL(`${host.url}/courts/1`);
      expect(await privateListStatus(page)).toBe(200);

      const { rows } = await testDb.database.query<{ id_token: string; access_token: string | null }>(
        `SELECT s.id_token, s.access_token FROM user_session s JOIN pip_user u ON u.user_id = s.user_id
          WHERE u.email = $1`,
        [SEEDED_USERS.cft.username],
      );
      expect(rows).toHaveLength(1);
      const session = rows[0];
      expect(decodeJwt(session?.id_token ?? '')).not.toHaveProperty('roles');
      const accessToken = openSealedAccessToken(session?.access_token ?? '', TEST_WEB_SESSION_SECRET) ?? '';
      expect(session?.access_token).not.toContain(accessToken); // sealed, not stored as it is
      const userInfo = () =>
        fetch(`${idp?.issuers.cftIdam ?? ''}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      const before = await userInfo();
      expect(before.status).toBe(200);
      expect(await before.json()).toMatchObject({ roles: ['caseworker'] });

      await page.goto(`${host.url}/courts/1`);
      await page.getByRole('button', { name: /Sign out|Allgofnodi/ }).click();
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL(/\/signed-out/);
      expect((await userInfo()).status).toBe(401);
      expect(await privateListStatus(page)).toBe(404);
      expect(errors).toEqual([]);
    });
  }, 90_000);
});

describe('Crime IDAM', () => {
  it('a Crime user signs in (profile from UserInfo: uid, name, email_address) and out', async () => {
    await withPage(async (page) => {
      await chooseAccount(page, 'crimeIdam');
      await signInAtProvider(page, SEEDED_USERS.crime);
      await page.waitForURL(`${host.url}/courts/1`);
      expect(await privateListStatus(page)).toBe(200);
      const { rows } = await testDb.database.query<{ email: string; provenance_user_id: string }>(
        `SELECT email, provenance_user_id FROM pip_user WHERE provenance = 'CRIME_IDAM'`,
      );
      expect(rows).toEqual([{ email: 'crime.user@example.com', provenance_user_id: SEEDED_USERS.crime.claims.uid }]);
      await page.goto(`${host.url}/courts/1`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL(/\/signed-out/);
      expect(await privateListStatus(page)).toBe(404);
    });
  }, 60_000);
});

describe('the B2C user flow templates of web-static/b2c/, as the static site serves them: axe-clean', () => {
  const templates = ['sign-in', 'password-reset', 'sign-up'] as const;
  for (const lng of ['en', 'cy'] as const) {
    it.each(templates)(`%s (${lng})`, async (template) => {
      await withPage(async (page, _context, errors) => {
        const response = await page.goto(`${host.url}/b2c/${lng}/${template}.html`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(lng);
        expect(await page.locator('#api').count()).toBe(1);
        expect(await page.locator('h1').count()).toBe(1);
        await expectNoViolations(page);
        expect(errors).toEqual([]);
      });
    });
  }
});

describe('every B2C user flow page as the local provider serves it (the template with its form): axe-clean', () => {
  const flows = ['B2C_1_SignInUserFlow', 'B2C_1_PasswordReset', 'B2C_1_SignUpApprovedMedia'] as const;
  for (const lng of ['en', 'cy'] as const) {
    it.each(flows)(`%s (${lng})`, async (flow) => {
      await withPage(async (page, _context, errors) => {
        // The web client's own authorization request, as startSignIn builds it, for this flow and language.
        const authorize = new URL(`${idp?.issuers.b2c ?? ''}/auth`);
        authorize.search = new URLSearchParams({
          p: flow,
          client_id: 'pip-web',
          redirect_uri: `${host.url}/login/return`,
          response_type: 'code',
          scope: 'openid pip-web',
          state: randomUUID(),
          nonce: randomUUID(),
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
          ui_locales: lng === 'cy' ? 'cy-GB' : lng,
        }).toString();
        await page.goto(authorize.href);
        await page.waitForURL((url) => url.pathname.startsWith('/b2c/interaction/'));
        await page.waitForLoadState();
        // The GOV.UK fonts come from the static origin (the stylesheet's URL is absolute on it, as published for B2C),
        // so the browser loads them only with CORS (edge-routes.json's staticResponseHeaders, as Front Door sets them):
        // as B2C's own origin will ask for them.
        const fontsLoaded = await page.evaluate(
          'document.fonts.ready.then(() => [...document.fonts].filter((font) => font.status === "loaded").length)',
        );
        expect(fontsLoaded).toBeGreaterThan(0);
        expect(await page.locator('base').count()).toBe(0);
        expect(await page.locator('html').getAttribute('lang')).toBe(lng);
        expect(await page.locator('#api form').count()).toBe(1);
        await expectNoViolations(page);
        expect(errors).toEqual([]);
      });
    });
  }
});
