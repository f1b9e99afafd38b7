import { describe, expect, it } from 'vitest';
import {
  feedBodyWithRestrictions,
  RESTRICTION_WORDING,
  restrictedCasesAfter,
  restrictionEffect,
} from './reporting-restrictions.js';
import en from '../../functions/web/pages/court-screen/en.json' with { type: 'json' };

const update = (rooms: [string, number, string][]) => ({
  locationName: 'Court',
  lastUpdated: '2026-11-30T10:00:00',
  locationUpdates: rooms.map(([caseNumber, eventId, eventName], i) => ({
    courtRoom: i + 1,
    caseNumber,
    caseName: `Name of ${caseNumber}`,
    event: { eventId, eventStatus: '', eventName, eventTime: '10:00' },
  })),
});

describe('reporting restrictions', () => {
  it('are set by event 38 or a restriction by name, lifted by event 39, and restrict when id and name disagree', () => {
    expect(restrictionEffect({ eventId: 38, eventName: '' })).toBe('restrict');
    expect(restrictionEffect({ eventId: 5, eventName: ' reporting  restrictions. For details' })).toBe('restrict');
    expect(restrictionEffect({ eventId: 39, eventName: 'Reporting Restrictions Lifted' })).toBe('lift');
    expect(restrictionEffect({ eventId: 2, eventName: 'Reporting Restrictions Lifted' })).toBe('lift');
    expect(restrictionEffect({ eventId: 38, eventName: 'Reporting Restrictions Lifted' })).toBe('restrict');
    expect(restrictionEffect({ eventId: 39, eventName: 'Reporting Restrictions. For details' })).toBe('restrict');
    expect(restrictionEffect({ eventId: 2, eventName: 'Appeal Interpreter Sworn' })).toBe('none');
  });

  it('carry forward what was held, ignoring rooms with no case', () => {
    expect(
      restrictedCasesAfter(
        ['A'],
        update([
          ['B', 38, ''],
          ['', 38, ''],
          ['C', 1, 'Adjourned'],
        ]),
      ),
    ).toEqual(['A', 'B']);
    expect(restrictedCasesAfter(['A', 'B'], update([['A', 39, '']]))).toEqual(['B']);
  });

  it("replace a restricted case's name in the feed body, and leave an unrestricted body byte for byte", () => {
    const body = Buffer.from(
      JSON.stringify(
        update([
          ['A', 38, ''],
          ['B', 2, 'Sworn'],
        ]),
      ),
    );
    expect(feedBodyWithRestrictions(body, new Set())).toBe(body);
    const served = feedBodyWithRestrictions(body, new Set(['A']))?.toString() ?? '';
    expect(served).not.toContain('Name of A');
    expect(served).toContain('Name of B');
    expect(JSON.parse(served)).toMatchObject({
      locationUpdates: [{ caseNumber: 'A', caseName: RESTRICTION_WORDING, reportingRestrictions: true }, {}],
    });
    expect(feedBodyWithRestrictions(Buffer.from('not json'), new Set(['A']))).toBeNull();
    expect(en.restricted).toBe(RESTRICTION_WORDING);
  });
});
