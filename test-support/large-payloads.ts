/**
 * A payload of every payload schema, from the real fixtures (test-fixtures/lists and perf), and grown to a size:
 * the benches measure each schema at about 1 MB, and the fast path's differential test varies each schema's payload.
 *
 * - A schema's base payload is the largest real fixture its zod path accepts, one of its own lists' first.
 * - A tabular (non-strategic) schema no real fixture fits gets rows made from its table description: each text
 *   column takes the values real rows hold under the same name (else any real row's text), times and dates real ones.
 * - `grownTo` repeats the items of the payload's largest array of objects (courtLists, rows, ...) up to a size.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { listExamples } from '../functions/web/lists/list-examples.test-support.js';
import { findListType } from '../shared/publications/catalogue/list-types.js';
import { payloadSchemas, type PayloadSchemaId } from '../shared/publications/catalogue/payload-schemas.js';
import {
  nonStrategicTables,
  type NonStrategicSchemaId,
  type TableSection,
} from '../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { validateWithZod } from '../shared/publications/catalogue/validate-payload.js';
import { fixtureDirectory, fixtureUrl, type FixtureKind } from './fixtures.js';

export interface BasePayload {
  /** The fixture it is, or `synthesised from …`. */
  source: string;
  payload: unknown;
  bytes: number;
}

const fixtureKinds: readonly FixtureKind[] = ['lists', 'perf'];

interface Fixture {
  name: string;
  text: string;
  payload: unknown;
}

let fixtures: Fixture[] | undefined;

function realFixtures(): Fixture[] {
  fixtures ??= fixtureKinds.flatMap((kind) =>
    readdirSync(fixtureDirectory(kind))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const text = readFileSync(fixtureUrl(kind, file), 'utf8');
        return { name: `${kind}/${file}`, text, payload: JSON.parse(text) as unknown };
      }),
  );
  return fixtures;
}

const isTable = (id: PayloadSchemaId): id is NonStrategicSchemaId => id in nonStrategicTables;

/** The rows of every real tabular fixture (a bare array of flat objects of strings). */
function realRows(): Record<string, string>[] {
  return realFixtures().flatMap(({ payload }) =>
    Array.isArray(payload) &&
    payload.every(
      (row) =>
        typeof row === 'object' && row !== null && Object.values(row as object).every((v) => typeof v === 'string'),
    )
      ? (payload as Record<string, string>[])
      : [],
  );
}

const realTimes = ['9am', '10:30am', '2pm', '11.15am'];
const realDates = ['31/01/2026', '01/02/2026', '15/03/2026'];

function synthesisedRows(section: TableSection, count: number): Record<string, string>[] {
  const rows = realRows();
  const allText = rows.flatMap((row) => Object.values(row)).filter((value) => !/^\d{1,2}([:.]\d{2})?[ap]m/.test(value));
  const pool = (field: string) => {
    const values = rows.map((row) => row[field]).filter((value): value is string => value !== undefined);
    return values.length > 0 ? values : allText;
  };
  const pools = new Map(section.columns.map((column) => [column.field, pool(column.field)]));
  return Array.from({ length: count }, (_, index) => {
    const row: Record<string, string> = {};
    for (const column of section.columns) {
      const values =
        column.kind === 'time' ? realTimes : column.kind === 'date' ? realDates : (pools.get(column.field) ?? allText);
      row[column.field] = values[index % values.length] ?? '';
    }
    return row;
  });
}

/**
 * The fixtures (`lists/…`) of the list types `schemaId` validates, from the portal's examples; for the master
 * schema, those of every list type it validates first (the strategic lists).
 */
function ownFixtures(schemaId: PayloadSchemaId): ReadonlySet<string> {
  const validatedBy = (example: { listTypeId: string }): boolean => {
    const lookup = findListType(example.listTypeId);
    if (lookup.kind === 'unknown') return false;
    const own = lookup.listType.schema;
    return own === schemaId || (schemaId === 'master' && payloadSchemas[own].checkedAgainstMaster);
  };
  return new Set(listExamples.filter(validatedBy).map((example) => `lists/${example.file}`));
}

/**
 * The largest (or smallest) real fixture `schemaId` accepts, or for a tabular schema none fits, rows made as
 * described above.
 */
export function basePayload(schemaId: PayloadSchemaId, pick: 'largest' | 'smallest' = 'largest'): BasePayload {
  const order = pick === 'largest' ? -1 : 1;
  const accepted = realFixtures()
    .filter(({ payload }) => validateWithZod(schemaId, payload).ok)
    .sort((a, b) => order * (a.text.length - b.text.length));
  // A fixture of the schema's own lists first: loose schemas (all fields optional, as the master schema and the
  // magistrates adult court list's `document`) also accept other lists' payloads, whose variants they would accept.
  const own = ownFixtures(schemaId);
  const [largest] = [...accepted.filter(({ name }) => own.has(name)), ...accepted];
  if (largest !== undefined) return { source: largest.name, payload: largest.payload, bytes: largest.text.length };
  if (!isTable(schemaId)) throw new Error(`no real fixture fits ${schemaId}, and it is not a table`);
  const table = nonStrategicTables[schemaId];
  const payload: unknown =
    table.sections.length === 1 && table.sections[0]?.key === null
      ? synthesisedRows(table.sections[0], 2)
      : Object.fromEntries(table.sections.map((section) => [section.key, synthesisedRows(section, 2)]));
  if (!validateWithZod(schemaId, payload).ok) throw new Error(`rows made for ${schemaId} do not fit it`);
  return { source: `rows made from real ones (${table.source})`, payload, bytes: JSON.stringify(payload).length };
}

/** Every payload schema that takes JSON (not `file-only`), with its base payload. */
export function basePayloads(): Map<PayloadSchemaId, BasePayload> {
  const ids = (Object.keys(payloadSchemas) as PayloadSchemaId[]).filter((id) => payloadSchemas[id].acceptsJson);
  return new Map(ids.map((id) => [id, basePayload(id)]));
}

/** The arrays of objects in `value`, each with its serialised size. */
function objectArrays(value: unknown, into: { array: unknown[]; size: number }[] = []): typeof into {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => typeof item === 'object' && item !== null)) {
      into.push({ array: value, size: JSON.stringify(value).length });
    }
    for (const item of value) objectArrays(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) objectArrays(child, into);
  }
  return into;
}

/**
 * A copy of `payload` whose largest array of objects repeats its items until the payload, minified, is about
 * `targetBytes` (never less than the payload). Items are repeated as they are: the payload stays as valid as it was.
 */
export function grownTo(payload: unknown, targetBytes: number): unknown {
  const copy = structuredClone(payload);
  const [largest] = objectArrays(copy).sort((a, b) => b.size - a.size);
  const total = JSON.stringify(copy).length;
  if (largest === undefined || total >= targetBytes) return copy;
  const items = [...largest.array];
  const perCopy = largest.size;
  const copies = Math.max(0, Math.round((targetBytes - total) / perCopy));
  for (let index = 0; index < copies; index++) {
    for (const item of items) largest.array.push(structuredClone(item));
  }
  return copy;
}
