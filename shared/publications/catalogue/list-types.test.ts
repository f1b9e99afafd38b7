import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { findListType, listTypes, type ListTypeDefinition } from './list-types.js';
import { payloadSchemas } from './payload-schemas.js';

describe('list-type catalogue', () => {
  it('holds every list type of the live service once', () => {
    expect(listTypes.length).toBe(102);
    expect(new Set(listTypes.map((listType) => listType.id)).size).toBe(listTypes.length);
  });

  it('gives every list type a non-empty English and Welsh name', () => {
    for (const listType of listTypes) {
      expect(listType.friendlyName.en.trim(), listType.id).not.toBe('');
      expect(listType.friendlyName.cy.trim(), listType.id).not.toBe('');
    }
  });

  it('points every list type at a schema that exists', () => {
    for (const listType of listTypes) expect(payloadSchemas[listType.schema], listType.id).toBeDefined();
  });

  it('validates no current list type by the master schema alone', () => {
    // A schema of its own, or `file-only`: the master schema alone would accept payloads no rendering reads.
    const looselyValidated = listTypes.filter((t) => !t.deprecated && t.schema === 'master').map((t) => t.id);
    expect(looselyValidated).toEqual([]);
  });

  it('marks exactly the list types whose schema is file-only as published as files only', () => {
    for (const listType of listTypes) {
      expect(listType.fileOnly, listType.id).toBe(listType.schema === 'file-only');
      expect(payloadSchemas[listType.schema].acceptsJson, listType.id).toBe(!listType.fileOnly);
    }
  });

  it('lets SJP lists be read when CLASSIFIED by PI_AAD only', () => {
    for (const id of ['SJP_PUBLIC_LIST', 'SJP_PRESS_LIST', 'SJP_DELTA_PRESS_LIST', 'SJP_PRESS_REGISTER']) {
      expect(listTypes.find((listType) => listType.id === id)?.classifiedReadableBy).toEqual(['PI_AAD']);
    }
  });

  it('lets magistrates and crown PDDA lists be read by CRIME_IDAM and PI_AAD', () => {
    const crime = listTypes.filter(
      (listType) => listType.id.startsWith('MAGISTRATES_') || listType.id.endsWith('_PDDA_LIST'),
    );
    expect(crime.length).toBe(9);
    for (const listType of crime) expect(listType.classifiedReadableBy, listType.id).toEqual(['CRIME_IDAM', 'PI_AAD']);
  });

  it('lets civil, family and tribunal lists be read by CFT_IDAM', () => {
    for (const id of ['CIVIL_DAILY_CAUSE_LIST', 'FAMILY_DAILY_CAUSE_LIST', 'SSCS_DAILY_LIST', 'ET_DAILY_LIST']) {
      expect(listTypes.find((listType) => listType.id === id)?.classifiedReadableBy).toEqual(['CFT_IDAM']);
    }
  });

  it('keeps the live location levels', () => {
    const level = (id: string) => listTypes.find((listType) => listType.id === id)?.locationLevel;
    expect(level('CIVIL_DAILY_CAUSE_LIST')).toBe('VENUE');
    expect(level('SSCS_DAILY_LIST')).toBe('OWNING_HEARING_LOCATION');
    expect(level('SJP_PUBLIC_LIST')).toBe('NATIONAL');
  });
});

describe('findListType', () => {
  it('finds a list type whatever the case and surrounding spaces', () => {
    for (const name of ['CIVIL_DAILY_CAUSE_LIST', 'civil_daily_cause_list', ' Civil_Daily_Cause_List ']) {
      const lookup = findListType(name);
      expect(lookup.kind).toBe('found');
      if (lookup.kind === 'found') expect(lookup.listType.id).toBe('CIVIL_DAILY_CAUSE_LIST');
    }
  });

  it('answers deprecated list types by name with a clear message', () => {
    const deprecated = listTypes.filter((listType) => listType.deprecated).map((listType) => listType.id);
    expect(deprecated.sort()).toEqual(
      [
        'CARE_STANDARDS_LIST',
        'CIC_DAILY_HEARING_LIST',
        'CROWN_DAILY_LIST',
        'CROWN_FIRM_LIST',
        'CROWN_WARNED_LIST',
        'PRIMARY_HEALTH_LIST',
      ].sort(),
    );
    const lookup = findListType('crown_daily_list');
    expect(lookup).toMatchObject({
      kind: 'deprecated',
      message: 'CROWN_DAILY_LIST is deprecated and no longer accepted',
    });
  });

  it('answers an unknown name as unknown', () => {
    expect(findListType('NOT_A_LIST')).toEqual({
      kind: 'unknown',
      name: 'NOT_A_LIST',
      message: "'NOT_A_LIST' is not a known list type",
    });
  });
});

