/** Non-strategic (tabular) lists: rows of text, converted from the spreadsheets court staff upload. */
import { basePage, finish, group, type PageInput } from './page.js';
import type { Cell } from './view.js';

type Row = Record<string, string | null | undefined>;

function rowsOf(payload: unknown): Row[] {
  return Array.isArray(payload) ? payload.filter((row): row is Row => typeof row === 'object' && row !== null) : [];
}

/** Cell text; multi-line values ("member 1\r\nmember 2") keep their lines as notes. */
function cell(value: string | null | undefined): Cell {
  const lines = (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [first = '', ...rest] = lines;
  return rest.length > 0 ? { text: first, notes: rest } : { text: first };
}

export function countyCourtLondonCivilDailyCauseList(input: PageInput, payload: unknown) {
  const page = basePage(input);
  const { common, nonStrategic } = page.strings;
  page.title = page.listName;
  page.information.push({
    heading: common.importantInformation,
    paragraphs: [
      nonStrategic.countyCourtP1,
      nonStrategic.countyCourtP2,
      nonStrategic.countyCourtP3,
      nonStrategic.countyCourtP4,
    ],
    bold: [],
    bullets: [],
    open: true,
  });
  const listGroup = group(null);
  listGroup.tables.push({
    caption: page.listName,
    head: [
      nonStrategic.venue,
      nonStrategic.judge,
      common.time,
      nonStrategic.caseNumber,
      nonStrategic.caseDetails,
      common.hearingType,
      nonStrategic.additionalInformation,
    ],
    rows: rowsOf(payload).map((row) => [
      cell(row.venue),
      cell(row.judge),
      cell(row.time),
      cell(row.caseNumber),
      cell(row.caseDetails),
      cell(row.hearingType),
      cell(row.additionalInformation),
    ]),
  });
  page.groups.push(listGroup);
  return finish(page);
}

export function sscsDailyHearingList(input: PageInput, payload: unknown) {
  const page = basePage(input);
  const { common, nonStrategic } = page.strings;
  page.title = page.listName;
  page.information.push({
    heading: common.importantInformation,
    paragraphs: [nonStrategic.sscsOpenJustice],
    bold: [],
    bullets: [],
    open: true,
  });
  const listGroup = group(null);
  listGroup.tables.push({
    caption: page.listName,
    head: [
      nonStrategic.venue,
      nonStrategic.appealReference,
      common.hearingType,
      nonStrategic.appellant,
      nonStrategic.courtroom,
      nonStrategic.hearingTime,
      nonStrategic.panel,
      nonStrategic.ftaRespondent,
      nonStrategic.additionalInformation,
    ],
    rows: rowsOf(payload).map((row) => [
      cell(row.venue),
      cell(row.appealReferenceNumber),
      cell(row.hearingType),
      cell(row.appellant),
      cell(row.courtroom),
      cell(row.hearingTime),
      cell(row.tribunal),
      cell(row['fta/respondent']),
      cell(row.additionalInformation),
    ]),
  });
  page.groups.push(listGroup);
  return finish(page);
}

/** "caseNumber" → "Case number"; "fta/respondent" → "Fta/respondent". */
export function humanise(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Any other tabular list: one column per key, in the order the rows first give them. */
export function tabularList(input: PageInput, payload: unknown) {
  const page = basePage(input);
  page.title = page.listName;
  const rows = rowsOf(payload);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const listGroup = group(null);
  listGroup.tables.push({
    caption: page.listName,
    head: keys.map(humanise),
    rows: rows.map((row) => keys.map((key) => cell(row[key]))),
  });
  page.groups.push(listGroup);
  return finish(page);
}
