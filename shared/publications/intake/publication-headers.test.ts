import { describe, expect, it } from 'vitest';
import { londonOffsetMs, summerTimeOf, toInstant, validatePublicationHeaders } from './publication-headers.js';

const now = new Date('2026-11-29T12:00:00Z');
const base: Record<string, string> = {
  'x-provenance': 'HMI',
  'x-type': 'LIST',
  'x-list-type': 'CIVIL_DAILY_CAUSE_LIST',
  'x-court-id': '1234',
  'x-content-date': '2026-11-30T09:00:00',
  'x-sensitivity': 'PUBLIC',
  'x-language': 'ENGLISH',
  'x-display-from': '2026-11-29T00:00:00',
  'x-display-to': '2026-12-01T00:00:00',
};

function validate(overrides: Record<string, string | null>) {
  const headers = new Headers();
  for (const [name, value] of Object.entries({ ...base, ...overrides })) if (value !== null) headers.set(name, value);
  return validatePublicationHeaders(headers, now);
}

const fields = (result: ReturnType<typeof validate>): string[] => (result.ok ? [] : result.details.map((d) => d.field));

describe('validatePublicationHeaders', () => {
  it('accepts the usual headers', () => {
    expect(validate({}).ok).toBe(true);
  });

  it('refuses impossible calendar dates, naming the header', () => {
    expect(fields(validate({ 'x-content-date': '2026-02-30' }))).toEqual(['x-content-date']);
    expect(fields(validate({ 'x-display-from': '0000-01-01' }))).toEqual(['x-display-from']);
    for (const value of ['2026-13-01', '2026-04-31T09:00', '2026-11-30T24:00:00', '2026-11-30T09:60', '2025-02-29']) {
      expect(fields(validate({ 'x-content-date': value })), value).toEqual(['x-content-date']);
    }
    for (const value of ['2028-02-29', '2026-11-30T23:59:59.999+01:00', '2026-11-30 09:00', '2026-11-30']) {
      expect(validate({ 'x-content-date': value }).ok, value).toBe(true);
    }
  });

  it('holds x-provenance and x-court-id to letters, digits, _ and - (at most 64)', () => {
    for (const bad of [
      '<script>alert(1)</script>',
      '../../etc/passwd',
      'NoMatch<img onerror=x>',
      'a b',
      'x'.repeat(65),
    ]) {
      expect(fields(validate({ 'x-provenance': bad, 'x-court-id': bad })), bad).toEqual(['x-provenance', 'x-court-id']);
    }
    expect(validate({ 'x-provenance': 'COMMON_PLATFORM', 'x-court-id': 'abc-123_X' }).ok).toBe(true);
  });

  it('refuses a list type on a live case status update', () => {
    expect(validate({ 'x-type': 'LCSU', 'x-list-type': 'CIVIL_DAILY_CAUSE_LIST' })).toEqual({
      ok: false,
      details: [{ field: 'x-list-type', problem: 'x-list-type must not be sent when x-type is LCSU' }],
    });
    expect(validate({ 'x-type': 'LCSU', 'x-list-type': null, 'x-sensitivity': null }).ok).toBe(true);
  });

  it('refuses an empty or missing sensitivity unless the catalogue default is PUBLIC', () => {
    for (const value of ['', null]) {
      expect(fields(validate({ 'x-sensitivity': value })), String(value)).toEqual(['x-sensitivity']);
      expect(fields(validate({ 'x-list-type': 'SJP_PRESS_LIST', 'x-sensitivity': value }))).toEqual(['x-sensitivity']);
      expect(
        fields(validate({ 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': null, 'x-sensitivity': value })),
      ).toEqual(['x-sensitivity']);
      const crownDaily = validate({ 'x-list-type': 'CROWN_DAILY_PDDA_LIST', 'x-sensitivity': value });
      expect(crownDaily.ok && crownDaily.metadata.sensitivity).toBe('PUBLIC');
    }
  });
});

describe('display times without an offset are UK time (Europe/London), issue 18', () => {
  it.each([
    ['2026-07-01T09:00:00', '2026-07-01T08:00:00.000Z'], // BST
    ['2026-12-01T09:00:00', '2026-12-01T09:00:00.000Z'], // GMT
    ['2026-07-01', '2026-06-30T23:00:00.000Z'], // midnight in London
    ['2026-07-01 23:30', '2026-07-01T22:30:00.000Z'],
    ['2026-10-25T01:30:00', '2026-10-25T00:30:00.000Z'], // clocks go back: the first (BST) 01:30
    ['2026-03-29T01:30:00', '2026-03-29T01:30:00.000Z'], // clocks skip 01:00-02:00: an hour later, 02:30 BST
    ['2026-07-01T09:00:00Z', '2026-07-01T09:00:00.000Z'],
    ['2026-07-01T09:00:00+02:00', '2026-07-01T07:00:00.000Z'],
  ])('%s is %s', (given, instant) => {
    expect(toInstant(given).toISOString()).toBe(instant);
  });

  it('works out each offset as the time zone database has it, 1970 to 2060, the clock changes included', () => {
    // The oracle: what Intl says the wall-clock time in London is, less the instant.
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const oracle = (instant: number): number => {
      const part = (type: string): number =>
        Number(format.formatToParts(new Date(instant)).find((p) => p.type === type)?.value ?? Number.NaN);
      return (
        Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - instant
      );
    };
    const instants: number[] = [];
    for (let year = 1970; year <= 2060; year++) {
      for (let month = 0; month < 12; month++) {
        // Around 01:00 UTC on each Sunday from the 22nd (the clocks change on the last one), and a weekday noon.
        for (let day = 22; day <= 31; day++) {
          const one = Date.UTC(year, month, day, 1);
          instants.push(one - 3_600_000, one - 1000, one, one + 1000, one + 3_600_000);
        }
        instants.push(Date.UTC(year, month, 10, 12));
      }
    }
    const wrong = instants.filter((instant) => londonOffsetMs(instant) !== oracle(instant));
    expect(wrong.map((instant) => new Date(instant).toISOString())).toEqual([]);
    // Summer and winter both occur among them (the comparison is not only between zeros), and since 1996 the offsets
    // come from the rule (confirmed once a year), not from formatting each one.
    expect(summerTimeOf(2026)).toEqual({ start: Date.UTC(2026, 2, 29, 1), end: Date.UTC(2026, 9, 25, 1) });
    expect(summerTimeOf(1996)).toEqual({ start: Date.UTC(1996, 2, 31, 1), end: Date.UTC(1996, 9, 27, 1) });
    expect(summerTimeOf(1995)).toBeNull();
    expect(new Set(instants.map(londonOffsetMs))).toEqual(new Set([0, 3_600_000]));
  });

  it('stores the instants: a summer list without an offset comes down at its UK time, not an hour late', () => {
    const result = validate({ 'x-display-from': '2026-07-01T09:00:00', 'x-display-to': '2026-07-01T17:00:00' });
    expect(result).toMatchObject({
      ok: true,
      metadata: { displayFrom: '2026-07-01T08:00:00.000Z', displayTo: '2026-07-01T16:00:00.000Z' },
    });
  });
});