describe('default sensitivity (listLookup.json defaultSensitivity)', () => {
  it('is PUBLIC only for the crown daily PDDA list, CLASSIFIED for 8 press and crime lists, else none', () => {
    const withDefault = listTypes.filter((listType) => listType.defaultSensitivity !== null);
    expect(withDefault.filter((l) => l.defaultSensitivity === 'PUBLIC').map((l) => l.id)).toEqual([
      'CROWN_DAILY_PDDA_LIST',
    ]);
    expect(withDefault.filter((l) => l.defaultSensitivity === 'CLASSIFIED')).toHaveLength(8);
  });
});

/** The live service's own catalogue (test-fixtures/catalogue/, see SOURCES.md). */
describe('against the live service: list-type-schemas.tsv and listLookup.json', () => {
  const schemaOf = new Map(
    readFileSync(fixtureUrl('catalogue', 'list-type-schemas.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t') as [string, string]),
  );
  const lookup = JSON.parse(readFileSync(fixtureUrl('catalogue', 'listLookup.json'), 'utf8')) as Record<
    string,
    { friendlyName: string; welshFriendlyName: string; url: string; defaultSensitivity: string }
  >;
  /** The live schema file a catalogue schema is written from, as the TSV names it. */
  const liveSchemaName = (listType: ListTypeDefinition) =>
    payloadSchemas[listType.schema].source.replace(/^non-strategic\//, 'non-strategic_').replace(/\.json$/, '');

  it('validates each list type the live service takes as JSON with the zod schema written from its live schema', () => {
    expect(schemaOf.size).toBe(88);
    const mapped = [...schemaOf.keys()].map((id) => {
      const listType = listTypes.find((candidate) => candidate.id === id);
      return [id, listType === undefined || listType.deprecated ? '(none)' : liveSchemaName(listType)];
    });
    expect(Object.fromEntries(mapped)).toEqual(Object.fromEntries(schemaOf));
    expect(new Set(mapped.map(([, schema]) => schema)).size).toBe(41);
  });

  it('takes the other current list types as files only, and every file-only one has no JSON view in the live portal', () => {
    const notJson = listTypes.filter((listType) => !listType.deprecated && !schemaOf.has(listType.id));
    expect(notJson.filter((listType) => !listType.fileOnly).map((listType) => listType.id)).toEqual([]);
    expect(listTypes.filter((listType) => listType.fileOnly).map((listType) => listType.id)).toEqual(
      notJson.map((listType) => listType.id),
    );
    expect(notJson.map((listType) => listType.id)).toEqual(
      expect.arrayContaining(['SJP_PRESS_REGISTER', 'PCOL_DAILY_CAUSE_LIST']),
    );
    for (const id of ['SJP_PRESS_REGISTER', 'PCOL_DAILY_CAUSE_LIST']) expect(lookup[id]?.url, id).toBe('');
  });

  it('names every list type of listLookup.json with its English and Welsh names, and leaves no Welsh name pending', () => {
    const names = Object.keys(lookup).map((id) => {
      const listType = listTypes.find((candidate) => candidate.id === id);
      return [id, listType && { en: listType.friendlyName.en, cy: listType.friendlyName.cy }];
    });
    expect(Object.fromEntries(names)).toEqual(
      Object.fromEntries(
        Object.entries(lookup).map(([id, entry]) => [id, { en: entry.friendlyName, cy: entry.welshFriendlyName }]),
      ),
    );
    // listLookup.json does not name the deprecated list types nor FTT_RPT_MARKET_RENTS_WEEKLY_HEARING_LIST: their
    // Welsh names are written here (welsh-names-written-here.json, in the translator's register).
    expect(
      listTypes.filter((listType) => lookup[listType.id] === undefined && !listType.deprecated).map((t) => t.id),
    ).toEqual(['FTT_RPT_MARKET_RENTS_WEEKLY_HEARING_LIST']);
    for (const listType of listTypes) {
      expect(listType.friendlyName.cy, listType.id).not.toBe(listType.friendlyName.en);
      if (listType.deprecated) continue; // named by an older listLookup.json
      expect(listType.welshNameSource, listType.id).toBe(lookup[listType.id] ? 'live service' : 'written here');
    }
  });

  it('keeps the default sensitivity of listLookup.json', () => {
    for (const [id, entry] of Object.entries(lookup)) {
      const listType = listTypes.find((candidate) => candidate.id === id);
      expect(listType?.defaultSensitivity ?? null, id).toBe(
        entry.defaultSensitivity === '' ? null : entry.defaultSensitivity,
      );
    }
  });
});
