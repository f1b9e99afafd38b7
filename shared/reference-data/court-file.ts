/**
 * Court reference files: parsing (csv-parse) and row-by-row validation of both formats the service accepts.
 *
 * - The seed's format: `Court Desc,Region,Jurisdiction,Provenance,ProvenanceID`; a court is identified by its name,
 *   multi-valued cells are separated by `;`, and Provenance/ProvenanceID may list several references.
 * - The live format: `P&I ID, Court Desc, Region, Jurisdiction, [Jurisdiction Type,] Provenance,
 *   Provenance Location ID, Provenance Location Type, [Welsh ...,] [Email, Contact No]`, in any column order, headers
 *   with stray spaces; rows sharing a P&I ID are one court with several provenance references.
 *
 * Validation never stops at the first problem: the answer lists every bad cell by line, column and reason, so a
 * reference data owner can fix the whole file at once.
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
  | { ok: true; format: CourtFileFormat; courts: CourtRecord[]; rows: number; warnings: FileProblem[] }
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
  | 'contactNo';

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
};

const maxTextLength = 255;
const maxLocationId = 2_147_483_647;
/** Any tag-like markup: the service keeps HTML out of everything it later renders. */
const htmlTag = /<\s*\/?\s*[a-z!?][^>]*>/i;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- a cheap first pass before the precise checks
const suspectCharacter = /[<\u0000-\u001f\u007f]/;
const referenceId = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const emailAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** "venue", " Venue", "owning hearing location", "OWNING_HEARING_LOCATION" → the stored location type. */
export function parseLocationType(value: string): LocationType | null {
  const normalised = value
    .trim()
    .replace(/[\s_]+/g, '_')
    .toUpperCase();
  return (locationTypes as readonly string[]).includes(normalised) ? (normalised as LocationType) : null;
}

function splitValues(value: string): string[] {
  return value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

interface RawRow {
  line: number;
  cells: string[];
}

function readRows(text: string): { header: string[]; rows: RawRow[] } | FileProblem {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse answers each record with where it was found (its typings do not say so).
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { line: lines ?? 1, column: null, problem: `the file is not valid CSV: ${message}` };
  }
  const rows = records.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to where it starts.
    let spannedLines = 0;
    for (const cell of record) if (cell.includes('\n')) spannedLines += cell.split('\n').length - 1;
    return { line: info.lines - spannedLines, cells: record };
  });
  const first = rows.shift();
  if (!first)
    return { line: 1, column: null, problem: 'the file is empty: expected a header row and at least one court' };
  return { header: first.cells, rows };
}

interface ColumnMap {
  format: CourtFileFormat;
  /** Field → column index. */
  index: Partial<Record<Field, number>>;
  /** The fields the file has. */
  fields: Field[];
  /** Field → the header as written in the file (trimmed), for problems. */
  label: Partial<Record<Field, string>>;
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
  const index: Partial<Record<Field, number>> = {};
  const label: Partial<Record<Field, string>> = {};
  normalised.forEach((name, i) => {
    const field = columns[name];
    if (field === undefined) return; // Columns the service does not store are ignored.
    const written = (header[i] ?? '').trim();
    if (index[field] !== undefined) {
      problems.push({ line: headerLine, column: written, problem: 'the column appears more than once in the header' });
      return;
    }
    index[field] = i;
    label[field] = written;
  });
  for (const field of required) {
    if (index[field] === undefined) {
      problems.push({ line: headerLine, column: documentedHeader[field], problem: 'missing column' });
    }
  }
  if (problems.length > 0) return problems;
  return { format, index, fields: Object.keys(index) as Field[], label, width: header.length };
}

interface RowValues {
  line: number;
  key: string;
  court: Omit<CourtRecord, 'references'>;
  references: CourtReference[];
}

