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
