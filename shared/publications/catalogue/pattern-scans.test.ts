import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternScans } from './pattern-scans.js';

/** The characters the patterns are about, a few whitespace characters `\s` matches, and some it does not. */
const alphabet = [...Array.from('0123456789-:./TZapmx\u0660'), ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\u200b'];

/** A string the pattern matches, then possibly one character replaced, inserted or removed. */
function nearMatch(pattern: RegExp): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.stringMatching(pattern),
      fc.nat(40),
      fc.constantFrom(...alphabet),
      fc.constantFrom('keep', 'replace', 'insert', 'remove'),
    )
    .map(([text, position, character, edit]) => {
      const at = text.length === 0 ? 0 : position % (text.length + 1);
      if (edit === 'replace') return text.slice(0, at) + character + text.slice(at + 1);
      if (edit === 'insert') return text.slice(0, at) + character + text.slice(at);
      if (edit === 'remove') return text.slice(0, at) + text.slice(at + 1);
      return text;
    });
}

describe('the pattern scans of the fast path', () => {
  it.each([...patternScans.keys()])('answer as /%s/ does', (source) => {
    const pattern = new RegExp(source);
    const scan = patternScans.get(source);
    if (scan === undefined) throw new Error(source);
    const texts = fc.oneof(nearMatch(pattern), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 34 }));
    fc.assert(
      fc.property(texts, (text) => scan(text) === pattern.test(text)),
      { numRuns: 5000 },
    );
    // Both answers occur: the comparison is not only between refusals.
    const sample = fc.sample(nearMatch(pattern), { numRuns: 500, seed: 1 });
    expect(sample.some((text) => scan(text))).toBe(true);
    expect(sample.some((text) => !scan(text))).toBe(true);
  });

  it('edge cases', () => {
    const at = (source: string) => patternScans.get(source) ?? (() => false);
    const timestamp = at(String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$`);
    expect(['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.1Z', '2024-01-31T10:00:00.123456789Z'].map(timestamp)).toEqual(
      [true, true, true],
    );
    expect(
      ['2024-01-31T10:00:00.Z', '2024-01-31T10:00:00.1234567890Z', '2024-01-31T10:00:00Z\n', ''].map(timestamp),
    ).toEqual([false, false, false, false]);
    const time = at(String.raw`^\d{1,2}([:.]\d{2})?[ap]m\s*$`);
    expect(['9am', '10:30pm', '9.15am  ', '12pm\u00a0', '123am', '9:3am', '9amx', '9 am'].map(time)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
