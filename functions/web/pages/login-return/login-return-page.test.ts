import { describe, expect, it } from 'vitest';
import { sealPendingSignIn, type PendingSignIn } from '../../../../shared/auth/oidc-sign-in.js';
import {
  cookieHeader,
  fakeDependencies,
  fakeSignIn,
  request,
  testNow,
  TEST_SESSION_SECRET,
  type FakeSignIn,
} from '../../testing/web-test-kit.js';

const sameSite = { origin: 'http://127.0.0.1:7071' };

/** POST /sign-in, then the provider's redirect back: answers the cookies and the callback query. */
async function startSignIn(signIn: FakeSignIn, options: { account?: string; returnTo?: string; lng?: string } = {}) {
  const started = await request(fakeDependencies({ signIn }), `/sign-in${options.lng ? `?lng=${options.lng}` : ''}`, {
    form: {
      account: options.account ?? 'b2c',
      ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
    },
    headers: sameSite,
  });
  const state = new URL(started.headers.location ?? '').searchParams.get('state') ?? '';
  return { cookie: cookieHeader(started), state };
}

describe('login/return', () => {
  it('starts a session, sets its cookie (HttpOnly, SameSite=Lax), clears the sign-in cookies and goes back', async () => {
    const signIn = fakeSignIn();
    const { cookie, state } = await startSignIn(signIn, { returnTo: '/courts/1?lng=en' });
    const answer = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${state}`, { cookie });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/courts/1?lng=en');
    const session = answer.cookies.find((c) => c.name === 'pip-session');
    expect(session).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(session?.secure).toBeUndefined(); // plain http on 127.0.0.1 only
    expect(signIn.live.get(session?.value ?? '')?.principal.provenance).toBe('PI_AAD');
    expect(
      answer.cookies
        .filter((c) => c.maxAge === 0)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['pip-return-to', 'pip-sign-in']);

    const home = await request(fakeDependencies({ signIn }), '/', { cookie: `pip-session=${session?.value ?? ''}` });
    expect(home.body).toContain('action="/sign-out"');
    expect(home.body).not.toContain('href="/sign-in');
  });

  it('sets the session cookie as __Host- and Secure on an https site', async () => {
    const signIn = fakeSignIn();
    const started = await request(fakeDependencies({ signIn }), '/sign-in', {
      form: { account: 'cftIdam' },
      headers: { origin: 'https://portal.example' },
      origin: 'https://portal.example',
    });
    const state = new URL(started.headers.location ?? '').searchParams.get('state') ?? '';
    const answer = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${state}`, {
      cookie: cookieHeader(started),
      origin: 'https://portal.example',
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/');
    expect(answer.cookies.find((c) => c.name === '__Host-pip-session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
  });

  it('only ever returns to a path on this site (open redirects refused)', async () => {
    const attempts = [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      '/%5C%5Cevil.example',
      'http:evil.example',
      '/login/return',
    ];
    for (const attempt of attempts) {
      const signIn = fakeSignIn();
      const { cookie, state } = await startSignIn(signIn, { returnTo: attempt });
      const answer = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${state}`, { cookie });
      expect(answer.headers.location, attempt).toMatch(/^\/(?!\/|\\)/);
      expect(new URL(answer.headers.location ?? '', 'http://127.0.0.1:7071').origin, attempt).toBe(
        'http://127.0.0.1:7071',
      );
    }
    // A return-to cookie written by someone else is checked again.
    const signIn = fakeSignIn();
    const { cookie, state } = await startSignIn(signIn);
    const answer = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${state}`, {
      cookie: `${cookie}; pip-return-to=${Buffer.from('//evil.example').toString('base64url')}`,
    });
    expect(answer.headers.location).toBe('/');
  });

  it('replaces a session that was there before (no fixation)', async () => {
    const signIn = fakeSignIn();
    const planted = await signIn.signInAs({
      userId: 'someone',
      provenance: 'PI_AAD',
      roles: ['VERIFIED'],
      email: null,
      name: null,
    });
    const { cookie, state } = await startSignIn(signIn);
    const answer = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${state}`, {
      cookie: `${cookie}; pip-session=${planted.sessionId}`,
    });
    const session = answer.cookies.find((c) => c.name === 'pip-session');
    expect(session?.value).not.toBe(planted.sessionId);
    expect(signIn.live.has(planted.sessionId)).toBe(false);
  });

  it.each([
    [
      'no pending sign-in',
      '',
      'code=ok',
      400,
      'SIGN_IN_NOT_FOUND',
      'Your sign-in took too long',
      'Roedd eich mewngofnodi wedi cymryd gormod',
    ],
    [
      'a forged state',
      'pending',
      'code=ok&state=forged',
      400,
      'STATE_MISMATCH',
      'for your security we have not signed you in',
      'er eich diogelwch nid ydym wedi eich mewngofnodi',
    ],
    [
      'refused at the provider',
      'pending',
      'error=access_denied',
      403,
      'ACCESS_DENIED',
      'You did not finish signing in',
      'Ni wnaethoch orffen mewngofnodi',
    ],
    [
      'an account with no role here',
      'pending',
      'code=citizen',
      403,
      'ROLE_NOT_ALLOWED',
      'Your account does not give you access',
      'Nid yw eich cyfrif yn rhoi mynediad',
    ],
  ])(
    'on %s: a page saying why, in English and Welsh, and no session',
    async (_name, pending, query, status, reason, english, welsh) => {
      for (const [lng, text] of [
        ['en', english],
        ['cy', welsh],
      ] as const) {
        const signIn = fakeSignIn();
        const started = pending === '' ? { cookie: '', state: '' } : await startSignIn(signIn, { lng });
        const withState = query.includes('state=') ? query : `${query}&state=${started.state}`;
        const page = await request(fakeDependencies({ signIn }), `/login/return?${withState}`, {
          cookie: [started.cookie, `lng=${lng}`].filter(Boolean).join('; '),
        });
        expect(page.status).toBe(status);
        expect(page.body).toContain(`data-reason="${reason}"`);
        expect(page.body).toContain(text);
        expect(page.body).toContain(`<html lang="${lng}"`);
        expect(page.cookies.find((c) => c.name === 'pip-session')).toBeUndefined();
        expect(page.cookies.find((c) => c.name === 'pip-sign-in')?.maxAge).toBe(0);
        expect(signIn.live.size).toBe(0);
      }
    },
  );

  it('refuses a pending sign-in sealed under another secret', async () => {
    const signIn = fakeSignIn();
    const pending: PendingSignIn = {
      issuer: 'b2c',
      state: 'state-of-at-least-one-char',
      nonce: 'nonce',
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'http://127.0.0.1:7071/login/return',
      lng: 'en',
      createdAt: testNow.toISOString(),
    };
    const forged = sealPendingSignIn(pending, 'another-secret-of-at-least-32-characters!');
    expect(forged).not.toBe(sealPendingSignIn(pending, TEST_SESSION_SECRET));
    const page = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${pending.state}`, {
      cookie: `pip-sign-in=${forged}`,
    });
    expect(page.body).toContain('data-reason="SIGN_IN_NOT_FOUND"');
  });

  it('B2C Cancel (AADB2C90091): back to the choice of account, in the same language and for the same page, no error page', async () => {
    const signIn = fakeSignIn();
    const { cookie, state } = await startSignIn(signIn, { returnTo: '/courts/1', lng: 'cy' });
    const answer = await request(
      fakeDependencies({ signIn }),
      `/login/return?error=access_denied&error_description=${encodeURIComponent('AADB2C90091: The user has cancelled entering self-asserted information.')}&state=${state}`,
      { cookie },
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/sign-in?lng=cy&returnTo=%2Fcourts%2F1');
    expect(answer.cookies.find((c) => c.name === 'pip-session')).toBeUndefined();
    expect(answer.cookies.find((c) => c.name === 'pip-sign-in')?.maxAge).toBe(0);
  });

  it('B2C "Forgot your password?" (AADB2C90118): on to the password-reset flow, keeping the page to return to', async () => {
    const signIn = fakeSignIn();
    const { cookie, state } = await startSignIn(signIn, { returnTo: '/courts/1' });
    const answer = await request(
      fakeDependencies({ signIn }),
      `/login/return?error=access_denied&error_description=${encodeURIComponent('AADB2C90118: The user has forgotten their password.')}&state=${state}`,
      { cookie },
    );
    expect(answer.status).toBe(303); // as /sign-in's POST sends the browser to the provider
    expect(answer.headers.location).toMatch(/^https:\/\/idp\.example\/b2c\/authorize\?/);
    expect(signIn.started.at(-1)).toMatchObject({ issuer: 'b2c', flow: 'passwordReset', lng: 'en' });
    // A new pending sign-in (for the reset flow), and the page to come back to, carried on.
    const resetState = new URL(answer.headers.location ?? '').searchParams.get('state') ?? '';
    const back = await request(fakeDependencies({ signIn }), `/login/return?code=ok&state=${resetState}`, {
      cookie: cookieHeader(answer),
    });
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/courts/1');
    expect(back.cookies.find((c) => c.name === 'pip-session')?.value).toMatch(/.{20,}/);
  });
});
