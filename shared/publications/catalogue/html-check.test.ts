import { describe, expect, it } from 'vitest';
import {
  closingOrSelfClosingTagPattern,
  containsClosingOrSelfClosingTag,
  containsHtmlTag,
  findHtmlInStrings,
} from './html-check.js';

describe('containsHtmlTag (the strict rule)', () => {
  it.each(['<b>bold</b>', 'a <script>', 'x<br/>', '<a\nhref="x">'])('finds a tag in %j', (text) => {
    expect(containsHtmlTag(text)).toBe(true);
  });
  it.each(['plain', 'a < b', 'a > b', '<>', '<', 'a <> b > c'])('finds no tag in %j', (text) => {
    expect(containsHtmlTag(text)).toBe(false);
  });
  it('agrees with the live pattern', () => {
    const live = /^(?!(.|\r|\n)*<[^>]+>)(.|\r|\n)*$/;
    for (const text of ['<b>', 'a<>b>', '<<>', 'x < y\n> z', '<>>', 'no tags', '>< >']) {
      expect(containsHtmlTag(text), text).toBe(!live.test(text));
    }
  });
});

describe('containsClosingOrSelfClosingTag (the loose rule)', () => {
  it('accepts text in angle brackets and refuses closing, self-closing and escaped tags', () => {
    expect(containsClosingOrSelfClosingTag('Pro_Auth <this is valid text>')).toBe(false);
    expect(containsClosingOrSelfClosingTag('a </b>')).toBe(true);
    expect(containsClosingOrSelfClosingTag('a <br/>')).toBe(true);
    expect(containsClosingOrSelfClosingTag('a &lt;/b&gt;')).toBe(true);
  });
});

describe('findHtmlInStrings', () => {
  it('names the path of each string with HTML and applies the loose rule under loose keys', () => {
    const payload = {
      a: ['ok', '<i>x</i>'],
      b: { organisationName: 'Name <valid>', other: '<p>' },
    };
    expect(findHtmlInStrings(payload, new Set(['organisationName']))).toEqual([
      { path: ['a', 1], problem: 'must not contain HTML tags' },
      { path: ['b', 'other'], problem: 'must not contain HTML tags' },
    ]);
  });
});

describe('containsClosingOrSelfClosingTag is the live pattern, in linear time', () => {
  it('agrees with the regular expression it replaces on every short string over the characters that matter', () => {
    // Every string of up to 4 parts over this alphabet, plus random longer ones (a fixed-seed generator).
    const alphabet = ['<', '>', '/', '&lt;', '&gt;', '&', ' ', 'a', '\n', '\u00a0', '\u3000'];
    const check = (text: string): void => {
      expect(containsClosingOrSelfClosingTag(text), JSON.stringify(text)).toBe(
        closingOrSelfClosingTagPattern.test(text),
      );
    };
    const build = (prefix: string, length: number): void => {
      check(prefix);
      if (length === 0) return;
      for (const part of alphabet) build(prefix + part, length - 1);
    };
    build('', 4);
    let seed = 17;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 5_000; round++) {
      let text = '';
      const length = 1 + random(24);
      for (let index = 0; index < length; index++) text += alphabet[random(alphabet.length)] ?? '';
      check(text);
    }
  });

  it('answers correctly on 100,000 `<` and the other adversarial shapes (timed in bench/html-check.ts)', () => {
    const n = 100_000;
    expect(containsClosingOrSelfClosingTag('<'.repeat(n))).toBe(false);
    expect(containsClosingOrSelfClosingTag(`${'<'.repeat(n)}/>`)).toBe(true);
    expect(containsClosingOrSelfClosingTag('< '.repeat(n))).toBe(false);
    expect(containsClosingOrSelfClosingTag('< /'.repeat(n))).toBe(false);
    expect(containsClosingOrSelfClosingTag('&lt;/'.repeat(n))).toBe(false);
    expect(containsClosingOrSelfClosingTag(`${'&lt;'.repeat(n)}/&gt;`)).toBe(true);
    expect(containsClosingOrSelfClosingTag(`${'&lt; '.repeat(n)}x`)).toBe(false);
    expect(containsHtmlTag('<'.repeat(n))).toBe(false);
    expect(containsHtmlTag(`${'<'.repeat(n)}>`)).toBe(true);
  });
});

describe('findHtmlInStrings and keys', () => {
  it('refuses HTML in an object key, with its path, under the strict rule', () => {
    expect(findHtmlInStrings({ a: { '<script>alert(1)</script>': 'x', 'Name <valid>': 1 } }, new Set(['a']))).toEqual([
      { path: ['a', '<script>alert(1)</script>'], problem: 'is a key that contains HTML tags' },
      { path: ['a', 'Name <valid>'], problem: 'is a key that contains HTML tags' },
    ]);
  });
});
