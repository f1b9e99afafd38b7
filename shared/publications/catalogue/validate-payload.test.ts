import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureDirectory, fixtureUrl, type FixtureKind } from '../../../test-support/fixtures.js';
import { strategicListFixtures } from '../../../test-support/strategic-list-fixtures.js';
import { tabularListFixtures } from '../../../test-support/tabular-list-fixtures.js';
import { listTypes } from './list-types.js';
import { fileOnlyProblem, formatPath, validatePayload, validateWithZod } from './validate-payload.js';

const readJson = (kind: FixtureKind, file: string): unknown => JSON.parse(readFileSync(fixtureUrl(kind, file), 'utf8'));

const examples: [file: string, listType: string][] = [
  ['civilAndFamilyDailyCauseList.json', 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST'],
  ['civilDailyCauseList.json', 'CIVIL_DAILY_CAUSE_LIST'],
  ['copDailyCauseList.json', 'COP_DAILY_CAUSE_LIST'],
  ['countyCourtLondonCivilDailyCauseList.json', 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST'],
  ['crownDailyPddaList.json', 'CROWN_DAILY_PDDA_LIST'],
  ['crownFirmPddaList.json', 'CROWN_FIRM_PDDA_LIST'],
  ['crownWarnedPddaList.json', 'CROWN_WARNED_PDDA_LIST'],
  ['etDailyList.json', 'ET_DAILY_LIST'],
  ['etFortnightlyList.json', 'ET_FORTNIGHTLY_PRESS_LIST'],
  ['familyDailyCauseList.json', 'FAMILY_DAILY_CAUSE_LIST'],
  ['iacDailyList.json', 'IAC_DAILY_LIST'],
  ['magistratesAdultCourtList.json', 'MAGISTRATES_ADULT_COURT_LIST_DAILY'],
  ['magistratesPublicAdultCourtList.json', 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY'],
  ['magistratesPublicList.json', 'MAGISTRATES_PUBLIC_LIST'],
  ['magistratesStandardList.json', 'MAGISTRATES_STANDARD_LIST'],
  ['sjpPressList.json', 'SJP_PRESS_LIST'],
  ['sjpPublicList.json', 'SJP_PUBLIC_LIST'],
  ['sscsDailyHearingList.json', 'SSCS_LONDON_DAILY_HEARING_LIST'],
  ['sscsDailyList.json', 'SSCS_DAILY_LIST'],
  ...Object.entries(tabularListFixtures),
  ...Object.entries(strategicListFixtures).filter(([file]) => !file.endsWith('Invalid.json')),
];

/** Fixtures that are one section of a list type's payload, not a payload (see test-fixtures/SOURCES.md). */
const sectionOnlyFixtures: readonly string[] = ['planningCourtDailyCauseList.json'];

describe('validatePayload with the live examples', () => {
  it('covers every example file', () => {
    const files = readdirSync(fixtureDirectory('lists')).filter(
      (file) => !file.endsWith('Invalid.json') && !sectionOnlyFixtures.includes(file),
    );
    expect(files.sort()).toEqual(examples.map(([file]) => file).sort());
  });

  it.each(examples)('accepts %s as %s', (file, listType) => {
    expect(validatePayload(listType, readJson('lists', file))).toEqual({ ok: true });
  });

  it('rejects civilDailyCauseListInvalid.json, naming the failing paths', () => {
    const result = validatePayload('CIVIL_DAILY_CAUSE_LIST', readJson('lists', 'civilDailyCauseListInvalid.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const sitting = 'courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0]';
    expect(result.details).toEqual(
      expect.arrayContaining([
        { field: 'courtLists[0].courtHouse.courtHouseName', problem: 'is required' },
        { field: `${sitting}.sittingStart`, problem: 'must be a UTC timestamp like 2024-01-31T10:00:00Z' },
        { field: `${sitting}.sittingEnd`, problem: 'must be a UTC timestamp like 2024-01-31T10:00:00Z' },
      ]),
    );
  });

  it('rejects the live portal mock whose dates are written 25-07-2022T…, as the live master schema does', () => {
    const result = validatePayload(
      'FAMILY_DAILY_CAUSE_LIST',
      readJson('lists', 'familyDailyCauseListWithReorderedPartyMappings-frontendInvalid.json'),
    );
    expect(result).toMatchObject({
      ok: false,
      details: expect.arrayContaining([
        { field: 'document.publicationDate', problem: 'must be a UTC timestamp like 2024-01-31T10:00:00Z' },
      ]) as unknown,
    });
  });

  it('rejects sjpPublicListInvalid.json, naming the failing paths', () => {
    const result = validatePayload('SJP_PUBLIC_LIST', readJson('lists', 'sjpPublicListInvalid.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const hearing = 'courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0].hearing[0]';
    expect(result.details.map((detail) => detail.field).sort()).toEqual(
      [
        `${hearing}.offence[0].offenceTitle`,
        `${hearing}.party[0].individualDetails.address.postCode`,
        `${hearing}.party[0].individualDetails.individualForenames`,
      ].sort(),
    );
  });

  it.each([
    'civilAndFamilyDailyCauseListTwoCases.json',
    'civilAndFamilyDailyCauseListFiftyCases.json',
    'civilAndFamilyDailyCauseListHundredCases.json',
    'civilAndFamilyDailyCauseListTwoHundredCases.json',
    'civilAndFamilyDailyCauseList1MB.json',
  ])('accepts the load-test payload %s', (file) => {
    expect(validatePayload('CIVIL_AND_FAMILY_DAILY_CAUSE_LIST', readJson('perf', file))).toEqual({ ok: true });
  });
});

/** The first item, failing the test when there is none. */
function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

describe('validatePayload rules', () => {
  const civil = () =>
    readJson('lists', 'civilDailyCauseList.json') as {
      venue: { venueAddress: { line: string[] } };
      courtLists: unknown[];
    };

  it('rejects HTML in any string, naming its path', () => {
    const payload = civil();
    payload.venue.venueAddress.line[0] = 'THE LAW COURTS <script>alert(1)</script>';
    expect(validatePayload('CIVIL_DAILY_CAUSE_LIST', payload)).toEqual({
      ok: false,
      details: [{ field: 'venue.venueAddress.line[0]', problem: 'must not contain HTML tags' }],
    });
  });

  it('rejects HTML in properties no schema names', () => {
    const payload = { ...civil(), note: '<img src=x onerror=alert(1)>' };
    expect(validatePayload('CIVIL_DAILY_CAUSE_LIST', payload)).toMatchObject({
      ok: false,
      details: [{ field: 'note' }],
    });
  });

  it('rejects HTML in crown PDDA and tabular lists too', () => {
    const rows = readJson('lists', 'sscsDailyHearingList.json') as Record<string, string>[];
    first(rows).appellant = '<b>Appellant</b>';
    expect(validatePayload('SSCS_LONDON_DAILY_HEARING_LIST', rows)).toMatchObject({
      ok: false,
      details: [{ field: '[0].appellant', problem: 'must not contain HTML tags' }],
    });
    const crown = readJson('lists', 'crownDailyPddaList.json') as {
      DailyList: { CrownCourt: { CourtHouseName: string } };
    };
    crown.DailyList.CrownCourt.CourtHouseName = 'Leeds <i>Crown</i> Court';
    expect(validatePayload('CROWN_DAILY_PDDA_LIST', crown)).toMatchObject({
      ok: false,
      details: [{ field: 'DailyList.CrownCourt.CourtHouseName', problem: 'must not contain HTML tags' }],
    });
  });

  it('reports a payload of the wrong shape at its root', () => {
    const result = validatePayload('CIVIL_DAILY_CAUSE_LIST', []);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details.map((detail) => detail.field)).toContain('(root)');
    expect(first(result.details).problem).toContain('expected object');
  });

  it('refuses deprecated and unknown list types as values, naming listType', () => {
    expect(validatePayload('crown_firm_list', civil())).toEqual({
      ok: false,
      details: [{ field: 'listType', problem: 'CROWN_FIRM_LIST is deprecated and no longer accepted' }],
    });
    expect(validatePayload('NO_SUCH_LIST', civil())).toEqual({
      ok: false,
      details: [{ field: 'listType', problem: "'NO_SUCH_LIST' is not a known list type" }],
    });
  });

  it('looks list types up case-insensitively', () => {
    expect(validatePayload('civil_daily_cause_list', civil())).toEqual({ ok: true });
  });

  it('lists the first 50 of 200,000 wrong-typed items and counts the rest (no spread limit)', () => {
    const result = validatePayload(
      'CST_WEEKLY_HEARING_LIST',
      Array.from({ length: 200_000 }, () => 1),
    );
    expect(result).toMatchObject({ ok: false, omitted: 199_950 });
    if (result.ok) return;
    expect(result.details).toHaveLength(50);
    expect(result.details[0]).toMatchObject({ field: '[0]' });
  });

  it('refuses HTML in an object key on the fast path and names it on the report', () => {
    const payload = civil() as Record<string, unknown>;
    payload['<script>alert(1)</script>'] = 'x';
    expect(validatePayload('CIVIL_DAILY_CAUSE_LIST', payload)).toEqual({
      ok: false,
      details: [{ field: '["<script>alert(1)</script>"]', problem: 'is a key that contains HTML tags' }],
    });
  });

  it('holds each tabular list type to its own table: every column, its time and date formats', () => {
    const row = {
      date: '01/05/2026',
      caseName: 'A v B',
      hearingLength: '1 day',
      hearingType: 'Final',
      venue: 'Remote',
      additionalInformation: '',
    };
    expect(validatePayload('CST_WEEKLY_HEARING_LIST', [row])).toEqual({ ok: true });
    expect(validatePayload('CST_WEEKLY_HEARING_LIST', [{ ...row, date: '1 May' }])).toEqual({
      ok: false,
      details: [{ field: '[0].date', problem: 'must be a date like 31/01/2026' }],
    });
    const withoutVenue: Partial<typeof row> = { ...row };
    delete withoutVenue.venue;
    expect(validatePayload('CST_WEEKLY_HEARING_LIST', [withoutVenue])).toEqual({
      ok: false,
      details: [{ field: '[0].venue', problem: 'is required' }],
    });
    expect(validatePayload('LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST', [])).toMatchObject({ ok: false });
    expect(
      validatePayload('LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST', {
        londonAdministrativeCourt: [],
        planningCourt: [],
      }),
    ).toEqual({ ok: true });
  });

  it('applies the SJP rule on the details a party needs', () => {
    const payload = readJson('lists', 'sjpPublicList.json') as {
      courtLists: { courtHouse: { courtRoom: { session: { sittings: { hearing: { party: object[] }[] }[] }[] }[] } }[];
    };
    const hearing = first(first(first(first(first(payload.courtLists).courtHouse.courtRoom).session).sittings).hearing);
    hearing.party = [{ partyRole: 'PROSECUTOR', individualDetails: { individualSurname: 'Smith' } }];
    const result = validatePayload('SJP_PUBLIC_LIST', payload);
    expect(result).toMatchObject({
      ok: false,
      details: [
        {
          field: 'courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0].hearing[0].party[0].organisationDetails',
        },
      ],
    });
  });
});

describe('formatPath', () => {
  it('writes JSON paths with dots and indexes', () => {
    expect(formatPath(['venue', 'venueAddress', 'line', 0])).toBe('venue.venueAddress.line[0]');
    expect(formatPath([2, 'fta/respondent'])).toBe('[2].fta/respondent');
    expect(formatPath(['a b'])).toBe('["a b"]');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('issue 11: no current list type accepts just any JSON', () => {
  const current = listTypes.filter((t) => !t.deprecated);

  it.each(current.map((t) => t.id))('refuses {"foo":1} as %s', (id) => {
    expect(validatePayload(id, { foo: 1 }).ok).toBe(false);
  });

  it('refuses every payload of a file-only list type, naming the list type, on both paths', () => {
    const fileOnly = current.filter((t) => t.fileOnly);
    expect(fileOnly.length).toBe(8);
    for (const listType of fileOnly) {
      expect(validatePayload(listType, readJson('lists', 'civilDailyCauseList.json'))).toEqual({
        ok: false,
        details: [{ field: 'listType', problem: `${listType.id} ${fileOnlyProblem}` }],
      });
      expect(validateWithZod(listType.schema, []).ok, listType.id).toBe(false);
    }
  });
});
