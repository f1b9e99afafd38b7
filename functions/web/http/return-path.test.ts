import { describe, expect, it } from 'vitest';
import { safeReturnPath, sitePath } from './return-path.js';

describe('sitePath: a path on this site, checked after it is normalised', () => {
  it.each([
    '//evil.com',
    '/.//evil.com',
    '/./..//evil.com',
    '/a/..//evil.com',
    '/%2e//evil.com',
    '/%2E%2E//evil.com',
    '/\\evil.com',
    '/\\/evil.com',
    '\\\\evil.com',
    '/.\\/evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    'https://evil.com/',
    'http:evil.com',
    'evil.com',
    '',
  ])('refuses %j', (value) => {
    expect(sitePath(value)).toBeNull();
    expect(safeReturnPath(value)).toBeNull();
  });

  it.each([
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
    ['/%5Cevil.com', '/%5Cevil.com'],
    ['/%2f/evil.com', '/%2f/evil.com'],
  ])('keeps the encoded %j encoded, a path on this site', (value, expected) => {
    expect(sitePath(value)).toBe(expected);
    // Whatever it is given back, a browser resolves it on this site.
    expect(new URL(expected, 'https://site.example/page').origin).toBe('https://site.example');
  });

  it('keeps an ordinary path and query, normalised', () => {
    expect(sitePath('/courts/./1?lng=cy&x=1')).toBe('/courts/1?lng=cy&x=1');
    expect(sitePath('/glossary/../search?q=a b')).toBe('/search?q=a%20b');
  });

  it('refuses a value longer than 1,024 characters', () => {
    expect(sitePath(`/${'a'.repeat(1024)}`)).toBeNull();
  });
});

describe('safeReturnPath: where sign-in returns to', () => {
  it('refuses the sign-in pages themselves, however written', () => {
    for (const value of ['/sign-in', '/SIGN-IN/', '/x/../login/return?code=1', '/sign-out', '/signed-out'])
      expect(safeReturnPath(value), value).toBeNull();
    expect(safeReturnPath('/system-admin/audit?action=SIGN_IN')).toBe('/system-admin/audit?action=SIGN_IN');
  });
});
