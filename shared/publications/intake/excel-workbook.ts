/**
 * Reading an Excel workbook (.xlsx) safely: the ZIP is checked before any part is unpacked for good (entry count,
 * declared and actual unpacked sizes, no encryption), then exceljs reads it and each sheet becomes a grid of cells.
 * What the cells mean is the caller's (./excel-list.ts); this file knows nothing of lists.
 *
 * Failures are values with a stable code, answered by the API as 400 (413 for the size limits).
 */
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { excelLimits } from './limits.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type WorkbookFailureCode = 'EXCEL_UNREADABLE' | 'EXCEL_PASSWORD_PROTECTED' | 'EXCEL_TOO_LARGE' | 'EXCEL_EMPTY';

export interface WorkbookFailure {
  ok: false;
  code: WorkbookFailureCode;
  message: string;
  problem: string;
}

/** One cell as the sheet holds it, before a column gives it meaning. */
export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** A date or time cell (a number with a date format): the moment as Excel shows it, read as UTC. */
  | { kind: 'date'; value: Date }
  /** A cell that cannot give a value: an error (#N/A) or a formula never calculated. */
  | { kind: 'unusable'; problem: string };

export interface WorkbookSheet {
  name: string;
  /** `rows[r][c]` is the cell at row r + 1, column c + 1; rows may be shorter than others (the rest are empty). */
  rows: CellContent[][];
}

export type WorkbookReading = { ok: true; sheets: WorkbookSheet[] } | WorkbookFailure;

const fail = (code: WorkbookFailureCode, message: string, problem: string): WorkbookFailure => ({
  ok: false,
  code,
  message,
  problem,
});

const unreadable = (problem: string) =>
  fail('EXCEL_UNREADABLE', 'The file is not an Excel workbook (.xlsx) that can be read', problem);
const tooLarge = (problem: string) => fail('EXCEL_TOO_LARGE', 'The workbook is too large to convert', problem);

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** True when the bytes are a ZIP holding a workbook part, as an .xlsx file does. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, zipSignature)) return false;
  const entries = zipEntries(bytes);
  return entries.ok && entries.entries.some((entry) => entry.name === 'xl/workbook.xml');
}

/** True for an Office file encrypted with a password: an OLE compound file holding an `EncryptedPackage` stream. */
export function isPasswordProtectedOffice(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, oleSignature)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from('EncryptedPackage', 'utf16le'),
  );
}

interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

