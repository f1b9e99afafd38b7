/** Every en.json under functions/web/ (but the list renderings, tested with their own) has a cy.json with the same keys, no empty values. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('..', import.meta.url));

function localeFolders(): string[] {
  return readdirSync(webRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('en.json') && !file.startsWith('lists'))
    .map((file) => dirname(join(webRoot, file)));
}

/** Every leaf as `path: value`. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
      leaves(child, path ? `${path}.${key}` : key),
    );
  }
  return [[path, value]];
}

describe('en and cy strings', () => {
  const folders = localeFolders();

  it('exist for the layout and every page', () => {
    expect(folders.map((folder) => relative(webRoot, folder)).sort()).toEqual(
      expect.arrayContaining([
        'layout',
        'pages/home',
        'pages/courts',
        'pages/search',
        'pages/cookies',
        'pages/glossary',
      ]),
    );
  });

  it.each(folders.map((folder) => [relative(webRoot, folder), folder]))(
    '%s: same keys, no empty values',
    (_name, folder) => {
      const en = leaves(JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8')));
      const cy = leaves(JSON.parse(readFileSync(join(folder, 'cy.json'), 'utf8')));
      expect(cy.map(([key]) => key).sort()).toEqual(en.map(([key]) => key).sort());
      for (const [key, value] of [...en, ...cy]) {
        expect(typeof value, key).toBe('string');
        expect((value as string).trim(), key).not.toBe('');
      }
    },
  );
});
