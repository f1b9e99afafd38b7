import { describe, expect, it } from 'vitest';
import { fakeDependencies, request } from '../../testing/web-test-kit.js';
import { bannerReturnPath } from './cookie-consent.js';

describe('cookies', () => {
  it('shows the banner until a choice is made, and sets no cookie before consent', async () => {
    const first = await request(fakeDependencies(), '/help');
    expect(first.body).toContain('govuk-cookie-banner');
    expect(first.cookies).toEqual([]);
    const decided = await request(fakeDependencies(), '/help', { cookie: 'cookie_policy=rejected' });
    expect(decided.body).not.toContain('govuk-cookie-banner');
  });

  it('accepts from the banner without JavaScript: stores the choice and returns with a confirmation', async () => {
    const answer = await request(fakeDependencies(), '/cookies', {
      form: { analytics: 'yes', source: 'banner', returnTo: '/courts?region=Wales' },
      headers: { origin: 'http://127.0.0.1:7071' },
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/courts?region=Wales&cookie-banner=accepted');
    expect(answer.cookies).toEqual([
      expect.objectContaining({ name: 'cookie_policy', value: 'accepted', sameSite: 'Lax' }),
    ]);
    const next = await request(fakeDependencies(), '/help?cookie-banner=accepted', {
      cookie: 'cookie_policy=accepted',
    });
    expect(next.body).toContain('You’ve accepted analytics cookies.');
    expect(next.body).toContain('href="/help"');
  });

  it('saves the choice from the cookies page, and asks again when none was chosen', async () => {
    const saved = await request(fakeDependencies(), '/cookies', { form: { analytics: 'no' } });
    expect(saved.headers.location).toBe('/cookies?saved=true');
    expect(saved.cookies[0]?.value).toBe('rejected');
    const missing = await request(fakeDependencies(), '/cookies?lng=cy', { form: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Dewiswch ydw os ydych eisiau derbyn cwcis dadansoddol');
    const page = await request(fakeDependencies(), '/cookies?saved=true', { cookie: 'cookie_policy=rejected' });
    expect(page.body).toContain('You’ve set your cookie preferences.');
    expect(page.body).toMatch(/value="no" checked/);
  });

  it('only ever returns to a path on this site', () => {
    expect(bannerReturnPath('//evil.example/x')).toBe('/');
    expect(bannerReturnPath('https://evil.example/')).toBe('/');
    expect(bannerReturnPath('/\\evil.example')).toBe('/');
    expect(bannerReturnPath('/glossary?lng=cy')).toBe('/glossary?lng=cy');
  });
});
