import { describe, expect, it } from 'vitest';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../../testing/web-test-kit.js';

const sameSite = { origin: 'http://127.0.0.1:7071' };

describe('sign out', () => {
  it('with the session’s CSRF token: ends the session, clears the cookie, goes to the provider’s logout', async () => {
    const signIn = fakeSignIn();
    const { sessionId, session } = await signIn.signInAs(testPrincipals.cft, 'cftIdam');
    const answer = await request(fakeDependencies({ signIn }), '/sign-out', {
      form: { _csrf: session.csrfToken },
      cookie: `pip-session=${sessionId}`,
      headers: sameSite,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('https://idp.example/cftIdam/logout');
    expect(answer.cookies).toEqual([expect.objectContaining({ name: 'pip-session', value: '', maxAge: 0 })]);
    expect(signIn.signedOut).toEqual([sessionId]);
    expect(signIn.live.has(sessionId)).toBe(false);
  });

  it.each([
    ['without a token', {}],
    ['with another token', { _csrf: 'not-the-session-token' }],
  ])('%s: refused (403, in the reader’s language), still signed in', async (_name, form: Record<string, string>) => {
    const signIn = fakeSignIn();
    const { sessionId } = await signIn.signInAs(testPrincipals.media);
    const answer = await request(fakeDependencies({ signIn }), '/sign-out?lng=cy', {
      form,
      cookie: `pip-session=${sessionId}`,
      headers: sameSite,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Nid oedd modd anfon eich ffurflen');
    expect(signIn.signedOut).toEqual([]);
    expect(signIn.live.has(sessionId)).toBe(true);
    expect(answer.logged).toEqual([
      expect.objectContaining({ event: 'WEB_CSRF_TOKEN_REFUSED', path: '/sign-out', userId: 'media-oid' }),
    ]);
  });

  it('refuses a sign-out posted from another site, even with the token', async () => {
    const signIn = fakeSignIn();
    const { sessionId, session } = await signIn.signInAs(testPrincipals.media);
    const answer = await request(fakeDependencies({ signIn }), '/sign-out', {
      form: { _csrf: session.csrfToken },
      cookie: `pip-session=${sessionId}`,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(answer.status).toBe(403);
    expect(signIn.live.has(sessionId)).toBe(true);
  });

  it('when not signed in (or the session has expired): straight to the signed-out page', async () => {
    const answer = await request(fakeDependencies(), '/sign-out', { form: {}, headers: sameSite });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/signed-out');
  });

  it('GET /sign-out is not a way to sign out', async () => {
    expect((await request(fakeDependencies(), '/sign-out')).status).toBe(404);
  });

  it('the signed-out page, in English and Welsh', async () => {
    const english = await request(fakeDependencies(), '/signed-out');
    expect(english.status).toBe(200);
    expect(english.body).toContain('You have signed out');
    const welsh = await request(fakeDependencies(), '/signed-out?lng=cy');
    expect(welsh.body).toContain('Rydych wedi allgofnodi');
  });
});
