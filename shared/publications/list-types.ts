/**
 * The list-type catalogue: every list type of the live service (pip-data-models `ListType`, 102 entries including
 * the 6 deprecated ones), with its friendly names (pip-frontend `listLookup.json`, en and cy), location level and
 * the user provenances allowed to read it when CLASSIFIED (the live model's `allowedProvenances`), and the schema
 * its JSON payloads are validated against (./payload-schemas.ts).
 */
import type { UserProvenance } from '../auth/principal.js';
import type { PayloadSchemaId } from './payload-schemas.js';

/**
 * The level a list is published at, with the live service's names: a single venue; the venue that owns the
 * hearings of a region (ET and SSCS lists: the region level); or the whole country.
 */
export type LocationLevel = 'VENUE' | 'OWNING_HEARING_LOCATION' | 'NATIONAL';

export interface ListTypeDefinition {
  /** The live service's name, e.g. CIVIL_DAILY_CAUSE_LIST. */
  id: string;
  friendlyName: { en: string; cy: string };
  /**
   * True where the live service publishes no Welsh name we could source: `friendlyName.cy` then repeats the English
   * name, as the live service itself does for several lists, until a translation is supplied.
   */
  welshNamePending: boolean;
  locationLevel: LocationLevel;
  /** The user provenances allowed to read the list when it is CLASSIFIED. */
  classifiedReadableBy: readonly UserProvenance[];
  /** Deprecated list types are refused by name on ingestion. */
  deprecated: boolean;
  /** The schema that validates its JSON payloads. */
  schema: PayloadSchemaId;
  /**
   * The sensitivity the live service gives a publication of this type when the publisher sends none
   * (pip-frontend `listLookup.json` `defaultSensitivity`); null where it has none, and then the publisher must say.
   */
  defaultSensitivity: 'PUBLIC' | 'CLASSIFIED' | null;
}

/** `defaultSensitivity` as listLookup.json gives it; every other list type has none. */
const defaultSensitivities: Readonly<Record<string, 'PUBLIC' | 'CLASSIFIED'>> = {
  SJP_PRESS_LIST: 'CLASSIFIED',
  SJP_DELTA_PRESS_LIST: 'CLASSIFIED',
  SJP_PRESS_REGISTER: 'CLASSIFIED',
  MAGISTRATES_STANDARD_LIST: 'CLASSIFIED',
  MAGISTRATES_ADULT_COURT_LIST_DAILY: 'CLASSIFIED',
  MAGISTRATES_ADULT_COURT_LIST_FUTURE: 'CLASSIFIED',
  CROWN_FIRM_PDDA_LIST: 'CLASSIFIED',
  CROWN_WARNED_PDDA_LIST: 'CLASSIFIED',
  CROWN_DAILY_PDDA_LIST: 'PUBLIC',
};

const SJP: readonly UserProvenance[] = ['PI_AAD'];
const CRIME: readonly UserProvenance[] = ['CRIME_IDAM'];
const CRIME_AND_PRESS: readonly UserProvenance[] = ['CRIME_IDAM', 'PI_AAD'];
const CFT: readonly UserProvenance[] = ['CFT_IDAM'];

interface EntryOptions {
  deprecated?: boolean;
}

function entry(
  id: string,
  locationLevel: LocationLevel,
  classifiedReadableBy: readonly UserProvenance[],
  schema: PayloadSchemaId,
  en: string,
  cy: string | null,
  options: EntryOptions = {},
): ListTypeDefinition {
  return {
    id,
    friendlyName: { en, cy: cy ?? en },
    welshNamePending: cy === null,
    locationLevel,
    classifiedReadableBy,
    deprecated: options.deprecated ?? false,
    schema,
    defaultSensitivity: defaultSensitivities[id] ?? null,
  };
}

const V = 'VENUE';
const R = 'OWNING_HEARING_LOCATION';
const N = 'NATIONAL';
/** Tabular lists without a schema of their own yet (see ./schemas/non-strategic-lists.ts). */
const NS = 'non-strategic-rows';
const UTIAC_JR = 'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review:';
const RPT = 'First-tier Tribunal (Residential Property Tribunal):';
const SSCS_TRIBUNAL_EN = 'Social Security and Child Support Tribunal Daily Hearing List';
const SSCS_TRIBUNAL_CY = 'Rhestr Gwrandawiadau Dyddiol Tribiwnlys Nawdd Cymdeithasol a Chynhaliaeth Plant';

