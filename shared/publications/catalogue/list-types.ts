/**
 * The list-type catalogue: every list type of the live service (pip-data-models `ListType`, 102 entries including
 * the 6 deprecated ones), with its friendly names (pip-frontend `listLookup.json`, en and cy), location level and
 * the user provenances allowed to read it when CLASSIFIED (the live model's `allowedProvenances`), and the schema
 * its JSON payloads are validated against (./payload-schemas.ts).
 *
 * One row per list type, with named fields. Adding a list type: see "Adding a list type" in docs/architecture.md
 * (functions/web/lists/list-type-touch-points.test.ts fails until each of its touch points exists).
 */
import type { UserProvenance } from '../../auth/principal.js';
import type { PayloadSchemaId } from './payload-schemas.js';
import welshNamesWrittenHereFile from './welsh-names-written-here.json' with { type: 'json' };

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
   * Where the Welsh name comes from: the live service's `listLookup.json`, or ./welsh-names-written-here.json (the
   * list types the live service names in English only), which a translator reviews.
   */
  welshNameSource: 'live service' | 'written here';
  locationLevel: LocationLevel;
  /** The user provenances allowed to read the list when it is CLASSIFIED. */
  classifiedReadableBy: readonly UserProvenance[];
  /** Deprecated list types are refused by name on ingestion. */
  deprecated: boolean;
  /** The schema that validates its JSON payloads; `file-only` where none is accepted. */
  schema: PayloadSchemaId;
  /**
   * Published as a file only (PDF, Word or Excel): the live service has no JSON Schema for it, so a JSON body is
   * refused (`LIST_TYPE_FILE_ONLY`) and the portal offers the file for download.
   */
  fileOnly: boolean;
  /**
   * The sensitivity the live service gives a publication of this type when the publisher sends none
   * (pip-frontend `listLookup.json` `defaultSensitivity`); null where it has none, and then the publisher must say.
   */
  defaultSensitivity: 'PUBLIC' | 'CLASSIFIED' | null;
}

/** One row of the catalogue, as written below. */
interface ListTypeRow {
  /** The live service's name. */
  id: string;
  englishName: string;
  /** Omitted where the live service publishes none: ./welsh-names-written-here.json then has it. */
  welshName?: string;
  locationLevel: LocationLevel;
  /** The user provenances allowed to read the list when it is CLASSIFIED. */
  classifiedReadableBy: readonly UserProvenance[];
  /**
   * The schema that validates its JSON payloads: a list's own, or `file-only` (the live service takes no JSON for
   * it: published as a file). `master` (the master schema alone) is left for deprecated list types; a current list
   * type is not validated by it alone (list-types.test.ts holds that).
   */
  schema: PayloadSchemaId;
  /** Present (and true) on the deprecated list types only. */
  deprecated?: true;
  /** listLookup.json's `defaultSensitivity`, where it gives one. */
  defaultSensitivity?: 'PUBLIC' | 'CLASSIFIED';
}

const welshNamesWrittenHere: Readonly<Record<string, string>> = welshNamesWrittenHereFile.names;

function definitionOf(row: ListTypeRow): ListTypeDefinition {
  const welshName = row.welshName ?? welshNamesWrittenHere[row.id];
  if (welshName === undefined) throw new Error(`list type ${row.id} has no Welsh name (welsh-names-written-here.json)`);
  return {
    id: row.id,
    friendlyName: { en: row.englishName, cy: welshName },
    welshNameSource: row.welshName === undefined ? 'written here' : 'live service',
    locationLevel: row.locationLevel,
    classifiedReadableBy: row.classifiedReadableBy,
    deprecated: row.deprecated ?? false,
    schema: row.schema,
    fileOnly: row.schema === 'file-only',
    defaultSensitivity: row.defaultSensitivity ?? null,
  };
}

