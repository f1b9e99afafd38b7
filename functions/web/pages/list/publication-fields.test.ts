import { describe, expect, it } from 'vitest';
import { maxFields, publicationFields } from './publication-fields.js';

describe('the fields of a JSON publication that is not a list', () => {
  it('labels each value by its path, in words, numbering array items from 1', () => {
    expect(
      publicationFields({
        document: { publicationDate: '2026-11-29T16:00:00Z' },
        judgments: [
          { case_number: 'OX24C00123', caseName: 'Smith v Jones', parties: ['Smith', 'Jones'] },
          { caseNumber: 'OX24C00124', 'hearing-type': 'Trial', reserved: true, rank: 2 },
        ],
        empty: '  ',
        nothing: null,
      }),
    ).toEqual([
      { label: 'Document, publication date', value: '2026-11-29T16:00:00Z' },
      { label: 'Judgments 1, case number', value: 'OX24C00123' },
      { label: 'Judgments 1, case name', value: 'Smith v Jones' },
      { label: 'Judgments 1, parties 1', value: 'Smith' },
      { label: 'Judgments 1, parties 2', value: 'Jones' },
      { label: 'Judgments 2, case number', value: 'OX24C00124' },
      { label: 'Judgments 2, hearing type', value: 'Trial' },
      { label: 'Judgments 2, reserved', value: 'true' },
      { label: 'Judgments 2, rank', value: '2' },
    ]);
  });

  it('reads a bare array or value, and stops at the cap', () => {
    expect(publicationFields(['a', 'b'])).toEqual([
      { label: '1', value: 'a' },
      { label: '2', value: 'b' },
    ]);
    expect(publicationFields('notice')).toEqual([{ label: '', value: 'notice' }]);
    expect(publicationFields({})).toEqual([]);
    expect(publicationFields(Array.from({ length: maxFields + 10 }, (_, i) => i))).toHaveLength(maxFields);
  });
});