/** The ZIP's central directory: every entry with its declared sizes. No ZIP64 (a 2 MB file never needs it). */
function zipEntries(bytes: Uint8Array): { ok: true; entries: ZipEntry[] } | WorkbookFailure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) return unreadable('is not a complete ZIP file (an .xlsx workbook is one)');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) return tooLarge('is a ZIP64 file');
  if (count > excelLimits.maxEntries) return tooLarge(`holds ${count} parts; at most ${excelLimits.maxEntries}`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      return unreadable('has a damaged ZIP directory');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return unreadable('has a damaged ZIP directory');
    entries.push({
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      compressedSize: view.getUint32(at + 20, true),
      unpackedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** A cell element of sheet XML, `<c r="A1">` or `<c>` (no other element of a sheet starts `<c` then a space or `>`:
 * `<col `, `<cols>` and `<cfRule` do not match). */
const cellTag = /<c[\s>/]/g;

/** How many times `pattern` occurs in the text of `bytes`, counting no further than `limit`. */
function occurrences(bytes: Buffer, pattern: RegExp, limit: number): number {
  const text = bytes.toString('latin1');
  pattern.lastIndex = 0;
  let count = 0;
  while (count < limit && pattern.exec(text) !== null) count++;
  return count;
}

/**
 * The ZIP bomb guard: every part's declared size is added up against the limit, then every part is inflated with
 * its declared size as the most it may produce, so a part lying about its size is refused before it grows. What
 * exceljs unpacks afterwards is therefore bounded by the same sum; and the cells of every sheet are counted in its
 * XML, so exceljs never builds more cell objects than the limit.
 */
function checkZip(bytes: Uint8Array): { ok: true } | WorkbookFailure {
  const listing = zipEntries(bytes);
  if (!listing.ok) return listing;
  const { entries } = listing;
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    return unreadable('is a ZIP file without a workbook (xl/workbook.xml)');
  }
  let declared = 0;
  for (const entry of entries) {
    if (entry.encrypted) {
      return fail('EXCEL_PASSWORD_PROTECTED', 'The workbook is protected with a password', 'is encrypted');
    }
    declared += entry.unpackedSize;
  }
  if (declared > excelLimits.maxUnpackedBytes) {
    return tooLarge(`unpacks to ${declared} bytes; at most ${excelLimits.maxUnpackedBytes}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let cells = 0;
  for (const entry of entries) {
    const local = entry.localHeaderOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      return unreadable(`has a damaged ZIP entry (${entry.name})`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) return unreadable(`has a truncated ZIP entry (${entry.name})`);
    let unpacked: Buffer;
    if (entry.method === 0) unpacked = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else if (entry.method === 8) {
      try {
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.unpackedSize) });
      } catch {
        return unreadable(`has a ZIP entry that does not unpack to its declared size (${entry.name})`);
      }
    } else return unreadable(`has a ZIP entry compressed with an unsupported method (${entry.name})`);
    if (unpacked.length !== entry.unpackedSize) {
      return unreadable(`has a ZIP entry that does not unpack to its declared size (${entry.name})`);
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      cells += occurrences(unpacked, cellTag, excelLimits.maxCells - cells + 1);
      if (cells > excelLimits.maxCells) return tooLarge(`has more than ${excelLimits.maxCells} cells`);
    }
  }
  return { ok: true };
}

/**
 * Text as Excel wrote it: characters XML cannot hold as they are (a carriage return, other controls) are written
 * `_xHHHH_` (ST_Xstring), and a literal `_x` as `_x005F_x`. exceljs leaves them; the live service's reader decodes.
 */
const decodeXstring = (text: string) =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const textContent = (text: string): CellContent =>
  text === '' ? { kind: 'empty' } : { kind: 'text', text: decodeXstring(text) };

function contentOf(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return textContent(value);
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if ('error' in value) return { kind: 'unusable', problem: `shows the error ${value.error}` };
  if ('richText' in value) {
    return textContent(value.richText.map((run) => run.text).join(''));
  }
  if ('hyperlink' in value) {
    return typeof value.text === 'string' ? textContent(value.text) : contentOf(value.text);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) {
      return { kind: 'unusable', problem: 'is a formula with no saved result (open and save it in Excel first)' };
    }
    return contentOf(result);
  }
  return { kind: 'unusable', problem: 'holds a value that cannot be read as text' };
}

/** Reads the workbook's sheets as grids of cells, within `excelLimits`. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookReading> {
  if (isPasswordProtectedOffice(bytes)) {
    return fail('EXCEL_PASSWORD_PROTECTED', 'The workbook is protected with a password', 'is encrypted');
  }
  if (startsWith(bytes, oleSignature)) {
    return unreadable('is an older Excel (.xls) or other Office file; save it as an Excel workbook (.xlsx)');
  }
  if (!startsWith(bytes, zipSignature)) return unreadable('is not an Excel workbook (.xlsx)');
  const zip = checkZip(bytes);
  if (!zip.ok) return zip;

  // Loaded on first use: most ingestion never reads a workbook, and exceljs is large.
  const { default: exceljs } = await import('exceljs');
  const workbook = new exceljs.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return unreadable('could not be read as a workbook');
  }
  const worksheets = workbook.worksheets;
  if (worksheets.length > excelLimits.maxSheets) {
    return tooLarge(`has ${worksheets.length} sheets; at most ${excelLimits.maxSheets}`);
  }
  let totalRows = 0;
  for (const worksheet of worksheets) {
    totalRows += worksheet.rowCount;
    if (worksheet.columnCount > excelLimits.maxColumns) {
      return tooLarge(
        `sheet "${worksheet.name}" has ${worksheet.columnCount} columns; at most ${excelLimits.maxColumns}`,
      );
    }
  }
  if (totalRows > excelLimits.maxRows) return tooLarge(`has ${totalRows} rows; at most ${excelLimits.maxRows}`);

  const sheets: WorkbookSheet[] = worksheets.map((worksheet) => {
    const rows: CellContent[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        // A merged cell shows its first cell's value in every cell it covers, as the sheet shows it.
        cells[columnNumber - 1] = contentOf(cell.value);
      });
      for (let index = 0; index < cells.length; index++) cells[index] ??= { kind: 'empty' };
      rows[rowNumber - 1] = cells;
    });
    for (let index = 0; index < rows.length; index++) rows[index] ??= [];
    return { name: worksheet.name, rows };
  });
  if (sheets.every((sheet) => sheet.rows.every((row) => row.every((cell) => cell.kind === 'empty')))) {
    return fail('EXCEL_EMPTY', 'The workbook is empty', 'has no sheet with any content');
  }
  return { ok: true, sheets };
}
