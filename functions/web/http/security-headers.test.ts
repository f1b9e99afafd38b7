/**
 * The pages' CSP: our own origin only, scripts by this response's nonce, and no inline style but the one attribute
 * value accessible-autocomplete writes on iOS, allowed by its hash, which is the installed library's exactly.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AUTOCOMPLETE_IOS_SUFFIX_STYLE, contentSecurityPolicy } from './security-headers.js';

const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0], part]));

describe('the Content-Security-Policy', () => {
  it('allows scripts by nonce, and no inline style but the one hashed attribute value', () => {
    const policy = directives(contentSecurityPolicy('abc'));
    expect(policy.get('script-src')).toBe("script-src 'self' 'nonce-abc'");
    const hash = createHash('sha256').update(AUTOCOMPLETE_IOS_SUFFIX_STYLE).digest('base64');
    expect(policy.get('style-src')).toBe(`style-src 'self' 'unsafe-hashes' 'sha256-${hash}'`);
    expect(contentSecurityPolicy('abc')).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy('abc')).not.toContain('unsafe-eval');
  });

  it('hashes the style attribute the installed accessible-autocomplete writes on iOS, exactly', () => {
    const script = readFileSync(
      createRequire(import.meta.url).resolve('accessible-autocomplete/dist/accessible-autocomplete.min.js'),
      'utf8',
    );
    const written = [...script.matchAll(/__option-suffix--"\+\w+\+' style="([^"]*)"/g)].map((match) => match[1]);
    expect(written).toEqual([AUTOCOMPLETE_IOS_SUFFIX_STYLE]);
  });
});
