import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { tabularListFixtures } from '../../../test-support/tabular-list-fixtures.js';
import { findListType, type ListTypeDefinition } from '../catalogue/list-types.js';
import { nonStrategicSchemaIds, nonStrategicTables } from '../catalogue/schemas/non-strategic-tables.js';
import { magistratesAdultCourtListSearchTerms } from './magistrates-adult-search-terms.js';
import { extractSearchTerms } from './search-terms.js';
import { searchTermExtractor, searchTermsFor } from './search-terms-for.js';
import { columnTerms } from './table-search-terms.js';

const readList = (file: string): unknown => JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));

function listType(id: string): ListTypeDefinition {
  const lookup = findListType(id);
  if (lookup.kind === 'unknown') throw new Error(lookup.message);
  return lookup.listType;
}

const termsOf = (id: string, file: string) => searchTermsFor(listType(id), readList(file));

describe('the search terms of the tabular lists', () => {
  it('says of every column of every table whether it is a term and which', () => {
    const fields = new Set(
      nonStrategicSchemaIds.flatMap((id) =>
        nonStrategicTables[id].sections.flatMap((section) => section.columns.map((column) => column.field)),
      ),
    );
    expect([...fields].filter((field) => !(field in columnTerms)).sort()).toEqual([]);
    expect(Object.keys(columnTerms).filter((field) => !fields.has(field))).toEqual([]);
  });

  it('gives every tabular list of the live portal a case number or a party from its own columns', () => {
    for (const [file, id] of Object.entries(tabularListFixtures)) {
      const terms = termsOf(id, file);
      expect(terms.caseNumbers.length + terms.partyNames.length + terms.caseNames.length, file).toBeGreaterThan(0);
      expect(terms.caseUrns, file).toEqual([]);
    }
  });

  it('reads appeal references as case numbers and appellants as parties, where the walker finds nothing', () => {
    expect(termsOf('AST_DAILY_HEARING_LIST', 'astDailyHearingList.json')).toEqual({
      caseNumbers: ['12345', '12346'],
      caseNames: [],
      caseUrns: [],
      partyNames: ['Appellant A', 'Appellant B'],
    });
    expect(extractSearchTerms(readList('astDailyHearingList.json'))).toEqual({
      caseNumbers: [],
      caseNames: [],
      caseUrns: [],
      partyNames: [],
    });
  });

  it('reads case reference numbers, case titles and respondents; never representatives or judges', () => {
    expect(termsOf('UT_IAC_JR_LONDON_DAILY_HEARING_LIST', 'utIacJudicialReviewLondonDailyHearingList.json')).toEqual({
      caseNumbers: ['1234', '1235'],
      caseNames: ['Case A', 'Case B'],
      caseUrns: [],
      partyNames: [],
    });
    expect(termsOf('SEND_DAILY_HEARING_LIST', 'sendDailyHearingList.json')).toEqual({
      caseNumbers: ['1234', '12345'],
      caseNames: [],
      caseUrns: [],
      partyNames: ['Respondent A', 'Respondent B'],
    });
    expect(termsOf('SSCS_LONDON_DAILY_HEARING_LIST', 'sscsDailyHearingList-frontend.json').partyNames).toEqual([
      'Appellant 1',
      'Respondent 1',
    ]);
  });

  it('reads every section of a list of several tables, and not its open justice contact', () => {
    expect(termsOf('COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST', 'courtOfAppealCivilDailyCauseList.json')).toEqual({
      caseNumbers: ['12345', '12347', '12348', '12356'],
      caseNames: ['Case details A', 'Case details B', 'Case details C', 'Case details D'],
      caseUrns: [],
      partyNames: [],
    });
    const interim = termsOf(
      'INTERIM_APPLICATIONS_CHD_DAILY_CAUSE_LIST',
      'interimApplicationsChanceryDivisionDailyCauseList.json',
    );
    expect(interim.caseNumbers).toEqual(['1234', '3456', '5678']);
    expect(interim.caseNames).toEqual(['This is a case name']);
    expect(JSON.stringify(interim)).not.toContain('OpenJusticeTest');
  });

  it('keeps each line of a multi-line cell as a term of its own, and ignores rows that are not objects', () => {
    const terms = searchTermsFor(listType('SIAC_WEEKLY_HEARING_LIST'), [
      { appellant: 'First Appellant\r\n Second Appellant ', caseReferenceNumber: ' SC/1/2026 ' },
      'not a row',
      null,
    ]);
    expect(terms.partyNames).toEqual(['First Appellant', 'Second Appellant']);
    expect(terms.caseNumbers).toEqual(['SC/1/2026']);
  });
});

describe('searchTermsFor', () => {
  it('walks a strategic list, and a publication of no known list type', () => {
    const civil = readList('civilDailyCauseList.json');
    const walked = extractSearchTerms(civil);
    expect(walked.caseNumbers.length).toBeGreaterThan(0);
    expect(searchTermsFor(listType('CIVIL_DAILY_CAUSE_LIST'), civil)).toEqual(walked);
    expect(searchTermsFor(null, civil)).toEqual(walked);
    expect(searchTermExtractor('civil-daily-cause-list')).toBe(extractSearchTerms);
  });

  it('reads the magistrates adult court lists (daily, future, public) with their own extractor', () => {
    for (const [id, file] of [
      ['MAGISTRATES_ADULT_COURT_LIST_DAILY', 'magistratesAdultCourtList.json'],
      ['MAGISTRATES_ADULT_COURT_LIST_FUTURE', 'magistratesAdultCourtList.json'],
      ['MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY', 'magistratesPublicAdultCourtList.json'],
      ['MAGISTRATES_PUBLIC_ADULT_COURT_LIST_FUTURE', 'magistratesPublicAdultCourtList.json'],
    ] as const) {
      const terms = termsOf(id, file);
      expect(terms, id).toEqual(magistratesAdultCourtListSearchTerms(readList(file)));
      expect(terms.caseNumbers.length, id).toBeGreaterThan(0);
      expect(terms.partyNames.length, id).toBeGreaterThan(0);
    }
  });

  it('reads the crown PDDA lists (daily, firm, warned) with their own extractor', () => {
    for (const [id, file] of [
      ['CROWN_DAILY_PDDA_LIST', 'crownDailyPddaList.json'],
      ['CROWN_FIRM_PDDA_LIST', 'crownFirmPddaList.json'],
      ['CROWN_WARNED_PDDA_LIST', 'crownWarnedPddaList.json'],
    ] as const) {
      const terms = termsOf(id, file);
      expect(terms.caseNumbers.length, id).toBeGreaterThan(0);
      expect(terms.partyNames.length, id).toBeGreaterThan(0);
      expect(extractSearchTerms(readList(file)).caseNumbers, id).toEqual([]);
    }
  });

  it('has an extractor of its own for every tabular schema', () => {
    for (const id of nonStrategicSchemaIds) expect(searchTermExtractor(id), id).not.toBe(extractSearchTerms);
  });
});