export const listTypes: readonly ListTypeDefinition[] = [
  // Single Justice Procedure
  entry(
    'SJP_PUBLIC_LIST',
    N,
    SJP,
    'sjp-public-list',
    'Single Justice Procedure Public List (Full List)',
    'Rhestr Gyhoeddus Y Weithdrefn Un Ynad (Rhestr Lawn)',
  ),
  entry(
    'SJP_DELTA_PUBLIC_LIST',
    N,
    SJP,
    'sjp-public-list',
    'Single Justice Procedure Public List (New Cases)',
    'Rhestr Gyhoeddus Y Weithdrefn Un Ynad (Achosion Newydd)',
  ),
  entry(
    'SJP_PRESS_LIST',
    N,
    SJP,
    'sjp-press-list',
    'Single Justice Procedure Press List (Full List)',
    'Rhestr y Wasg Y Weithdrefn Un Ynad (Rhestr Lawn)',
  ),
  entry(
    'SJP_DELTA_PRESS_LIST',
    N,
    SJP,
    'sjp-press-list',
    'Single Justice Procedure Press List (New Cases)',
    'Rhestr y Wasg Y Weithdrefn Un Ynad (Achosion Newydd)',
  ),
  entry(
    'SJP_PRESS_REGISTER',
    N,
    SJP,
    'master',
    'Single Justice Procedure Press Register',
    'Cofrestr y Wasg Y Weithdrefn Un Ynad',
  ),
  // Crown (the Common Platform lists, replaced by the PDDA lists)
  entry('CROWN_DAILY_LIST', V, CRIME, 'master', 'Crown Daily List', 'Rhestr Ddyddiol Llys y Goron', {
    deprecated: true,
  }),
  entry('CROWN_FIRM_LIST', V, CRIME, 'master', 'Crown Firm List', 'Rhestr Cwmni Llys y Goron', { deprecated: true }),
  entry('CROWN_WARNED_LIST', V, CRIME, 'master', 'Crown Warned List', 'Rhestr Rybudd Llys y Goron', {
    deprecated: true,
  }),
  // Magistrates
  entry(
    'MAGISTRATES_PUBLIC_LIST',
    V,
    CRIME_AND_PRESS,
    'magistrates-public-list',
    'Magistrates Public List',
    'Rhestr Gyhoeddus y Llys Ynadon',
  ),
  entry(
    'MAGISTRATES_STANDARD_LIST',
    V,
    CRIME_AND_PRESS,
    'magistrates-standard-list',
    'Magistrates Standard List',
    'Rhestr Safonol y Llys Ynadon',
  ),
  // Civil and family
  entry(
    'CIVIL_DAILY_CAUSE_LIST',
    V,
    CFT,
    'civil-daily-cause-list',
    'Civil Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Sifil',
  ),
  entry(
    'FAMILY_DAILY_CAUSE_LIST',
    V,
    CFT,
    'family-daily-cause-list',
    'Family Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Teulu',
  ),
  entry(
    'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
    V,
    CFT,
    'civil-and-family-daily-cause-list',
    'Civil and Family Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Sifil a Theulu',
  ),
  entry(
    'COP_DAILY_CAUSE_LIST',
    V,
    CFT,
    'cop-daily-cause-list',
    'Court of Protection Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Gwarchod',
  ),
  // Tribunals (strategic)
  entry(
    'ET_FORTNIGHTLY_PRESS_LIST',
    R,
    CFT,
    'master',
    'Employment Tribunals Fortnightly Press List',
    'Rhestr y Wasg Pob Pythefnos y Tribiwnlysoedd Cyflogaeth',
  ),
  entry(
    'ET_DAILY_LIST',
    R,
    CFT,
    'et-daily-list',
    'Employment Tribunals Daily List',
    'Rhestr Ddyddiol y Tribiwnlysoedd Cyflogaeth',
  ),
  entry(
    'SSCS_DAILY_LIST',
    R,
    CFT,
    'sscs-daily-list',
    'Social Security and Child Support Tribunal Daily List',
    'Rhestr Ddyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant',
  ),
  entry(
    'SSCS_DAILY_LIST_ADDITIONAL_HEARINGS',
    R,
    CFT,
    'sscs-daily-list',
    'Social Security and Child Support Tribunal Daily List - Additional Hearings',
    'Rhestr Ddyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant - Gwrandawiadau Ychwanegol',
  ),
  entry(
    'IAC_DAILY_LIST',
    V,
    CFT,
    'iac-daily-list',
    'Immigration and Asylum Chamber Daily List',
    'Rhestr Ddyddiol y Siambr Mewnfudo a Lloches',
  ),
  entry(
    'IAC_DAILY_LIST_ADDITIONAL_CASES',
    V,
    CFT,
    'iac-daily-list',
    'Immigration and Asylum Chamber Daily List - Additional Cases',
    'Rhestr Dyddiol y Siambr Mewnfudo a Lloches – Achosion Ychwanegol',
  ),
  entry(
    'CARE_STANDARDS_LIST',
    N,
    CFT,
    'master',
    'Care Standards Tribunal Hearing List',
    'Rhestr Gwrandawiadau’r Tribiwnlys Safonau Gofal',
    { deprecated: true },
  ),
  entry(
    'PRIMARY_HEALTH_LIST',
    N,
    CFT,
    'master',
    'Primary Health Tribunal Hearing List',
    'Rhestr Gwrandawiadau’r Tribiwnlys Iechyd Sylfaenol',
    { deprecated: true },
  ),
  entry('CIC_DAILY_HEARING_LIST', V, CFT, 'master', 'Criminal Injuries Compensation Daily Hearing List', null, {
    deprecated: true,
  }),
  // Tribunals (non-strategic)
  entry(
    'CST_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Care Standards Tribunal Weekly Hearing List',
    'Rhestr Gwrandawiadau Wythnosol y Tribiwnlys Safonau Gofal',
  ),
  entry(
    'PHT_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Primary Health Tribunal Weekly Hearing List',
    'Rhestr Gwrandawiadau’r Tribiwnlys Iechyd Sylfaenol',
  ),
  entry(
    'GRC_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'General Regulatory Chamber Weekly Hearing List',
    'Rhestr Wrandawiadau Wythnosol y Siambr Reoleiddio Gyffredinol',
  ),
  entry(
    'WPAFCC_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'First-tier Tribunal (War Pensions and Armed Forces Compensation) Weekly Hearing List',
    'Rhestr Wrandawiadau Wythnosol Siambr Pensiynau Rhyfel a Digollediad Lluoedd Arfog',
  ),
  entry('UT_IAC_JR_LONDON_DAILY_HEARING_LIST', N, CFT, NS, `${UTIAC_JR} London Daily Hearing List`, null),
  entry('UT_IAC_JR_LEEDS_DAILY_HEARING_LIST', N, CFT, NS, `${UTIAC_JR} Leeds Daily Hearing List`, null),
  entry('UT_IAC_JR_MANCHESTER_DAILY_HEARING_LIST', N, CFT, NS, `${UTIAC_JR} Manchester Daily Hearing List`, null),
  entry('UT_IAC_JR_BIRMINGHAM_DAILY_HEARING_LIST', N, CFT, NS, `${UTIAC_JR} Birmingham Daily Hearing List`, null),
  entry('UT_IAC_JR_CARDIFF_DAILY_HEARING_LIST', N, CFT, NS, `${UTIAC_JR} Bristol and Cardiff Daily Hearing List`, null),
  entry(
    'UT_IAC_STATUTORY_APPEALS_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Upper Tribunal (Immigration and Asylum) Chamber Statutory Appeals Daily Hearing List',
    'Uwch Dribiwnlys (Siambr Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol - Apeliadau Statudol',
  ),
  entry('SIAC_WEEKLY_HEARING_LIST', N, CFT, NS, 'Special Immigration Appeals Commission Weekly Hearing List', null),
  entry('POAC_WEEKLY_HEARING_LIST', N, CFT, NS, 'Proscribed Organisations Appeal Commission Weekly Hearing List', null),
  entry('PAAC_WEEKLY_HEARING_LIST', N, CFT, NS, 'Pathogens Access Appeal Commission Weekly Hearing List', null),
  entry('FTT_TAX_WEEKLY_HEARING_LIST', N, CFT, NS, 'First-tier Tribunal (Tax Chamber) Weekly Hearing List', null),
  entry(
    'FTT_LR_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'First-tier Tribunal (Land Registration Tribunal) Weekly Hearing List',
    null,
  ),
  entry(
    'UT_T_AND_CC_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Upper Tribunal Tax and Chancery Chamber Daily Hearing List',
    'Rhestr Gwrandawiadau Dyddiol Tribiwnlys Uwch Siambr Dreth a Siawnsri',
  ),
  entry(
    'UT_LC_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Upper Tribunal (Lands Chamber) Daily Hearing List',
    'Rhestr Gwrandawiadau Dyddiol Tribiwnlys Uwch (Siambr Tiroedd)',
  ),
  entry(
    'UT_AAC_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Upper Tribunal (Administrative Appeals Chamber) Daily Hearing List',
    'Rhestr Gwrandawiadau Dyddiol Tribiwnlys Uwch (Siambr Apeliadau Gweinyddol)',
  ),
  entry('RPT_LONDON_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} London region Weekly Hearing List`, null),
  entry('RPT_EASTERN_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} Eastern region Weekly Hearing List`, null),
  entry('RPT_MIDLANDS_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} Midlands region Weekly Hearing List`, null),
  entry('RPT_NORTHERN_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} Northern region Weekly Hearing List`, null),
  entry('RPT_SOUTHERN_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} Southern region Weekly Hearing List`, null),
  entry('FTT_RPT_MARKET_RENTS_WEEKLY_HEARING_LIST', N, CFT, NS, `${RPT} Market Rents Weekly Hearing List`, null),
  entry(
    'AST_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Asylum Support Tribunal Daily Hearing List',
    'Rhestr Gwrandawiadau Dyddiol y Tribiwnlys Cymorth Lloches',
  ),
  entry(
    'SSCS_MIDLANDS_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `Midlands ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Canolbarth Lloegr`,
  ),
  entry(
    'SSCS_SOUTH_EAST_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `South East ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} De Ddwyrain`,
  ),
  entry(
    'SSCS_WALES_AND_SOUTH_WEST_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `Wales and South West ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Cymru a De Orllewin Lloegr`,
  ),
  entry(
    'SSCS_SCOTLAND_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `Scotland ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Yr Alban`,
  ),
  entry(
    'SSCS_NORTH_EAST_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `North East ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Gogledd Ddwyrain Lloegr`,
  ),
  entry(
    'SSCS_NORTH_WEST_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `North West ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Gogledd Orllewin Lloegr`,
  ),
  entry(
    'SSCS_LONDON_DAILY_HEARING_LIST',
    N,
    CFT,
    'non-strategic-sscs-daily-hearing-list',
    `London ${SSCS_TRIBUNAL_EN}`,
    `${SSCS_TRIBUNAL_CY} Llundain`,
  ),
  entry('MENTAL_HEALTH_TRIBUNAL_HEARING_LIST', N, SJP, NS, 'Mental Health Tribunal Daily Hearing List', null),
  // Royal Courts of Justice and other national civil, family and criminal appeal lists (non-strategic)
  entry(
    'LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'London Administrative Court Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Gweinyddol Llundain',
  ),
  entry(
    'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
    N,
    CFT,
    'non-strategic-daily-cause-list',
    'County Court at Central London Civil Daily Cause List',
    'Rhestr Achosion Dyddiol Sifil yn y Llys Sirol yng Nghanol Llundain',
  ),
  entry(
    'CIVIL_COURTS_RCJ_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Civil Courts at the RCJ Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Sifil yn y Llysoedd Barn Brenhinol',
  ),
  entry(
    'COURT_OF_APPEAL_CRIMINAL_DAILY_CAUSE_LIST',
    N,
    CRIME,
    NS,
    'Court of Appeal (Criminal Division) Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Apêl (Adran Troseddol)',
  ),
  entry(
    'FAMILY_DIVISION_HIGH_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Family Division of the High Court Daily Cause List',
    'Rhestr Achosion Dyddiol Adran Deulu yr Uchel Lys',
  ),
  entry(
    'KINGS_BENCH_DIVISION_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'King’s Bench Division Daily Cause List',
    'Rhestr Achosion Dyddiol Adran Mainc y Brenin',
  ),
  entry(
    'KINGS_BENCH_MASTERS_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'King’s Bench Masters Daily Cause List',
    'Rhestr Achosion Dyddiol Meistri Mainc y Brenin',
  ),
  entry(
    'SENIOR_COURTS_COSTS_OFFICE_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Senior Courts Costs Office Daily Cause List',
    'Rhestr Achosion Dyddiol Swyddfa Costau’r Uwchlysoedd',
  ),
  entry(
    'MAYOR_AND_CITY_CIVIL_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Mayor & City Civil Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Sifil y Maer a’r Ddinas',
  ),
  entry(
    'INTERIM_APPLICATIONS_CHD_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Interim Applications List (ChD) Daily Cause List',
    null,
  ),
  entry(
    'INTELLECTUAL_PROPERTY_AND_ENTERPRISE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Intellectual Property and Enterprise Court (ChD) Daily Cause List',
    null,
  ),
  entry(
    'INTELLECTUAL_PROPERTY_LIST_CHD_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Intellectual Property List (ChD) Daily Cause List',
    null,
  ),
  entry(
    'LONDON_CIRCUIT_COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'London Circuit Commercial Court (KB) Daily Cause List',
    null,
  ),
  entry('PATENTS_COURT_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Patents Court (ChD) Daily Cause List', null),
  entry('PENSIONS_LIST_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Pensions List (ChD) Daily Cause List', null),
  entry(
    'PROPERTY_TRUSTS_PROBATE_LIST_CHD_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Property, Trusts and Probate List (ChD) Daily Cause List',
    null,
  ),
  entry('REVENUE_LIST_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Revenue List (ChD) Daily Cause List', null),
  entry(
    'TECHNOLOGY_AND_CONSTRUCTION_COURT_KB_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Technology and Construction Court (KB) Daily Cause List',
    null,
  ),
  entry('ADMIRALTY_COURT_KB_DAILY_CAUSE_LIST', N, CFT, NS, 'Admiralty Court (KB) Daily Cause List', null),
  entry('BUSINESS_LIST_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Business List (ChD) Daily Cause List', null),
  entry('CHANCERY_APPEALS_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Chancery Appeals (ChD) Daily Cause List', null),
  entry('COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST', N, CFT, NS, 'Commercial Court (KB) Daily Cause List', null),
  entry('COMPANIES_WINDING_UP_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Companies Winding Up (ChD) Daily Cause List', null),
  entry('COMPETITION_LIST_CHD_DAILY_CAUSE_LIST', N, CFT, NS, 'Competition List (ChD) Daily Cause List', null),
  entry('FINANCIAL_LIST_CHD_KB_DAILY_CAUSE_LIST', N, CFT, NS, 'Financial List (ChD/KB) Daily Cause List', null),
  entry(
    'INSOLVENCY_AND_COMPANIES_COURT_CHD_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Insolvency & Companies Court (ChD) Daily Cause List',
    null,
  ),
  entry(
    'COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Court of Appeal (Civil Division) Daily Cause List',
    'Rhestr Achosion Dyddiol y Llys Apêl (Adran Sifil)',
  ),
  entry(
    'BIRMINGHAM_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Birmingham Administrative Court Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Gweinyddol Birmingham',
  ),
  entry(
    'BRISTOL_AND_CARDIFF_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Bristol and Cardiff Administrative Court Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Gweinyddol Bryste a Chaerdydd',
  ),
  entry(
    'MANCHESTER_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Manchester Administrative Court Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Gweinyddol Manceinion',
  ),
  entry(
    'LEEDS_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Leeds Administrative Court Daily Cause List',
    'Rhestr Achosion Dyddiol Llys Gweinyddol Leeds',
  ),
  // Published as flat files (PDF and similar); a JSON payload is held to the master schema.
  entry(
    'PCOL_DAILY_CAUSE_LIST',
    N,
    CFT,
    'master',
    'Possession Claim Online Daily Cause List',
    'Rhestr Achosion Dyddiol Hawliadau Meddiant Ar-lein',
  ),
  entry(
    'SEND_DAILY_HEARING_LIST',
    N,
    CFT,
    NS,
    'First-tier Tribunal (Special Educational Needs and Disability) Daily Hearing List',
    'Rhestr Gwrandawiadau Dyddiol y Tribiwnlys Haen Gyntaf (Anghenion Addysgol Arbennig ac Anabledd)',
  ),
  entry(
    'CIC_WEEKLY_HEARING_LIST',
    N,
    CFT,
    NS,
    'Criminal Injuries Compensation Weekly Hearing List',
    'Rhestr Gwrandawiadau Wythnosol yr Iawndal am Anafiadau Troseddol',
  ),
  // Magistrates adult court lists (Common Platform): master schema until their own schema is written
  entry(
    'MAGISTRATES_ADULT_COURT_LIST_DAILY',
    V,
    CRIME_AND_PRESS,
    'master',
    'Magistrates Adult Court List - Daily',
    'Rhestr Llys Ynadon Oedolion - Dyddiol',
  ),
  entry(
    'MAGISTRATES_ADULT_COURT_LIST_FUTURE',
    V,
    CRIME_AND_PRESS,
    'master',
    'Magistrates Adult Court List - Future',
    'Rhestr Llys Ynadon Oedolion - Dyfodol',
  ),
  entry(
    'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY',
    V,
    CRIME_AND_PRESS,
    'master',
    'Magistrates Public Adult Court List - Daily',
    'Rhestr Achosion Cyhoeddus Llys Ynadon (Oedolion) - Dyddiol',
  ),
  entry(
    'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_FUTURE',
    V,
    CRIME_AND_PRESS,
    'master',
    'Magistrates Public Adult Court List - Future',
    'Rhestr Achosion Cyhoeddus Llys Ynadon (Oedolion) - Dyfodol',
  ),
  // Crown Court lists from PDDA/XHIBIT
  entry(
    'CROWN_DAILY_PDDA_LIST',
    V,
    CRIME_AND_PRESS,
    'crown-daily-pdda-list',
    'Crown Daily List',
    'Rhestr Ddyddiol Llys y Goron',
  ),
  entry(
    'CROWN_FIRM_PDDA_LIST',
    V,
    CRIME_AND_PRESS,
    'crown-firm-pdda-list',
    'Crown Firm List',
    'Rhestr Cwmni Llys y Goron',
  ),
  entry(
    'CROWN_WARNED_PDDA_LIST',
    V,
    CRIME_AND_PRESS,
    'crown-warned-pdda-list',
    'Crown Warned List',
    'Rhestr Rybudd Llys y Goron',
  ),
  // High Court and specialist civil lists added last in the live model
  entry('HIGH_COURT_CIVIL_DAILY_CAUSE_LIST', N, CFT, NS, 'High Court Civil Daily Cause List', null),
  entry('HIGH_COURT_FAMILY_DAILY_CAUSE_LIST', N, CFT, NS, 'High Court Family Daily Cause List', null),
  entry('BUSINESS_AND_PROPERTY_DAILY_CAUSE_LIST', N, CFT, NS, 'Business & Property Daily Cause List', null),
  entry('CIRCUIT_COMMERCIAL_COURT_DAILY_CAUSE_LIST', N, CFT, NS, 'Circuit Commercial Court Daily Cause List', null),
  entry(
    'TECHNOLOGY_AND_CONSTRUCTION_COURT_DAILY_CAUSE_LIST',
    N,
    CFT,
    NS,
    'Technology and Construction Court Daily Cause List',
    null,
  ),
];

const byUpperCaseId = new Map(listTypes.map((listType) => [listType.id, listType]));

export type ListTypeLookup =
  | { kind: 'found'; listType: ListTypeDefinition }
  | { kind: 'deprecated'; listType: ListTypeDefinition; message: string }
  | { kind: 'unknown'; name: string; message: string };

/** Finds a list type by name, ignoring case and surrounding spaces. Deprecated list types are answered as such. */
export function findListType(name: string): ListTypeLookup {
  const listType = byUpperCaseId.get(name.trim().toUpperCase());
  if (listType === undefined) {
    return { kind: 'unknown', name, message: `'${name}' is not a known list type` };
  }
  if (listType.deprecated) {
    return {
      kind: 'deprecated',
      listType,
      message: `${listType.id} is deprecated and no longer accepted`,
    };
  }
  return { kind: 'found', listType };
}
