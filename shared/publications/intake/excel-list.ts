/**
 * An Excel workbook becomes the JSON of a non-strategic (tabular) list, as the live service converts it
 * (pip-data-management `ExcelConversionService`), then is checked against the list type's schema like any JSON list.
 *
 * - One row per hearing; the first row with content is the header row. A header maps to a column's `field` by the
 *   live rule (upper-cased, spaces to `_`, brackets dropped, then UPPER_UNDERSCORE to lowerCamel: "Hearing Time" →
 *   `hearingTime`, "Venue/Platform" → `venue/platform`), or when it is the field's name in any case (`HEARINGTIME`).
 * - A table of one unnamed section takes the workbook's one sheet with content. A table of named sections
 *   (`hearingList`, `planningCourt`, ...) takes one sheet per section, named by the live rule (the name camel-cased
 *   on spaces: "Planning Court" → `planningCourt`) or by the key in any case.
 * - Cells read as they are shown: text as written; a date cell as `dd/MM/yyyy`; a time cell (a date cell under one
 *   day, or any date cell in a `time` column) as the live service writes it, `h:mma` (`9:00am`, `10:30pm`); numbers
 *   and TRUE/FALSE as text; an empty cell as "". An optional column whose header is absent is left out.
 *
 * Stricter than the live service, which would publish a workbook silently changed: an unknown, duplicated or missing
 * header, a sheet no section is named by, and rows after a blank row (the live service drops them) are refused.
 */
import { validatePayload } from '../catalogue/validate-payload.js';
import type { ListTypeDefinition } from '../catalogue/list-types.js';
import {
  nonStrategicTables,
  type NonStrategicSchemaId,
  type NonStrategicTable,
  type TableColumn,
  type TableSection,
} from '../catalogue/schemas/non-strategic-tables.js';
import { MAX_PUBLICATION_BYTES } from './limits.js';
import { readWorkbook, type CellContent, type WorkbookFailureCode, type WorkbookSheet } from './excel-workbook.js';

/** A problem with the workbook: `field` is the sheet and cell (`'Hearing List'!E3`), or the sheet, or `file`. */
export interface ExcelProblem {
  field: string;
  problem: string;
  sheet?: string;
  /** A1-style. */
  cell?: string;
  /** The sheet's row number (1 is the first row). */
  line?: number;
  /** The column's header as the sheet writes it. */
  column?: string;
}

export type ExcelListFailureCode =
  | WorkbookFailureCode
  | 'EXCEL_UNEXPECTED_SHEET'
  | 'EXCEL_MISSING_SHEET'
  | 'EXCEL_MISSING_HEADER'
  | 'EXCEL_UNKNOWN_HEADER'
  | 'EXCEL_DUPLICATE_HEADER'
  | 'EXCEL_ROWS_AFTER_BLANK_ROW'
  | 'EXCEL_INVALID_CELLS';

export type ExcelListConversion =
  | { ok: true; payload: unknown; json: Uint8Array; rows: number }
  | {
      ok: false;
      status: 400 | 413;
      code: ExcelListFailureCode;
      message: string;
      details: ExcelProblem[];
      omitted: number;
    };

/** At most this many problems are listed; the rest are counted. */
const maxListed = 50;

/** The table a list type's workbook fills: its table description, or null when it is not a non-strategic one. */
export function nonStrategicTableFor(listType: ListTypeDefinition): NonStrategicTable | null {
  return Object.hasOwn(nonStrategicTables, listType.schema)
    ? nonStrategicTables[listType.schema as NonStrategicSchemaId]
    : null;
}

/** The live service's header rule (Guava UPPER_UNDERSCORE to LOWER_CAMEL after upper-casing and `_` for spaces). */
export function liveHeaderField(header: string): string {
  const words = header.trim().toUpperCase().replaceAll(' ', '_').replace(/[()]/g, '').split('_');
  return words
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
}

