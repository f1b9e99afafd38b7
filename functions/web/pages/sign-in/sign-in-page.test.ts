import { describe, expect, it } from 'vitest';
import { openPendingSignIn } from '../../../../shared/auth/oidc-sign-in.js';
import { fakeDependencies, fakeSignIn, request, TEST_SESSION_SECRET } from '../../testing/web-test-kit.js';

const sameSite = { origin: 'http://127.0.0.1:7071' };

describe('sign in: the choice of account', () => {
  it('offers the three accounts as radios, in English and Welsh', async () => {
    const english = await request(fakeDependencies(), '/sign-in');
    expect(english.status).toBe(200);
    expect(english.body).toContain('How do you want to sign in?');
    for (const value of ['b2c', 'crimeIdam', 'cftIdam']) expect(english.body).toContain(`value="${value}"`);
    expect(english.body).toContain('With a Court and tribunal hearings account');
    expect(english.body).toContain('With a Common Platform account');
    expect(english.body).toContain('With a MyHMCTS account');
    const welsh = await request(fakeDependencies(), '/sign-in?lng=cy');
    expect(welsh.body).toContain('Sut hoffech chi fewngofnodi?');
    expect(welsh.body).toContain('Gyda chyfrif Common Platform');
    expect(welsh.body).toContain('<html lang="cy"');
  });

  it('keeps the page to come back to, when it is a path on this site', async () => {
    const page = await request(fakeDependencies(), '/sign-in?returnTo=%2Fcourts%2F1%3Flng%3Dcy');
    expect(page.body).toContain('name="returnTo" value="/courts/1?lng=cy"');
    for (const attempt of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/sign-in',
    ]) {
      // (No cookie banner, whose form has a returnTo of its own.)
      const refused = await request(fakeDependencies(), `/sign-in?returnTo=${encodeURIComponent(attempt)}`, {
        cookie: 'cookie_policy=rejected',
      });
      expect(refused.body, attempt).not.toContain('name="returnTo"');
    }
  });

  it('asks again, with an error, when no account (or an unknown one) is chosen', async () => {
    for (const form of [{}, { account: 'aad' }, { account: 'evil' }] as Record<string, string>[]) {
      const page = await request(fakeDependencies(), '/sign-in', { form, headers: sameSite });
      expect(page.status).toBe(400);
      expect(page.body).toContain('<title>Error: How do you want to sign in?');
      expect(page.body).toContain('href="#account">Select how you want to sign in</a>');
    }
    const welsh = await request(fakeDependencies(), '/sign-in?lng=cy', { form: {}, headers: sameSite });
    expect(welsh.body).toContain('Dewiswch sut rydych eisiau mewngofnodi');
  });

  it('sends the browser to the chosen provider with the pending sign-in sealed in a cookie', async () => {
    const signIn = fakeSignIn();
    const answer = await request(fakeDependencies({ signIn }), '/sign-in?lng=cy', {
      form: { account: 'crimeIdam', returnTo: '/courts/2' },
      headers: sameSite,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^https:\/\/idp\.example\/crimeIdam\/authorize\?/);
    expect(signIn.started).toEqual([
      { issuer: 'crimeIdam', redirectUri: 'http://127.0.0.1:7071/login/return', lng: 'cy' },
    ]);
    const pending = answer.cookies.find((cookie) => cookie.name === 'pip-sign-in');
    expect(pending).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 600 });
    expect(pending?.secure).toBeUndefined();
    expect(openPendingSignIn(pending?.value, TEST_SESSION_SECRET)).toMatchObject({ issuer: 'crimeIdam', lng: 'cy' });
    expect(answer.cookies.find((cookie) => cookie.name === 'pip-return-to')?.value).toBe(
      Buffer.from('/courts/2').toString('base64url'),
    );
  });

  it('builds redirect_uri from the configured public site URL, whatever Host the request came with (issue 18)', async () => {
    const signIn = fakeSignIn();
    const answer = await request(
      fakeDependencies({ signIn: Object.assign(signIn, { publicSiteUrl: 'https://www.hearings.example.gov.uk' }) }),
      '/sign-in',
      { form: { account: 'b2c' }, headers: { origin: 'https://evil.example' }, origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(303);
    expect(signIn.started).toEqual([
      { issuer: 'b2c', redirectUri: 'https://www.hearings.example.gov.uk/login/return', lng: 'en' },
    ]);
  });

  it('uses __Host- cookies with Secure on an https site, and never remembers an unsafe return path', async () => {
    const answer = await request(fakeDependencies(), '/sign-in', {
      form: { account: 'b2c', returnTo: '//evil.example' },
      headers: { origin: 'https://portal.example' },
      origin: 'https://portal.example',
    });
    expect(answer.status).toBe(303);
    expect(answer.cookies.find((cookie) => cookie.name === '__Host-pip-sign-in')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(answer.cookies.find((cookie) => cookie.name === '__Host-pip-return-to')).toMatchObject({
      value: '',
      maxAge: 0,
    });
  });

  it('refuses a sign-in form posted from another site', async () => {
    const answer = await request(fakeDependencies(), '/sign-in', {
      form: { account: 'b2c' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(answer.status).toBe(403);
    expect(answer.cookies).toEqual([]);
  });

  it('says the account service is unavailable when the provider cannot be reached', async () => {
    const signIn = fakeSignIn();
    signIn.oidc.startSignIn = () => Promise.reject(new Error('fetch failed'));
    const page = await request(fakeDependencies({ signIn }), '/sign-in?lng=cy', {
      form: { account: 'b2c' },
      headers: sameSite,
    });
    expect(page.status).toBe(503);
    expect(page.body).toContain('data-reason="PROVIDER_UNAVAILABLE"');
    expect(page.body).toContain('Nid yw’r gwasanaeth sy’n gwirio eich cyfrif ar gael');
    expect(page.logged).toEqual([
      expect.objectContaining({
        event: 'WEB_SIGN_IN_PROVIDER_UNAVAILABLE',
        issuer: 'b2c',
        invocationId: 'test-invocation',
      }),
    ]);
  });
});
