/** What tests send to POST api/publication. Test code only. */

/**
 * The headers of HMI's civil daily cause list for the court HMI calls 1234 (OXFORD in publishing-world.ts), content
 * date 30 November 2026, shown from the 29th to 1 December; add the caller's authorization and any overrides.
 */
export const CIVIL_LIST_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'x-provenance': 'HMI',
  'x-type': 'LIST',
  'x-list-type': 'civil_daily_cause_list',
  'x-court-id': '1234',
  'x-content-date': '2026-11-30T09:00:00',
  'x-sensitivity': 'public',
  'x-language': 'ENGLISH',
  'x-display-from': '2026-11-29T00:00:00',
  'x-display-to': '2026-12-01T00:00:00',
};

/** Today (UTC, as `YYYY-MM-DD`) when the test file loaded. */
export const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);

/**
 * The headers of a public English list HMI publishes now, with its token, for the court HMI calls 1234: dated today,
 * shown from a day ago to a day ahead. Overrides follow; an override of '' leaves that header out.
 */
export function hmiListHeadersNow(token: string, overrides: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-provenance': 'HMI',
    'x-type': 'LIST',
    'x-court-id': '1234',
    'x-content-date': `${today}T09:00:00`,
    'x-sensitivity': 'PUBLIC',
    'x-language': 'ENGLISH',
    'x-display-from': yesterday,
    'x-display-to': tomorrow,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== ''));
}
