import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixtureDirectory, fixtureUrl, type FixtureKind } from '../../../test-support/fixtures.js';
import { basePayload } from '../../../test-support/large-payloads.js';
import { strategicListFixtures } from '../../../test-support/strategic-list-fixtures.js';
import { tabularListFixtures } from '../../../test-support/tabular-list-fixtures.js';
import { compileFastCheck, fastPredicate } from './fast-check.js';
import { findHtmlInStrings } from './html-check.js';
import { findListType } from './list-types.js';
import { payloadSchemas, type PayloadSchemaId } from './payload-schemas.js';
import { fastPathAccepts, hasFastPath, validatePayload, validateWithZod } from './validate-payload.js';

const readJson = (kind: FixtureKind, file: string): unknown => JSON.parse(readFileSync(fixtureUrl(kind, file), 'utf8'));

const listTypeOfExample: Record<string, string> = {
  'civilAndFamilyDailyCauseList.json': 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
  'civilDailyCauseList.json': 'CIVIL_DAILY_CAUSE_LIST',
  'civilDailyCauseListInvalid.json': 'CIVIL_DAILY_CAUSE_LIST',
  'copDailyCauseList.json': 'COP_DAILY_CAUSE_LIST',
  'countyCourtLondonCivilDailyCauseList.json': 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
  'crownDailyPddaList.json': 'CROWN_DAILY_PDDA_LIST',
  'crownFirmPddaList.json': 'CROWN_FIRM_PDDA_LIST',
  'crownWarnedPddaList.json': 'CROWN_WARNED_PDDA_LIST',
  'etDailyList.json': 'ET_DAILY_LIST',
  'etFortnightlyList.json': 'ET_FORTNIGHTLY_PRESS_LIST',
  'familyDailyCauseList.json': 'FAMILY_DAILY_CAUSE_LIST',
  'iacDailyList.json': 'IAC_DAILY_LIST',
  'magistratesAdultCourtList.json': 'MAGISTRATES_ADULT_COURT_LIST_DAILY',
  'magistratesPublicAdultCourtList.json': 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY',
  'magistratesPublicList.json': 'MAGISTRATES_PUBLIC_LIST',
  'magistratesStandardList.json': 'MAGISTRATES_STANDARD_LIST',
  'sjpPressList.json': 'SJP_PRESS_LIST',
  'sjpPublicList.json': 'SJP_PUBLIC_LIST',
  'sjpPublicListInvalid.json': 'SJP_PUBLIC_LIST',
  'sscsDailyHearingList.json': 'SSCS_LONDON_DAILY_HEARING_LIST',
  'sscsDailyList.json': 'SSCS_DAILY_LIST',
  ...tabularListFixtures,
  ...strategicListFixtures,
};

function schemaOf(listType: string): PayloadSchemaId {
  const lookup = findListType(listType);
  if (lookup.kind !== 'found') throw new Error(`${listType}: ${lookup.message}`);
  return lookup.listType.schema;
}

const exampleFiles = readdirSync(fixtureDirectory('lists')).sort();
// planningCourtDailyCauseList.json is one section of the London Administrative Court list, no list type's payload.
const listTypeExampleFiles = exampleFiles.filter((file) => file !== 'planningCourtDailyCauseList.json');
const schemaIds = Object.keys(payloadSchemas) as PayloadSchemaId[];
const fastSchemaIds = schemaIds.filter(hasFastPath);

/** The fast path must say yes exactly when the zod path does (and never yes when zod says no). */
function expectAgreement(schemaId: PayloadSchemaId, payload: unknown, label: string): boolean {
  const zodOk = validateWithZod(schemaId, payload).ok;
  expect(fastPathAccepts(schemaId, payload), `${schemaId}: ${label}`).toBe(zodOk);
  return zodOk;
}

type Container = Record<string, unknown> | unknown[];

/** Every [container, key] pair in `root`, depth first. */
function slots(root: unknown): [Container, string | number][] {
  const found: [Container, string | number][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        found.push([node, index]);
        visit(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        found.push([record, key]);
        visit(record[key]);
      }
    }
  };
  visit(root);
  return found;
}

