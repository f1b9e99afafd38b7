import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { crownPddaListSearchTerms } from './crown-pdda-search-terms.js';
import { extractSearchTerms } from './search-terms.js';

const read = (file: string): unknown => JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));

describe('crownPddaListSearchTerms', () => {
  it('finds the case numbers, URNs and defendants of the daily list, which the courtLists walker cannot see', () => {
    const payload = read('crownDailyPddaList.json');
    expect(extractSearchTerms(payload).caseNumbers).toEqual([]);
    expect(crownPddaListSearchTerms(payload)).toEqual({
      caseNumbers: ['T00112233', 'T00112234', 'T00112235'],
      caseNames: [],
      caseUrns: ['TestURN'],
      partyNames: ['TestDefendantForename TestDefendantSurname'],
    });
  });

  it("reads the warned list's fixture cases and their linked cases", () => {
    const terms = crownPddaListSearchTerms(read('crownWarnedPddaList-frontend.json'));
    expect(terms.caseNumbers).toEqual([
      'A06110090',
      'T00112244',
      'T20237000',
      'TestLinkedCaseNumber',
      'TestLinkedCaseNumber2',
    ]);
    expect(terms.partyNames).toEqual(['Pete Dan', 'Pete Paul Dan']);
  });

  it('never makes a masked defendant, nor the masked name, a search term', () => {
    const hearing = (isMasked: 'yes' | 'no') => ({
      CaseNumber: 'T20260001',
      Defendants: [
        {
          URN: '01AB2345678',
          PersonalDetails: {
            Name: { CitizenNameForename: ['Jane'], CitizenNameSurname: 'Doe' },
            MaskedName: 'Defendant A',
            IsMasked: isMasked,
          },
        },
      ],
    });
    const payload = { DailyList: { CourtLists: [{ Sittings: [{ Hearings: [hearing('yes')] }] }] } };
    expect(crownPddaListSearchTerms(payload)).toEqual({
      caseNumbers: ['T20260001'],
      caseNames: [],
      caseUrns: ['01AB2345678'],
      partyNames: [],
    });
    const unmasked = { DailyList: { CourtLists: [{ Sittings: [{ Hearings: [hearing('no')] }] }] } };
    expect(crownPddaListSearchTerms(unmasked).partyNames).toEqual(['Jane Doe']);
  });

  it('gives nothing for a payload of another shape', () => {
    for (const payload of [null, 'text', [], { CaseNumber: 42 }, { DailyList: { CourtLists: 'x' } }]) {
      expect(crownPddaListSearchTerms(payload)).toEqual({
        caseNumbers: [],
        caseNames: [],
        caseUrns: [],
        partyNames: [],
      });
    }
  });
});
