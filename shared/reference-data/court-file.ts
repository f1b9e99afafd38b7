/**
 * Court reference files: parsing (csv-parse) and row-by-row validation of both formats the service accepts.
 *
 * - The seed's format: `Court Desc,Region,Jurisdiction,Provenance,ProvenanceID`; a court is identified by its name,
 *   multi-valued cells are separated by `;`, and Provenance/ProvenanceID may list several references.
 * - The live format: `P&I ID, Court Desc, Region, Jurisdiction, [Jurisdiction Type,] Provenance,
 *   Provenance Location ID, Provenance Location Type, [Welsh ...,] [Email, Contact No]`, in any column order, headers
 *   with stray spaces; rows sharing a P&I ID are one court with several provenance references.
 *
 * Both formats may carry an optional `Move` column: `yes` on a row moves its provenance reference(s) away from any
 * stored court the file does not describe (see import_court_reference_data, migration 041). Without it, a reference
 * another stored court already holds is refused.
 *
 * Validation never stops at the first problem: the answer lists every bad cell by line, column and reason, so a
 * reference data owner can fix the whole file at once. Cells a spreadsheet would run as a formula (a leading `=`,
 * `+`, `-` or `@`), line breaks, control, bidirectional and invisible format characters, and a doubled byte order
 * mark are refused, so nothing stored can turn into a formula or hide its text when it is exported or displayed.
 */
import { parse } from 'csv-parse/sync';

export interface FileProblem {
  /** The file's line number (the header is line 1). */
  line: number;
  /** The column as named in the file's header; null for a problem with the whole row or file. */
  column: string | null;
  problem: string;
}

export const locationTypes = ['VENUE', 'REGION', 'OWNING_HEARING_LOCATION', 'NATIONAL'] as const;
export type LocationType = (typeof locationTypes)[number];

export interface CourtReference {
  line: number;
  provenance: string;
  provenanceLocationId: string;
  provenanceLocationType: LocationType;
  /** The file's Move column says yes: the reference leaves any stored court the file does not describe. */
  move: boolean;
}

/**
 * One court as the file describes it. A field that is undefined was not in the file (its column is absent), so the
 * stored value is kept; an empty string or array clears it.
 */
export interface CourtRecord {
  /** The first line that describes this court. */
  line: number;
  /** The P&I ID (live format); null in the seed's format, where the court is identified by name. */
  locationId: number | null;
  name: string;
  welshName: string | undefined;
  region: string[];
  welshRegion: string[] | undefined;
  jurisdiction: string[];
  welshJurisdiction: string[] | undefined;
  jurisdictionType: string[] | undefined;
  welshJurisdictionType: string[] | undefined;
  email: string | undefined;
  contactNo: string | undefined;
  references: CourtReference[];
}

export type CourtFileFormat = 'seed' | 'live';

export type CourtFileParseResult =
  | {
      ok: true;
      format: CourtFileFormat;
      courts: CourtRecord[];
      rows: number;
      warnings: FileProblem[];
      /** Each column the file has: its documented header (as the database names it in a problem) → as written. */
      headers: Readonly<Record<string, string>>;
    }
  | { ok: false; problems: FileProblem[] };

type Field =
  | 'locationId'
  | 'name'
  | 'welshName'
  | 'region'
  | 'welshRegion'
  | 'jurisdiction'
  | 'welshJurisdiction'
  | 'jurisdictionType'
  | 'welshJurisdictionType'
  | 'provenance'
  | 'provenanceLocationId'
  | 'provenanceLocationType'
  | 'email'
  | 'contactNo'
  | 'move';

/** Header (normalised: trimmed, lower case, single spaces) → field, per format. */
const liveColumns: Readonly<Record<string, Field>> = {
  'p&i id': 'locationId',
  'court desc': 'name',
  region: 'region',
  jurisdiction: 'jurisdiction',
  'jurisdiction type': 'jurisdictionType',
  provenance: 'provenance',
  'provenance location id': 'provenanceLocationId',
  'provenance location type': 'provenanceLocationType',
  'welsh court desc': 'welshName',
  'welsh region': 'welshRegion',
  'welsh jurisdiction': 'welshJurisdiction',
  'welsh jurisdiction type': 'welshJurisdictionType',
  email: 'email',
  'contact no': 'contactNo',
  move: 'move',
};
const liveRequired: readonly Field[] = [
  'locationId',
  'name',
  'region',
  'jurisdiction',
  'provenance',
  'provenanceLocationId',
  'provenanceLocationType',
];

