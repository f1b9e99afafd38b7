import { describe, expect, it } from 'vitest';
import cy from './strings/cy.json' with { type: 'json' };
import en from './strings/en.json' with { type: 'json' };

function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      for (const [leafPath, leaf] of leaves(item, path ? `${path}.${key}` : key)) out.set(leafPath, leaf);
    }
  } else {
    out.set(path, value);
  }
  return out;
}

describe('list strings', () => {
  const english = leaves(en);
  const welsh = leaves(cy);

  it('has the same keys in en and cy', () => {
    expect([...welsh.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty values in either language', () => {
    for (const [language, strings] of [
      ['en', english],
      ['cy', welsh],
    ] as const) {
      const empty = [...strings]
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: unknown) =>
      String(text)
        .match(/\{\w+\}/g)
        ?.sort() ?? [];
    for (const [key, value] of english) expect(placeholders(welsh.get(key)), key).toEqual(placeholders(value));
  });
});