/** Validates one row, adding every problem it has; answers its values when it has none. */
function validateRow(row: RawRow, map: ColumnMap, problems: FileProblem[]): RowValues | null {
  const { line, cells } = row;
  const before = problems.length;
  const columnOf = (field: Field): string => map.label[field] ?? documentedHeader[field];
  const report = (field: Field | null, problem: string) => {
    problems.push({ line, column: field === null ? null : columnOf(field), problem });
  };

  if (cells.length < map.width) {
    report(null, `the row has ${cells.length} cells but the header has ${map.width} columns`);
    return null;
  }
  if (cells.length > map.width && cells.slice(map.width).some((cell) => cell.trim() !== '')) {
    report(null, `the row has ${cells.length} cells but the header has ${map.width} columns`);
  }

  const raw = (field: Field): string | undefined => {
    const i = map.index[field];
    return i === undefined ? undefined : (cells[i] ?? '').trim();
  };
  // Text checks common to every cell: length, control characters, markup (the quick test spares most cells).
  for (const field of map.fields) {
    const value = raw(field) ?? '';
    if (value.length <= maxTextLength && !suspectCharacter.test(value)) continue;
    if (controlCharacter.test(value)) report(field, 'contains a control character');
    if (htmlTag.test(value))
      report(field, field === 'name' || field === 'welshName' ? 'HTML in a name' : 'contains HTML');
    if (value.length > maxTextLength) report(field, `longer than ${maxTextLength} characters`);
  }

  let locationId: number | null = null;
  if (map.format === 'live') {
    const id = raw('locationId') ?? '';
    if (id === '') report('locationId', 'missing P&I ID');
    else if (!/^\d+$/.test(id) || Number(id) < 1 || Number(id) > maxLocationId) {
      report('locationId', `non-numeric id: "${id}" is not a whole number from 1 to ${maxLocationId}`);
    } else locationId = Number(id);
  }

  const name = raw('name') ?? '';
  if (name === '') report('name', 'empty name');

  const email = raw('email');
  if (email !== undefined && email !== '' && !emailAddress.test(email))
    report('email', `"${email}" is not an email address`);

  const text = (field: Field): string | undefined => raw(field);
  const list = (field: Field): string[] | undefined => {
    const value = raw(field);
    return value === undefined ? undefined : splitValues(value);
  };

  const references: CourtReference[] = [];
  const provenances =
    map.format === 'seed' ? splitValues(raw('provenance') ?? '') : [raw('provenance') ?? ''].filter((p) => p !== '');
  const ids =
    map.format === 'seed'
      ? splitValues(raw('provenanceLocationId') ?? '')
      : [raw('provenanceLocationId') ?? ''].filter((p) => p !== '');
  if (provenances.length === 0) report('provenance', 'missing provenance');
  if (ids.length === 0) report('provenanceLocationId', 'missing provenance location id');
  for (const id of ids) {
    if (!referenceId.test(id))
      report('provenanceLocationId', `"${id}" is not a provenance location id (letters, digits, . _ - /)`);
    else if (map.format === 'seed' && !/^\d+$/.test(id)) report('provenanceLocationId', `non-numeric id: "${id}"`);
  }
  let locationType: LocationType = 'VENUE';
  if (map.format === 'live') {
    const written = raw('provenanceLocationType') ?? '';
    const parsed = parseLocationType(written);
    if (parsed === null) {
      report(
        'provenanceLocationType',
        written === ''
          ? 'missing location type (expected venue, region, owning hearing location or national)'
          : `unknown location type "${written}" (expected venue, region, owning hearing location or national)`,
      );
    } else locationType = parsed;
  }
  if (provenances.length > 1 && ids.length !== provenances.length) {
    report('provenance', `${provenances.length} provenances but ${ids.length} provenance ids: they must pair up`);
  }
  if (problems.length > before) return null;

  ids.forEach((id, i) => {
    references.push({
      line,
      provenance: provenances.length === 1 ? (provenances[0] ?? '') : (provenances[i] ?? ''),
      provenanceLocationId: id,
      provenanceLocationType: locationType,
    });
  });

  const court: Omit<CourtRecord, 'references'> = {
    line,
    locationId,
    name,
    welshName: text('welshName'),
    region: list('region') ?? [],
    welshRegion: list('welshRegion'),
    jurisdiction: list('jurisdiction') ?? [],
    welshJurisdiction: list('welshJurisdiction'),
    jurisdictionType: list('jurisdictionType'),
    welshJurisdictionType: list('welshJurisdictionType'),
    email,
    contactNo: text('contactNo'),
  };
  return { line, key: locationId !== null ? `id:${locationId}` : `name:${name.toLowerCase()}`, court, references };
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
const fieldOf: Readonly<Record<(typeof courtFields)[number], Field>> = {
  name: 'name',
  welshName: 'welshName',
  region: 'region',
  welshRegion: 'welshRegion',
  jurisdiction: 'jurisdiction',
  welshJurisdiction: 'welshJurisdiction',
  jurisdictionType: 'jurisdictionType',
  welshJurisdictionType: 'welshJurisdictionType',
  email: 'email',
  contactNo: 'contactNo',
};

function sameValue(a: string | string[] | undefined, b: string | string[] | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Parses and validates a court reference file. Answers every court it describes, or every problem it has.
 */
export function parseCourtFile(text: string): CourtFileParseResult {
  const read = readRows(text);
  if ('problem' in read) return { ok: false, problems: [read] };
  const map = mapColumns(read.header, 1);
  if (Array.isArray(map)) return { ok: false, problems: map };
  if (read.rows.length === 0)
    return { ok: false, problems: [{ line: 1, column: null, problem: 'the file has a header but no courts' }] };

  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const courts = new Map<string, CourtRecord>();
  const englishNames = new Map<string, CourtRecord>();
  const welshNames = new Map<string, CourtRecord>();
  const referenceOwners = new Map<string, { court: CourtRecord; line: number }>();
  const label = (field: Field) => map.label[field] ?? documentedHeader[field];
  const describe = (court: CourtRecord) =>
    court.locationId !== null ? `P&I ID ${court.locationId} (line ${court.line})` : `line ${court.line}`;

  for (const row of read.rows) {
    const values = validateRow(row, map, problems);
    if (values === null) continue;
    const existing = courts.get(values.key);
    if (existing) {
      if (map.format === 'seed') {
        problems.push({
          line: row.line,
          column: label('name'),
          problem: `duplicate English name: "${values.court.name}" is also on line ${existing.line}`,
        });
        continue;
      }
      // Another reference of a court already seen: the court's own fields must agree.
      const disagreeing = courtFields.filter((f) => !sameValue(existing[f], values.court[f]));
      for (const f of disagreeing) {
        problems.push({
          line: row.line,
          column: label(fieldOf[f]),
          problem: `P&I ID ${values.court.locationId ?? ''} is on line ${existing.line} with a different value`,
        });
      }
      if (disagreeing.length > 0) continue;
    }
    const court: CourtRecord = existing ?? { ...values.court, references: [] };
    if (!existing) {
      courts.set(values.key, court);
      const english = values.court.name.toLowerCase();
      const otherEnglish = englishNames.get(english);
      if (otherEnglish) {
        problems.push({
          line: row.line,
          column: label('name'),
          problem: `duplicate English name: "${values.court.name}" is also ${describe(otherEnglish)}`,
        });
      } else englishNames.set(english, court);
      const welsh = values.court.welshName?.toLowerCase();
      if (welsh !== undefined && welsh !== '') {
        const otherWelsh = welshNames.get(welsh);
        if (otherWelsh) {
          problems.push({
            line: row.line,
            column: label('welshName'),
            problem: `duplicate Welsh name: "${values.court.welshName ?? ''}" is also ${describe(otherWelsh)}`,
          });
        } else welshNames.set(welsh, court);
      }
    }
    for (const reference of values.references) {
      const referenceKey = `${reference.provenance.toLowerCase()}\u0000${reference.provenanceLocationId}`;
      const owner = referenceOwners.get(referenceKey);
      if (owner?.court === court) {
        problems.push({
          line: row.line,
          column: label('provenanceLocationId'),
          problem: `duplicate provenance reference ${reference.provenance}/${reference.provenanceLocationId} (also on line ${owner.line})`,
        });
        continue;
      }
      if (owner) {
        warnings.push({
          line: row.line,
          column: label('provenanceLocationId'),
          problem: `provenance reference ${reference.provenance}/${reference.provenanceLocationId} is also given to ${describe(owner.court)}: publications sent with it cannot be matched to one court and will be stored as NoMatch${reference.provenanceLocationId}`,
        });
      } else referenceOwners.set(referenceKey, { court, line: row.line });
      court.references.push(reference);
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    return { ok: false, problems };
  }
  return { ok: true, format: map.format, courts: [...courts.values()], rows: read.rows.length, warnings };
}