const seedColumns: Readonly<Record<string, Field>> = {
  'court desc': 'name',
  region: 'region',
  jurisdiction: 'jurisdiction',
  provenance: 'provenance',
  provenanceid: 'provenanceLocationId',
  move: 'move',
};
const seedRequired: readonly Field[] = ['name', 'region', 'jurisdiction', 'provenance', 'provenanceLocationId'];

/** The header a problem names when the column is missing (the header text the format documents). */
const documentedHeader: Readonly<Record<Field, string>> = {
  locationId: 'P&I ID',
  name: 'Court Desc',
  welshName: 'Welsh Court Desc',
  region: 'Region',
  welshRegion: 'Welsh Region',
  jurisdiction: 'Jurisdiction',
  welshJurisdiction: 'Welsh Jurisdiction',
  jurisdictionType: 'Jurisdiction Type',
  welshJurisdictionType: 'Welsh Jurisdiction Type',
  provenance: 'Provenance',
  provenanceLocationId: 'Provenance Location ID',
  provenanceLocationType: 'Provenance Location Type',
  email: 'Email',
  contactNo: 'Contact No',
  move: 'Move',
};
/** Fields whose cell may hold several values separated by ";" (each value is stored, and checked, on its own). */
const listFields: ReadonlySet<Field> = new Set<Field>([
  'region',
  'welshRegion',
  'jurisdiction',
  'welshJurisdiction',
  'jurisdictionType',
  'welshJurisdictionType',
  'provenance',
  'provenanceLocationId',
]);
const maxTextLength = 255;
const maxLocationId = 2_147_483_647;
/** Any tag-like markup: the service keeps HTML out of everything it later renders. */
const htmlTag = /<\s*\/?\s*[a-z!?][^>]*>/i;
// eslint-disable-next-line no-control-regex -- the point is to find control characters (C0 but tab and line breaks, DEL, C1)
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** A line break inside a cell (a quoted cell spanning lines, or a Unicode line or paragraph separator). */
const lineBreak = /[\n\r\u2028\u2029]/u;
/**
 * Invisible format characters (Unicode category Cf): the bidirectional controls (U+202A-U+202E, U+2066-U+2069,
 * U+200E, U+200F, U+061C) that make a name display as something else, zero-width spaces and joiners, the word joiner,
 * soft hyphen, a byte order mark inside the text, tag characters.
 */
