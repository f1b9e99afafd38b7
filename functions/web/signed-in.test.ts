/**
 * The portal for a signed-in person: the header, session expiry, CSRF on every form, and the signed-in variants
 * (PRIVATE and CLASSIFIED lists for those the shared access rule lets in; for everyone else they do not exist).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit/audit-log.js';
import { sharedReadAccess } from './data/read-access.js';
import { fakeDependencies, fakeSignIn, publication, request, testPrincipals } from './testing/web-test-kit.js';

const sameSite = { origin: 'http://127.0.0.1:7071' };

describe('the header', () => {
  it('anonymous: a "Sign in" link that comes back to this page, in English and Welsh', async () => {
    const page = await request(fakeDependencies(), '/courts?region=Wales');
    expect(page.body).toContain('href="/sign-in?returnTo=%2Fcourts%3Fregion%3DWales"');
    expect(page.body).toMatch(/>\s*Sign in\s*</);
    expect(page.body).not.toContain('action="/sign-out"');
    const welsh = await request(fakeDependencies(), '/?lng=cy');
    expect(welsh.body).toMatch(/>\s*Mewngofnodi\s*</);
  });

  it('signed in: "Sign out", a form button carrying the session’s CSRF token', async () => {
    const signIn = fakeSignIn();
    const { sessionId, session } = await signIn.signInAs(testPrincipals.media);
    const page = await request(fakeDependencies({ signIn }), '/help?lng=cy', { cookie: `pip-session=${sessionId}` });
    expect(page.body).toMatch(
      /<form method="post" action="\/sign-out" class="app-sign-out" novalidate>\s*<input type="hidden" name="_csrf" value="([^"]+)">/,
    );
    expect(page.body).toContain(`name="_csrf" value="${session.csrfToken}"`);
    expect(page.body).toMatch(/>Allgofnodi<\/button>/);
    expect(page.body).not.toContain('href="/sign-in');
    expect(page.cookies.map((cookie) => cookie.name)).toEqual(['lng']);
  });

  it('an expired (or unknown) session is an anonymous reader, and its cookie is cleared', async () => {
    const signIn = fakeSignIn();
    const { sessionId } = await signIn.signInAs(testPrincipals.media);
    signIn.expire(sessionId);
    const page = await request(fakeDependencies({ signIn }), '/', { cookie: `pip-session=${sessionId}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/sign-in"');
    expect(page.body).not.toContain('name="_csrf"');
    expect(page.cookies).toEqual([
      expect.objectContaining({ name: 'pip-session', value: '', maxAge: 0, httpOnly: true, sameSite: 'Lax' }),
    ]);
    expect(page.logged).toEqual([expect.objectContaining({ event: 'WEB_SESSION_EXPIRED' })]);
  });

  it('reads the __Host- session cookie on an https site (and ignores the plain one there)', async () => {
    const signIn = fakeSignIn();
    const { sessionId } = await signIn.signInAs(testPrincipals.media);
    const secure = await request(fakeDependencies({ signIn }), '/', {
      cookie: `__Host-pip-session=${sessionId}`,
      origin: 'https://portal.example',
    });
    expect(secure.body).toContain('action="/sign-out"');
    const plain = await request(fakeDependencies({ signIn }), '/', {
      cookie: `pip-session=${sessionId}`,
      origin: 'https://portal.example',
    });
    expect(plain.body).not.toContain('action="/sign-out"');
  });
});

describe('CSRF on every form of a signed-in person', () => {
  it('every POST form carries the token', async () => {
    const signIn = fakeSignIn();
    const { sessionId, session } = await signIn.signInAs(testPrincipals.media);
    for (const path of ['/', '/cookies', '/sign-in', '/help']) {
      const page = await request(fakeDependencies({ signIn }), path, { cookie: `pip-session=${sessionId}` });
      const forms = page.body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      expect(forms.length, path).toBeGreaterThan(0);
      for (const form of forms) expect(form, path).toContain(`name="_csrf" value="${session.csrfToken}"`);
    }
  });

  it.each([
    ['/', { 'view-option': 'court' }],
    ['/cookies', { analytics: 'yes' }],
    ['/sign-in', { account: 'b2c' }],
  ])(
    'POST %s: refused without the token or with a wrong one; accepted with it',
    async (path, fields: Record<string, string>) => {
      const signIn = fakeSignIn();
      const { sessionId, session } = await signIn.signInAs(testPrincipals.media);
      const deps = fakeDependencies({ signIn });
      const cookie = `pip-session=${sessionId}`;
      const missing = await request(deps, path, { form: fields, cookie, headers: sameSite });
      expect(missing.status).toBe(403);
      expect(missing.cookies).toEqual([]);
      expect(missing.body).toContain('Your form could not be sent');
      const wrong = await request(deps, path, {
        form: { ...fields, _csrf: `${session.csrfToken}x` },
        cookie,
        headers: sameSite,
      });
      expect(wrong.status).toBe(403);
      const right = await request(deps, path, {
        form: { ...fields, _csrf: session.csrfToken },
        cookie,
        headers: sameSite,
      });
      expect(right.status).toBe(303);
    },
  );

  it('anonymous forms need no token (there is no session to forge), only the origin check', async () => {
    const answer = await request(fakeDependencies(), '/', { form: { 'view-option': 'court' }, headers: sameSite });
    expect(answer.status).toBe(303);
  });
});

describe('signed-in variants', () => {
  const publicList = publication({
    artefactId: '11111111-1111-4111-8111-111111111111',
    sensitivity: 'PUBLIC',
    listType: 'CIVIL_DAILY_CAUSE_LIST',
  });
  const privateList = publication({
    artefactId: '22222222-2222-4222-8222-222222222222',
    sensitivity: 'PRIVATE',
    listType: 'FAMILY_DAILY_CAUSE_LIST',
  });
  const classifiedCivil = publication({
    artefactId: '33333333-3333-4333-8333-333333333333',
    sensitivity: 'CLASSIFIED',
    listType: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
  });
  const classifiedMagistrates = publication({
    artefactId: '44444444-4444-4444-8444-444444444444',
    sensitivity: 'CLASSIFIED',
    listType: 'MAGISTRATES_PUBLIC_LIST',
  });
  const all = [publicList, privateList, classifiedCivil, classifiedMagistrates];

  async function readerDeps(who: keyof typeof testPrincipals | null, audited: AuditEvent[] = []) {
    const signIn = fakeSignIn();
    const deps = fakeDependencies({
      signIn,
      audited,
      publications: all,
      payloads: { 'payload.json': '{}' },
      overrides: { canRead: sharedReadAccess },
    });
    const cookie = who === null ? '' : `pip-session=${(await signIn.signInAs(testPrincipals[who])).sessionId}`;
    return { deps, cookie };
  }

  const visibleOnSummary = async (who: keyof typeof testPrincipals | null): Promise<string[]> => {
    const { deps, cookie } = await readerDeps(who);
    const page = await request(deps, '/courts/1', { cookie });
    return all.filter((p) => page.body.includes(`href="/list/${p.artefactId}"`)).map((p) => p.artefactId);
  };

  it('the court summary shows each reader what the access rule lets them read, and nothing more', async () => {
    expect(await visibleOnSummary(null)).toEqual([publicList.artefactId]);
    expect(await visibleOnSummary('media')).toEqual([
      publicList.artefactId,
      privateList.artefactId,
      classifiedMagistrates.artefactId,
    ]);
    expect(await visibleOnSummary('cft')).toEqual([
      publicList.artefactId,
      privateList.artefactId,
      classifiedCivil.artefactId,
    ]);
    expect(await visibleOnSummary('crime')).toEqual([
      publicList.artefactId,
      privateList.artefactId,
      classifiedMagistrates.artefactId,
    ]);
  });

  it('a list the reader may read opens; one they may not is the same 404 as one that does not exist; both audited', async () => {
    const audited: AuditEvent[] = [];
    const { deps, cookie } = await readerDeps('cft', audited);
    expect((await request(deps, `/list/${classifiedCivil.artefactId}`, { cookie })).status).toBe(200);
    const refused = await request(deps, `/list/${classifiedMagistrates.artefactId}`, { cookie });
    const missing = await request(deps, '/list/55555555-5555-4555-8555-555555555555', { cookie });
    expect(refused.status).toBe(404);
    const normalise = (body: string): string =>
      body
        .replace(/nonce="[^"]+"/g, '')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}/g, 'id');
    expect(normalise(refused.body)).toBe(normalise(missing.body));
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'RESTRICTED_LIST_ACCESS',
        outcome: 'SUCCESS',
        actor: testPrincipals.cft,
        objectId: classifiedCivil.artefactId,
      }),
      expect.objectContaining({
        action: 'RESTRICTED_LIST_ACCESS',
        outcome: 'DENIED',
        actor: testPrincipals.cft,
        objectId: classifiedMagistrates.artefactId,
      }),
    ]);
  });

  it('anonymous readers never see a PRIVATE list, and reading the public one is not audited', async () => {
    const audited: AuditEvent[] = [];
    const { deps } = await readerDeps(null, audited);
    expect((await request(deps, `/list/${privateList.artefactId}`)).status).toBe(404);
    expect((await request(deps, `/list/${publicList.artefactId}`)).status).toBe(200);
    expect(audited).toEqual([
      expect.objectContaining({ outcome: 'DENIED', actor: null, objectId: privateList.artefactId }),
    ]);
  });
});