const rows: readonly ListTypeRow[] = [
  // Single Justice Procedure
  {
    id: 'SJP_PUBLIC_LIST',
    englishName: 'Single Justice Procedure Public List (Full List)',
    welshName: 'Rhestr Gyhoeddus Y Weithdrefn Un Ynad (Rhestr Lawn)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'sjp-public-list',
  },
  {
    id: 'SJP_DELTA_PUBLIC_LIST',
    englishName: 'Single Justice Procedure Public List (New Cases)',
    welshName: 'Rhestr Gyhoeddus Y Weithdrefn Un Ynad (Achosion Newydd)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'sjp-public-list',
  },
  {
    id: 'SJP_PRESS_LIST',
    englishName: 'Single Justice Procedure Press List (Full List)',
    welshName: 'Rhestr y Wasg Y Weithdrefn Un Ynad (Rhestr Lawn)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'sjp-press-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  {
    id: 'SJP_DELTA_PRESS_LIST',
    englishName: 'Single Justice Procedure Press List (New Cases)',
    welshName: 'Rhestr y Wasg Y Weithdrefn Un Ynad (Achosion Newydd)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'sjp-press-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  {
    id: 'SJP_PRESS_REGISTER',
    englishName: 'Single Justice Procedure Press Register',
    welshName: 'Cofrestr y Wasg Y Weithdrefn Un Ynad',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'file-only',
    defaultSensitivity: 'CLASSIFIED',
  },
  // Crown (the Common Platform lists, replaced by the PDDA lists)
  {
    id: 'CROWN_DAILY_LIST',
    englishName: 'Crown Daily List',
    welshName: 'Rhestr Ddyddiol Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  {
    id: 'CROWN_FIRM_LIST',
    englishName: 'Crown Firm List',
    welshName: 'Rhestr Cwmni Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  {
    id: 'CROWN_WARNED_LIST',
    englishName: 'Crown Warned List',
    welshName: 'Rhestr Rybudd Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  // Magistrates
  {
    id: 'MAGISTRATES_PUBLIC_LIST',
    englishName: 'Magistrates Public List',
    welshName: 'Rhestr Gyhoeddus y Llys Ynadon',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-public-list',
  },
  {
    id: 'MAGISTRATES_STANDARD_LIST',
    englishName: 'Magistrates Standard List',
    welshName: 'Rhestr Safonol y Llys Ynadon',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-standard-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  // Civil and family
  {
    id: 'CIVIL_DAILY_CAUSE_LIST',
    englishName: 'Civil Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Sifil',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'civil-daily-cause-list',
  },
  {
    id: 'FAMILY_DAILY_CAUSE_LIST',
    englishName: 'Family Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Teulu',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'family-daily-cause-list',
  },
  {
    id: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
    englishName: 'Civil and Family Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Sifil a Theulu',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'civil-and-family-daily-cause-list',
  },
  {
    id: 'COP_DAILY_CAUSE_LIST',
    englishName: 'Court of Protection Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Gwarchod',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'cop-daily-cause-list',
  },
  // Tribunals (strategic)
  {
    id: 'ET_FORTNIGHTLY_PRESS_LIST',
    englishName: 'Employment Tribunals Fortnightly Press List',
    welshName: 'Rhestr y Wasg Pob Pythefnos y Tribiwnlysoedd Cyflogaeth',
    locationLevel: 'OWNING_HEARING_LOCATION',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'et-fortnightly-press-list',
  },
  {
    id: 'ET_DAILY_LIST',
    englishName: 'Employment Tribunals Daily List',
    welshName: 'Rhestr Ddyddiol y Tribiwnlysoedd Cyflogaeth',
    locationLevel: 'OWNING_HEARING_LOCATION',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'et-daily-list',
  },
  {
    id: 'SSCS_DAILY_LIST',
    englishName: 'Social Security and Child Support Tribunal Daily List',
    welshName: 'Rhestr Ddyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant',
    locationLevel: 'OWNING_HEARING_LOCATION',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'sscs-daily-list',
  },
  {
    id: 'SSCS_DAILY_LIST_ADDITIONAL_HEARINGS',
    englishName: 'Social Security and Child Support Tribunal Daily List - Additional Hearings',
    welshName: 'Rhestr Ddyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant - Gwrandawiadau Ychwanegol',
    locationLevel: 'OWNING_HEARING_LOCATION',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'sscs-daily-list',
  },
  {
    id: 'IAC_DAILY_LIST',
    englishName: 'Immigration and Asylum Chamber Daily List',
    welshName: 'Rhestr Ddyddiol y Siambr Mewnfudo a Lloches',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'iac-daily-list',
  },
  {
    id: 'IAC_DAILY_LIST_ADDITIONAL_CASES',
    englishName: 'Immigration and Asylum Chamber Daily List - Additional Cases',
    welshName: 'Rhestr Dyddiol y Siambr Mewnfudo a Lloches  – Achosion Ychwanegol',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'iac-daily-list',
  },
  {
    id: 'CARE_STANDARDS_LIST',
    englishName: 'Care Standards Tribunal Hearing List',
    welshName: 'Rhestr Gwrandawiadau’r Tribiwnlys Safonau Gofal',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  {
    id: 'PRIMARY_HEALTH_LIST',
    englishName: 'Primary Health Tribunal Hearing List',
    welshName: 'Rhestr Gwrandawiadau’r Tribiwnlys Iechyd Sylfaenol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  {
    id: 'CIC_DAILY_HEARING_LIST',
    englishName: 'Criminal Injuries Compensation Daily Hearing List',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'master',
    deprecated: true,
  },
  // Tribunals (non-strategic)
  {
    id: 'CST_WEEKLY_HEARING_LIST',
    englishName: 'Care Standards Tribunal Weekly Hearing List',
    welshName: 'Rhestr Gwrandawiadau Wythnosol y Tribiwnlys Safonau Gofal',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-cst-weekly-hearing-list',
  },
  {
    id: 'PHT_WEEKLY_HEARING_LIST',
    englishName: 'Primary Health Tribunal Weekly Hearing List',
    welshName: 'Rhestr Gwrandawiadau Wythnosol y Tribiwnlys Iechyd Sylfaenol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-pht-weekly-hearing-list',
  },
  {
    id: 'GRC_WEEKLY_HEARING_LIST',
    englishName: 'General Regulatory Chamber Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol y Siambr Rheoleiddio Cyffredinol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-grc-weekly-hearing-list',
  },
  {
    id: 'WPAFCC_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (War Pensions and Armed Forces Compensation) Weekly Hearing List',
    welshName: 'Tribiwnlys Haen Gyntaf (Iawndal Pensiynau Rhyfel a’r Lluoedd Arfog) - Rhestr o Wrandawiadau Wythnosol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-wpafcc-weekly-hearing-list',
  },
  {
    id: 'UT_IAC_JR_LONDON_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review: London Daily Hearing List',
    welshName:
      'Uwch Dribiwnlys (Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol Siambr Adolygiadau Barnwrol Llundain',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-judicial-reviews-london-daily-hearing-list',
  },
  {
    id: 'UT_IAC_JR_LEEDS_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review: Leeds Daily Hearing List',
    welshName: 'Uwch Dribiwnlys (Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol Siambr Adolygiadau Barnwrol Leeds',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-judicial-reviews-daily-hearing-list',
  },
  {
    id: 'UT_IAC_JR_MANCHESTER_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review: Manchester Daily Hearing List',
    welshName:
      'Uwch Dribiwnlys (Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol Siambr Adolygiadau Barnwrol Manceinion',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-judicial-reviews-daily-hearing-list',
  },
  {
    id: 'UT_IAC_JR_BIRMINGHAM_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review: Birmingham Daily Hearing List',
    welshName:
      'Uwch Dribiwnlys (Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol Siambr Adolygiadau Barnwrol Birmingham',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-judicial-reviews-daily-hearing-list',
  },
  {
    id: 'UT_IAC_JR_CARDIFF_DAILY_HEARING_LIST',
    englishName:
      'Upper Tribunal (Immigration and Asylum) Chamber - Judicial Review: Bristol and Cardiff Daily Hearing List',
    welshName:
      'Uwch Dribiwnlys (Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol Siambr Adolygiadau Barnwrol Bryste a Caerdydd',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-judicial-reviews-daily-hearing-list',
  },
  {
    id: 'UT_IAC_STATUTORY_APPEALS_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Immigration and Asylum) Chamber Statutory Appeal Daily Hearing List',
    welshName: 'Uwch Dribiwnlys (Siambr Mewnfudo a Lloches) - Rhestr o Wrandawiadau Dyddiol - Apeliadau Statudol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-iac-statutory-appeals-daily-hearing-list',
  },
  {
    id: 'SIAC_WEEKLY_HEARING_LIST',
    englishName: 'Special Immigration Appeals Commission Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol y Comisiwn Apeliadau Mewnfudo Arbennig',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-siac-weekly-hearing-list',
  },
  {
    id: 'POAC_WEEKLY_HEARING_LIST',
    englishName: 'Proscribed Organisations Appeal Commission Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol y Comisiwn Apeliadau Sefydliadau Gwaharddedig',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-siac-weekly-hearing-list',
  },
  {
    id: 'PAAC_WEEKLY_HEARING_LIST',
    englishName: 'Pathogens Access Appeal Commission Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol y Comisiwn Apeliadau Mynediad Pathogenau',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-siac-weekly-hearing-list',
  },
  {
    id: 'FTT_TAX_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Tax Chamber) Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol Tribiwnlys Haen Gyntaf (Siambr Treth)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-tax-chamber-tribunal-weekly-hearing-list',
  },
  {
    id: 'FTT_LR_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Land Registration Tribunal) Weekly Hearing List',
    welshName: 'Rhestr o Wrandawiadau Wythnosol Tribiwnlys Haen Gyntaf (Tribiwnlys Cofrestru Tir)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-land-registry-tribunal-weekly-hearing-list',
  },
  {
    id: 'UT_T_AND_CC_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal Tax and Chancery Chamber Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol Uwch Dribiwnlys (Siambr Treth a Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-tax-and-chancery-chamber-daily-hearing-list',
  },
  {
    id: 'UT_LC_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Lands Chamber) Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol Uwch Dribiwnlys (Siambr Tiroedd)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-lands-chamber-daily-hearing-list',
  },
  {
    id: 'UT_AAC_DAILY_HEARING_LIST',
    englishName: 'Upper Tribunal (Administrative Appeals Chamber) Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol Uwch Dribiwnlys (Siambr Apeliadau Gweinyddol)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ut-administrative-appeals-chamber-daily-hearing-list',
  },
  {
    id: 'RPT_LONDON_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): London region Weekly Hearing List',
    welshName: 'Tribiwnlys Haen Gyntaf (Tribiwnlys Eiddo Preswyl): Rhestr o Wrandawiadau Wythnosol rhanbarth Llundain',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'RPT_EASTERN_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): Eastern region Weekly Hearing List',
    welshName:
      'Tribiwnlys Haen Gyntaf (Tribiwnlys Eiddo Preswyl): Rhestr o Wrandawiadau Wythnosol rhanbarth Dwyrain Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'RPT_MIDLANDS_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): Midlands region Weekly Hearing List',
    welshName:
      'Tribiwnlys Haen Gyntaf (Tribiwnlys Eiddo Preswyl): Rhestr o Wrandawiadau Wythnosol rhanbarth Canolbarth Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'RPT_NORTHERN_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): Northern region Weekly Hearing List',
    welshName:
      'Tribiwnlys Haen Gyntaf (Tribiwnlys Eiddo Preswyl): Rhestr o Wrandawiadau Wythnosol rhanbarth Gogledd Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'RPT_SOUTHERN_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): Southern region Weekly Hearing List',
    welshName: 'Tribiwnlys Haen Gyntaf (Tribiwnlys Eiddo Preswyl): Rhestr o Wrandawiadau Wythnosol rhanbarth De Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'FTT_RPT_MARKET_RENTS_WEEKLY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Residential Property Tribunal): Market Rents Weekly Hearing List',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list',
  },
  {
    id: 'AST_DAILY_HEARING_LIST',
    englishName: 'Asylum Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol Tribiwnlys Cefnogi Ceiswyr Lloches',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-ast-daily-hearing-list',
  },
  {
    id: 'SSCS_MIDLANDS_DAILY_HEARING_LIST',
    englishName: 'Midlands Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Canolbarth Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_SOUTH_EAST_DAILY_HEARING_LIST',
    englishName: 'South East Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant De Ddwyrain Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_WALES_AND_SOUTH_WEST_DAILY_HEARING_LIST',
    englishName: 'Wales and South West Social Security and Child Support Tribunal Daily Hearing List',
    welshName:
      'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Cymru a De Orllewin Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_SCOTLAND_DAILY_HEARING_LIST',
    englishName: 'Scotland Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Yr Alban',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_NORTH_EAST_DAILY_HEARING_LIST',
    englishName: 'North East Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Gogledd Ddwyrain Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_NORTH_WEST_DAILY_HEARING_LIST',
    englishName: 'North West Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Gogledd Orllewin Lloegr',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'SSCS_LONDON_DAILY_HEARING_LIST',
    englishName: 'London Social Security and Child Support Tribunal Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Nawdd Cymdeithasol a Chynnal Plant Llundain',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-sscs-daily-hearing-list',
  },
  {
    id: 'MENTAL_HEALTH_TRIBUNAL_HEARING_LIST',
    englishName: 'Mental Health Tribunal Daily Hearing List',
    welshName: 'Rhestr Wrandawiadau Dyddiol y Tribiwnlys Iechyd Meddwl',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['PI_AAD'],
    schema: 'file-only',
  },
  // Royal Courts of Justice and other national civil, family and criminal appeal lists (non-strategic)
  {
    id: 'LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    englishName: 'London Administrative Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Gweinyddol Llundain',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-london-administrative-court-daily-cause-list',
  },
  {
    id: 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
    englishName: 'County Court at Central London Civil Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Sifil yn y Llys Sirol yng Nghanol Llundain',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'CIVIL_COURTS_RCJ_DAILY_CAUSE_LIST',
    englishName: 'Civil Courts at the RCJ Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Sifil yn y Llysoedd Barn Brenhinol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'COURT_OF_APPEAL_CRIMINAL_DAILY_CAUSE_LIST',
    englishName: 'Court of Appeal (Criminal Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Apêl (Adran Troseddol)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CRIME_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'FAMILY_DIVISION_HIGH_COURT_DAILY_CAUSE_LIST',
    englishName: 'Family Division of the High Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Adran Deulu yr Uchel Lys',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'KINGS_BENCH_DIVISION_DAILY_CAUSE_LIST',
    englishName: 'King’s Bench Division Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Adran Mainc y Brenin',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'KINGS_BENCH_MASTERS_DAILY_CAUSE_LIST',
    englishName: 'King’s Bench Masters Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Meistri Mainc y Brenin',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'SENIOR_COURTS_COSTS_OFFICE_DAILY_CAUSE_LIST',
    englishName: 'Senior Courts Costs Office Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Swyddfa Costau’r Uwchlysoedd',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-senior-courts-costs-office-daily-cause-list',
  },
  {
    id: 'MAYOR_AND_CITY_CIVIL_DAILY_CAUSE_LIST',
    englishName: 'Mayor & City Civil Daily Cause List',
    welshName: "Rhestr Achosion Dyddiol Llys Sifil y Maer a'r Ddinas",
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'INTERIM_APPLICATIONS_CHD_DAILY_CAUSE_LIST',
    englishName: 'Interim Applications (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Ceisiadau Interim (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-interim-applications-chancery-division-daily-cause-list',
  },
  {
    id: 'INTELLECTUAL_PROPERTY_AND_ENTERPRISE_COURT_DAILY_CAUSE_LIST',
    englishName: 'Intellectual Property and Enterprise Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Mentrau Eiddo Deallusol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'INTELLECTUAL_PROPERTY_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Intellectual Property (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Eiddo Deallusol (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'LONDON_CIRCUIT_COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST',
    englishName: 'London Circuit Commercial Court (King’s Bench Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Masnachol Cylchdaith Llundain (Adran Mainc y Brenin)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'PATENTS_COURT_CHD_DAILY_CAUSE_LIST',
    englishName: 'Patents Court (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Patentau (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'PENSIONS_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Pensions List (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Pensiynau (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'PROPERTY_TRUSTS_PROBATE_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Property, Trusts and Probate List (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Eiddo, Ymddiriedolaethau a Phrofiant (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'REVENUE_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Revenue List (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Refeniw (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'TECHNOLOGY_AND_CONSTRUCTION_COURT_KB_DAILY_CAUSE_LIST',
    englishName: 'Technology and Construction Court (King’s Bench Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Technoleg ac Adeiladu (Adran Mainc y Brenin)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'ADMIRALTY_COURT_KB_DAILY_CAUSE_LIST',
    englishName: 'Admiralty Court (King’s Bench Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys y Morlys (Adran Mainc y Brenin)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'BUSINESS_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Business List (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Busnes (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'CHANCERY_APPEALS_CHD_DAILY_CAUSE_LIST',
    englishName: 'Chancery Appeals (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Apeliadau Siawnsri (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'COMMERCIAL_COURT_KB_DAILY_CAUSE_LIST',
    englishName: 'Commercial Court (King’s Bench Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Masnach (Adran Mainc y Brenin)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'COMPANIES_WINDING_UP_CHD_DAILY_CAUSE_LIST',
    englishName: 'Companies Winding Up (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Dirwyn Cwmnïau i Ben (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'COMPETITION_LIST_CHD_DAILY_CAUSE_LIST',
    englishName: 'Competition List (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Cystadleuaeth (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'FINANCIAL_LIST_CHD_KB_DAILY_CAUSE_LIST',
    englishName: 'Financial List (Chancery Division/King’s Bench Division/Commercial Court) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Ariannol (Adran Siawnsri /Adran Mainc y Brenin/Llys Masnach)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'INSOLVENCY_AND_COMPANIES_COURT_CHD_DAILY_CAUSE_LIST',
    englishName: 'Insolvency & Companies Court (Chancery Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Cwmnïau ac achosion Ansolfedd (Adran Siawnsri)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-common-kb-chd-daily-cause-list',
  },
  {
    id: 'COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST',
    englishName: 'Court of Appeal (Civil Division) Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol y Llys Apêl (Adran Sifil)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-court-of-appeal-civil-daily-cause-list',
  },
  {
    id: 'BIRMINGHAM_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    englishName: 'Birmingham Administrative Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Gweinyddol Birmingham',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'BRISTOL_AND_CARDIFF_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    englishName: 'Bristol and Cardiff Administrative Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Gweinyddol Bryste a Chaerdydd',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'MANCHESTER_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    englishName: 'Manchester Administrative Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Gweinyddol Manceinion',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  {
    id: 'LEEDS_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST',
    englishName: 'Leeds Administrative Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Gweinyddol Leeds',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-daily-cause-list',
  },
  // Published as flat files (PDF and similar); a JSON payload is held to the master schema.
  {
    id: 'PCOL_DAILY_CAUSE_LIST',
    englishName: 'Possession Claim Online Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Hawliadau Meddiant Ar-lein',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
  {
    id: 'SEND_DAILY_HEARING_LIST',
    englishName: 'First-tier Tribunal (Special Educational Needs and Disability) Daily Hearing List',
    welshName: 'Rhestr o Wrandawiadau Dyddiol y Tribiwnlys Haen Gyntaf (Anghenion Addysgol Arbennig ac Anabledd)',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-send-daily-hearing-list',
  },
  {
    id: 'CIC_WEEKLY_HEARING_LIST',
    englishName: 'Criminal Injuries Compensation Weekly Hearing List',
    welshName: 'Rhestr Gwrandawiadau Wythnosol y Tribiwnlys Digolledu am Anafiadau Troseddol',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'non-strategic-cic-weekly-hearing-list',
  },
  // Magistrates adult court lists (Libra/Common Platform)
  {
    id: 'MAGISTRATES_ADULT_COURT_LIST_DAILY',
    englishName: 'Magistrates Adult Court List - Daily',
    welshName: 'Rhestr Llys Ynadon Oedolion - Dyddiol',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-adult-court-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  {
    id: 'MAGISTRATES_ADULT_COURT_LIST_FUTURE',
    englishName: 'Magistrates Adult Court List - Future',
    welshName: 'Rhestr Llys Ynadon Oedolion – Dyfodol',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-adult-court-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  {
    id: 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY',
    englishName: 'Magistrates Public Adult Court List - Daily',
    welshName: 'Rhestr Achosion Cyhoeddus Llys Ynadon (Oedolion) - Dyddiol',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-public-adult-court-list',
  },
  {
    id: 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_FUTURE',
    englishName: 'Magistrates Public Adult Court List - Future',
    welshName: 'Rhestr Achosion Cyhoeddus Llys Ynadon (Oedolion) - Dyfodol',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'magistrates-public-adult-court-list',
  },
  // Crown Court lists from PDDA/XHIBIT
  {
    id: 'CROWN_DAILY_PDDA_LIST',
    englishName: 'Crown Daily List',
    welshName: 'Rhestr Ddyddiol Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'crown-daily-pdda-list',
    defaultSensitivity: 'PUBLIC',
  },
  {
    id: 'CROWN_FIRM_PDDA_LIST',
    englishName: 'Crown Firm List',
    welshName: 'Rhestr Cwmni Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'crown-firm-pdda-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  {
    id: 'CROWN_WARNED_PDDA_LIST',
    englishName: 'Crown Warned List',
    welshName: 'Rhestr Rybudd Llys y Goron',
    locationLevel: 'VENUE',
    classifiedReadableBy: ['CRIME_IDAM', 'PI_AAD'],
    schema: 'crown-warned-pdda-list',
    defaultSensitivity: 'CLASSIFIED',
  },
  // High Court and specialist civil lists added last in the live model
  {
    id: 'HIGH_COURT_CIVIL_DAILY_CAUSE_LIST',
    englishName: 'High Court Civil Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Sifil yr Uchel Lys',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
  {
    id: 'HIGH_COURT_FAMILY_DAILY_CAUSE_LIST',
    englishName: 'High Court Family Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Teulu yr Uchel Lys',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
  {
    id: 'BUSINESS_AND_PROPERTY_DAILY_CAUSE_LIST',
    englishName: 'Business & Property Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Busnes ac Eiddo',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
  {
    id: 'CIRCUIT_COMMERCIAL_COURT_DAILY_CAUSE_LIST',
    englishName: 'Circuit Commercial Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Masnachol Cylchdaith',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
  {
    id: 'TECHNOLOGY_AND_CONSTRUCTION_COURT_DAILY_CAUSE_LIST',
    englishName: 'Technology and Construction Court Daily Cause List',
    welshName: 'Rhestr Achosion Dyddiol Llys Technoleg ac Adeiladwaith',
    locationLevel: 'NATIONAL',
    classifiedReadableBy: ['CFT_IDAM'],
    schema: 'file-only',
  },
];

export const listTypes: readonly ListTypeDefinition[] = rows.map(definitionOf);

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
