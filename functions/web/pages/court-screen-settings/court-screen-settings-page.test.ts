/**
 * Court screens for system admins, through the real web handler and templates over the real court screens binding
 * (PostgreSQL): only system admins (a court admin is refused and audited, an anonymous visitor sent to sign in); the
 * court search; the court's signed screen link and period; a change validated (error summary and field, in English
 * and Welsh), saved and audited; a POST without the CSRF token refused with nothing changed.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import { screenRefreshSeconds } from '../../../../shared/court-screens/screen-settings.js';
import { courtIdFromSignedScreenToken } from '../../../../shared/publications/access/screen-links.js';
import { testScreenLinkKeys } from '../../../../test-support/screen-link-keys.js';
import { insertCourt } from '../../../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../../../test-support/test-storage.js';
import { databaseCourtScreens } from '../../data/court-screens.js';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../../testing/web-test-kit.js';

const storage = testStorage();
let testDb: TestDatabase;
let publications: ContainerClient;

const systemAdmin: Principal = {
  userId: 'sys-oid',
  provenance: 'PI_AAD',
  roles: ['SYSTEM_ADMIN'],
  email: 'system.admin@example.com',
  name: 'System Admin',
};
const courtAdmin: Principal = { ...systemAdmin, userId: 'ctsc-oid', roles: ['INTERNAL_ADMIN_CTSC'] };

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = storage.blobService.getContainerClient(uniqueName('screens'));
  await insertCourt(testDb.database, 1, 'Oxford Combined Court Centre');
  await insertCourt(testDb.database, 2, 'Cardiff Magistrates Court');
});

afterAll(async () => {
  await testDb.drop();
});

async function signedIn(principal: Principal = systemAdmin) {
  const signIn = fakeSignIn();
  const audited: AuditEvent[] = [];
  const { sessionId, session } = await signIn.signInAs(principal);
  return {
    deps: fakeDependencies({
      signIn,
      audited,
      overrides: { courtScreens: databaseCourtScreens(testDb.database, publications, testScreenLinkKeys) },
    }),
    cookie: `pip-session=${sessionId}`,
    csrf: session.csrfToken,
    audited,
  };
}

describe('who may use it', () => {
  it('sends an anonymous visitor to sign in, and refuses (and audits) anyone but a system admin', async () => {
    const anonymous = await request(fakeDependencies(), '/system-admin/court-screens/1');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fsystem-admin%2Fcourt-screens%2F1');
    for (const principal of [courtAdmin, testPrincipals.media]) {
      const { deps, cookie, csrf, audited } = await signedIn(principal);
      const page = await request(deps, '/system-admin/court-screens/1', { cookie });
      expect(page.status).toBe(403);
      const post = await request(deps, '/system-admin/court-screens/1', {
        cookie,
        form: { refreshSeconds: '20', _csrf: csrf },
      });
      expect(post.status).toBe(403);
      expect(audited.map((event) => [event.action, event.outcome])).toEqual([
        ['ADMIN_PAGE_ACCESS', 'DENIED'],
        ['ADMIN_PAGE_ACCESS', 'DENIED'],
      ]);
      expect(page.body).not.toContain('/screen/');
    }
    expect(await screenRefreshSeconds(testDb.database, 1)).toBe(60);
  });

  it('is on the system admin dashboard', async () => {
    const { deps, cookie } = await signedIn();
    const dashboard = await request(deps, '/system-admin', { cookie });
    expect(dashboard.body).toContain('href="/system-admin/court-screens"');
  });
});

describe('finding a court', () => {
  it('takes an exact name to the court, and offers the courts matching part of one', async () => {
    const { deps, cookie } = await signedIn();
    const form = await request(deps, '/system-admin/court-screens', { cookie });
    expect(form.status).toBe(200);
    expect(form.body).toContain('<h1 class="govuk-heading-l">Court screens</h1>');
    const exact = await request(deps, '/system-admin/court-screens?court=llys%20ynadon%20caerdydd', { cookie });
    expect(exact.status).toBe(302);
    expect(exact.headers.location).toBe('/system-admin/court-screens/2');
    const several = await request(deps, '/system-admin/court-screens?court=court', { cookie });
    expect(several.body).toContain('href="/system-admin/court-screens/1">Oxford Combined Court Centre</a>');
    const none = await request(deps, '/system-admin/court-screens?court=Atlantis', { cookie });
    expect(none.status).toBe(400);
    expect(none.body).toContain('<title>Error: Court screens - ');
  });
});

describe("a court's screen", () => {
  it('shows its signed screen link and period, audited as a screen link issued', async () => {
    const { deps, cookie, audited } = await signedIn();
    const page = await request(deps, '/system-admin/court-screens/1', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Court screen for Oxford Combined Court Centre');
    const link =
      /id="screen-link" href="\/screen\/([^"?]+)\?lng=en">http:\/\/127\.0\.0\.1:7071\/screen\/([^<]+)<\/a>/.exec(
        page.body,
      );
    expect(link?.[1]).toBe(link?.[2]);
    expect(courtIdFromSignedScreenToken(link?.[1] ?? '', testScreenLinkKeys)).toBe(1);
    expect(page.body).toContain('60 seconds');
    expect(page.body).toMatch(/name="refreshSeconds"[^>]*value="60"|value="60"[^>]*name="refreshSeconds"/);
    expect(audited).toMatchObject([
      { action: 'SCREEN_LINK_ISSUE', outcome: 'SUCCESS', objectType: 'location', objectId: '1', actor: systemAdmin },
    ]);
    expect((await request(deps, '/system-admin/court-screens/4242', { cookie })).status).toBe(404);
  });

  it('refuses a period that is empty, not a whole number or outside 15..600, saying why, in English and Welsh', async () => {
    const { deps, cookie, csrf, audited } = await signedIn();
    const cases: [string, string][] = [
      ['', 'Enter how often the screens update, in seconds'],
      ['sixty', 'How often the screens update must be a whole number of seconds, like 60'],
      ['60.5', 'How often the screens update must be a whole number of seconds, like 60'],
      ['14', 'How often the screens update must be between 15 and 600 seconds'],
      ['601', 'How often the screens update must be between 15 and 600 seconds'],
    ];
    for (const [value, message] of cases) {
      const page = await request(deps, '/system-admin/court-screens/2', {
        cookie,
        form: { refreshSeconds: value, _csrf: csrf },
      });
      expect(page.status, value).toBe(400);
      expect(page.body).toContain('<title>Error: Court screen settings - ');
      expect(page.body).toContain(`href="#refreshSeconds">${message}`);
      expect(page.body).toMatch(new RegExp(`id="refreshSeconds-error"[\\s\\S]*${message}`));
    }
    const welsh = await request(deps, '/system-admin/court-screens/2?lng=cy', {
      cookie,
      form: { refreshSeconds: '9', _csrf: csrf },
    });
    expect(welsh.body).toContain('Rhaid i ba mor aml y mae&#39;r sgriniau&#39;n diweddaru fod rhwng 15 a 600 eiliad');
    expect(await screenRefreshSeconds(testDb.database, 2)).toBe(60);
    expect(audited.filter((event) => event.action === 'SCREEN_REFRESH_CHANGE').map((e) => e.outcome)).toEqual([
      'FAILURE',
      'FAILURE',
      'FAILURE',
      'FAILURE',
      'FAILURE',
      'FAILURE',
    ]);
  });

  it('saves a valid period, audits who changed it from what to what, and says so', async () => {
    const { deps, cookie, csrf, audited } = await signedIn();
    const saved = await request(deps, '/system-admin/court-screens/2', {
      cookie,
      form: { refreshSeconds: ' 45 ', _csrf: csrf },
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/system-admin/court-screens/2?saved=45');
    expect(await screenRefreshSeconds(testDb.database, 2)).toBe(45);
    expect(audited).toMatchObject([
      {
        action: 'SCREEN_REFRESH_CHANGE',
        outcome: 'SUCCESS',
        actor: systemAdmin,
        objectType: 'location',
        objectId: '2',
        details: { from: 60, to: 45 },
      },
    ]);
    const page = await request(deps, '/system-admin/court-screens/2?saved=45', { cookie });
    expect(page.body).toContain('The update period is now 45 seconds.');
    expect(page.body).toContain('45 seconds');
  });

  it('refuses a POST without the CSRF token, changing nothing', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, '/system-admin/court-screens/1', { cookie, form: { refreshSeconds: '20' } });
    expect(page.status).toBe(403);
    expect(await screenRefreshSeconds(testDb.database, 1)).toBe(60);
  });
});