/** The live service's sheet rule (Apache Commons `CaseUtils.toCamelCase(name, false, ' ')`). */
export function liveSheetKey(name: string): string {
  const words = name
    .toLowerCase()
    .split(' ')
    .filter((word) => word !== '');
  return words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/** `1` → `A`, `27` → `AA`. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const sheetReference = (sheet: string) => (/^\w+$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`);

const isBlank = (row: readonly CellContent[]) => row.every((cell) => cell.kind === 'empty');

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Seconds since midnight of a date cell's moment, rounded (a serial time is a fraction of a day, so 10:31 may
 * read as 10:30:59.9998). */
function roundedSeconds(value: Date): number {
  return Math.round(value.getTime() / 1000);
}

function formatDate(value: Date): string {
  const day = new Date(roundedSeconds(value) * 1000);
  return `${twoDigits(day.getUTCDate())}/${twoDigits(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
}

/** `h:mma` in the UK locale, as the live service writes a time: `9:00am`, `12:15pm`. */
function formatTime(value: Date): string {
  const seconds = ((roundedSeconds(value) % 86_400) + 86_400) % 86_400;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours % 12 === 0 ? 12 : hours % 12}:${twoDigits(minutes)}${hours < 12 ? 'am' : 'pm'}`;
}

/** Serial day 1 (1900-01-01 in Excel's 1900 system): a date cell before it is a time of day only. */
const firstExcelDay = Date.UTC(1899, 11, 31);

type CellText = { ok: true; text: string } | { ok: false; problem: string };

function cellText(cell: CellContent, kind: TableColumn['kind']): CellText {
  switch (cell.kind) {
    case 'empty':
      return { ok: true, text: '' };
    case 'text':
      return { ok: true, text: cell.text };
    case 'number':
      return { ok: true, text: String(cell.value) };
    case 'boolean':
      return { ok: true, text: cell.value ? 'TRUE' : 'FALSE' };
    case 'date':
      if (kind === 'time') return { ok: true, text: formatTime(cell.value) };
      if (kind === 'date') return { ok: true, text: formatDate(cell.value) };
      return {
        ok: true,
        text: cell.value.getTime() < firstExcelDay ? formatTime(cell.value) : formatDate(cell.value),
      };
    case 'unusable':
      return { ok: false, problem: cell.problem };
  }
}

function headerText(cell: CellContent | undefined): string | null {
  if (cell === undefined) return null;
  const read = cellText(cell, 'text');
  const text = read.ok ? read.text.trim() : '';
  return text === '' ? null : text;
}

interface MappedSheet {
  section: TableSection;
  sheet: WorkbookSheet;
  /** The payload rows, and for each the sheet's row number. */
  rows: Record<string, string>[];
  rowNumbers: number[];
  /** Where each field is: its column letters and header. */
  columns: Map<string, { letters: string; header: string }>;
}

type Failure = Extract<ExcelListConversion, { ok: false }>;

const failure = (
  code: ExcelListFailureCode,
  message: string,
  details: ExcelProblem[],
  status: 400 | 413 = 400,
): Failure => ({
  ok: false,
  status,
  code,
  message,
  details: details.slice(0, maxListed),
  omitted: Math.max(0, details.length - maxListed),
});

const sectionLabel = (section: TableSection) => (section.key === null ? 'the list' : section.key);

/** Which sheet holds which section; every section needs one, and every sheet with content belongs to one. */
function assignSheets(
  table: NonStrategicTable,
  sheets: readonly WorkbookSheet[],
): { ok: true; pairs: { section: TableSection; sheet: WorkbookSheet | null }[] } | Failure {
  const withContent = sheets.filter((sheet) => !sheet.rows.every(isBlank));
  const [only] = table.sections;
  if (table.sections.length === 1 && only !== undefined && only.key === null) {
    const [first, ...others] = withContent;
    if (others.length > 0) {
      return failure(
        'EXCEL_UNEXPECTED_SHEET',
        'The list is one table: put it on one sheet, and remove or empty the others',
        others.map((sheet) => ({ field: sheet.name, sheet: sheet.name, problem: 'is a second sheet with content' })),
      );
    }
    return { ok: true, pairs: [{ section: only, sheet: first ?? null }] };
  }
  const bySection = new Map<TableSection, WorkbookSheet>();
  const problems: ExcelProblem[] = [];
  const expected = table.sections.map((s) => s.key ?? '').join(', ');
  for (const sheet of sheets) {
    const section = table.sections.find(
      (s) =>
        s.key !== null &&
        (liveSheetKey(sheet.name) === s.key || sheet.name.trim().toLowerCase() === s.key.toLowerCase()),
    );
    if (section === undefined) {
      if (!sheet.rows.every(isBlank)) {
        problems.push({
          field: sheet.name,
          sheet: sheet.name,
          problem: `does not name a section of the list; the sheets are named ${expected}`,
        });
      }
    } else if (bySection.has(section)) {
      problems.push({ field: sheet.name, sheet: sheet.name, problem: `is a second sheet for ${section.key}` });
    } else bySection.set(section, sheet);
  }
  if (problems.length > 0) {
    return failure('EXCEL_UNEXPECTED_SHEET', 'A sheet of the workbook is not a section of the list', problems);
  }
  const missing = table.sections.filter((section) => !bySection.has(section));
  if (missing.length > 0) {
    return failure(
      'EXCEL_MISSING_SHEET',
      `The workbook needs one sheet per section of the list: ${expected}`,
      missing.map((section) => ({
        field: section.key ?? 'file',
        problem: `has no sheet (name one "${section.key ?? ''}")`,
      })),
    );
  }
  return { ok: true, pairs: table.sections.map((section) => ({ section, sheet: bySection.get(section) ?? null })) };
}

interface SheetProblems {
  headers: { code: ExcelListFailureCode; detail: ExcelProblem }[];
  blankRows: ExcelProblem[];
  cells: ExcelProblem[];
}

function mapSheet(described: TableSection, sheet: WorkbookSheet, problems: SheetProblems): MappedSheet {
  const headerIndex = sheet.rows.findIndex((row) => !isBlank(row));
  const section = described;
  const mapped: MappedSheet = { section, sheet, rows: [], rowNumbers: [], columns: new Map() };
  const at = (column: number, row: number) => `${sheetReference(sheet.name)}!${columnLetters(column)}${row}`;
  if (headerIndex === -1) {
    // An empty sheet for a section: the section has no rows, but its headers are still required.
    for (const column of section.columns) {
      if (column.required === false) continue;
      problems.headers.push({
        code: 'EXCEL_MISSING_HEADER',
        detail: { field: sheet.name, sheet: sheet.name, problem: `has no header for ${column.field}` },
      });
    }
    return mapped;
  }
  const headerRow = sheet.rows[headerIndex] ?? [];
  const headerLine = headerIndex + 1;
  /** The field of each column index, or null for a column without a header. */
  const fieldsByIndex: (TableColumn | null)[] = [];
  headerRow.forEach((cell, index) => {
    const header = headerText(cell);
    if (header === null) {
      fieldsByIndex[index] = null;
      return;
    }
    const letters = columnLetters(index + 1);
    const detail = { field: at(index + 1, headerLine), sheet: sheet.name, cell: `${letters}${headerLine}` };
    const column = section.columns.find(
      (c) => liveHeaderField(header) === c.field || header.toLowerCase() === c.field.toLowerCase(),
    );
    if (column === undefined) {
      problems.headers.push({
        code: 'EXCEL_UNKNOWN_HEADER',
        detail: {
          ...detail,
          line: headerLine,
          column: header,
          problem: `"${header}" is not a column of ${sectionLabel(section)}; the columns are ${section.columns.map((c) => c.field).join(', ')}`,
        },
      });
      fieldsByIndex[index] = null;
      return;
    }
    if (mapped.columns.has(column.field)) {
      problems.headers.push({
        code: 'EXCEL_DUPLICATE_HEADER',
        detail: { ...detail, line: headerLine, column: header, problem: `"${header}" repeats ${column.field}` },
      });
      fieldsByIndex[index] = null;
      return;
    }
    mapped.columns.set(column.field, { letters, header });
    fieldsByIndex[index] = column;
  });
  for (const column of section.columns) {
    if (column.required === false || mapped.columns.has(column.field)) continue;
    problems.headers.push({
      code: 'EXCEL_MISSING_HEADER',
      detail: {
        field: sheet.name,
        sheet: sheet.name,
        line: headerLine,
        problem: `has no header for ${column.field} in row ${headerLine}`,
      },
    });
  }

  let blankLine: number | null = null;
  for (let index = headerIndex + 1; index < sheet.rows.length; index++) {
    const row = sheet.rows[index] ?? [];
    const line = index + 1;
    if (isBlank(row)) {
      blankLine ??= line;
      continue;
    }
    if (blankLine !== null) {
      problems.blankRows.push({
        field: at(1, line),
        sheet: sheet.name,
        line,
        problem: `row ${line} follows the blank row ${blankLine}: remove the blank row, or the rows below it`,
      });
      break;
    }
    const values: Record<string, string> = {};
    row.forEach((cell, cellIndex) => {
      const column = fieldsByIndex[cellIndex];
      if (column === undefined || column === null) {
        if (cell.kind !== 'empty') {
          problems.headers.push({
            code: 'EXCEL_UNKNOWN_HEADER',
            detail: {
              field: at(cellIndex + 1, line),
              sheet: sheet.name,
              cell: `${columnLetters(cellIndex + 1)}${line}`,
              line,
              problem: 'has a value in a column without a known header',
            },
          });
        }
        return;
      }
      const text = cellText(cell, column.kind);
      if (text.ok) values[column.field] = text.text;
      else {
        const where = mapped.columns.get(column.field);
        problems.cells.push({
          field: at(cellIndex + 1, line),
          sheet: sheet.name,
          cell: `${columnLetters(cellIndex + 1)}${line}`,
          line,
          ...(where ? { column: where.header } : {}),
          problem: `${column.field} ${text.problem}`,
        });
      }
    });
    // Every column with a header gets a value, empty when its cell is.
    const hearing: Record<string, string> = {};
    for (const column of section.columns) {
      if (mapped.columns.has(column.field)) hearing[column.field] = values[column.field] ?? '';
    }
    mapped.rows.push(hearing);
    mapped.rowNumbers.push(line);
  }
  return mapped;
}

/** `[3].hearingTime` or `hearingList[0].time`: the section key, row index and field a schema problem names. */
const rowFieldPath = /^(?:([A-Za-z_@$][\w@$/-]*))?\[(\d+)\]\.(.+)$/;

/** A schema problem at a JSON path, told as the sheet cell it came from. */
function cellProblem(mapped: readonly MappedSheet[], field: string, problem: string): ExcelProblem {
  const match = rowFieldPath.exec(field);
  if (match !== null) {
    const [, key, index, name] = match;
    const sheet = mapped.find((m) => (m.section.key ?? undefined) === key);
    const line = sheet?.rowNumbers[Number(index)];
    const where = name === undefined ? undefined : sheet?.columns.get(name);
    if (sheet !== undefined && line !== undefined && where !== undefined) {
      return {
        field: `${sheetReference(sheet.sheet.name)}!${where.letters}${line}`,
        sheet: sheet.sheet.name,
        cell: `${where.letters}${line}`,
        line,
        column: where.header,
        problem: `${name ?? ''} ${problem}`,
      };
    }
  }
  return { field, problem };
}

/**
 * Converts a workbook for `listType` (whose table `table` is) to its JSON, checked against the list type's schema.
 * The JSON is what will be stored and published; it obeys the same 2 MB cap as a JSON list sent as such.
 */
export async function convertWorkbook(
  bytes: Uint8Array,
  listType: ListTypeDefinition,
  table: NonStrategicTable,
): Promise<ExcelListConversion> {
  const workbook = await readWorkbook(bytes);
  if (!workbook.ok) {
    return failure(
      workbook.code,
      workbook.message,
      [{ field: 'file', problem: workbook.problem }],
      workbook.code === 'EXCEL_TOO_LARGE' ? 413 : 400,
    );
  }
  const assigned = assignSheets(table, workbook.sheets);
  if (!assigned.ok) return assigned;

  const problems: SheetProblems = { headers: [], blankRows: [], cells: [] };
  const mapped: MappedSheet[] = assigned.pairs.map(({ section, sheet }) =>
    sheet === null
      ? { section, sheet: { name: '', rows: [] }, rows: [], rowNumbers: [], columns: new Map() }
      : mapSheet(section, sheet, problems),
  );
  // Headers first: a wrong header makes every cell below it wrong too.
  const headerCodes: ExcelListFailureCode[] = [
    'EXCEL_MISSING_HEADER',
    'EXCEL_UNKNOWN_HEADER',
    'EXCEL_DUPLICATE_HEADER',
  ];
  const headerCode = headerCodes.find((code) => problems.headers.some((p) => p.code === code));
  if (headerCode !== undefined) {
    return failure(
      headerCode,
      `The workbook's headers do not match the ${listType.id} list`,
      problems.headers.map((p) => p.detail),
    );
  }
  if (problems.blankRows.length > 0) {
    return failure('EXCEL_ROWS_AFTER_BLANK_ROW', 'The workbook has rows after a blank row', problems.blankRows);
  }
  if (problems.cells.length > 0) {
    return failure('EXCEL_INVALID_CELLS', `The workbook has cells the ${listType.id} list cannot take`, problems.cells);
  }

  const [only] = mapped;
  const payload =
    mapped.length === 1 && only !== undefined && only.section.key === null
      ? only.rows
      : Object.fromEntries(mapped.map((m) => [m.section.key ?? '', m.rows]));
  const json = Buffer.from(JSON.stringify(payload), 'utf8');
  if (json.length > MAX_PUBLICATION_BYTES) {
    return failure(
      'EXCEL_TOO_LARGE',
      'The workbook is too large to convert',
      [{ field: 'file', problem: 'converts to a list larger than 2 MB' }],
      413,
    );
  }
  const validation = validatePayload(listType, payload);
  if (!validation.ok) {
    return {
      ...failure(
        'EXCEL_INVALID_CELLS',
        `The workbook has cells the ${listType.id} list cannot take`,
        validation.details.map((d) => cellProblem(mapped, d.field, d.problem)),
      ),
      omitted: validation.omitted ?? 0,
    };
  }
  const rows = mapped.reduce((sum, m) => sum + m.rows.length, 0);
  return { ok: true, payload, json: new Uint8Array(json.buffer, json.byteOffset, json.byteLength), rows };
}
