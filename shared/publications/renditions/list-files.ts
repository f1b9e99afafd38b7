/**
 * A JSON list's renditions: a PDF (pdfkit) with the list's name, court, content date and its cases in a table, and,
 * for the tabular lists and the SJP lists, an Excel workbook (exceljs) of the same rows. A Welsh or bilingual
 * publication is titled and headed in both languages.
 *
 * A tabular list prints every column of its table description; a strategic list prints its cases (list-cases.ts):
 * time, courtroom, reference and name.
 *
 * The PDF is set in Noto Sans (the npm package @expo-google-fonts/noto-sans, SIL Open Font License 1.1), embedded and
 * subset: pdfkit's standard Helvetica has only WinAnsi, which lacks Welsh letters such as ŵ and ŷ.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { ListTypeDefinition } from '../catalogue/list-types.js';
import type { Language } from '../publication.js';
import { hasWorkbook, listCases, tabularTable } from './list-cases.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { formatLongDate } from '../../dates/long-date.js';

export interface ListFileInput {
  listType: ListTypeDefinition;
  payload: unknown;
  language: Language;
  /** The court's names; null for a list at a court the reference data does not know. */
  court: { name: string; welshName: string | null } | null;
  /** As published, `YYYY-MM-DDTHH:mm:ss`. */
  contentDate: string;
}

export interface RenditionTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface ListDocument {
  title: string;
  court: string;
  contentDate: string;
  tables: RenditionTable[];
}

const headings = { en: en.headings, cy: cy.headings };

/** `caseReferenceNumber` → `Case reference number`, `venue/platform` → `Venue / platform`. */
function fieldHeading(field: string): string {
  const words = field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\//g, ' / ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The list's document: what both renditions print. */
export function listDocument(input: ListFileInput): ListDocument {
  const bilingual = input.language !== 'ENGLISH';
  const both = (en: string, cy: string): string => (bilingual && cy !== en ? `${en} / ${cy}` : en);
  const courtName = input.court === null ? '' : both(input.court.name, input.court.welshName ?? input.court.name);
  const day = both(formatLongDate(input.contentDate, 'en'), formatLongDate(input.contentDate, 'cy'));
  const table = tabularTable(input.listType);
  let tables: RenditionTable[];
  if (table !== null) {
    tables = table.sections.map((section) => {
      const value = section.key === null ? input.payload : (input.payload as Record<string, unknown>)[section.key];
      const rows = Array.isArray(value) ? (value as unknown[]) : [];
      return {
        caption: section.key === null ? both(headings.en.cases, headings.cy.cases) : fieldHeading(section.key),
        head: section.columns.map((column) => fieldHeading(column.field)),
        rows: rows.map((row) =>
          section.columns.map((column) => {
            const cell = typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[column.field] : '';
            return typeof cell === 'string' ? cell.trim() : '';
          }),
        ),
      };
    });
  } else {
    const h = (key: keyof typeof headings.en): string => both(headings.en[key], headings.cy[key]);
    tables = [
      {
        caption: h('cases'),
        head: [h('time'), h('courtroom'), h('reference'), h('name')],
        rows: listCases(input.listType, input.payload).map((c) => [c.time, c.courtroom, c.reference, c.name]),
      },
    ];
  }
  return {
    title: both(input.listType.friendlyName.en, input.listType.friendlyName.cy),
    court: courtName,
    contentDate: day,
    tables,
  };
}

const requireFont = createRequire(import.meta.url);
/**
 * The files of the two weights the PDF uses, named by path wherever a font is set. pdfkit caches an opened font under
 * the string it was set by, and its tables set the current font again (by its source) around every cell: a font
 * registered under a name, or given as bytes, is found again by that source only after parsing the whole file anew
 * (a 200-case list took 4 to 16 s instead of a fraction of one).
 */
export const listPdfFontFiles = {
  regular: requireFont.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: requireFont.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};
const regular = listPdfFontFiles.regular;
const bold = listPdfFontFiles.bold;

/** The PDF of a list: A4 landscape, its name, court and day, then each table (a header row repeated per page). */
export function listPdf(document: ListDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: document.title, Subject: [document.court, document.contentDate].filter(Boolean).join(', ') },
    lang: 'en-GB',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    pdf.on('error', reject);
  });
  pdf.font(bold).fontSize(16).text(document.title);
  pdf.font(regular).fontSize(11);
  if (document.court !== '') pdf.text(document.court);
  pdf.text(document.contentDate);
  for (const table of document.tables) {
    pdf.moveDown().font(bold).fontSize(12).text(table.caption);
    pdf.moveDown(0.5).font(regular).fontSize(8);
    if (table.rows.length === 0) {
      pdf.text('-');
      continue;
    }
    pdf.table({
      data: [table.head.map((text) => ({ text, font: { src: bold } })), ...table.rows],
    });
  }
  pdf.end();
  return done;
}

/** The workbook of a tabular or SJP list: one worksheet per table, a bold header row, columns sized to fit. */
export async function listWorkbook(document: ListDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = document.title;
  workbook.subject = [document.court, document.contentDate].filter(Boolean).join(', ');
  const used = new Set<string>();
  for (const table of document.tables) {
    // Worksheet names: at most 31 characters, none of []:*?/\ and unique.
    let name = table.caption.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'List';
    for (let n = 2; used.has(name); n += 1) name = `${name.slice(0, 26)} ${n}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(table.head).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => {
      const longest = Math.max(
        (table.head[index] ?? '').length,
        ...table.rows.slice(0, 500).map((row) => (row[index] ?? '').length),
      );
      column.width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ListFiles {
  pdf: Buffer;
  /** Null for a list that has no workbook (a strategic list other than SJP). */
  workbook: Buffer | null;
}

export async function listFiles(input: ListFileInput): Promise<ListFiles> {
  const document = listDocument(input);
  const [pdf, workbook] = await Promise.all([
    listPdf(document),
    hasWorkbook(input.listType) ? listWorkbook(document) : Promise.resolve(null),
  ]);
  return { pdf, workbook };
}
