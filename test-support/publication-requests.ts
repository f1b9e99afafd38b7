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
