/**
 * The admin pages' guard, through the real web handler: an anonymous visitor is sent to sign in and back, a signed-in
 * person without the role gets the 403 page and the refusal is audited, an admin gets the page. Admin forms carry the
 * CSRF token, and a POST without it is refused before any page runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit/audit-log.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { pageRoutes } from '../pages/page-routes.js';
import type { PageMethod, PageRoute } from '../router.js';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../testing/web-test-kit.js';
import { adminRoute } from './admin-guard.js';

const ctscAdmin: Principal = testPrincipals.ctscAdmin;
const systemAdmin: Principal = testPrincipals.systemAdmin;

async function signedIn(principal: Principal) {
  const signIn = fakeSignIn();
  const audited: AuditEvent[] = [];
  const { sessionId, session } = await signIn.signInAs(principal);
  return { deps: fakeDependencies({ signIn, audited }), cookie: `pip-session=${sessionId}`, session, audited };
}

const adminPaths = ['/admin', '/system-admin', '/system-admin/audit', '/system-admin/audit/1'];

describe('an anonymous visitor to an admin page', () => {
  it.each(adminPaths)('%s: is sent to sign in, to come back to the page (path and query)', async (path) => {
    const audited: AuditEvent[] = [];
    const answer = await request(fakeDependencies({ audited }), `${path}?lng=cy&x=1`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(
      `/sign-in?${new URLSearchParams({ returnTo: `${path}?lng=cy&x=1` }).toString()}`,
    );
    expect(audited).toEqual([]);
  });

  it('the sign-in page it is sent to carries the page on, to come back to after signing in', async () => {
    const answer = await request(fakeDependencies(), '/system-admin/audit?action=SIGN_IN');
    const signIn = await request(fakeDependencies(), answer.headers.location ?? '');
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('name="returnTo" value="/system-admin/audit?action=SIGN_IN"');
  });
});

describe('a signed-in person without the role', () => {
  const refusals: { who: string; principal: Principal; path: string; area: string }[] = [
    { who: 'a media user', principal: testPrincipals.media, path: '/admin', area: 'court-admin' },
    { who: 'a media user', principal: testPrincipals.media, path: '/system-admin/audit', area: 'system-admin' },
    { who: 'a CFT IDAM user', principal: testPrincipals.cft, path: '/system-admin', area: 'system-admin' },
    { who: 'a CTSC admin', principal: ctscAdmin, path: '/system-admin/audit', area: 'system-admin' },
    { who: 'a CTSC admin', principal: ctscAdmin, path: '/system-admin/audit/12', area: 'system-admin' },
  ];
  it.each(refusals)('$who at $path: the 403 page, and the refusal audited', async ({ principal, path, area }) => {
    const { deps, cookie, audited } = await signedIn(principal);
    const answer = await request(deps, `${path}?user=someone`, { cookie });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<h1 class="govuk-heading-l">You do not have permission to view this page</h1>');
    expect(answer.body).toContain('<title>You do not have permission to view this page - ');
    expect(audited).toEqual([
      {
        action: 'ADMIN_PAGE_ACCESS',
        outcome: 'DENIED',
        actor: principal,
        objectType: 'page',
        objectId: path,
        details: { method: 'GET', area },
      },
    ]);
    expect(answer.logged).toEqual([
      expect.objectContaining({ event: 'WEB_ADMIN_PAGE_REFUSED', path, area, userId: principal.userId }),
    ]);
  });

  it('in Welsh', async () => {
    const { deps, cookie } = await signedIn(testPrincipals.media);
    const answer = await request(deps, '/admin?lng=cy', { cookie });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Nid oes gennych ganiatâd i weld y dudalen hon');
  });
});

describe('court staff pages as the host receives them, behind Front Door’s rewrite of /admin to /court-admin', () => {
  it('sends an anonymous visitor to sign in and back to the public /admin address', async () => {
    const answer = await request(fakeDependencies(), '/court-admin/manual-upload?lng=cy');
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fmanual-upload%3Flng%3Dcy');
  });

  it('audits a refusal at the public address, and the page links only to /admin', async () => {
    const media = await signedIn(testPrincipals.media);
    const refused = await request(media.deps, '/court-admin', { cookie: media.cookie });
    expect(refused.status).toBe(403);
    expect(media.audited.map((event) => event.objectId)).toEqual(['/admin']);
    const admin = await signedIn(ctscAdmin);
    const dashboard = await request(admin.deps, '/court-admin', { cookie: admin.cookie });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('href="/admin/manual-upload"');
    expect(dashboard.body).not.toContain('court-admin');
  });
});

describe('an admin', () => {
  it('a CTSC admin opens /admin: the court staff tasks, and no link to system admin pages', async () => {
    const { deps, cookie, audited } = await signedIn(ctscAdmin);
    const answer = await request(deps, '/admin', { cookie });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<h1 class="govuk-heading-l">Staff dashboard</h1>');
    expect(answer.body).toContain('<a class="govuk-link" href="/admin/remove-list">Remove a list</a>');
    expect(answer.body).toContain('<a class="govuk-link" href="/admin/manual-upload">Manual upload</a>');
    expect(answer.body).toContain(
      '<a class="govuk-link" href="/admin/media-applications">Media account applications</a>',
    );
    expect(answer.body).not.toContain('href="/system-admin');
    expect(audited).toEqual([]);
  });

  it('a system admin opens /admin (a link to their dashboard) and /system-admin (the audit log), in both languages', async () => {
    const { deps, cookie } = await signedIn(systemAdmin);
    const admin = await request(deps, '/admin', { cookie });
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('<a class="govuk-link" href="/system-admin">System admin dashboard</a>');
    const system = await request(deps, '/system-admin', { cookie });
    expect(system.status).toBe(200);
    expect(system.body).toContain('<a class="govuk-link" href="/system-admin/audit">Audit log</a>');
    const welsh = await request(deps, '/system-admin?lng=cy', { cookie });
    expect(welsh.body).toContain('<a class="govuk-link" href="/system-admin/audit">Log archwilio</a>');
  });
});

describe('admin forms and CSRF', () => {
  it('a signed-in admin’s POST to an admin page without the session’s CSRF token is refused before any page runs', async () => {
    const { deps, cookie, session } = await signedIn(systemAdmin);
    const refused = await request(deps, '/system-admin', {
      cookie,
      form: { anything: 'x' },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Your form could not be sent');
    expect(refused.logged).toEqual([
      expect.objectContaining({ event: 'WEB_CSRF_TOKEN_REFUSED', path: '/system-admin' }),
    ]);
    // With the token the request reaches the routes (which take no POST here yet: the 404 page).
    const passed = await request(deps, '/system-admin', {
      cookie,
      form: { _csrf: session.csrfToken },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(passed.status).toBe(404);
  });

  it('every POST form in an admin page’s template includes the CSRF field', () => {
    const pagesRoot = fileURLToPath(new URL('../pages/', import.meta.url));
    const adminFolders = [
      'admin-dashboards',
      'audit-log',
      'admin-publications',
      'remove-list',
      'publications-explorer',
      'manual-upload',
      'media-applications',
      'bulk-media-accounts',
      'court-screen-settings',
      'reference-data',
      'user-management',
      'third-parties',
    ];
    const templates = adminFolders.flatMap((folder) =>
      readdirSync(join(pagesRoot, folder))
        .filter((file) => file.endsWith('.njk'))
        .map((file) => join(pagesRoot, folder, file)),
    );
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      const text = readFileSync(template, 'utf8');
      for (const form of text.match(/<form[^>]*method="post"[\s\S]*?<\/form>/gi) ?? []) {
        expect(form, template).toContain('{% include "layout/csrf-field.njk" %}');
      }
    }
  });

  it('every admin route is behind the guard: its folder is listed above and its path is under /admin or /system-admin', async () => {
    const { deps } = await signedIn(testPrincipals.media);
    const adminRoutes = pageRoutes.filter((route) => /^\/(admin|system-admin)(\/|$)/.test(route.path));
    expect([...new Set(adminRoutes.map((route) => route.path))].sort()).toEqual(
      [
        ...adminPaths.slice(0, 3),
        '/system-admin/audit/:auditId',
        ...['', '/:locationId', '/:locationId/confirm', '/:locationId/removed'].map((p) => `/admin/remove-list${p}`),
        ...[
          '',
          '/court/:locationId',
          '/no-match',
          '/deleted',
          '/:artefactId',
          '/:artefactId/payload',
          '/:artefactId/delete',
        ].map((p) => `/system-admin/publications${p}`),
        '/admin/manual-upload',
        '/admin/manual-upload/check',
        '/admin/manual-upload/success',
        '/admin/media-applications',
        '/admin/media-applications/:applicationId',
        '/admin/media-applications/:applicationId/proof-of-id',
        '/admin/media-applications/:applicationId/approve',
        '/admin/media-applications/:applicationId/reject',
        '/admin/media-applications/:applicationId/reject/confirm',
        '/system-admin/bulk-media-accounts',
        '/system-admin/bulk-media-accounts/create',
        ...['', '/:locationId'].map((p) => `/system-admin/court-screens${p}`),
        '/system-admin/reference-data',
        '/system-admin/reference-data/upload',
        '/system-admin/reference-data/download',
        '/system-admin/reference-data/delete',
        '/system-admin/users',
        '/system-admin/users/:userId',
        '/system-admin/users/:userId/role',
        '/system-admin/users/:userId/role/confirm',
        '/system-admin/users/:userId/delete',
        ...['', '/:thirdPartyId', '/:thirdPartyId/test-connection'].map((p) => `/system-admin/third-parties${p}`),
      ].sort(),
    );
    // Anonymous, each answers the sign-in redirect (the guard ran before the page).
    for (const route of adminRoutes) {
      const url = new URL(`http://127.0.0.1:7071${route.path.replace(/:[A-Za-z]+/g, '1')}`);
      const result = await route.handle(deps, guardTestRequest(route.methods[0] ?? 'GET', url, null));
      expect(result, route.path).toMatchObject({ kind: 'redirect' });
    }
  });

  it('every admin route, by every method, refuses a media user (and system admin routes a CTSC admin) with the 403 page before the page runs', async () => {
    const { deps } = await signedIn(testPrincipals.media);
    const adminRoutes = pageRoutes.filter((route) => /^\/(admin|system-admin)(\/|$)/.test(route.path));
    let refused = 0;
    for (const route of adminRoutes) {
      const url = new URL(`http://127.0.0.1:7071${route.path.replace(/:[A-Za-z]+/g, '1')}`);
      const who = route.path.startsWith('/system-admin')
        ? [testPrincipals.media, testPrincipals.cft, ctscAdmin]
        : [testPrincipals.media, testPrincipals.cft];
      for (const method of route.methods) {
        for (const principal of who) {
          const result = await route.handle(deps, guardTestRequest(method, url, principal));
          expect(result, `${method} ${route.path} as ${principal.userId}`).toMatchObject({ kind: 'page', status: 403 });
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});

/** A request to a route as the router makes it, with what the guard reads: the method, the URL and who is signed in. */
function guardTestRequest(
  method: PageMethod,
  url: URL,
  principal: Principal | null,
): Parameters<PageRoute['handle']>[1] {
  return {
    method,
    url,
    params: { auditId: '1', userId: '1', applicationId: '1' },
    form: new URLSearchParams(),
    files: new Map(),
    bodyTooLarge: false,
    language: 'en',
    cookies: new Map(),
    secure: false,
    secureCookies: false,
    session: null,
    sessionId: null,
    principal,
    now: new Date(),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, invocationId: 't' } as never,
  };
}

describe('admin routes', () => {
  it('refuses to build an admin route outside its area', () => {
    expect(() => adminRoute('system-admin', '/admin/x', ['GET'], () => ({ kind: 'not-found' }))).toThrow(
      /not under \/system-admin/,
    );
  });
});
