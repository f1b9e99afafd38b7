import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { magistratesAdultCourtListSearchTerms } from './magistrates-adult-search-terms.js';
import { extractSearchTerms } from './search-terms.js';

const read = (file: string): unknown => JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));

describe('magistratesAdultCourtListSearchTerms', () => {
  it('finds every case number and defendant of the standard list, once each, sorted', () => {
    expect(magistratesAdultCourtListSearchTerms(read('magistratesAdultCourtList.json'))).toEqual({
      caseNumbers: ['1000000000', '1000000001', '1000000002', '1000000003'],
      caseNames: [],
      caseUrns: [],
      partyNames: [
        'Mr Test User',
        'Mr Test User 2',
        'Mr Test User 2 - Missing Offence',
        'Mr Test User 2 - Missing Offences',
        'Mr Test User 3',
        'Mrs Test User',
      ],
    });
  });

  it('reads the public list the same way', () => {
    expect(magistratesAdultCourtListSearchTerms(read('magistratesPublicAdultCourtList.json'))).toEqual({
      caseNumbers: ['1000000000', '1000000001', '1000000002', '1000000003'],
      caseNames: [],
      caseUrns: [],
      partyNames: ['Mr Test User', 'Mr Test User 2', 'Mr Test User 3', 'Mrs Test User'],
    });
  });

  it('finds terms the courtLists extractor misses in these lists', () => {
    expect(extractSearchTerms(read('magistratesAdultCourtList.json')).caseNumbers).toEqual([]);
  });

  it('gives nothing for payloads of another shape, and skips blank or non-text values', () => {
    const empty = { caseNumbers: [], caseNames: [], caseUrns: [], partyNames: [] };
    for (const payload of [null, 42, [], {}, { document: {} }, { document: { data: { job: { sessions: 'x' } } } }]) {
      expect(magistratesAdultCourtListSearchTerms(payload)).toEqual(empty);
    }
    const odd = {
      document: {
        data: {
          job: {
            sessions: {
              session: [
                {
                  blocks: {
                    block: [{ cases: { case: [{ caseno: ' 2000000000 ', def_name: '  ' }, 7, { caseno: 1 }] } }],
                  },
                },
                { blocks: 'none' },
              ],
            },
          },
        },
      },
    };
    expect(magistratesAdultCourtListSearchTerms(odd)).toEqual({ ...empty, caseNumbers: ['2000000000'] });
  });
});

describe('extractSearchTerms on the ET fortnightly press list (its courtLists shape needs no extractor of its own)', () => {
  it('finds the case numbers and the parties, leaving out representatives', () => {
    expect(extractSearchTerms(read('etFortnightlyList.json'))).toEqual({
      caseNumbers: ['12341234'],
      caseNames: [],
      caseUrns: [],
      partyNames: ['Organisation Name', 'Test forename Test Surname'],
    });
  });
});
