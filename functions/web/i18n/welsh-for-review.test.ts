/**
 * The translator's register (./welsh-for-review.json) stays true: every whole file it names exists and is Welsh
 * written here, every string it lists is the value its file holds (English and Welsh), and every list type name it
 * lists comes from the written-here names the catalogue reads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTypes } from '../../../shared/publications/catalogue/list-types.js';
import { projectRoot } from '../../../test-support/function-registrations.js';
import register from './welsh-for-review.json' with { type: 'json' };

const readJson = (file: string): unknown => JSON.parse(readFileSync(`${projectRoot}/${file}`, 'utf8'));

function valueAt(value: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      value,
    );
}

describe('the Welsh register for the translator', () => {
  it('names every page locale file of the portal as written here (the list strings are listed one by one)', () => {
    const pageFiles = readdirSync(`${projectRoot}/functions/web`, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('cy.json') && !file.startsWith('lists'))
      .map((file) => `functions/web/${file}`)
      .sort();
    expect(register.wholeFiles).toEqual(pageFiles);
  });

  it.each(register.strings.map((entry) => [`${entry.file} ${entry.key}`, entry] as const))(
    '%s holds the registered English and Welsh',
    (_name, entry) => {
      expect(valueAt(readJson(entry.file), entry.key)).toBe(entry.welsh);
      expect(valueAt(readJson(entry.file.replace(/cy\.json$/, 'en.json')), entry.key)).toBe(entry.english);
      expect(entry.welsh).not.toBe(entry.english);
    },
  );

  it('lists the list type names written here, which the catalogue shows', () => {
    const names = (readJson(register.listTypeNames.file) as { names: Record<string, string> }).names;
    expect(Object.keys(names).sort()).toEqual(register.listTypeNames.ids);
    for (const id of register.listTypeNames.ids) {
      const listType = listTypes.find((candidate) => candidate.id === id);
      expect(listType?.welshNameSource, id).toBe('written here');
      expect(listType?.friendlyName.cy, id).toBe(names[id]);
    }
  });
});