const formatCharacter = /\p{Cf}/u;
/** A cell's first character that makes a spreadsheet read it as a formula (CSV injection). */
const formulaStart = /^[=+\-@]/;
/** A value of a multi-valued cell starting with one (after the ";" that separates it). */
const formulaAfterSeparator = /;\s*[=+\-@]/;
// eslint-disable-next-line no-control-regex -- a cheap first pass before the precise checks
const suspectCharacter = /[<\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
/**
 * What a cell needs to fail the character or markup checks, when no cell spans lines (CR and LF then only end
 * records): a file without any of these needs no per-cell character test at all. Tab is reported by no check.
 */
// eslint-disable-next-line no-control-regex -- see above
const suspectInFile = /[<\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
const byteOrderMark = '\uFEFF';
const referenceId = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const emailAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const wholeNumber = /^\d+$/;
const locationTypeSeparators = /[\s_]+/g;

function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** "venue", " Venue", "owning hearing location", "OWNING_HEARING_LOCATION" → the stored location type. */
export function parseLocationType(value: string): LocationType | null {
  const normalised = value.trim().replace(locationTypeSeparators, '_').toUpperCase();
  return (locationTypes as readonly string[]).includes(normalised) ? (normalised as LocationType) : null;
}

/** Describes a character in a problem: U+202E. */
function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits a trimmed multi-valued cell on ";", dropping empty values; most cells hold one value and allocate one array. */
function splitValues(value: string): string[] {
  if (value === '') return [];
  if (!value.includes(';')) return [value];
  const values: string[] = [];
  for (const part of value.split(';')) {
    const v = part.trim();
    if (v !== '') values.push(v);
  }
  return values;
}

interface Records {
  header: string[];
  /** Every record after the header, and the file line each starts on. */
  rows: string[][];
  lines: number[] | null;
}

/** Records as csv-parse reads them, each with `info` (where it was found). */
function parseWithInfo(text: string): { record: string[]; info: { bytes: number } }[] {
  // With `info`, csv-parse answers each record with where it was found (its typings do not say so).
  return parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { bytes: number } }[];
}

/** How many lines the text has: line feeds, plus an unterminated last line. */
function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return text.endsWith('\n') ? lines : lines + 1;
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * The line each record starts on, as an editor numbers lines (CRLF, LF and a lone CR each end one), from where
 * csv-parse says each record ends (`info.bytes`, UTF-8 bytes including the record delimiter). csv-parse's own
 * `info.lines` counts CR and LF inside a quoted cell as a line each, so it is not used.
 */
function recordStartLines(text: string, ends: readonly number[]): number[] {
  const bytes = Buffer.from(text, 'utf8');
  const starts: number[] = [];
  let offset = 0;
  let line = 1;
  const step = () => {
    const byte = bytes[offset];
    if (byte === lineFeed || (byte === carriageReturn && bytes[offset + 1] !== lineFeed)) line += 1;
    offset += 1;
  };
  for (const end of ends) {
    // Blank lines before the record (csv-parse skips them).
    while (offset < end && (bytes[offset] === lineFeed || bytes[offset] === carriageReturn)) step();
    starts.push(line);
    while (offset < end) step();
  }
  return starts;
}

/**
 * Reads the records and the line each starts on. The common file (no blank lines, no cell spanning lines) is parsed
 * without csv-parse's per-record `info` objects: when there are exactly as many records as lines, record n is on line
 * n + 1. Any other file is parsed again with `info`, which says where each record ends.
 */
function readRows(text: string): Records | FileProblem {
  let records: string[][];
  let lines: number[] | null = null;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
    const loneCarriageReturn = text.includes('\r') && /\r(?!\n)/.test(text);
    if (records.length !== countLines(text) || loneCarriageReturn) {
      const withInfo = parseWithInfo(text);
      records = withInfo.map(({ record }) => record);
      lines = recordStartLines(
        text,
        withInfo.map(({ info }) => info.bytes),
      );
    }
  } catch (error) {
    const { lines: errorLine, message } = error as { lines?: number; message: string };
    return { line: errorLine ?? 1, column: null, problem: `the file is not valid CSV: ${message}` };
  }
  const header = records[0];
  if (!header)
    return { line: 1, column: null, problem: 'the file is empty: expected a header row and at least one court' };
  return { header, rows: records.slice(1), lines: lines?.slice(1) ?? null };
}

/** Field → column index, -1 for a column the file does not have. */
type ColumnIndex = Readonly<Record<Field, number>>;

interface ColumnMap {
  format: CourtFileFormat;
  index: ColumnIndex;
  /** The columns the file has, in header order: field, index, and the header as written (trimmed), for problems. */
  present: readonly { field: Field; index: number; column: string }[];
  /** Field → the header to name in a problem: as written in the file, or as documented when absent. */
  column: Readonly<Record<Field, string>>;
  width: number;
}

function mapColumns(header: string[], headerLine: number): ColumnMap | FileProblem[] {
  const normalised = header.map(normaliseHeader);
  const format: CourtFileFormat | null = normalised.includes('p&i id')
    ? 'live'
    : normalised.includes('provenanceid')
      ? 'seed'
      : null;
  if (format === null) {
    return [
      {
        line: headerLine,
        column: null,
        problem:
          'unrecognised header: expected the live format (P&I ID, Court Desc, Region, Jurisdiction, Provenance, Provenance Location ID, Provenance Location Type, ...) or Court Desc,Region,Jurisdiction,Provenance,ProvenanceID',
      },
    ];
  }
  const columns = format === 'live' ? liveColumns : seedColumns;
  const required = format === 'live' ? liveRequired : seedRequired;
  const problems: FileProblem[] = [];
  const index = Object.fromEntries(Object.keys(documentedHeader).map((field) => [field, -1])) as Record<Field, number>;
  const column: Record<Field, string> = { ...documentedHeader };
  const present: { field: Field; index: number; column: string }[] = [];
  normalised.forEach((name, i) => {
    const field = columns[name];
    if (field === undefined) return; // Columns the service does not store are ignored.
    const written = (header[i] ?? '').trim();
    if (index[field] !== -1) {
      problems.push({ line: headerLine, column: written, problem: 'the column appears more than once in the header' });
      return;
    }
    index[field] = i;
    column[field] = written;
    present.push({ field, index: i, column: written });
  });
  for (const field of required) {
    if (index[field] === -1) {
      problems.push({ line: headerLine, column: documentedHeader[field], problem: 'missing column' });
    }
  }
  if (problems.length > 0) return problems;
  return { format, index, present, column, width: header.length };
}

