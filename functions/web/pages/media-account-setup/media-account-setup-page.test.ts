/**
 * `/media-account/create-password`, the welcome email's link: it starts B2C's approved-media sign-up flow (not the
 * sign-in flow) in the page's language, with the callback on the public site, and the journalist comes back signed in
 * to their subscriptions; the flow's callback completes at /login/return as any B2C sign-in does.
 */
import { describe, expect, it } from 'vitest';
import { openPendingSignIn } from '../../../../shared/auth/oidc-sign-in.js';
import { safeReturnPath } from '../../http/return-path.js';
import { fakeDependencies, fakeSignIn, request, TEST_SESSION_SECRET } from '../../testing/web-test-kit.js';
import { mediaAccountSetupLink } from './media-account-setup-page.js';

describe('the welcome link: B2C’s approved-media sign-up', () => {
  it('sends the journalist to the sign-up flow in Welsh, to come back to their subscriptions', async () => {
    const signIn = fakeSignIn();
    const answer = await request(fakeDependencies({ signIn }), '/media-account/create-password?lng=cy');
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toMatch(/^https:\/\/idp\.example\/b2c\/authorize\?/);
    expect(signIn.started).toEqual([
      { issuer: 'b2c', redirectUri: 'http://127.0.0.1:7071/login/return', lng: 'cy', flow: 'signUp' },
    ]);
    const pending = answer.cookies.find((cookie) => cookie.name === 'pip-sign-in');
    expect(openPendingSignIn(pending?.value, TEST_SESSION_SECRET)).toMatchObject({
      issuer: 'b2c',
      flow: 'signUp',
      lng: 'cy',
    });
    expect(answer.cookies.find((cookie) => cookie.name === 'pip-return-to')?.value).toBe(
      Buffer.from('/subscriptions?lng=cy').toString('base64url'),
    );
  });

  it('then /login/return signs them in and brings them to their subscriptions', async () => {
    const signIn = fakeSignIn();
    const deps = fakeDependencies({ signIn });
    const started = await request(deps, '/media-account/create-password');
    const cookie = started.cookies.map((each) => `${each.name}=${each.value}`).join('; ');
    const state = new URL(started.headers.location ?? '').searchParams.get('state') ?? '';
    const back = await request(deps, `/login/return?code=ok&state=${state}`, { cookie });
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/subscriptions');
    expect(back.cookies.find((each) => each.name === 'pip-session')?.value).toMatch(/^[\w-]{40,}$/);
    expect(signIn.live.size).toBe(1);
  });

  it('builds the callback and the link on the public site, whatever Host the request came with', async () => {
    const signIn = Object.assign(fakeSignIn(), { publicSiteUrl: 'https://www.hearings.example.gov.uk' });
    await request(fakeDependencies({ signIn }), '/media-account/create-password', { origin: 'https://evil.example' });
    expect(signIn.started[0]?.redirectUri).toBe('https://www.hearings.example.gov.uk/login/return');
    expect(mediaAccountSetupLink(new URL('https://evil.example/x'), 'https://www.hearings.example.gov.uk/')).toBe(
      'https://www.hearings.example.gov.uk/media-account/create-password',
    );
    expect(mediaAccountSetupLink(new URL('http://127.0.0.1:7071/court-admin/x'), undefined)).toBe(
      'http://127.0.0.1:7071/media-account/create-password',
    );
  });

  it('is never a page to come back to after signing in', () => {
    expect(safeReturnPath('/media-account/create-password')).toBeNull();
    expect(safeReturnPath('/media-account/create-password?lng=cy')).toBeNull();
  });

  it('says the account service is unavailable when B2C cannot be reached', async () => {
    const signIn = fakeSignIn();
    signIn.oidc.startSignIn = () => Promise.reject(new Error('fetch failed'));
    const page = await request(fakeDependencies({ signIn }), '/media-account/create-password');
    expect(page.status).toBe(503);
    expect(page.body).toContain('data-reason="PROVIDER_UNAVAILABLE"');
    expect(page.cookies.find((cookie) => cookie.name === 'pip-sign-in')).toBeUndefined();
  });
});
