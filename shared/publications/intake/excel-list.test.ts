import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listTypes, type ListTypeDefinition } from '../catalogue/list-types.js';
import {
  nonStrategicSchemaIds,
  nonStrategicTables,
  type NonStrategicSchemaId,
} from '../catalogue/schemas/non-strategic-tables.js';
import { excelFixtureUrl, workbookFromPayload } from '../../../test-support/excel-workbooks.js';
import { columnLetters, convertWorkbook, liveHeaderField, liveSheetKey, nonStrategicTableFor } from './excel-list.js';
import { excelLimits } from './limits.js';
import { cicRow, cicWorkbook as buildCicWorkbook } from '../../../test-support/cic-workbook.js';

const listTypeOf = (schemaId: NonStrategicSchemaId): ListTypeDefinition => {
  const found = listTypes.find((listType) => listType.schema === schemaId && !listType.deprecated);
  if (found === undefined) throw new Error(`no list type uses ${schemaId}`);
  return found;
};

const convert = (bytes: Uint8Array, schemaId: NonStrategicSchemaId) =>
  convertWorkbook(bytes, listTypeOf(schemaId), nonStrategicTables[schemaId]);

const cic = 'non-strategic-cic-weekly-hearing-list' as const;
const londonAdmin = 'non-strategic-london-administrative-court-daily-cause-list' as const;

