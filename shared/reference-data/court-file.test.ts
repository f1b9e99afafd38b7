import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { parseCourtFile, parseLocationType } from './court-file.js';

const sample = (name: string) => readFileSync(fixtureUrl('reference-data', name), 'utf8');

const seedFormat = `Court Desc,Region,Jurisdiction,Provenance,ProvenanceID
ALTON MAGISTRATES COURT,SOUTH WEST,MAGISTRATES COURT,Forced in,788490
BARNSTAPLE MAGISTRATES; COUNTY AND FAMILY COURT,South West,MAGISTRATES COURT; Family Court; County Court,Forced in,774335
`;

describe('parseCourtFile', () => {
  it('reads the seed format: a court per row, multi-valued cells split on ";", venue references', () => {
    const result = parseCourtFile(seedFormat);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('seed');
    expect(result.courts).toHaveLength(2);
    expect(result.courts[1]).toMatchObject({
      line: 3,
      locationId: null,
      name: 'BARNSTAPLE MAGISTRATES; COUNTY AND FAMILY COURT',
      welshName: undefined,
      region: ['South West'],
      jurisdiction: ['MAGISTRATES COURT', 'Family Court', 'County Court'],
      references: [
        { line: 3, provenance: 'Forced in', provenanceLocationId: '774335', provenanceLocationType: 'VENUE' },
      ],
    });
  });

  it('reads the live format with stray header spaces, grouping rows that share a P&I ID', () => {
    const result = parseCourtFile(sample('test_ValidCsv.csv'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('live');
    expect(result.rows).toBe(3);
    expect(
      result.courts.map((c) => [c.locationId, c.references.map((r) => `${r.provenance}/${r.provenanceLocationId}`)]),
    ).toEqual([
      [1, ['TestProvenance/1', 'TestProvenanceOther/2']],
      [2, ['TestProvenance/1']],
    ]);
    expect(result.courts[0]).toMatchObject({
      name: 'Test Location',
      welshName: 'Welsh Test Location',
      welshRegion: ['Welsh north west'],
      jurisdiction: ['Magistrates Location', 'Family Location'],
      jurisdictionType: undefined,
      email: 'test1@test.com',
      contactNo: '0123456789',
    });
    // The same reference on two courts is accepted with a warning: the lookup will treat it as ambiguous.
    expect(result.warnings).toEqual([expect.objectContaining({ line: 4, column: 'Provenance Location ID' })]);
  });

  it('reads the live format in another column order (the 400-court performance file)', () => {
    const result = parseCourtFile(sample('performance_ReferenceData.csv'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.courts).toHaveLength(400);
    expect(result.courts[0]).toMatchObject({
      locationId: 401,
      name: 'Test Court 1',
      welshRegion: ['De-ddwyrain Lloegr'],
      welshJurisdiction: ['Teulu', 'Sifil', 'Goron'],
    });
  });

  it('rejects the live sample without a location type, naming its line and column', () => {
    const result = parseCourtFile(sample('integration_InvalidCsvWithoutLocationType.csv'));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 4,
          column: 'Provenance Location Type',
          problem: 'missing location type (expected venue, region, owning hearing location or national)',
        },
      ],
    });
  });

  it('lists every problem in the file, not just the first', () => {
    const csv = [
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc',
      '1,Alpha Court,London,Crown Court,SNL,100,venue,Llys Alpha',
      'x1,Beta Court,London,Crown Court,SNL,101,courtroom,Llys Beta',
      '3,,London,Crown Court,SNL,102,venue,',
      '4,<b>Gamma</b> Court,London,Crown Court,SNL,103,venue,',
      '5,alpha court,London,Crown Court,SNL,104,venue,llys alpha',
      '1,Alpha Court,Wales,Crown Court,SNL,105,venue,Llys Alpha',
      '6,Delta Court,London',
    ].join('\n');
    const result = parseCourtFile(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.column, p.problem.split(':')[0]])).toEqual([
      [3, 'P&I ID', 'non-numeric id'],
      [
        3,
        'Provenance Location Type',
        'unknown location type "courtroom" (expected venue, region, owning hearing location or national)',
      ],
      [4, 'Court Desc', 'empty name'],
      [5, 'Court Desc', 'HTML in a name'],
      [6, 'Court Desc', 'duplicate English name'],
      [6, 'Welsh Court Desc', 'duplicate Welsh name'],
      [7, 'Region', 'P&I ID 1 is on line 2 with a different value'],
      [8, null, 'the row has 3 cells but the header has 8 columns'],
    ]);
  });

  it('names every missing column of the header', () => {
    const result = parseCourtFile('P&I ID,Court Desc,Region\n1,A,B\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.column)).toEqual([
      'Jurisdiction',
      'Provenance',
      'Provenance Location ID',
      'Provenance Location Type',
    ]);
    expect(result.problems.every((p) => p.line === 1 && p.problem === 'missing column')).toBe(true);
  });

  it('refuses an unrecognised header, an empty file and broken CSV', () => {
    expect(parseCourtFile('name,place\nA,B\n')).toMatchObject({
      ok: false,
      problems: [{ line: 1, problem: expect.stringMatching(/^unrecognised header/) as string }],
    });
    expect(parseCourtFile('')).toMatchObject({
      ok: false,
      problems: [{ line: 1, problem: expect.stringMatching(/empty/) as string }],
    });
    expect(parseCourtFile(`${seedFormat}"unterminated,South West,X,Forced in,1\n`)).toMatchObject({
      ok: false,
      problems: [{ line: 4, column: null, problem: expect.stringMatching(/not valid CSV/) as string }],
    });
  });

  it('reports a seed-format court named twice and a non-numeric ProvenanceID', () => {
    const result = parseCourtFile(`${seedFormat}Alton Magistrates Court,South West,MAGISTRATES COURT,Forced in,12a\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ line: 4, column: 'ProvenanceID', problem: 'non-numeric id: "12a"' }]);
    const twice = parseCourtFile(`${seedFormat}Alton Magistrates Court,South West,MAGISTRATES COURT,Forced in,12\n`);
    expect(twice).toMatchObject({
      ok: false,
      problems: [
        { line: 4, column: 'Court Desc', problem: expect.stringMatching(/^duplicate English name/) as string },
      ],
    });
  });

  it('pairs several provenances with their ids in the seed format', () => {
    const result = parseCourtFile(
      'Court Desc,Region,Jurisdiction,Provenance,ProvenanceID\nA Court,London,Crown Court,ListAssist; CommonPlatform,11; 22\n',
    );
    expect(result.ok && result.courts[0]?.references.map((r) => `${r.provenance}/${r.provenanceLocationId}`)).toEqual([
      'ListAssist/11',
      'CommonPlatform/22',
    ]);
  });
  it('numbers lines right in files with CRLF endings, blank lines and cells spanning lines', () => {
    const rows = [
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type',
      '1,Alpha Court,London,Crown Court,SNL,100,venue',
      '2,,London,Crown Court,SNL,101,venue',
    ];
    const problemLines = (csv: string) => {
      const result = parseCourtFile(csv);
      return result.ok ? [] : result.problems.map((p) => [p.line, p.column]);
    };
    expect(problemLines(rows.join('\r\n'))).toEqual([[3, 'Court Desc']]);
    expect(problemLines(`${rows.join('\n')}\n`)).toEqual([[3, 'Court Desc']]);
    // A blank line is skipped but still counted; so is every line of a quoted cell.
    expect(problemLines(`${rows[0] ?? ''}\n\n${rows[1] ?? ''}\n${rows[2] ?? ''}\n\n`)).toEqual([[4, 'Court Desc']]);
    const spanning = `${rows[0] ?? ''}\n1,"Alpha\nCourt",London,Crown Court,SNL,100,venue\n${rows[2] ?? ''}\n`;
    // The court name spanning lines is itself refused (a line feed in a name), on the line it starts on.
    expect(problemLines(spanning)).toEqual([
      [2, 'Court Desc'],
      [4, 'Court Desc'],
    ]);
    const multiLineName = parseCourtFile(`${rows[0] ?? ''}\n1,"Alpha\nCourt",London,Crown Court,SNL,100,venue\n`);
    expect(multiLineName).toEqual({
      ok: false,
      problems: [{ line: 2, column: 'Court Desc', problem: 'contains a line break' }],
    });
  });
});

describe('parseCourtFile refuses cells that are unsafe to store, export or display', () => {
  const header =
    'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Email,Contact No';
  const file = (...rows: string[]) => [header, ...rows].join('\n');
  const problemsOf = (csv: string) => {
    const result = parseCourtFile(csv);
    return result.ok ? [] : result.problems;
  };

  it.each([
    ['=', '=HYPERLINK("http://evil.example","Alpha")'],
    ['+', '+1+cmd|calc!A0'],
    ['-', '-2+3'],
    ['@', '@SUM(1+1)'],
  ])('a name starting with %s (spreadsheet formula), by line and column', (first, name) => {
    expect(problemsOf(file(`1,"${name.replace(/"/g, '""')}",London,Crown Court,SNL,100,venue,,,`))).toEqual([
      {
        line: 2,
        column: 'Court Desc',
        problem: `starts with "${first}": a spreadsheet would run the cell as a formula`,
      },
    ]);
  });

  it('a formula in any stored cell, after surrounding spaces, and in one value of a multi-valued cell', () => {
    expect(
      problemsOf(
        file(
          '1,Alpha Court,  =1+1,Crown Court,SNL,100,venue,,,',
          '2,Beta Court,London,Crown Court; @cmd,SNL,101,venue,,,',
          '3,Gamma Court,London,Crown Court,=SNL,102,venue,-Llys,,+44 20 7946 0000',
          '4,Delta Court,London,Crown Court,SNL,103,venue,,=a@example.com,',
        ),
      ).map((p) => [p.line, p.column, p.problem.split(':')[0]]),
    ).toEqual([
      [2, 'Region', 'starts with "="'],
      [3, 'Jurisdiction', 'a value starts with "=", "+", "-" or "@"'],
      [4, 'Provenance', 'starts with "="'],
      [4, 'Welsh Court Desc', 'starts with "-"'],
      [4, 'Contact No', 'starts with "+"'],
      [5, 'Email', 'starts with "="'],
    ]);
  });

  it('accepts a hyphen, plus or at sign inside a value (only the first character of a value is a formula)', () => {
    const result = parseCourtFile(
      file(
        '1,Newcastle-upon-Tyne Combined Court Centre,North East,Crown Court; Family-Court,SNL,100,venue,Llys Newcastle-upon-Tyne,a-b@example.com,020 7946 0000 (+ext 12)',
        '2,Barrow-in-Furness County Court,North West,County Court,List-Assist,N-101,venue,,,',
      ),
    );
    expect(result).toMatchObject({ ok: true, courts: [{ name: 'Newcastle-upon-Tyne Combined Court Centre' }, {}] });
  });

  it('a line feed or carriage return inside a court name, a Welsh name or any other cell', () => {
    expect(
      problemsOf(
        file(
          '1,"Alpha\nCourt",London,Crown Court,SNL,100,venue,,,',
          '2,Beta Court,London,Crown Court,SNL,101,venue,"Llys\r\nBeta",,',
          '3,"Gamma\rCourt",London,Crown Court,SNL,102,venue,,,',
          '4,Delta\u2028Court,London,Crown Court,SNL,103,venue,,,',
        ),
      ),
    ).toEqual([
      { line: 2, column: 'Court Desc', problem: 'contains a line break' },
      { line: 4, column: 'Welsh Court Desc', problem: 'contains a line break' },
      { line: 6, column: 'Court Desc', problem: 'contains a line break' },
      // A lone CR ends a line too (as editors show it), so Delta Court is on line 8.
      { line: 8, column: 'Court Desc', problem: 'contains a line break' },
    ]);
  });

  it.each([
    ['\u202E', 'U+202E'],
    ['\u202A', 'U+202A'],
    ['\u2066', 'U+2066'],
    ['\u2069', 'U+2069'],
    ['\u200F', 'U+200F'],
    ['\u061C', 'U+061C'],
    ['\u200B', 'U+200B'],
    ['\u2060', 'U+2060'],
    ['\uFEFF', 'U+FEFF'],
    ['\u00AD', 'U+00AD'],
  ])('a bidirectional or invisible control character %j, named by code point', (character, name) => {
    expect(problemsOf(file(`1,Alpha${character}Court,London,Crown Court,SNL,100,venue,,,`))).toEqual([
      {
        line: 2,
        column: 'Court Desc',
        problem: `contains an invisible or bidirectional control character (${name})`,
      },
    ]);
  });

  it('a C1 control character', () => {
    expect(problemsOf(file('1,Alpha\u0085Court,London,Crown Court,SNL,100,venue,,,'))).toEqual([
      { line: 2, column: 'Court Desc', problem: 'contains a control character' },
    ]);
  });

  it('an empty Region, in both formats', () => {
    expect(
      problemsOf(file('1,Alpha Court,,Crown Court,SNL,100,venue,,,', '2,Beta Court, ; ,Crown Court,SNL,101,venue,,,')),
    ).toEqual([
      { line: 2, column: 'Region', problem: 'empty region' },
      { line: 3, column: 'Region', problem: 'empty region' },
    ]);
    expect(
      problemsOf('Court Desc,Region,Jurisdiction,Provenance,ProvenanceID\nAlpha Court,,Crown Court,SNL,1\n'),
    ).toEqual([{ line: 2, column: 'Region', problem: 'empty region' }]);
  });

  it('a doubled byte order mark, naming the first column; one is fine', () => {
    const csv = file('1,Alpha Court,London,Crown Court,SNL,100,venue,,,');
    expect(parseCourtFile(`\uFEFF${csv}`).ok).toBe(true);
    expect(problemsOf(`\uFEFF\uFEFF${csv}`)).toEqual([
      {
        line: 1,
        column: 'P&I ID',
        problem: 'the file starts with two byte order marks (U+FEFF): save it again as UTF-8',
      },
    ]);
  });

  it('lists every unsafe cell of the file at once', () => {
    const csv = `\uFEFF\uFEFF${file(
      '1,=cmd,London,Crown Court,SNL,100,venue,,,',
      '2,Beta\u202ECourt,,Crown Court,SNL,101,venue,,,',
      '3,"Gamma\nCourt",London,Crown Court,SNL,102,venue,,,',
    )}`;
    expect(problemsOf(csv).map((p) => [p.line, p.column])).toEqual([
      [1, 'P&I ID'],
      [2, 'Court Desc'],
      [3, 'Court Desc'],
      [3, 'Region'],
      [4, 'Court Desc'],
    ]);
  });

  it('imports every valid reference file: none has a leading formula character, an empty region or a hidden character', () => {
    for (const name of [
      'functional_ValidLocations.csv',
      'integration_ValidCsv.csv',
      'integration_ValidReferenceData.csv',
      'performance_ReferenceData.csv',
      'test_ValidCsv.csv',
    ]) {
      expect([name, parseCourtFile(sample(name)).ok]).toEqual([name, true]);
    }
  });
});

