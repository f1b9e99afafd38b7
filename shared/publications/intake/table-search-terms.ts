/**
 * Search terms of a tabular (non-strategic) list: each column of its table description
 * (../catalogue/schemas/non-strategic-tables.ts) is read as one kind of term, or none, by the field's name (the same
 * name means the same thing in every table). A field no table has yet is not a term until it is listed here;
 * table-search-terms.test.ts fails on a field of a table that is not.
 */
import { sectionRows, type NonStrategicTable } from '../catalogue/schemas/non-strategic-tables.js';
import type { SearchTerms } from './search-terms.js';

/** Which search term a column holds: the SearchTerms list it goes to, or null when it holds none. */
export type TermKind = keyof SearchTerms | null;

/**
 * Every column of every table, by field. Case numbers: the court's or tribunal's reference for the case or appeal.
 * Case names: the name, title or details of the case ("A v B"). Party names: the appellant and respondent. Not
 * terms: judges, panel members and representatives (a subscriber follows a case or a party, not its judge or
 * lawyer; the strategic lists leave representatives out too), times, dates, places, types and notes.
 */
export const columnTerms: Readonly<Record<string, TermKind>> = {
  caseNumber: 'caseNumbers',
  caseReferenceNumber: 'caseNumbers',
  appealReferenceNumber: 'caseNumbers',
  caseName: 'caseNames',
  caseTitle: 'caseNames',
  caseDetails: 'caseNames',
  appellant: 'partyNames',
  respondent: 'partyNames',
  'fta/respondent': 'partyNames',
  additionalInformation: null,
  caseType: null,
  courtroom: null,
  date: null,
  email: null,
  hearingLength: null,
  hearingMethod: null,
  hearingTime: null,
  hearingType: null,
  judge: null,
  judges: null,
  location: null,
  members: null,
  modeOfHearing: null,
  nameToBeDisplayed: null,
  panel: null,
  representative: null,
  time: null,
  timeEstimate: null,
  tribunal: null,
  type: null,
  venue: null,
  'venue/platform': null,
};

/** A cell's terms: one per line (a spreadsheet cell may list two appellants on two lines), trimmed. */
function cellTerms(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function tableSearchTerms(table: NonStrategicTable, payload: unknown): SearchTerms {
  const terms: Record<keyof SearchTerms, Set<string>> = {
    caseNumbers: new Set(),
    caseNames: new Set(),
    caseUrns: new Set(),
    partyNames: new Set(),
  };
  for (const { section, rows } of sectionRows(table, payload)) {
    const termColumns = section.columns.flatMap((column) => {
      const kind = columnTerms[column.field] ?? null;
      return kind === null ? [] : [{ field: column.field, kind }];
    });
    for (const row of rows as readonly unknown[]) {
      if (typeof row !== 'object' || row === null) continue;
      for (const { field, kind } of termColumns) {
        for (const term of cellTerms((row as Record<string, unknown>)[field])) terms[kind].add(term);
      }
    }
  }
  return {
    caseNumbers: [...terms.caseNumbers].sort(),
    caseNames: [...terms.caseNames].sort(),
    caseUrns: [...terms.caseUrns].sort(),
    partyNames: [...terms.partyNames].sort(),
  };
}
