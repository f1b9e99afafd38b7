/**
 * The static site's own pages come from one layout, their templates and strings: every B2C user flow page in both
 * languages, with B2C's `#api`, the page's language and title, the Welsh footer links keeping the language; the
 * bilingual shutter page, standing alone (no script); and the static-asset step writes them where they are served.
 * Rendered for a public origin (as published for B2C, which shows them from its own origin), every URL in the B2C
 * pages is absolute on that origin, with no <base>.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  b2cLanguages,
  b2cPageNames,
  referencedUrls,
  renderB2cPages,
  renderStaticPages,
  templateOrigin,
  writeStaticPages,
} from './static-pages.mjs';

describe('static pages', () => {
  it('renders every B2C page in English and Welsh, and the shutter page, from the one layout', async () => {
    const pages = await renderStaticPages();
    expect([...pages.keys()].sort()).toEqual(
      [
        ...b2cLanguages.flatMap((lng) => b2cPageNames.map((page) => `b2c/${lng}/${page}.html`)),
        'shutter/index.html',
      ].sort(),
    );
    for (const [path, html] of pages) {
      const lng = path.startsWith('b2c/cy/') ? 'cy' : 'en';
      expect(html).toMatch(new RegExp(`^<!doctype html>\\n<!--\\n[\\s\\S]*\\n-->\\n<html lang="${lng}" `));
      expect(html).not.toMatch(/undefined|\{\{|\{%|<script/);
      expect(html).toContain('<link rel="stylesheet" href="/govuk-frontend.min.css" crossorigin="anonymous" />');
      expect(html.endsWith('</html>\n')).toBe(true);
      // Laid out as prettier would: no line over the print width.
      for (const line of html.slice(html.indexOf('<html')).split('\n')) expect(line.length).toBeLessThanOrEqual(120);
      if (path.startsWith('b2c/')) expect(html.match(/<div id="api"><\/div>/g)).toHaveLength(1);
    }
    const signIn = pages.get('b2c/en/sign-in.html') ?? '';
    expect(signIn).toContain('<title>Sign in – Court and tribunal hearings – GOV.UK</title>');
    expect(signIn).toContain('<a class="govuk-footer__link" href="/contact">Contact</a>');
    const welshSignUp = pages.get('b2c/cy/sign-up.html') ?? '';
    expect(welshSignUp).toContain('<title>Creu eich cyfrinair – Gwrandawiadau llys a thribiwnlys – GOV.UK</title>');
    expect(welshSignUp).toContain('href="/contact?lng=cy">Cysylltu</a>');
    expect(welshSignUp).not.toMatch(/href="\/(help|privacy|cookies|contact)"/);
    const shutter = pages.get('shutter/index.html') ?? '';
    expect(shutter).toContain('<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>');
    expect(shutter).toContain('<div lang="cy">');
    expect(shutter).not.toContain('<a class="govuk-footer__link"');
  });

  it('writes the pages under the static folder as served', async () => {
    const target = await mkdtemp(join(tmpdir(), 'static-pages-'));
    try {
      const written = await writeStaticPages(target);
      expect(written).toHaveLength(7);
      for (const [path, html] of await renderStaticPages()) {
        expect(await readFile(join(target, path), 'utf8')).toBe(html);
      }
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });

  it('renders the B2C pages for a public origin with only absolute URLs on it, and no <base>', async () => {
    const origin = 'https://www.court-tribunal-hearings.service.gov.uk';
    const pages = await renderB2cPages({ origin: `${origin}/` });
    expect([...pages.keys()].sort()).toEqual(
      b2cLanguages.flatMap((lng) => b2cPageNames.map((page) => `b2c/${lng}/${page}.html`)).sort(),
    );
    for (const [path, html] of pages) {
      const urls = referencedUrls(html);
      // The stylesheet (whose fonts and images GOV.UK Frontend's CSS names relative to itself) and the five footer links.
      expect(urls, path).toHaveLength(6);
      for (const url of urls) expect(url, path).toMatch(new RegExp(`^${origin.replaceAll('.', '\\.')}/[a-z]`));
      expect(urls).toContain(`${origin}/govuk-frontend.min.css`);
      expect(html).not.toMatch(/<base\b/);
      expect(html).toContain(`URLs here are on ${origin}.`);
      expect(html.match(/<div id="api"><\/div>/g)).toHaveLength(1);
    }
    expect(referencedUrls(pages.get('b2c/cy/sign-up.html') ?? '')).toContain(`${origin}/contact?lng=cy`);
    // Only the origin: the same pages whatever way it is written.
    expect(await renderB2cPages({ origin: 'https://WWW.court-tribunal-hearings.service.gov.uk' })).toEqual(pages);
  });

  it('the default build has root-relative URLs (for our own origin only), which the check would refuse', async () => {
    const pages = await renderB2cPages();
    for (const [path, html] of pages) {
      expect(
        referencedUrls(html).every((url) => url.startsWith('/')),
        path,
      ).toBe(true);
      expect(html).toContain('URLs here are root-relative: for our own origin, not B2C.');
    }
  });

  it('takes only an https origin (http on loopback), without a path', () => {
    expect(templateOrigin('https://pip.example.gov.uk/')).toBe('https://pip.example.gov.uk');
    expect(templateOrigin('http://127.0.0.1:7071')).toBe('http://127.0.0.1:7071');
    expect(() => templateOrigin('http://pip.example.gov.uk')).toThrow(/must be https/);
    expect(() => templateOrigin('https://pip.example.gov.uk/b2c')).toThrow(/without a path/);
    expect(() => templateOrigin('pip.example.gov.uk')).toThrow(/must be a URL/);
  });
});
