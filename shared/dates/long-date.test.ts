import { describe, expect, it } from 'vitest';
import { formatLongDate } from './long-date.js';

describe('formatLongDate', () => {
  it('writes a day as GOV.UK does, in English and Welsh, whatever follows the day', () => {
    expect(formatLongDate('2026-11-30', 'en')).toBe('30 November 2026');
    expect(formatLongDate('2026-11-30T09:00:00', 'cy')).toBe('30 Tachwedd 2026');
    expect(formatLongDate('2027-01-01', 'cy')).toBe('1 Ionawr 2027');
  });

  it('returns anything that is not a day as it is', () => {
    expect(formatLongDate('soon', 'en')).toBe('soon');
  });
});
