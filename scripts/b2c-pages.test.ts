/**
 * The B2C user flow pages come from one template and its strings: every page in both languages, with B2C's `#api`,
 * the page's language and title, the Welsh footer links keeping the language; and the static-asset step writes them
 * to web-static's `b2c/` as served.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { b2cLanguages, b2cPageNames, renderB2cPages, writeB2cPages } from './b2c-pages.mjs';

describe('B2C user flow pages', () => {
  it('renders every page in English and Welsh from the one template', async () => {
    const pages = await renderB2cPages();
    expect([...pages.keys()].sort()).toEqual(
      b2cLanguages.flatMap((lng) => b2cPageNames.map((page) => `${lng}/${page}.html`)).sort(),
    );
    for (const [path, html] of pages) {
      const lng = path.slice(0, 2);
      expect(html).toMatch(new RegExp(`^<!doctype html>\\n[\\s\\S]*<html lang="${lng}" `));
      expect(html.match(/<div id="api"><\/div>/g)).toHaveLength(1);
      expect(html).not.toMatch(/undefined|\{\{|\{%/);
      expect(html.endsWith('</html>\n')).toBe(true);
    }
    const signIn = pages.get('en/sign-in.html') ?? '';
    expect(signIn).toContain('<title>Sign in – Court and tribunal hearings – GOV.UK</title>');
    expect(signIn).toContain('<a class="govuk-footer__link" href="/contact">Contact</a>');
    const welshSignUp = pages.get('cy/sign-up.html') ?? '';
    expect(welshSignUp).toContain('<title>Creu eich cyfrinair – Gwrandawiadau llys a thribiwnlys – GOV.UK</title>');
    expect(welshSignUp).toContain('href="/contact?lng=cy">Cysylltu</a>');
    expect(welshSignUp).not.toMatch(/href="\/(help|privacy|cookies|contact)"/);
    // Laid out as prettier would: no line over the print width.
    for (const html of pages.values()) {
      const body = html.slice(html.indexOf('<html'));
      for (const line of body.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    }
  });

  it('writes the pages under b2c/ of the static folder', async () => {
    const target = await mkdtemp(join(tmpdir(), 'b2c-pages-'));
    try {
      const written = await writeB2cPages(target);
      expect(written).toHaveLength(6);
      const pages = await renderB2cPages();
      for (const [path, html] of pages) expect(await readFile(join(target, 'b2c', path), 'utf8')).toBe(html);
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });
});
