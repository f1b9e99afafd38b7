/** The live service's example payloads, with the list type each is published as and facts its rendering must show. */
import { readFileSync } from 'node:fs';
import { findListType, type ListTypeDefinition } from '../../../shared/publications/catalogue/list-types.js';
import { fixtureDirectory } from '../../../test-support/fixtures.js';
import type { ListRenderInput } from './render-list.js';

export const examplesDirectory = fixtureDirectory('lists');

export interface ListExample {
  file: string;
  listTypeId: string;
  /** Case numbers, courtrooms, names... that the view model and the page must contain. */
  facts: string[];
}

export const listExamples: readonly ListExample[] = [
  {
    file: 'civilDailyCauseList.json',
    listTypeId: 'CIVIL_DAILY_CAUSE_LIST',
    facts: ['45684548', '12345678', 'This is a case number', 'A Vs B [2 of 3]', 'VIDEO HEARING'],
  },
  {
    file: 'familyDailyCauseList.json',
    listTypeId: 'FAMILY_DAILY_CAUSE_LIST',
    facts: ['12341234', 'This is the court room name', 'Applicant surname', 'Reporting restriction 1', 'Directions'],
  },
  {
    file: 'civilAndFamilyDailyCauseList.json',
    listTypeId: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
    facts: ['12341234', 'This is the court room name', 'This is the site name', 'Directions'],
  },
  {
    file: 'copDailyCauseList.json',
    listTypeId: 'COP_DAILY_CAUSE_LIST',
    facts: ['12341234', 'Room 1', 'Judge TestName Regional', 'Reporting restriction 1; Reporting restriction 2'],
  },
  {
    file: 'crownDailyPddaList.json',
    listTypeId: 'CROWN_DAILY_PDDA_LIST',
    facts: ['T00112233', 'TestMaskedName', 'TestProsecutingOrg', 'TestListNote', 'TestHearingDescription'],
  },
  {
    file: 'crownFirmPddaList.json',
    listTypeId: 'CROWN_FIRM_PDDA_LIST',
    facts: ['T00112233', 'T00112244', 'TestSolicitorOrg', 'TestReserveHearing'],
  },
  {
    file: 'crownWarnedPddaList.json',
    listTypeId: 'CROWN_WARNED_PDDA_LIST',
    facts: ['T00112233', 'T00112244', 'TestLinkedCaseNumber', 'TestInstruction1', 'TestMaskedName2'],
  },
  {
    file: 'magistratesPublicList.json',
    listTypeId: 'MAGISTRATES_PUBLIC_LIST',
    facts: [
      '12341234',
      'CourtRoom 1',
      'Surname 1, Forename 1',
      'Pro_Auth <this is valid text>',
      'Test Application Type',
    ],
  },
  {
    file: 'magistratesStandardList.json',
    listTypeId: 'MAGISTRATES_STANDARD_LIST',
    facts: [
      '45684548',
      'Courtroom 1',
      'Respondent Surname, Respondent Forename',
      'drink driving',
      'ABC1234',
      'PNC12345',
      'AppRefA',
      'Local Justice Area A',
    ],
  },
  {
    file: 'magistratesAdultCourtList.json',
    listTypeId: 'MAGISTRATES_ADULT_COURT_LIST_DAILY',
    facts: [
      '1000000000',
      'Mr Test User',
      '06/11/1975',
      '1 High Street, London, SW1A 1AA',
      'POL01',
      'TH68002',
      'Offence title 2',
      'Offence summary 4',
      "North Shields Magistrates' Court",
      "North Northumbria Magistrates' Court",
    ],
  },
  {
    file: 'magistratesPublicAdultCourtList.json',
    listTypeId: 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY',
    facts: ['1000000000', 'Mrs Test User', '1000000003', "North Northumbria Magistrates' Court"],
  },
  {
    file: 'sjpPublicList.json',
    listTypeId: 'SJP_PUBLIC_LIST',
    facts: ['A This is a surname', 'This is an offence title', 'This is an organisation', 'AA'],
  },
  {
    file: 'sjpPressList.json',
    listTypeId: 'SJP_PRESS_LIST',
    facts: ['ABC12345', 'This is an offence title', 'This is offence wording', '01/01/1800', 'Address Line 1'],
  },
  {
    file: 'sscsDailyList.json',
    listTypeId: 'SSCS_DAILY_LIST',
    facts: ['12341234', 'Test court house name', 'Judge TestName Presiding', 'Respondent Organisation'],
  },
  {
    file: 'etDailyList.json',
    listTypeId: 'ET_DAILY_LIST',
    facts: ['12341234', 'Court 1', 'Leicester Crown Court', 'Claimant surname', 'This is a hearing type'],
  },
  {
    file: 'etFortnightlyList.json',
    listTypeId: 'ET_FORTNIGHTLY_PRESS_LIST',
    facts: [
      '12341234 [2 of 3]',
      'Leicester Crown Court',
      'Nottingham Justice Centre',
      'Organisation Name',
      'Test Surname 2',
      'This is a hearing type',
      'This is a sitting channel',
    ],
  },
  {
    file: 'iacDailyList.json',
    listTypeId: 'IAC_DAILY_LIST',
    facts: ['12341234', 'Bail List', 'Judge Test Name', 'French', 'Teams'],
  },
  {
    file: 'sscsDailyHearingList.json',
    listTypeId: 'SSCS_LONDON_DAILY_HEARING_LIST',
    facts: ['1234567', '12345672', 'Courtroom 1', 'Tribunal member 3', 'Respondent 2'],
  },
  {
    file: 'countyCourtLondonCivilDailyCauseList.json',
    listTypeId: 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Venue A', 'Judge B', '10:30am', 'This is another additional information'],
  },
  // The live portal's unit-test payloads of the tabular (non-strategic) lists, one per list type it renders.
  {
    file: 'administrativeCourtDailyCauseList.json',
    listTypeId: 'BIRMINGHAM_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'admiraltyCourtKbDailyCauseList.json',
    listTypeId: 'ADMIRALTY_COURT_KB_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'astDailyHearingList.json',
    listTypeId: 'AST_DAILY_HEARING_LIST',
    facts: ['12345', '12346', 'Appellant B'],
  },
  {
    file: 'businessListChdDailyCauseList.json',
    listTypeId: 'BUSINESS_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'chanceryAppealsChdDailyCauseList.json',
    listTypeId: 'CHANCERY_APPEALS_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'cicWeeklyHearingList.json',
    listTypeId: 'CIC_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'This is another case name', 'Judge B'],
  },
  {
    file: 'civilCourtsRcjDailyCauseList.json',
    listTypeId: 'CIVIL_COURTS_RCJ_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'commercialCourtKbDailyCauseList.json',
    listTypeId: 'COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'companiesWindingUpChdDailyCauseList.json',
    listTypeId: 'COMPANIES_WINDING_UP_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'competitionListChdDailyCauseList.json',
    listTypeId: 'COMPETITION_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'countyCourtLondonCivilDailyCauseList-frontend.json',
    listTypeId: 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'courtOfAppealCivilDailyCauseList.json',
    listTypeId: 'COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST',
    facts: ['12345', '12356', '01/06/2025', 'Case details D'],
  },
  {
    file: 'courtOfAppealCriminalDailyCauseList.json',
    listTypeId: 'COURT_OF_APPEAL_CRIMINAL_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    // The live portal's one payload for the Care Standards and Primary Health Lists tribunals (two schemas alike).
    file: 'cstAndPhtWeeklyHearingList.json',
    listTypeId: 'CST_WEEKLY_HEARING_LIST',
    facts: ['12/01/2024', 'Case Name 2', 'Hearing Length 2', 'This is a venue 2'],
  },
  {
    file: 'cstAndPhtWeeklyHearingList.json',
    listTypeId: 'PHT_WEEKLY_HEARING_LIST',
    facts: ['12/01/2024', 'Case Name 2', 'Hearing Length 2', 'This is a venue 2'],
  },
  {
    file: 'familyDivisionHighCourtDailyCauseList.json',
    listTypeId: 'FAMILY_DIVISION_HIGH_COURT_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'financialListChdKbDailyCauseList.json',
    listTypeId: 'FINANCIAL_LIST_CHD_KB_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'fttLandRegistryTribunalWeeklyHearingList.json',
    listTypeId: 'FTT_LR_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'This is another case name', 'Judge B'],
  },
  {
    file: 'fttResidentialPropertyTribunalWeeklyHearingList.json',
    listTypeId: 'RPT_LONDON_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'Judge B'],
  },
  {
    file: 'fttTaxWeeklyHearingList.json',
    listTypeId: 'FTT_TAX_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'This is another case name', 'Judge B'],
  },
  {
    file: 'grcWeeklyHearingList.json',
    listTypeId: 'GRC_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'This is another case name', 'Judge B'],
  },
  {
    file: 'insolvencyAndCompaniesCourtChdDailyCauseList.json',
    listTypeId: 'INSOLVENCY_AND_COMPANIES_COURT_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'intellectualPropertyAndEnterpriseCourtDailyCauseList.json',
    listTypeId: 'INTELLECTUAL_PROPERTY_AND_ENTERPRISE_COURT_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'intellectualPropertyListChdDailyCauseList.json',
    listTypeId: 'INTELLECTUAL_PROPERTY_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'interimApplicationsChanceryDivisionDailyCauseList.json',
    listTypeId: 'INTERIM_APPLICATIONS_CHD_DAILY_CAUSE_LIST',
    facts: ['1234', '5678', 'Case type C', 'Judge OpenJusticeTest', 'Judge.OpenJusticeTest@justice.gov.uk'],
  },
  {
    file: 'kingsBenchDivisionDailyCauseList.json',
    listTypeId: 'KINGS_BENCH_DIVISION_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'kingsBenchMastersDailyCauseList.json',
    listTypeId: 'KINGS_BENCH_MASTERS_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'londonAdministrativeCourtDailyCauseList.json',
    listTypeId: 'LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B'],
  },
  {
    file: 'londonCircuitCommercialCourtKbDailyCauseList.json',
    listTypeId: 'LONDON_CIRCUIT_COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'mayorAndCityCivilDailyCauseList.json',
    listTypeId: 'MAYOR_AND_CITY_CIVIL_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'patentsCourtChdDailyCauseList.json',
    listTypeId: 'PATENTS_COURT_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'pensionsListChdDailyCauseList.json',
    listTypeId: 'PENSIONS_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'propertyTrustsProbateListChdDailyCauseList.json',
    listTypeId: 'PROPERTY_TRUSTS_PROBATE_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'revenueListChdDailyCauseList.json',
    listTypeId: 'REVENUE_LIST_CHD_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'sendDailyHearingList.json',
    listTypeId: 'SEND_DAILY_HEARING_LIST',
    facts: ['1234', '12345', 'Respondent B', 'Venue B'],
  },
  {
    file: 'seniorCourtsCostsOfficeDailyCauseList.json',
    listTypeId: 'SENIOR_COURTS_COSTS_OFFICE_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case details B', 'Judge B'],
  },
  {
    file: 'siacWeeklyHearingList.json',
    listTypeId: 'SIAC_WEEKLY_HEARING_LIST',
    facts: ['1234', 'Appellant 1', 'Courtroom 1'],
  },
  {
    file: 'sscsDailyHearingList-frontend.json',
    listTypeId: 'SSCS_LONDON_DAILY_HEARING_LIST',
    facts: ['1234567', 'Appellant 1', 'Venue 1'],
  },
  {
    file: 'technologyAndConstructionCourtKbDailyCauseList.json',
    listTypeId: 'TECHNOLOGY_AND_CONSTRUCTION_COURT_KB_DAILY_CAUSE_LIST',
    facts: ['12345', '12346', 'Case name B', 'Judge B'],
  },
  {
    file: 'utAdministrativeAppealsChamberDailyHearingList.json',
    listTypeId: 'UT_AAC_DAILY_HEARING_LIST',
    facts: ['12345', 'Appellant 1', 'Judge A'],
  },
  {
    file: 'utIacJudicialReviewDailyHearingList.json',
    listTypeId: 'UT_IAC_JR_LEEDS_DAILY_HEARING_LIST',
    facts: ['1234', '5678', 'Case B', 'Judge B'],
  },
  {
    file: 'utIacJudicialReviewLondonDailyHearingList.json',
    listTypeId: 'UT_IAC_JR_LONDON_DAILY_HEARING_LIST',
    facts: ['1234', '1235', 'Case B', 'Judge B'],
  },
  {
    file: 'utIacStatutoryAppealsDailyHearingList.json',
    listTypeId: 'UT_IAC_STATUTORY_APPEALS_DAILY_HEARING_LIST',
    facts: ['1234', '1235', 'Appellant B', 'Judge B'],
  },
  {
    file: 'utLandsChamberDailyHearingList.json',
    listTypeId: 'UT_LC_DAILY_HEARING_LIST',
    facts: ['12345', 'This is a case name', 'Judge A'],
  },
  {
    file: 'utTaxAndChanceryChamberDailyHearingList.json',
    listTypeId: 'UT_T_AND_CC_DAILY_HEARING_LIST',
    facts: ['12345', 'This is a case name', 'Judge A'],
  },
  {
    file: 'wpafccWeeklyHearingList.json',
    listTypeId: 'WPAFCC_WEEKLY_HEARING_LIST',
    facts: ['1234', '1235', 'This is another case name', 'This is a venue name'],
  },
];

export function listTypeById(id: string): ListTypeDefinition {
  const lookup = findListType(id);
  if (lookup.kind === 'unknown') throw new Error(lookup.message);
  return lookup.listType;
}

export function readExample(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, examplesDirectory), 'utf8'));
}

export function exampleInput(example: ListExample, language: 'en' | 'cy'): ListRenderInput {
  return {
    listType: listTypeById(example.listTypeId),
    payload: readExample(example.file),
    language,
    contentDate: '2024-07-21',
    lastUpdated: '2024-07-20T20:00:00Z',
    court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
  };
}
