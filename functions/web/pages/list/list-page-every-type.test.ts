/**
 * Issue 17, item 6: no published artefact can 500 its page. One publication of every kind — each list type of the
 * catalogue (deprecated ones too), a general publication, a live case status update and judgments and outcomes with
 * JSON bodies, and a flat file — with its example payload where there is one, an empty object, and bytes that are not
 * JSON, is opened at /list/{id} through the real handler and the real list renderings: none answers 5xx (a live case
 * status update answers 404: it has no page).
 */
import { describe, expect, it } from 'vitest';
import { listTypes } from '../../../../shared/publications/catalogue/list-types.js';
import { listExamples } from '../../lists/list-examples.test-support.js';
import { fakeDependencies, publication, request } from '../../testing/web-test-kit.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import { readFileSync } from 'node:fs';
import { examplesDirectory } from '../../lists/list-examples.test-support.js';

const payloads: Record<string, string> = {
  'empty-object.json': '{}',
  'not-json.json': 'not json {',
  'array.json': '[1, "two", null]',
  'general.json': '{"document":{"title":"Notice"},"body":"<p>plain text</p>"}',
};
for (const example of listExamples)
  payloads[`example-${example.listTypeId}.json`] = readFileSync(new URL(example.file, examplesDirectory), 'utf8');

let next = 0;
const id = () => `00000000-0000-4000-8000-${(next++).toString(16).padStart(12, '0')}`;

const artefacts: { name: string; publication: Publication }[] = [];
for (const listType of listTypes) {
  const blobs = ['empty-object.json', 'not-json.json', 'array.json'];
  if (payloads[`example-${listType.id}.json`] !== undefined) blobs.push(`example-${listType.id}.json`);
  for (const blobName of blobs) {
    artefacts.push({
      name: `${listType.id} with ${blobName}`,
      publication: publication({ artefactId: id(), listType: listType.id, blobName }),
    });
  }
}
for (const type of ['GENERAL_PUBLICATION', 'LCSU', 'JUDGEMENTS_AND_OUTCOMES'] as const) {
  for (const blobName of ['general.json', 'empty-object.json', 'not-json.json']) {
    artefacts.push({
      name: `${type} with ${blobName}`,
      publication: publication({ artefactId: id(), type, listType: null, blobName }),
    });
  }
}
artefacts.push({
  name: 'an unknown list type',
  publication: publication({ artefactId: id(), listType: 'NOT_A_LIST_TYPE', blobName: 'empty-object.json' }),
});
artefacts.push({
  name: 'a flat file',
  publication: publication({
    artefactId: id(),
    isFlatFile: true,
    contentType: 'application/pdf',
    fileName: 'list.pdf',
    blobName: 'not-json.json',
  }),
});

describe('every published artefact has a page that is not a 500', () => {
  const deps = fakeDependencies({ publications: artefacts.map((a) => a.publication), payloads });

  it(`covers every list type (${listTypes.length}) and every other kind`, () => {
    expect(new Set(artefacts.map((a) => a.publication.listType)).size).toBeGreaterThanOrEqual(listTypes.length);
  });

  it.each(artefacts)('$name', async ({ publication: p }) => {
    const page = await request(deps, `/list/${p.artefactId}`);
    expect(page.status).toBeLessThan(500);
    // A live case status update has no page: it is for court screens, and never listed.
    expect(p.type === 'LCSU' ? [404] : [200, 303]).toContain(page.status);
  });

  it('links a general publication with a JSON body to its payload', async () => {
    const general = artefacts.find((a) => a.name === 'GENERAL_PUBLICATION with general.json');
    const page = await request(deps, `/list/${general?.publication.artefactId ?? ''}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/api/publication/${general?.publication.artefactId ?? ''}/payload"`);
    expect(page.body).not.toContain('<p>plain text</p>');
    // Its fields, by the publisher's keys, the HTML escaped.
    expect(page.body).toMatch(
      /<dt class="govuk-summary-list__key">Document, title<\/dt>\s*<dd class="govuk-summary-list__value">Notice<\/dd>/,
    );
    expect(page.body).toContain('&lt;p&gt;plain text&lt;/p&gt;');
  });
});
