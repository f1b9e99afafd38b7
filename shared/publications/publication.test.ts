import { describe, expect, it } from 'vitest';
import {
  publicationJson,
  publicationJsonSchema,
  publicationSummaryJson,
  publicationSummaryJsonSchema,
  type Publication,
} from './publication.js';

const publication: Publication = {
  artefactId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  locationId: '1',
  provenance: 'MANUAL_UPLOAD',
  sourceArtefactId: null,
  type: 'LIST',
  listType: 'CIVIL_DAILY_CAUSE_LIST',
  contentDate: '2026-11-30T09:00:00',
  language: 'ENGLISH',
  sensitivity: 'PUBLIC',
  displayFrom: new Date('2026-11-29T00:00:00Z'),
  displayTo: null,
  isFlatFile: false,
  contentType: 'application/json',
  fileName: null,
  payloadSize: 120,
  blobName: 'never-shown',
  supersededCount: 1,
  lastReceivedAt: new Date('2026-11-29T16:30:00Z'),
};

describe('the publication JSON projection', () => {
  it('is exactly what its schema (the OpenAPI document) describes, and never shows the blob name', () => {
    const json = publicationJson(publication);
    expect(publicationJsonSchema.strict().parse(json)).toEqual(json);
    expect(Object.keys(json)).toEqual(Object.keys(publicationJsonSchema.shape));
    expect(JSON.stringify(json)).not.toContain('never-shown');
    expect(json).toMatchObject({
      listName: { en: expect.any(String) as string, cy: expect.any(String) as string },
      displayFrom: '2026-11-29T00:00:00.000Z',
      displayTo: null,
      lastReceivedDate: '2026-11-29T16:30:00.000Z',
    });
  });

  it('summarises with the summary schema’s fields only, valued as the full projection', () => {
    const summary = publicationSummaryJson(publication);
    expect(publicationSummaryJsonSchema.strict().parse(summary)).toEqual(summary);
    expect(Object.keys(summary)).toEqual(Object.keys(publicationSummaryJsonSchema.shape));
    expect(summary).toEqual(expect.objectContaining({ artefactId: publication.artefactId, language: 'ENGLISH' }));
  });

  it('has no list name for a publication that is not a list', () => {
    expect(publicationJson({ ...publication, type: 'GENERAL_PUBLICATION', listType: null }).listName).toBeNull();
  });
});
