/**
 * `npm run b2c:templates`: the B2C user flow templates built for a public origin hold only absolute URLs on that
 * origin (B2C shows them from its own), are written where the static site serves them, and the run prints the URL
 * each user flow's page layouts point at. A missing or wrong origin writes nothing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referencedUrls } from './static-pages.mjs';
import { runB2cTemplatesCommand, urlsOffOrigin } from './b2c-templates.js';

let out: string;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'b2c-templates-'));
});

afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const code = await runB2cTemplatesCommand(args, env, { print: (line) => lines.push(line), cwd: '/' });
  return { code, lines };
}

describe('npm run b2c:templates', () => {
  it('writes the six templates with only absolute URLs on the origin, and prints each flow’s page layout URL', async () => {
    const origin = 'https://hearings.example.gov.uk';
    const { code, lines } = await run(['--origin', `${origin}/`, '--out', out]);

    expect(code).toBe(0);
    for (const lng of ['en', 'cy']) {
      expect((await readdir(join(out, 'b2c', lng))).sort()).toEqual([
        'password-reset.html',
        'sign-in.html',
        'sign-up.html',
      ]);
      for (const page of ['sign-in', 'password-reset', 'sign-up']) {
        const html = await readFile(join(out, 'b2c', lng, `${page}.html`), 'utf8');
        const urls = referencedUrls(html);
        expect(urls.length).toBeGreaterThan(0);
        expect(urls.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
        expect(html).toContain(
          `<link rel="stylesheet" href="${origin}/govuk-frontend.min.css" crossorigin="anonymous" />`,
        );
        expect(html).not.toMatch(/<base\b/);
      }
    }
    expect(lines).toContain(`  B2C_1_SignInUserFlow: Sign in page → ${origin}/b2c/{Culture:LanguageName}/sign-in.html`);
    expect(lines).toContain(
      `  B2C_1_PasswordReset: Forgot password page, Change password page → ${origin}/b2c/{Culture:LanguageName}/password-reset.html`,
    );
    expect(lines).toContain(
      `  B2C_1_SignUpApprovedMedia: Forgot password page, Change password page → ${origin}/b2c/{Culture:LanguageName}/sign-up.html`,
    );
  });

  it('takes PUBLIC_SITE_URL when no --origin is given, and the flow names the settings give', async () => {
    const { code, lines } = await run([`--out=${out}`], {
      PUBLIC_SITE_URL: 'https://pip-dev.example.gov.uk',
      B2C_SIGN_UP_FLOW: 'B2C_1_MediaSetUp',
    });
    expect(code).toBe(0);
    expect(lines).toContain(
      '  B2C_1_MediaSetUp: Forgot password page, Change password page → https://pip-dev.example.gov.uk/b2c/{Culture:LanguageName}/sign-up.html',
    );
    const html = await readFile(join(out, 'b2c', 'cy', 'sign-in.html'), 'utf8');
    expect(html).toContain('href="https://pip-dev.example.gov.uk/contact?lng=cy"');
  });

  it('writes nothing without an origin, for an http or a path, or with an unknown argument', async () => {
    expect((await run(['--out', out])).lines[0]).toMatch(/^No public origin: give --origin/);
    expect((await run(['--origin', 'http://hearings.example.gov.uk', '--out', out])).lines).toEqual([
      'The public origin must be https:// (plain http only on loopback): http://hearings.example.gov.uk',
    ]);
    expect((await run(['--origin', 'https://hearings.example.gov.uk/b2c', '--out', out])).code).toBe(1);
    expect((await run(['--origin', 'https://hearings.example.gov.uk', '--force'])).code).toBe(1);
    expect(await readdir(out)).toEqual([]);
  });

  it('finds what is not on the origin: a root-relative URL, another host, a lookalike host', () => {
    const origin = 'https://hearings.example.gov.uk';
    const html =
      '<link href="/govuk-frontend.min.css"><img src="https://elsewhere.example/x.png">' +
      '<a href="https://hearings.example.gov.uk.evil.example/help">x</a><a href="#main">skip</a>' +
      '<a href="https://hearings.example.gov.uk/help">help</a>';
    expect(urlsOffOrigin(html, origin)).toEqual([
      '/govuk-frontend.min.css',
      'https://elsewhere.example/x.png',
      'https://hearings.example.gov.uk.evil.example/help',
    ]);
  });
});