describe('the Move column', () => {
  const header =
    'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type,Move';

  it('marks the references of rows saying yes (any case); no or empty does not move', () => {
    const result = parseCourtFile(
      [
        header,
        '1,Alpha Court,London,Crown Court,SNL,100,venue,Yes',
        '1,Alpha Court,London,Crown Court,CP,A1,venue,',
        '2,Beta Court,London,Crown Court,SNL,101,venue,no',
      ].join('\n'),
    );
    expect(result.ok && result.courts.map((c) => c.references.map((r) => [r.provenanceLocationId, r.move]))).toEqual([
      [
        ['100', true],
        ['A1', false],
      ],
      [['101', false]],
    ]);
    expect(
      parseCourtFile(
        'Court Desc,Region,Jurisdiction,Provenance,ProvenanceID,Move\nA Court,London,Crown,CP;LA,1;2,yes\n',
      ),
    ).toMatchObject({ ok: true, courts: [{ references: [{ move: true }, { move: true }] }] });
  });

  it('refuses anything but yes, no or empty', () => {
    expect(parseCourtFile([header, '1,Alpha Court,London,Crown Court,SNL,100,venue,y'].join('\n'))).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          column: 'Move',
          problem: '"y" is not yes or no (yes moves the row\'s provenance reference away from the court holding it)',
        },
      ],
    });
  });
});

describe('parseLocationType', () => {
  it.each([
    ['venue', 'VENUE'],
    [' Venue ', 'VENUE'],
    ['region', 'REGION'],
    ['owning hearing location', 'OWNING_HEARING_LOCATION'],
    ['OWNING_HEARING_LOCATION', 'OWNING_HEARING_LOCATION'],
    ['National', 'NATIONAL'],
    ['', null],
    ['court', null],
  ])('%j → %s', (written, expected) => {
    expect(parseLocationType(written)).toBe(expected);
  });
});
