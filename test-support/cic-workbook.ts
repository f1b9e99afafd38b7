/**
 * A CIC weekly hearing list workbook, built with exceljs: the one builder of the bad-input properties
 * (bad-input/properties.ts), the Excel conversion's tests (excel-list.test.ts) and the bench (bench/excel.ts). exceljs is loaded on first use, so a module that only
 * names the titles does not load it.
 */
import type ExcelJS from 'exceljs';

/** The list's column titles, as its workbooks head them. */
export const cicTitles = [
  'Date',
  'Hearing Time',
  'Case Reference Number',
  'Case Name',
  'Venue/Platform',
  'Judges',
  'Members',
  'Additional Information',
];

/** A good hearing row, every cell text. */
export const cicRow = ['02/01/2025', '10:30am', '1234', 'Case A', 'Venue A', 'Judge A', 'Member A', 'None'];

export interface CicWorkbookOptions {
  /** The sheet's name: "Hearings" unless said. */
  sheetName?: string;
  /** The header row: `cicTitles` unless said (an undefined cell is left empty). */
  titles?: (string | undefined)[];
  /** Changes to the sheet once its rows are in (number formats, say), before it is written. */
  edit?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void;
}

/** The workbook's bytes: one sheet, its header row, then `rows` of cells as exceljs writes them. */
export async function cicWorkbook(
  rows: Iterable<ExcelJS.CellValue[]>,
  options: CicWorkbookOptions = {},
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Hearings');
  sheet.addRow(options.titles ?? cicTitles);
  for (const row of rows) sheet.addRow(row);
  options.edit?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
