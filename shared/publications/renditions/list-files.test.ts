/**
 * Every fixture list of the live service (strategic and tabular) has a PDF with its name, court and day and every
 * case it lists; tabular and SJP lists a workbook of the same rows; and "changes since" pairs cases by reference.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { strategicListFixtures } from '../../../test-support/strategic-list-fixtures.js';
import { tabularListFixtures } from '../../../test-support/tabular-list-fixtures.js';
import { findListType, type ListTypeDefinition } from '../catalogue/list-types.js';
import { changeLines, listChanges } from './list-changes.js';
import { hasWorkbook, listCases } from './list-cases.js';
import { listDocument, listFiles } from './list-files.js';
import { pdfFonts, pdfRuns, pdfText } from './pdf-text.test-support.js';

function listType(id: string): ListTypeDefinition {
  const found = findListType(id);
  if (found.kind === 'unknown') throw new Error(id);
  return found.listType;
}

const fixtures = Object.entries({ ...strategicListFixtures, ...tabularListFixtures }).filter(
  ([file]) => !file.includes('Invalid'),
);

describe('list renditions of every fixture', () => {
  it.each(fixtures)('%s (%s)', async (file, id) => {
    const type = listType(id);
    const payload: unknown = JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));
    const input = {
      listType: type,
      payload,
      language: 'ENGLISH' as const,
      court: { name: 'Oxford Combined Court Centre', welshName: null },
      contentDate: '2026-11-30T09:00:00',
    };
    const { pdf, workbook } = await listFiles(input);
    const text = pdfText(pdf).join('\n');
    expect(text).toContain(type.friendlyName.en);
    expect(text).toContain('Oxford Combined Court Centre');
    expect(text).toContain('30 November 2026');
    const rows = listDocument(input).tables.flatMap((table) => table.rows);
    // A cell wraps over lines of the table: compared without white space. Every cell is in the PDF, whatever its
    // letters (the PDF's font is embedded and mapped back to text).
    const squeezed = text.replace(/\s+/g, '');
    const missing = rows.flat().filter((cell) => !squeezed.includes(cell.replace(/\s+/g, '')));
    expect(missing).toEqual([]);
    expect(workbook !== null).toBe(hasWorkbook(type));
    if (workbook) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook as never);
      const sheetRows = book.worksheets.reduce((sum, sheet) => sum + sheet.rowCount - 1, 0);
      expect(sheetRows).toBe(rows.length);
    }
  });

  it('finds the cases of a strategic list with their courtroom and time', () => {
    const payload: unknown = JSON.parse(readFileSync(fixtureUrl('lists', 'civilDailyCauseList.json'), 'utf8'));
    expect(listCases(listType('CIVIL_DAILY_CAUSE_LIST'), payload)[0]).toEqual({
      reference: '45684548',
      name: 'This is a case name',
      time: '16:00',
      courtroom: '1',
    });
  });

  it('names an SJP case by its accused and offences', () => {
    const payload: unknown = JSON.parse(readFileSync(fixtureUrl('lists', 'sjpPublicList.json'), 'utf8'));
    expect(listCases(listType('SJP_PUBLIC_LIST'), payload)).toEqual([
      {
        reference: '',
        name: 'A This is a surname: This is an offence title; This is an offence title 2',
        time: '',
        courtroom: '',
      },
    ]);
  });
});

describe('a Welsh list in the PDF', () => {
  it('shows ŵ, ŷ and the other Welsh letters in an embedded font that has their glyphs', async () => {
    const payload = {
      document: { publicationDate: '2026-11-30T09:00:00Z' },
      venue: { venueName: 'Llys Ynadon Caerdydd' },
      courtLists: [
        {
          courtHouse: {
            courtRoom: [
              {
                courtRoomName: 'Ystafell 1',
                session: [
                  {
                    sittings: [
                      {
                        sittingStart: '2026-11-30T10:00:00Z',
                        hearing: [
                          {
                            case: [{ caseNumber: 'CY-1', caseName: 'Gwŷr y Dŵr v Ŵyn a Ŷr' }],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        },
      ],
    };
    const type = listType('CIVIL_DAILY_CAUSE_LIST');
    const { pdf } = await listFiles({
      listType: type,
      payload,
      language: 'WELSH',
      court: {
        name: 'Cardiff Civil and Family Justice Centre',
        welshName: 'Canolfan Cyfiawnder Sifil a Theulu Caerdydd',
      },
      contentDate: '2026-11-30T09:00:00',
    });
    const words = ['Gwŷr y Dŵr v Ŵyn a Ŷr', 'Canolfan Cyfiawnder Sifil a Theulu Caerdydd', '30 Tachwedd 2026'];
    const text = pdfText(pdf).join('\n');
    for (const word of words) expect(text).toContain(word);
    expect(text).toContain(`${type.friendlyName.en} / ${type.friendlyName.cy}`);

    // Every font the PDF uses is embedded (no standard font, whose WinAnsi has no ŵ), and each Welsh letter is
    // drawn with a glyph of the font that has an outline: never .notdef (glyph 0) nor an empty glyph.
    const fonts = pdfFonts(pdf);
    expect(fonts.map((font) => font.name).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    expect(fonts.every((font) => font.embedded !== null)).toBe(true);
    const drawn = pdfRuns(pdf).flatMap((run) =>
      run.codes.map((code) => ({ letter: run.font?.toUnicode.get(code), code, font: run.font })),
    );
    for (const letter of ['ŵ', 'ŷ', 'Ŵ', 'Ŷ']) {
      const glyphs = drawn.filter((glyph) => glyph.letter === letter);
      expect(glyphs.length, letter).toBeGreaterThan(0);
      for (const glyph of glyphs) {
        expect(glyph.code, letter).not.toBe(0);
        expect(glyph.font?.outlined.has(glyph.code), letter).toBe(true);
      }
    }
  });
});

describe('changes since', () => {
  const a = { reference: 'CN-1', name: 'A v B', time: '10:00', courtroom: '1' };
  const b = { reference: 'CN-2', name: 'C v D', time: '11:00', courtroom: '2' };

  it('is nothing for the same cases in another order', () => {
    expect(listChanges([a, b], [b, a])).toEqual({ added: [], removed: [], moved: [] });
  });

  it('names a case heard twice once moved, and a case named only by its name', () => {
    const named = { reference: '', name: 'Re X', time: '', courtroom: '' };
    const changes = listChanges([a, { ...a, time: '12:00' }], [a, { ...a, time: '15:00' }, named]);
    expect(changeLines(changes)).toEqual([
      'Added: Re X (not given)',
      'Moved: CN-1 A v B, 12:00, courtroom 1 to 15:00, courtroom 1',
    ]);
    expect(changeLines(listChanges([named], []), 'cy')).toEqual(['Tynnwyd: Re X (heb ei roi)']);
  });
});