/** Values to put in place of `value`: wrong types, bad formats, HTML (strict and loose), empties. */
function replacements(value: unknown): unknown[] {
  if (typeof value === 'string') {
    return [42, null, '', 'yesterday', 'x <b>bold</b>', 'Pro_Auth <valid text>', 'a &lt;/b&gt;', 'ab', 'a'.repeat(101)];
  }
  if (typeof value === 'number') return ['1', 1.5, -1, true];
  if (typeof value === 'boolean') return ['true', 0];
  if (value === null) return ['x', 0];
  if (Array.isArray(value)) return [{}, [], [null], ['<i>x</i>'], 'text'];
  return [[], null, 'text', {}];
}

function setSlot(container: Container, key: string | number, value: unknown): void {
  (container as Record<string | number, unknown>)[key] = value;
}

describe('the fast path agrees with the zod path', () => {
  it('exists for every schema but file-only (no JSON to accept)', () => {
    expect(schemaIds.filter((id) => !hasFastPath(id))).toEqual(['file-only']);
  });

  it('on every example and load-test payload, under every schema', () => {
    const payloads: [string, unknown][] = exampleFiles.map((file) => [file, readJson('lists', file)]);
    for (const file of readdirSync(fixtureDirectory('perf'))) payloads.push([file, readJson('perf', file)]);
    let accepted = 0;
    for (const [file, payload] of payloads) {
      for (const schemaId of fastSchemaIds) if (expectAgreement(schemaId, payload, file)) accepted++;
    }
    // Each example is valid for its own list type at least (and the load-test payloads for the cause lists).
    expect(accepted).toBeGreaterThanOrEqual(payloads.length - 6);
  });

  it.each(listTypeExampleFiles.filter((file) => hasFastPath(schemaOf(listTypeOfExample[file] ?? 'missing'))))(
    'on variants of %s: each property removed, each value replaced by a wrong type, a bad format or HTML',
    (file) => {
      const schemaId = schemaOf(listTypeOfExample[file] ?? 'missing');
      const payload = readJson('lists', file);
      expectVariantsAgree(schemaId, payload, file);
      expect(validatePayload(listTypeOfExample[file] ?? 'missing', payload).ok).toBe(!file.endsWith('Invalid.json'));
    },
  );

  // Every schema, the 24 tabular ones included: its smallest real payload, or rows made from real rows
  // (test-support/large-payloads.ts) where no real fixture fits it.
  it.each(fastSchemaIds)('on variants of a payload %s accepts', (schemaId) => {
    const base = basePayload(schemaId, 'smallest');
    expect(validateWithZod(schemaId, base.payload).ok).toBe(true);
    expectVariantsAgree(schemaId, base.payload, base.source);
  });
});

/** Each property removed, each value replaced by a wrong type, a bad format or HTML: the two paths agree on each. */
function expectVariantsAgree(schemaId: PayloadSchemaId, payload: unknown, name: string): void {
  let rejected = 0;
  let variants = 0;
  for (const [container, key] of slots(payload)) {
    const original = (container as Record<string | number, unknown>)[key];
    const label = `${name} at ${String(key)}`;
    for (const replacement of replacements(original)) {
      setSlot(container, key, replacement);
      variants++;
      if (!expectAgreement(schemaId, payload, `${label} = ${JSON.stringify(replacement)}`)) rejected++;
    }
    if (!Array.isArray(container)) {
      Reflect.deleteProperty(container, key);
      variants++;
      if (!expectAgreement(schemaId, payload, `${label} removed`)) rejected++;
    }
    setSlot(container, key, original);
    if (typeof original === 'object' && original !== null && !Array.isArray(original)) {
      const record = original as Record<string, unknown>;
      for (const extra of ['plain text', '<img src=x>', 'a </b> b']) {
        record.zzExtraProperty = extra;
        variants++;
        if (!expectAgreement(schemaId, payload, `${label}.zzExtraProperty = ${extra}`)) rejected++;
      }
      delete record.zzExtraProperty;
    }
  }
  // Most variants break a rule: the comparison is not only between acceptances.
  expect(rejected).toBeGreaterThan(variants / 3);
}

