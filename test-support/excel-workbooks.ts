/**
 * Excel workbooks for tests and the bench, built with exceljs from real list payloads (test-fixtures/lists): one
 * sheet per section of a non-strategic table, a header row of titles the live service's rule maps back to each
 * field ("Hearing Time" for `hearingTime`), then one row per hearing, every cell text as the payload has it.
 */
import ExcelJS from 'exceljs';
import {
  nonStrategicTables,
  sectionRows,
  type NonStrategicSchemaId,
  type NonStrategicTable,
} from '../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { fixtureUrl } from './fixtures.js';

/** A real payload for every non-strategic schema (the live portal's and service's test payloads). */
export const excelFixtureFiles: Record<NonStrategicSchemaId, string> = {
  'non-strategic-ast-daily-hearing-list': 'astDailyHearingList.json',
  'non-strategic-cic-weekly-hearing-list': 'cicWeeklyHearingList.json',
  'non-strategic-common-kb-chd-daily-cause-list': 'intellectualPropertyAndEnterpriseCourtDailyCauseList.json',
  'non-strategic-daily-cause-list': 'countyCourtLondonCivilDailyCauseList.json',
  'non-strategic-court-of-appeal-civil-daily-cause-list': 'courtOfAppealCivilDailyCauseList.json',
  'non-strategic-cst-weekly-hearing-list': 'cstAndPhtWeeklyHearingList.json',
  'non-strategic-ftt-land-registry-tribunal-weekly-hearing-list': 'fttLandRegistryTribunalWeeklyHearingList.json',
  'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list':
    'fttResidentialPropertyTribunalWeeklyHearingList.json',
  'non-strategic-ftt-tax-chamber-tribunal-weekly-hearing-list': 'fttTaxWeeklyHearingList.json',
  'non-strategic-grc-weekly-hearing-list': 'grcWeeklyHearingList.json',
  'non-strategic-interim-applications-chancery-division-daily-cause-list':
    'interimApplicationsChanceryDivisionDailyCauseList.json',
  'non-strategic-london-administrative-court-daily-cause-list': 'londonAdministrativeCourtDailyCauseList.json',
  'non-strategic-pht-weekly-hearing-list': 'cstAndPhtWeeklyHearingList.json',
  'non-strategic-send-daily-hearing-list': 'sendDailyHearingList.json',
  'non-strategic-senior-courts-costs-office-daily-cause-list': 'seniorCourtsCostsOfficeDailyCauseList.json',
  'non-strategic-siac-weekly-hearing-list': 'siacWeeklyHearingList.json',
  'non-strategic-sscs-daily-hearing-list': 'sscsDailyHearingList.json',
  'non-strategic-ut-administrative-appeals-chamber-daily-hearing-list':
    'utAdministrativeAppealsChamberDailyHearingList.json',
  'non-strategic-ut-iac-judicial-reviews-daily-hearing-list': 'utIacJudicialReviewDailyHearingList.json',
  'non-strategic-ut-iac-judicial-reviews-london-daily-hearing-list': 'utIacJudicialReviewLondonDailyHearingList.json',
  'non-strategic-ut-iac-statutory-appeals-daily-hearing-list': 'utIacStatutoryAppealsDailyHearingList.json',
  'non-strategic-ut-lands-chamber-daily-hearing-list': 'utLandsChamberDailyHearingList.json',
  'non-strategic-ut-tax-and-chancery-chamber-daily-hearing-list': 'utTaxAndChanceryChamberDailyHearingList.json',
  'non-strategic-wpafcc-weekly-hearing-list': 'wpafccWeeklyHearingList.json',
};

export const excelFixtureUrl = (schemaId: NonStrategicSchemaId): URL =>
  fixtureUrl('lists', excelFixtureFiles[schemaId]);

/** A field as a person titles its column: `hearingTime` → "Hearing Time", `venue/platform` → "Venue/platform". */
export function columnTitle(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a generated sheet holds besides the payload's rows. */
export interface WorkbookShape {
  /** Header cells by field (default: `columnTitle`). */
  header?: (field: string) => string;
  /** The sheet of a section (default: "Hearings" for an unnamed one, else the key as a title). */
  sheetName?: (key: string | null) => string;
}

/**
 * A payload value as Excel writes it into the file: a carriage return as `_x000D_` (XML would turn `\r\n` into
 * `\n`), and a literal `_xHHHH_` protected as `_x005F_xHHHH_`.
 */
function excelText(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');
}

/** The payload of `table` as a workbook: a sheet per section, headers, then its rows as text cells. */
export async function workbookFromPayload(
  table: NonStrategicTable,
  payload: unknown,
  shape: WorkbookShape = {},
): Promise<Buffer> {
  const header = shape.header ?? columnTitle;
  const sheetName = shape.sheetName ?? ((key: string | null) => (key === null ? 'Hearings' : columnTitle(key)));
  const workbook = new ExcelJS.Workbook();
  for (const { section, rows } of sectionRows(table, payload)) {
    const sheet = workbook.addWorksheet(sheetName(section.key));
    const present = section.columns.filter(
      (column) => column.required !== false || rows.some((row) => Object.hasOwn(row, column.field)),
    );
    sheet.addRow(present.map((column) => header(column.field)));
    for (const row of rows) sheet.addRow(present.map((column) => excelText(row[column.field])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The table of a schema id (for tests iterating the catalogue). */
export const tableOf = (schemaId: NonStrategicSchemaId): NonStrategicTable => nonStrategicTables[schemaId];