/** The trimmed cell of a column, or undefined when the file does not have the column. */
function cellOf(cells: string[], i: number): string | undefined {
  return i < 0 ? undefined : (cells[i] ?? '').trim();
}

function listOf(cells: string[], i: number): string[] | undefined {
  return i < 0 ? undefined : splitValues((cells[i] ?? '').trim());
}

interface RowContext {
  map: ColumnMap;
  problems: FileProblem[];
  /** False when the whole file has no character that could fail the control character or markup checks. */
  checkCharacters: boolean;
  /** Location types as written → as stored (a file repeats a handful of spellings). */
  locationTypes: Map<string, LocationType | null>;
}

function report(context: RowContext, line: number, column: string | null, problem: string): void {
  context.problems.push({ line, column, problem });
}

/** Validates one row, adding every problem it has; answers the court it describes when it has none. */
function validateRow(cells: string[], line: number, context: RowContext): CourtRecord | null {
  const { map } = context;
  const { index, column } = map;
  const before = context.problems.length;

  if (cells.length < map.width) {
    report(context, line, null, `the row has ${cells.length} cells but the header has ${map.width} columns`);
    return null;
  }
  if (cells.length > map.width) {
    for (let i = map.width; i < cells.length; i += 1) {
      if ((cells[i] ?? '').trim() !== '') {
        report(context, line, null, `the row has ${cells.length} cells but the header has ${map.width} columns`);
        break;
      }
    }
  }

  // Text checks common to every cell: formulas, length, line breaks, control and format characters, markup. The
  // cells are trimmed in place: every later read of the row wants them trimmed.
  for (const { field, index: i, column: written } of map.present) {
    const value = (cells[i] ?? '').trim();
    cells[i] = value;
    // Ids and the Move flag have formats of their own, which a leading formula character already fails.
    if (field !== 'locationId' && field !== 'provenanceLocationId' && field !== 'move') {
      if (formulaStart.test(value)) {
        report(
          context,
          line,
          written,
          `starts with "${value.charAt(0)}": a spreadsheet would run the cell as a formula`,
        );
      } else if (listFields.has(field) && value.includes(';') && formulaAfterSeparator.test(value)) {
        report(
          context,
          line,
          written,
          'a value starts with "=", "+", "-" or "@": a spreadsheet would run it as a formula',
        );
      }
    }
    if (value.length <= maxTextLength && !(context.checkCharacters && suspectCharacter.test(value))) continue;
    if (lineBreak.test(value)) report(context, line, written, 'contains a line break');
    if (controlCharacter.test(value)) report(context, line, written, 'contains a control character');
    const format = formatCharacter.exec(value);
    if (format) {
      report(
        context,
        line,
        written,
        `contains an invisible or bidirectional control character (${codePoint(format[0])})`,
      );
    }
    if (htmlTag.test(value))
      report(context, line, written, field === 'name' || field === 'welshName' ? 'HTML in a name' : 'contains HTML');
    if (value.length > maxTextLength) report(context, line, written, `longer than ${maxTextLength} characters`);
  }

  let locationId: number | null = null;
  if (map.format === 'live') {
    const id = cells[index.locationId] ?? '';
    if (id === '') report(context, line, column.locationId, 'missing P&I ID');
    else if (!wholeNumber.test(id) || Number(id) < 1 || Number(id) > maxLocationId) {
      report(
        context,
        line,
        column.locationId,
        `non-numeric id: "${id}" is not a whole number from 1 to ${maxLocationId}`,
      );
    } else locationId = Number(id);
  }

  const name = cells[index.name] ?? '';
  if (name === '') report(context, line, column.name, 'empty name');
  const region = splitValues(cells[index.region] ?? '');
  if (region.length === 0) report(context, line, column.region, 'empty region');

  let move = false;
  if (index.move >= 0) {
    const written = cells[index.move] ?? '';
    const flag = written.toLowerCase();
    if (flag === 'yes') move = true;
    else if (flag !== '' && flag !== 'no') {
      report(
        context,
        line,
        column.move,
        `"${written}" is not yes or no (yes moves the row's provenance reference away from the court holding it)`,
      );
    }
  }

  const email = cellOf(cells, index.email);
  if (email !== undefined && email !== '' && !emailAddress.test(email))
    report(context, line, column.email, `"${email}" is not an email address`);

  const provenanceCell = cells[index.provenance] ?? '';
  const idCell = cells[index.provenanceLocationId] ?? '';
  let provenances: string[];
  let ids: string[];
  if (map.format === 'seed') {
    provenances = splitValues(provenanceCell);
    ids = splitValues(idCell);
  } else {
    provenances = provenanceCell === '' ? [] : [provenanceCell];
    ids = idCell === '' ? [] : [idCell];
  }
  if (provenances.length === 0) report(context, line, column.provenance, 'missing provenance');
  if (ids.length === 0) report(context, line, column.provenanceLocationId, 'missing provenance location id');
  for (const id of ids) {
    if (!referenceId.test(id))
      report(
        context,
        line,
        column.provenanceLocationId,
        `"${id}" is not a provenance location id (letters, digits, . _ - /)`,
      );
    else if (map.format === 'seed' && !wholeNumber.test(id))
      report(context, line, column.provenanceLocationId, `non-numeric id: "${id}"`);
  }
  let locationType: LocationType = 'VENUE';
  if (map.format === 'live') {
    const written = cells[index.provenanceLocationType] ?? '';
    let parsed = context.locationTypes.get(written);
    if (parsed === undefined) {
      parsed = parseLocationType(written);
      context.locationTypes.set(written, parsed);
    }
    if (parsed === null) {
      report(
        context,
        line,
        column.provenanceLocationType,
        written === ''
          ? 'missing location type (expected venue, region, owning hearing location or national)'
          : `unknown location type "${written}" (expected venue, region, owning hearing location or national)`,
      );
    } else locationType = parsed;
  }
  if (provenances.length > 1 && ids.length !== provenances.length) {
    report(
      context,
      line,
      column.provenance,
      `${provenances.length} provenances but ${ids.length} provenance ids: they must pair up`,
    );
  }
  if (context.problems.length > before) return null;

  const references: CourtReference[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    references.push({
      line,
      provenance: provenances.length === 1 ? (provenances[0] ?? '') : (provenances[i] ?? ''),
      provenanceLocationId: ids[i] ?? '',
      provenanceLocationType: locationType,
      move,
    });
  }

  return {
    line,
    locationId,
    name,
    welshName: cellOf(cells, index.welshName),
    region,
    welshRegion: listOf(cells, index.welshRegion),
    jurisdiction: listOf(cells, index.jurisdiction) ?? [],
    welshJurisdiction: listOf(cells, index.welshJurisdiction),
    jurisdictionType: listOf(cells, index.jurisdictionType),
    welshJurisdictionType: listOf(cells, index.welshJurisdictionType),
    email,
    contactNo: cellOf(cells, index.contactNo),
    references,
  };
}

