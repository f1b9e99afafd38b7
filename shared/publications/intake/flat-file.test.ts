import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { safeFileName, sniffFlatFile } from './flat-file.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('sniffFlatFile', () => {
  it('recognises each publishable kind from its bytes', () => {
    expect(sniffFlatFile(bytes('%PDF-1.7\n...'), 'list.bin')).toBe('pdf');
    expect(sniffFlatFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'x')).toBe('doc');
    expect(
      sniffFlatFile(
        new Uint8Array([...Buffer.from('PK\u0003\u0004'), ...Buffer.from('....word/document.xml')]),
        'a.docx',
      ),
    ).toBe('docx');
    expect(sniffFlatFile(bytes('  <!DOCTYPE html><html></html>'), 'a.htm')).toBe('html');
    expect(sniffFlatFile(bytes('{"a":1}'), 'a.txt')).toBe('json');
    expect(sniffFlatFile(bytes('Case,Name\n1,A\n'), 'hearings.csv')).toBe('csv');
  });

  it('tells an Excel workbook from a Word document by the ZIP directory, whatever its name', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Case', 'Name']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(sniffFlatFile(bytes, 'list.docx')).toBe('xlsx');
    expect(safeFileName('list', 'xlsx')).toBe('list.xlsx');
  });

  it('refuses what the name claims but the bytes deny', () => {
    expect(sniffFlatFile(bytes('MZ\u0090\u0000 executable'), 'list.pdf')).toBeNull();
    expect(sniffFlatFile(bytes('PK\u0003\u0004 an ordinary zip'), 'list.docx')).toBeNull();
    expect(sniffFlatFile(bytes('{not json'), 'list.json')).toBeNull();
    expect(sniffFlatFile(bytes('just some text'), 'notes.txt')).toBeNull();
  });
});

describe('safeFileName', () => {
  it('strips paths and header-breaking characters, and keeps the real extension', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('list"; filename=evil.exe', 'pdf')).toBe('list__ filename_evil.exe.pdf');
    expect(safeFileName('Llys Ynadon.PDF', 'pdf')).toBe('Llys Ynadon.PDF');
    expect(safeFileName('', 'csv')).toBe('publication.csv');
    expect(safeFileName('page.htm', 'html')).toBe('page.htm');
  });
});
