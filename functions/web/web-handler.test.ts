import { describe, expect, it } from 'vitest';
import { fakeDependencies, request } from './testing/web-test-kit.js';

describe('every page: security headers, language, errors', () => {
  it('sends CSP with a fresh nonce that the page scripts carry, HSTS, nosniff, no framing, referrer policy', async () => {
    const deps = fakeDependencies();
    const first = await request(deps, '/');
    const second = await request(deps, '/');
    const csp = first.headers['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(second.headers['content-security-policy']).not.toBe(csp);
    expect(first.body).toContain(`<script nonce="${nonce ?? ''}">`);
    expect(first.body).toContain(`<script type="module" src="/js/app.mjs" nonce="${nonce ?? ''}">`);
    expect(first.headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
  });

  it('switches to Welsh with ?lng=cy, remembers it in the lng cookie, and back with ?lng=en', async () => {
    const deps = fakeDependencies();
    const welsh = await request(deps, '/?lng=cy');
    expect(welsh.body).toContain('<html lang="cy"');
    expect(welsh.body).toContain('Beth ydych chi eisiau ei wneud?');
    expect(welsh.cookies).toEqual([
      expect.objectContaining({ name: 'lng', value: 'cy', sameSite: 'Lax', path: '/', httpOnly: true }),
    ]);
    const remembered = await request(deps, '/help', { cookie: 'lng=cy' });
    expect(remembered.body).toContain('<html lang="cy"');
    expect(remembered.cookies).toEqual([]);
    expect(remembered.body).toContain('href="?lng=en" lang="en" hreflang="en">English</a>');
    const back = await request(deps, '/help?lng=en', { cookie: 'lng=cy' });
    expect(back.body).toContain('<html lang="en"');
    expect(back.cookies).toEqual([expect.objectContaining({ name: 'lng', value: 'en' })]);
    expect(back.body).toContain('href="?lng=cy" lang="cy" hreflang="cy">Cymraeg</a>');
  });

  it('has the footer links and the service name', async () => {
    const page = await request(fakeDependencies(), '/');
    for (const href of ['/help', '/privacy', '/cookies', '/accessibility-statement', '/contact'])
      expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('Court and tribunal hearings');
  });

  it('renders the 404 page for unknown paths, in the chosen language', async () => {
    const page = await request(fakeDependencies(), '/no-such-page?lng=cy');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Heb ddod o hyd i’r dudalen');
    expect(page.headers['content-security-policy']).toBeTruthy();
  });

  it.each(['//evil.com', '/.//evil.com', '//evil.com/x?a=1', '/\\evil.com', '/%2e//evil.com'])(
    'on the 404 page for %j, every link (Cymraeg, sign in, cookie banner) stays on this site',
    async (path) => {
      const origin = 'http://127.0.0.1:7071';
      const pageUrl = new URL(`${origin}${path}`);
      for (const [options, toggle] of [
        [{}, 'Cymraeg'],
        [{ cookie: 'lng=cy; cookie_policy=accepted' }, 'English'],
      ] as const) {
        const page = await request(
          fakeDependencies(),
          `${path}${path.includes('?') ? '&' : '?'}cookie-banner=accepted`,
          {
            ...options,
            origin,
          },
        );
        expect(page.status).toBe(404);
        const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((match) =>
          (match[1] ?? '').replace(/&amp;/g, '&'),
        );
        const toggleHref = new RegExp(`href="([^"]*)"[^>]*>${toggle}</a>`).exec(page.body)?.[1];
        expect(toggleHref).toMatch(/^\?/);
        expect(hrefs.length).toBeGreaterThan(5);
        // The fixed links to GOV.UK and the National Archives are full URLs; every other link is relative to the page.
        const relative = hrefs.filter(
          (href) => !/^https:\/\/(?:www\.gov\.uk|www\.nationalarchives\.gov\.uk)(?:\/|$)/.test(href),
        );
        for (const href of relative) expect(new URL(href, pageUrl).origin, href).toBe(origin);
        expect(page.body).not.toContain('evil.com?');
      }
    },
  );

  it('renders the 500 page on a thrown error, leaking nothing, and logs it with a stable code', async () => {
    const deps = fakeDependencies({
      overrides: {
        courts: {
          all: () => Promise.reject(new Error('connection to 10.0.0.5 refused: password authentication failed')),
          find: () => Promise.resolve(null),
        },
      },
    });
    const page = await request(deps, '/courts');
    expect(page.status).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with the service');
    expect(page.body).not.toContain('10.0.0.5');
    expect(page.body).not.toContain('password');
    expect(page.logged).toEqual([
      expect.objectContaining({
        event: 'WEB_PAGE_FAILED',
        invocationId: 'test-invocation',
        path: '/courts',
        error: expect.stringContaining('10.0.0.5') as unknown,
      }),
    ]);
  });

  it('refuses a form posted from another site', async () => {
    const page = await request(fakeDependencies(), '/cookies', {
      form: { analytics: 'yes' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(page.status).toBe(403);
    expect(page.cookies).toEqual([]);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Your form could not be sent</h1>');
    const welsh = await request(fakeDependencies(), '/cookies?lng=cy', {
      form: { analytics: 'yes' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(welsh.status).toBe(403);
    expect(welsh.body).toContain('Nid oedd modd anfon eich ffurflen');
  });
});