const courtFields: readonly (keyof Omit<CourtRecord, 'line' | 'locationId' | 'references'>)[] = [
  'name',
  'welshName',
  'region',
  'welshRegion',
  'jurisdiction',
  'welshJurisdiction',
  'jurisdictionType',
  'welshJurisdictionType',
  'email',
  'contactNo',
];

function sameValue(a: string | string[] | undefined, b: string | string[] | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Parses and validates a court reference file. Answers every court it describes, or every problem it has.
 */
export function parseCourtFile(text: string): CourtFileParseResult {
  // One byte order mark is how some editors start UTF-8 text; two are a file mangled on the way (and the second
  // would otherwise end up in the first header).
  const problems: FileProblem[] = [];
  if (text.startsWith(byteOrderMark + byteOrderMark)) {
    const firstHeader =
      text
        .slice(0, 200)
        .replace(/^\uFEFF+/u, '')
        .split(/[,\r\n]/u)[0]
        ?.trim() ?? '';
    problems.push({
      line: 1,
      column: firstHeader === '' ? null : firstHeader,
      problem: 'the file starts with two byte order marks (U+FEFF): save it again as UTF-8',
    });
    text = text.replace(/^\uFEFF+/u, '');
  }
  const read = readRows(text);
  if ('problem' in read) return { ok: false, problems: [...problems, read] };
  const map = mapColumns(read.header, 1);
  if (Array.isArray(map)) return { ok: false, problems: [...problems, ...map] };
  if (read.rows.length === 0) {
    problems.push({ line: 1, column: null, problem: 'the file has a header but no courts' });
    return { ok: false, problems };
  }

  const warnings: FileProblem[] = [];
  const context: RowContext = {
    map,
    problems,
    // Cells spanning lines may hold line breaks; otherwise only the characters suspectInFile finds need a look.
    checkCharacters: read.lines !== null || suspectInFile.test(text),
    locationTypes: new Map(),
  };
  /** Courts by P&I ID (live format) or by lower-case name (the seed's format). */
  const courts = new Map<number | string, CourtRecord>();
  const englishNames = new Map<string, CourtRecord>();
  const welshNames = new Map<string, CourtRecord>();
  /** Lower-case provenance → provenance location id → the court the reference was first given to. */
  const referenceOwners = new Map<string, Map<string, CourtRecord>>();
  const lowerProvenance = new Map<string, string>();
  const { column } = map;
  const describe = (court: CourtRecord) =>
    court.locationId !== null ? `P&I ID ${court.locationId} (line ${court.line})` : `line ${court.line}`;
  /** A new court takes its name (lower-case) in one language, unless another court of the file has it: a problem. */
  const claimName = (
    names: Map<string, CourtRecord>,
    name: string,
    court: CourtRecord,
    line: number,
    at: FileProblem['column'],
    shown: string,
  ) => {
    const other = names.get(name);
    if (other) problems.push({ line, column: at, problem: `duplicate ${shown} is also ${describe(other)}` });
    else names.set(name, court);
  };

  const { rows, lines } = read;
  for (let r = 0; r < rows.length; r += 1) {
    const line = lines === null ? r + 2 : (lines[r] ?? 0);
    const values = validateRow(rows[r] ?? [], line, context);
    if (values === null) continue;
    const english = values.name.toLowerCase();
    const key = values.locationId ?? english;
    const existing = courts.get(key);
    if (existing) {
      if (map.format === 'seed') {
        problems.push({
          line,
          column: column.name,
          problem: `duplicate English name: "${values.name}" is also on line ${existing.line}`,
        });
        continue;
      }
      // Another reference of a court already seen: the court's own fields must agree.
      let disagreed = false;
      for (const f of courtFields) {
        if (sameValue(existing[f], values[f])) continue;
        disagreed = true;
        problems.push({
          line,
          column: column[f],
          problem: `P&I ID ${values.locationId ?? ''} is on line ${existing.line} with a different value`,
        });
      }
      if (disagreed) continue;
    }
    // The row's references join the court's (a new court starts with none).
    const rowReferences = values.references;
    const court: CourtRecord = existing ?? values;
    if (!existing) {
      values.references = [];
      courts.set(key, court);
      claimName(englishNames, english, court, line, column.name, `English name: "${values.name}"`);
      const welsh = values.welshName?.toLowerCase();
      if (welsh !== undefined && welsh !== '') {
        claimName(welshNames, welsh, court, line, column.welshName, `Welsh name: "${values.welshName ?? ''}"`);
      }
    }
    for (const reference of rowReferences) {
      const provenance = reference.provenance;
      let lower = lowerProvenance.get(provenance);
      if (lower === undefined) {
        lower = provenance.toLowerCase();
        lowerProvenance.set(provenance, lower);
      }
      let owners = referenceOwners.get(lower);
      if (owners === undefined) {
        owners = new Map();
        referenceOwners.set(lower, owners);
      }
      const owner = owners.get(reference.provenanceLocationId);
      if (owner === court) {
        const first = court.references.find(
          (r) => r.provenanceLocationId === reference.provenanceLocationId && r.provenance.toLowerCase() === lower,
        );
        problems.push({
          line,
          column: column.provenanceLocationId,
          problem: `duplicate provenance reference ${reference.provenance}/${reference.provenanceLocationId} (also on line ${first?.line ?? line})`,
        });
        continue;
      }
      if (owner) {
        warnings.push({
          line,
          column: column.provenanceLocationId,
          problem: `provenance reference ${reference.provenance}/${reference.provenanceLocationId} is also given to ${describe(owner)}: publications sent with it cannot be matched to one court and will be stored as NoMatch${reference.provenanceLocationId}`,
        });
      } else owners.set(reference.provenanceLocationId, court);
      court.references.push(reference);
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    return { ok: false, problems };
  }
  const headers: Record<string, string> = {};
  for (const { field, column: written } of map.present) headers[documentedHeader[field]] = written;
  return { ok: true, format: map.format, courts: [...courts.values()], rows: rows.length, warnings, headers };
}