describe('validatePayload reports what the fast path refuses', () => {
  const listType = 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST';
  interface Perf {
    courtLists: {
      courtHouse: {
        courtHouseName?: string;
        courtRoom: {
          session: {
            sittings: { hearing: { hearingType?: unknown; case: { party?: Record<string, unknown>[] }[] }[] }[];
          }[];
        }[];
      };
    }[];
  }
  const perf = () => readJson('perf', 'civilAndFamilyDailyCauseList1MB.json') as Perf;
  const lastHearing = (payload: Perf) => {
    const courtList = payload.courtLists.at(-1);
    const hearing = courtList?.courtHouse.courtRoom.at(-1)?.session.at(-1)?.sittings.at(-1)?.hearing.at(-1);
    if (courtList === undefined || hearing === undefined) throw new Error('no hearing');
    const room = payload.courtLists.length - 1;
    return { courtList, hearing, index: room };
  };

  it('a missing required field', () => {
    const payload = perf();
    const { courtList, index } = lastHearing(payload);
    delete courtList.courtHouse.courtHouseName;
    expect(fastPathAccepts('civil-and-family-daily-cause-list', payload)).toBe(false);
    expect(validatePayload(listType, payload)).toEqual({
      ok: false,
      details: [{ field: `courtLists[${index}].courtHouse.courtHouseName`, problem: 'is required' }],
    });
  });

  it('a wrong type deep in a hearing', () => {
    const payload = perf();
    const { hearing } = lastHearing(payload);
    hearing.hearingType = 7;
    expect(fastPathAccepts('civil-and-family-daily-cause-list', payload)).toBe(false);
    const result = validatePayload(listType, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details.map((detail) => detail.field)).toEqual([
      expect.stringMatching(
        /^courtLists\[\d+\]\.courtHouse\.courtRoom\[\d+\]\.session\[\d+\]\.sittings\[\d+\]\.hearing\[\d+\]\.hearingType$/,
      ),
    ]);
  });

  it('HTML in a deep string, strict and loose', () => {
    const payload = perf();
    const { hearing } = lastHearing(payload);
    const party = hearing.case.at(-1)?.party;
    if (party === undefined) throw new Error('no party');
    // applicationParticulars keeps the loose rule here: text in angle brackets is allowed, closing tags are not.
    party.push({ partyRole: 'APPLICANT_PETITIONER', applicationParticulars: 'Pro_Auth <valid text>' });
    expect(fastPathAccepts('civil-and-family-daily-cause-list', payload)).toBe(true);
    expect(validatePayload(listType, payload)).toEqual({ ok: true });
    party.push({
      organisationDetails: { organisationName: 'Pro_Auth <valid text>' },
      applicationParticulars: 'a </b>',
      note: 'x <script>',
    });
    expect(fastPathAccepts('civil-and-family-daily-cause-list', payload)).toBe(false);
    const result = validatePayload(listType, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const partyPath =
      /^courtLists\[\d+\]\.courtHouse\.courtRoom\[\d+\]\.session\[\d+\]\.sittings\[\d+\]\.hearing\[\d+\]\.case\[\d+\]\.party\[\d+\]\./;
    expect(result.details.map((detail) => [detail.field.replace(partyPath, ''), detail.problem])).toEqual([
      // civil-and-family holds organisationName to the strict rule (see payload-schemas.ts).
      ['organisationDetails.organisationName', 'must not contain HTML tags'],
      ['applicationParticulars', 'must not contain closing or self-closing HTML tags'],
      ['note', 'must not contain HTML tags'],
    ]);
  });

  it('data that JSON.parse cannot build goes to the zod path', () => {
    class Venue {
      venueName = 'Court';
    }
    const payload = readJson('lists', 'civilDailyCauseList.json') as Record<string, unknown>;
    expect(fastPathAccepts('civil-daily-cause-list', payload)).toBe(true);
    payload.venue = Object.assign(new Venue(), payload.venue);
    expect(fastPathAccepts('civil-daily-cause-list', payload)).toBe(false);
    expect(validatePayload('CIVIL_DAILY_CAUSE_LIST', payload)).toEqual(
      validateWithZod('civil-daily-cause-list', payload),
    );
  });
});

describe('compileFastCheck on each zod construct it reads', () => {
  const looseKeys = new Set(['organisationName']);
  const schemas: [string, z.ZodType][] = [
    ['bounded array', z.array(z.string()).min(1).max(2)],
    ['int', z.object({ n: z.int() })],
    ['number', z.object({ n: z.number() })],
    ['nullable and optional', z.object({ a: z.string().nullable(), b: z.boolean().optional() })],
    ['enum and literal', z.object({ a: z.enum(['A', 'B<x>']), b: z.literal('L').optional() })],
    ['strict union', z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.int() })])],
    ['loose object', z.looseObject({ a: z.string() })],
    ['record', z.record(z.string(), z.union([z.string(), z.null()]))],
    ['required unknown', z.object({ a: z.unknown() })],
    ['regex and lengths', z.object({ a: z.string().regex(/^\d+$/).min(2).max(3) })],
    [
      'declared refinement',
      z
        .object({ a: z.string().optional(), b: z.int().optional() })
        .refine(fastPredicate((v: { a?: string; b?: number }) => v.a !== undefined || v.b === 3)),
    ],
    ['declared custom', z.object({ a: z.custom<unknown>(fastPredicate((v: unknown) => v !== undefined)) })],
  ];
  const values: unknown[] = [
    undefined,
    null,
    [],
    ['x'],
    ['x', 'y'],
    ['x', 'y', 'z'],
    ['<b>x</b>'],
    {},
    { n: 1 },
    { n: 1.5 },
    { n: Number.MAX_SAFE_INTEGER + 2 },
    { n: '1' },
    { a: null },
    { a: 'x', b: true },
    { a: 'x', b: 'true' },
    { a: 'A' },
    { a: 'B<x>' },
    { a: 'A', b: 'L' },
    { a: 'A', b: 'M' },
    { a: 'x', c: 1 },
    { b: 3 },
    { b: 3.5 },
    { a: 'x', organisationName: 'Pro <valid>' },
    { a: 'x', other: 'Pro <invalid>' },
    { a: '12' },
    { a: '1234' },
    { a: '1' },
    { a: 'ab' },
    { a: undefined },
    { a: ['<i>'] },
  ];

  it.each(schemas)('agrees with zod and the HTML scan: %s', (_name, schema) => {
    const check = compileFastCheck([schema], looseKeys);
    if (check === null) throw new Error('expected a fast path');
    for (const value of values) {
      const expected = schema.safeParse(value).success && findHtmlInStrings(value, looseKeys).length === 0;
      expect(check(value), JSON.stringify(value)).toBe(expected);
    }
  });

  it('merges two schemas into one check that demands both', () => {
    const a = z.object({ x: z.string().optional(), y: z.array(z.string()).max(2).optional() });
    const b = z.object({ x: z.string().regex(/^\d+$/), y: z.array(z.string()).min(1).optional() });
    const check = compileFastCheck([a, null, b], looseKeys);
    if (check === null) throw new Error('expected a fast path');
    for (const value of [
      {},
      { x: '1' },
      { x: 'a' },
      { x: '1', y: [] },
      { x: '1', y: ['a'] },
      { x: '1', y: ['a', 'b', 'c'] },
    ]) {
      expect(check(value), JSON.stringify(value)).toBe(a.safeParse(value).success && b.safeParse(value).success);
    }
  });

  it('declines constructs it does not reproduce', () => {
    // Refinements and custom schemas not declared with fastPredicate.
    expect(compileFastCheck([z.object({ a: z.string() }).refine(() => true)], looseKeys)).toBeNull();
    expect(compileFastCheck([z.custom<unknown>(() => true)], looseKeys)).toBeNull();
    expect(compileFastCheck([z.string().transform((text) => text.length)], looseKeys)).toBeNull();
    expect(compileFastCheck([z.string().startsWith('a')], looseKeys)).toBeNull();
    expect(compileFastCheck([z.object({ toString: z.string() })], looseKeys)).toBeNull();
  });
});