/** A CIC weekly list workbook: its headers, then `rows` of cells (values exceljs writes as they are). */
const cicWorkbook = (
  rows: ExcelJS.CellValue[][],
  edit?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> => buildCicWorkbook(rows, { edit });

const goodRow = cicRow;

/** A ZIP of the given parts, each deflated, with the unpacked size it declares (default: its real size). */
function zipOf(parts: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const packed = deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('the live rules for headers and sheet names', () => {
  it('camel-cases titles as the live service does, and sheet names on spaces', () => {
    expect(liveHeaderField('Hearing Time')).toBe('hearingTime');
    expect(liveHeaderField('Case reference number')).toBe('caseReferenceNumber');
    expect(liveHeaderField('Venue/Platform')).toBe('venue/platform');
    expect(liveHeaderField('FTA/Respondent')).toBe('fta/respondent');
    expect(liveHeaderField('Time (estimate)')).toBe('timeEstimate');
    expect(liveSheetKey('Planning Court')).toBe('planningCourt');
    expect(liveSheetKey('Open Justice Statement Details')).toBe('openJusticeStatementDetails');
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(26)).toBe('Z');
    expect(columnLetters(28)).toBe('AB');
  });
});

describe('convertWorkbook: every non-strategic schema', () => {
  it.each(nonStrategicSchemaIds)('%s: a workbook of its real payload converts back to the same JSON', async (id) => {
    const payload: unknown = JSON.parse(await readFile(excelFixtureUrl(id), 'utf8'));
    const table = nonStrategicTables[id];
    const bytes = await workbookFromPayload(table, payload);
    const conversion = await convert(bytes, id);
    expect(conversion.ok ? null : conversion).toBeNull();
    if (!conversion.ok) return;
    expect(conversion.payload).toEqual(payload);
    expect(JSON.parse(Buffer.from(conversion.json).toString('utf8'))).toEqual(payload);
    // Headers may also be the field names, in any case, and sheets the section keys.
    const byFieldNames = await workbookFromPayload(table, payload, {
      header: (field) => field.toUpperCase(),
      sheetName: (key) => key ?? 'Sheet1',
    });
    const again = await convert(byFieldNames, id);
    expect(again.ok ? again.payload : again).toEqual(payload);
  });
});

describe('convertWorkbook: every non-strategic list type of the catalogue', () => {
  const nonStrategic = listTypes.filter((listType) => listType.schema.startsWith('non-strategic-'));

  it('covers every list type whose schema is non-strategic', () => {
    expect(nonStrategic.length).toBeGreaterThan(nonStrategicSchemaIds.length);
    expect(nonStrategic.filter((listType) => nonStrategicTableFor(listType) === null)).toEqual([]);
  });

  it.each(nonStrategic.map((listType) => [listType.id, listType] as const))('%s', async (_id, listType) => {
    const table = nonStrategicTableFor(listType);
    if (table === null) throw new Error(`${listType.id} has no table`);
    const schemaId = listType.schema as NonStrategicSchemaId;
    const payload: unknown = JSON.parse(await readFile(excelFixtureUrl(schemaId), 'utf8'));
    const bytes = await workbookFromPayload(nonStrategicTables[schemaId], payload);
    const conversion = await convertWorkbook(bytes, listType, table);
    expect(conversion.ok ? conversion.payload : conversion).toEqual(payload);
  });
});

describe('convertWorkbook: cells', () => {
  it('reads date and time cells as the live service writes them, numbers and merged cells as shown', async () => {
    const bytes = await cicWorkbook(
      [
        [new Date(Date.UTC(2025, 0, 2)), new Date(Date.UTC(1899, 11, 30, 10, 31)), 1234, 'Case A', 'Venue A'],
        [new Date(Date.UTC(2025, 0, 3, 14, 0)), new Date(Date.UTC(1899, 11, 30, 0, 5)), 'X-1', 'Case B', 'Venue B'],
      ],
      (sheet) => {
        sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
        sheet.getColumn(2).numFmt = 'h:mm AM/PM';
        sheet.getCell('F2').value = 'Judge Merged';
        sheet.mergeCells('F2:F3');
        sheet.getCell('G2').value = { formula: '"Member "&"A"', result: 'Member A' };
        sheet.getCell('H3').value = true;
      },
    );
    const conversion = await convert(bytes, cic);
    expect(conversion.ok ? conversion.payload : conversion).toEqual([
      {
        date: '02/01/2025',
        hearingTime: '10:31am',
        caseReferenceNumber: '1234',
        caseName: 'Case A',
        'venue/platform': 'Venue A',
        judges: 'Judge Merged',
        members: 'Member A',
        additionalInformation: '',
      },
      {
        date: '03/01/2025',
        hearingTime: '12:05am',
        caseReferenceNumber: 'X-1',
        caseName: 'Case B',
        'venue/platform': 'Venue B',
        judges: 'Judge Merged',
        members: '',
        additionalInformation: 'TRUE',
      },
    ]);
  });

  it('refuses a bad cell naming its sheet, cell, row, header and problem', async () => {
    const bytes = await cicWorkbook([goodRow, ['03/01/2025', 'half ten', ...goodRow.slice(2)]]);
    const conversion = await convert(bytes, cic);
    expect(conversion).toMatchObject({ ok: false, status: 400, code: 'EXCEL_INVALID_CELLS' });
    expect(conversion.ok ? [] : conversion.details).toEqual([
      {
        field: 'Hearings!B3',
        sheet: 'Hearings',
        cell: 'B3',
        line: 3,
        column: 'Hearing Time',
        problem: 'hearingTime must be a time like 9am or 10:30am',
      },
    ]);
  });

  it('refuses an error cell and a formula with no saved result', async () => {
    const bytes = await cicWorkbook([goodRow], (sheet) => {
      sheet.getCell('C2').value = { error: '#N/A' };
      sheet.getCell('D2').value = { formula: 'A1&B1' };
    });
    const conversion = await convert(bytes, cic);
    expect(conversion).toMatchObject({ ok: false, code: 'EXCEL_INVALID_CELLS' });
    expect(conversion.ok ? [] : conversion.details.map((d) => [d.cell, d.problem])).toEqual([
      ['C2', 'caseReferenceNumber shows the error #N/A'],
      ['D2', 'caseName is a formula with no saved result (open and save it in Excel first)'],
    ]);
  });

  it('refuses rows after a blank row rather than dropping them as the live service does', async () => {
    const bytes = await cicWorkbook([goodRow, [], goodRow]);
    const conversion = await convert(bytes, cic);
    expect(conversion).toMatchObject({
      ok: false,
      code: 'EXCEL_ROWS_AFTER_BLANK_ROW',
      details: [{ field: 'Hearings!A4', line: 4 }],
    });
  });
});

describe('convertWorkbook: headers and sheets', () => {
  const cicWithHeaders = async (headers: string[]) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Weekly list');
    sheet.addRow(headers);
    sheet.addRow(goodRow.slice(0, headers.length));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  const headers = ['Date', 'Hearing Time', 'Case Reference Number', 'Case Name', 'Venue/Platform', 'Judges', 'Members'];

  it('refuses an unknown header, naming its cell', async () => {
    const conversion = await convert(await cicWithHeaders([...headers, 'Notes']), cic);
    expect(conversion).toMatchObject({ ok: false, code: 'EXCEL_MISSING_HEADER' });
    const unknown = await convert(await cicWithHeaders([...headers, 'Additional Information', 'Notes']), cic);
    expect(unknown).toMatchObject({
      ok: false,
      code: 'EXCEL_UNKNOWN_HEADER',
      details: [{ field: "'Weekly list'!I1", cell: 'I1', column: 'Notes' }],
    });
  });

  it('refuses a missing or repeated header', async () => {
    const missing = await convert(await cicWithHeaders(headers), cic);
    expect(missing).toMatchObject({
      ok: false,
      code: 'EXCEL_MISSING_HEADER',
      details: [{ sheet: 'Weekly list', problem: 'has no header for additionalInformation in row 1' }],
    });
    const repeated = await convert(await cicWithHeaders([...headers, 'Additional Information', 'judges']), cic);
    expect(repeated).toMatchObject({ ok: false, code: 'EXCEL_DUPLICATE_HEADER', details: [{ cell: 'I1' }] });
  });

  it('takes one sheet per section, and refuses a missing or unknown one', async () => {
    const payload: unknown = JSON.parse(await readFile(excelFixtureUrl(londonAdmin), 'utf8'));
    const table = nonStrategicTables[londonAdmin];
    const onlyFirst = await workbookFromPayload(table, payload, {
      sheetName: (key) => (key === 'planningCourt' ? 'Something else' : 'London Administrative Court'),
    });
    expect(await convert(onlyFirst, londonAdmin)).toMatchObject({
      ok: false,
      code: 'EXCEL_UNEXPECTED_SHEET',
      details: [{ sheet: 'Something else' }],
    });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('London Administrative Court').addRow(['Venue']);
    expect(await convert(Buffer.from(await workbook.xlsx.writeBuffer()), londonAdmin)).toMatchObject({
      ok: false,
      code: 'EXCEL_MISSING_SHEET',
      details: [{ field: 'planningCourt' }],
    });
    const twoSheets = await cicWorkbook([goodRow], (_sheet, book) => book.addWorksheet('Notes').addRow(['a note']));
    expect(await convert(twoSheets, cic)).toMatchObject({ ok: false, code: 'EXCEL_UNEXPECTED_SHEET' });
  });
});

describe('convertWorkbook: files that are not workbooks, or too large', () => {
  it('refuses an empty workbook, a corrupt file, an old .xls and a password-protected workbook', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect(await convert(Buffer.from(await empty.xlsx.writeBuffer()), cic)).toMatchObject({
      ok: false,
      code: 'EXCEL_EMPTY',
    });
    expect(await convert(Buffer.from('not a workbook at all'), cic)).toMatchObject({ code: 'EXCEL_UNREADABLE' });
    const good = await cicWorkbook([goodRow]);
    expect(await convert(good.subarray(0, good.length - 200), cic)).toMatchObject({ code: 'EXCEL_UNREADABLE' });
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    expect(await convert(ole, cic)).toMatchObject({ code: 'EXCEL_UNREADABLE' });
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    expect(await convert(ole, cic)).toMatchObject({ status: 400, code: 'EXCEL_PASSWORD_PROTECTED' });
    const zipWithoutWorkbook = zipOf([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]);
    expect(await convert(zipWithoutWorkbook, cic)).toMatchObject({ code: 'EXCEL_UNREADABLE' });
  });

  it('refuses a ZIP bomb before unpacking it: by its declared size, and by a part that unpacks past its own', async () => {
    const zeros = Buffer.alloc(excelLimits.maxUnpackedBytes + 1);
    const declaredHuge = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(declaredHuge.length).toBeLessThan(200 * 1024);
    expect(await convert(declaredHuge, cic)).toMatchObject({ status: 413, code: 'EXCEL_TOO_LARGE' });
    const lying = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 },
    ]);
    expect(await convert(lying, cic)).toMatchObject({
      code: 'EXCEL_UNREADABLE',
      details: [{ problem: 'has a ZIP entry that does not unpack to its declared size (xl/worksheets/sheet1.xml)' }],
    });
  });

  it('counts the cells in the sheet XML, refusing too many before exceljs builds them', async () => {
    const cells = Buffer.from(
      `<worksheet><sheetData><row>${'<c r="A1"><v>1</v></c>'.repeat(excelLimits.maxCells + 1)}</row></sheetData></worksheet>`,
    );
    const dense = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: cells },
    ]);
    expect(await convert(dense, cic)).toMatchObject({
      status: 413,
      code: 'EXCEL_TOO_LARGE',
      details: [{ problem: `has more than ${excelLimits.maxCells} cells` }],
    });
  });

  it('refuses a sheet wider than the limit', async () => {
    const bytes = await cicWorkbook([goodRow], (sheet) => {
      sheet.getCell(2, excelLimits.maxColumns + 1).value = 'far away';
    });
    expect(await convert(bytes, cic)).toMatchObject({ status: 413, code: 'EXCEL_TOO_LARGE' });
  });
});
