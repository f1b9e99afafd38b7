/**
 * The live portal's own payloads of the strategic lists in test-fixtures/lists/ (`*-frontend.json`, from pip-frontend's
 * unit-test mocks, see SOURCES.md), each with the list type it is published as: for the tests that go over every
 * file there. `familyDailyCauseListWithReorderedPartyMappings-frontendInvalid.json` writes its dates `25-07-2022T…`,
 * which the live master schema's own pattern refuses: it is kept as an invalid example.
 */
export const strategicListFixtures: Readonly<Record<string, string>> = {
  'civilAndFamilyDailyCauseList-frontend.json': 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
  'copDailyCauseList-frontend.json': 'COP_DAILY_CAUSE_LIST',
  'crownDailyPddaList-frontend.json': 'CROWN_DAILY_PDDA_LIST',
  'crownFirmPddaList-frontend.json': 'CROWN_FIRM_PDDA_LIST',
  'crownWarnedPddaList-frontend.json': 'CROWN_WARNED_PDDA_LIST',
  'dailyCauseList-frontend.json': 'CIVIL_DAILY_CAUSE_LIST',
  'dailyCauseEmptyCourtList-frontend.json': 'CIVIL_DAILY_CAUSE_LIST',
  'etDailyList-frontend.json': 'ET_DAILY_LIST',
  'familyDailyCauseList-frontend.json': 'FAMILY_DAILY_CAUSE_LIST',
  'familyDailyCauseListPartyMapping-frontend.json': 'FAMILY_DAILY_CAUSE_LIST',
  'familyDailyCauseListWithReorderedPartyMappings-frontendInvalid.json': 'FAMILY_DAILY_CAUSE_LIST',
  'iacDailyList-frontend.json': 'IAC_DAILY_LIST',
  'magistratesPublicList-frontend.json': 'MAGISTRATES_PUBLIC_LIST',
  'magistratesStandardList-frontend.json': 'MAGISTRATES_STANDARD_LIST',
  'sscsDailyList-frontend.json': 'SSCS_DAILY_LIST',
  'extendedSjpPressList-frontend.json': 'SJP_PRESS_LIST',
  'minimalSjpPressList-frontend.json': 'SJP_PRESS_LIST',
  'minimalSjpPublicList-frontend.json': 'SJP_PUBLIC_LIST',
};
