import { describe, expect, it } from 'vitest';
import { containsClosingOrSelfClosingTag, containsHtmlTag, findHtmlInStrings } from './html-check.js';

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
