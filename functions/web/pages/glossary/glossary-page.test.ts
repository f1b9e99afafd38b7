import { describe, expect, it } from 'vitest';
import { fakeDependencies, request } from '../../testing/web-test-kit.js';
import { glossaryAnchor, glossaryItems } from './glossary-page.js';

const entries = [
  { name: 'Appeal Witness continues', description: 'The specified witness continues to give evidence.' },
  {
    name: 'Adjourned',
    description: 'The case has been adjourned.',
    welshName: 'Gohiriwyd',
    welshDescription: 'Mae’r achos wedi’i ohirio.',
  },
];

describe('court event glossary', () => {
  it('lists each event with an anchor made from its name', async () => {
    const page = await request(
      fakeDependencies({ glossary: { status: 'LOADED', blobName: 'g.json', entries } }),
      '/glossary',
    );
    expect(page.body).toContain('id="appeal-witness-continues"');
    expect(page.body).toContain('id="adjourned"');
    expect(page.body).toContain('href="#letter-A"');
  });

  it('keeps the anchors in Welsh and marks untranslated events as English', async () => {
    const page = await request(
      fakeDependencies({ glossary: { status: 'LOADED', blobName: 'g.json', entries } }),
      '/glossary?lng=cy',
    );
    expect(page.body).toContain('<dt class="govuk-heading-s" id="adjourned">Gohiriwyd</dt>');
    expect(page.body).toContain(
      '<dt class="govuk-heading-s" id="appeal-witness-continues" lang="en">Appeal Witness continues</dt>',
    );
  });

  it('makes anchors unique and says when the glossary is unavailable', async () => {
    expect(glossaryAnchor('Case “Called” On!')).toBe('case-called-on');
    const items = glossaryItems(
      [
        { name: 'A b', description: 'x' },
        { name: 'A-B', description: 'y' },
      ],
      'en',
    );
    expect(items.map((item) => item.anchor).sort()).toEqual(['a-b', 'a-b-2']);
    const page = await request(fakeDependencies({ glossary: { status: 'MISSING' } }), '/glossary');
    expect(page.body).toContain('The glossary is not available at the moment');
  });
});
