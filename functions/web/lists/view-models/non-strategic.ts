/**
 * Non-strategic (tabular) lists, converted from the spreadsheets court staff upload. One rendering serves all 24
 * table descriptions (shared/publications/catalogue/schemas/non-strategic-tables.ts): a table per section, its
 * columns in the schema's order, each headed by the field's label in strings/*.json (`nonStrategic.columns`), a
 * section heading (`nonStrategic.sections`) where the payload holds more than one table.
 */
import {
  sectionRows,
  type NonStrategicTable,
  type TableSection,
} from '../../../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import type { ListStrings } from '../strings.js';
import { basePage, finish, group, type PageInput } from './page.js';
import type { Cell, Information, ListPageContext } from './view.js';

type Row = Record<string, unknown>;

/** Cell text; multi-line values ("member 1\r\nmember 2") keep their lines as notes. */
function cell(value: unknown): Cell {
  const lines = (typeof value === 'string' ? value : '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [first = '', ...rest] = lines;
  return rest.length > 0 ? { text: first, notes: rest } : { text: first };
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

/** The heading of a column in the page's language (every field has one: non-strategic.test.ts holds it). */
export function columnHeading(strings: ListStrings, field: string): string {
  const headings: Readonly<Record<string, string | undefined>> = strings.nonStrategic.columns;
  return headings[field] ?? humanise(field);
}

/** The heading of a named section in the page's language. */
export function sectionHeading(strings: ListStrings, key: string): string {
  const headings: Readonly<Record<string, string | undefined>> = strings.nonStrategic.sections;
  return headings[key] ?? humanise(key);
}

/** The important information the live portal shows above some of these lists, by list type or schema. */
function importantInformation(input: PageInput, strings: ListStrings): Information | null {
  const { common, nonStrategic } = strings;
  const paragraphs =
    input.listType.id === 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST' ||
    input.listType.id === 'MAYOR_AND_CITY_CIVIL_DAILY_CAUSE_LIST'
      ? [nonStrategic.countyCourtP1, nonStrategic.countyCourtP2, nonStrategic.countyCourtP3, nonStrategic.countyCourtP4]
      : input.listType.schema === 'non-strategic-sscs-daily-hearing-list'
        ? [nonStrategic.sscsOpenJustice]
        : null;
  if (paragraphs === null) return null;
  return { heading: common.importantInformation, paragraphs, bold: [], bullets: [], open: true };
}

function tableOf(section: TableSection, rows: readonly Row[], caption: string, strings: ListStrings) {
  return {
    caption,
    head: section.columns.map((column) => columnHeading(strings, column.field)),
    rows: rows.map((row) => section.columns.map((column) => cell(row[column.field]))),
  };
}

/** The view model builder of one table description. */
export function nonStrategicTableList(table: NonStrategicTable) {
  return (input: PageInput, payload: unknown): ListPageContext => {
    const page = basePage(input);
    page.title = page.listName;
    const information = importantInformation(input, page.strings);
    if (information !== null) page.information.push(information);
    for (const { section, rows } of sectionRows(table, payload)) {
      // The rows of a payload that passed validation, read defensively: the rendering also shows stored payloads.
      const objects = (rows as readonly unknown[]).filter((row): row is Row => typeof row === 'object' && row !== null);
      if (section.key === null) {
        const listGroup = group(null);
        listGroup.tables.push(tableOf(section, objects, page.listName, page.strings));
        page.groups.push(listGroup);
      } else if (objects.length > 0) {
        const heading = sectionHeading(page.strings, section.key);
        const sectionGroup = group(heading);
        sectionGroup.tables.push(tableOf(section, objects, heading, page.strings));
        page.groups.push(sectionGroup);
      }
    }
    return finish(page);
  };
}

/** A payload of rows without a table description (the generic rendering's arrays): one column per key, in the order the rows first give them. */
export function tabularList(input: PageInput, payload: unknown): ListPageContext {
  const page = basePage(input);
  page.title = page.listName;
  const rows = Array.isArray(payload)
    ? payload.filter((row): row is Row => typeof row === 'object' && row !== null && !Array.isArray(row))
    : [];
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
