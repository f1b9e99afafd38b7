import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { eventually } from '../../test-support/test-storage.js';
import { importCourtFile, type CourtImportResult } from './court-import.js';
import { mapProvenanceCourtId } from './provenance-lookup.js';

const sample = (name: string) => readFileSync(fixtureUrl('reference-data', name));

/** The seed's own table (LLD 3.5.1), in its five-column format. */
const seedTable = `Court Desc,Region,Jurisdiction,Provenance,ProvenanceID
ALTON MAGISTRATES COURT,SOUTH WEST,MAGISTRATES COURT,Forced in,788490
ASHFORD TRIBUNAL HEARING CENTRE,South East,TRIBUNAL,Forced in,239985
BARKINGSIDE MAGISTRATES COURT,London,MAGISTRATES COURT,Forced in,218723
BARNSTAPLE MAGISTRATES; COUNTY AND FAMILY COURT,South West,MAGISTRATES COURT; Family Court; County Court,Forced in,774335
BARROW-IN-FURNESS COUNTY COURT AND FAMILY COURT,North West,COUNTY COURT; Family Court,Forced in,761518
BASILDON MAGISTRATES COURT AND FAMILY COURT,South East,MAGISTRATES COURT; Family Court,Forced in,538351
`;

interface CourtRow {
  location_id: number;
  name: string;
  welsh_name: string | null;
  region: string[];
  jurisdiction: string[];
  date_updated: Date;
}

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

async function snapshot(): Promise<{ courts: CourtRow[]; references: unknown[] }> {
  const courts = await testDb.database.query<CourtRow>('SELECT * FROM court ORDER BY location_id');
  const references = await testDb.database.query(
    'SELECT location_id, provenance, provenance_location_id, provenance_location_type FROM court_reference ORDER BY 1, 2, 3',
  );
  return { courts: courts.rows, references: references.rows };
}

async function courtsNamed(...names: string[]): Promise<CourtRow[]> {
  const { rows } = await testDb.database.query<CourtRow>(
    'SELECT * FROM court WHERE name = ANY($1) ORDER BY location_id',
    [names],
  );
  return rows;
}

describe('importCourtFile', () => {
  it('imports the live format sample: courts keyed by P&I ID, one court per shared ID with all its references', async () => {
    const result = await importCourtFile(testDb.database, sample('integration_ValidCsv.csv'));
    expect(result).toMatchObject({
      ok: true,
      summary: { format: 'live', rows: 5, added: 4, updated: 0, unchanged: 0, referencesAdded: 5 },
    });
    const { rows } = await testDb.database.query(
      `SELECT c.location_id, c.name, c.welsh_name, c.jurisdiction, c.jurisdiction_type, c.welsh_jurisdiction_type,
              array_agg(r.provenance || '/' || r.provenance_location_id ORDER BY r.provenance) AS refs
         FROM court c JOIN court_reference r USING (location_id) WHERE c.location_id = 1 GROUP BY c.location_id`,
    );
    expect(rows).toEqual([
      {
        location_id: 1,
        name: 'Test Location',
        welsh_name: 'Welsh Test Location',
        jurisdiction: ['Crime', 'Family Location'],
        jurisdiction_type: ['Magistrates Location'],
        welsh_jurisdiction_type: ['welsh magistrates'],
        refs: ['TestProvenance/1', 'TestProvenanceOther/2'],
      },
    ]);
  });

  it('imports the seed format: new courts get generated ids past the reserved range', async () => {
    const result = await importCourtFile(testDb.database, seedTable);
    expect(result).toMatchObject({
      ok: true,
      summary: { format: 'seed', added: 6, updated: 0, unchanged: 0, referencesAdded: 6 },
    });
    const [barnstaple] = await courtsNamed('BARNSTAPLE MAGISTRATES; COUNTY AND FAMILY COURT');
    expect(barnstaple?.location_id).toBeGreaterThanOrEqual(1000);
    expect(barnstaple?.jurisdiction).toEqual(['MAGISTRATES COURT', 'Family Court', 'County Court']);
  });

  it('re-importing the same files reports every court unchanged and touches nothing', async () => {
    const before = await snapshot();
    expect(await importCourtFile(testDb.database, seedTable)).toMatchObject({
      ok: true,
      summary: { added: 0, updated: 0, unchanged: 6, referencesAdded: 0, referencesRemoved: 0 },
    });
    expect(await importCourtFile(testDb.database, sample('integration_ValidCsv.csv'))).toMatchObject({
      ok: true,
      summary: { added: 0, updated: 0, unchanged: 4, referencesAdded: 0, referencesRemoved: 0 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("changing one court's region updates only that court and its date_updated", async () => {
    const before = await snapshot();
    const changed = seedTable.replace(
      'BARKINGSIDE MAGISTRATES COURT,London,',
      'BARKINGSIDE MAGISTRATES COURT,South East,',
    );
    const result = await importCourtFile(testDb.database, changed);
    expect(result).toMatchObject({ ok: true, summary: { added: 0, updated: 1, unchanged: 5, referencesAdded: 0 } });
    const after = await snapshot();
    const differing = after.courts.filter((court, i) => JSON.stringify(court) !== JSON.stringify(before.courts[i]));
    expect(differing.map((c) => [c.name, c.region])).toEqual([['BARKINGSIDE MAGISTRATES COURT', ['South East']]]);
    const previous = before.courts.find((c) => c.location_id === differing[0]?.location_id);
    expect(differing[0]?.date_updated.getTime()).toBeGreaterThan(previous?.date_updated.getTime() ?? Infinity);
    expect(after.references).toEqual(before.references);
  });

  it('rejects the invalid live sample with its line number and changes nothing', async () => {
    const before = await snapshot();
    const result = await importCourtFile(testDb.database, sample('integration_InvalidCsvWithoutLocationType.csv'));
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
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a name already held by a court outside the file, with nothing changed', async () => {
    const before = await snapshot();
    const csv = [
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc',
      '2,Test Location Other,South West,Family,TestProvenance,1,venue,Welsh Test Location other',
      '70,alton magistrates court,South West,Crime,ListAssist,70,venue,Llys Newydd',
      '71,Brand New Court,South West,Crime,ListAssist,71,venue,Welsh Test Location',
    ].join('\n');
    const result = await importCourtFile(testDb.database, csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        line: 3,
        column: 'Court Desc',
        problem: expect.stringMatching(
          /^duplicate English name: "alton magistrates court" is already the name of location \d+$/,
        ) as string,
      },
      {
        line: 4,
        column: 'Welsh Court Desc',
        problem: 'duplicate Welsh name: "Welsh Test Location" is already the Welsh name of location 1',
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("replaces a court's references with the file's, counting those added and removed", async () => {
    const csv = [
      'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type',
      '1,Test Location,North West,Crime;Family Location,Magistrates Location,TestProvenance,1,region,Welsh Test Location,Welsh north west,welsh crime;welsh family,welsh magistrates',
      '1,Test Location,North West,Crime;Family Location,Magistrates Location,CommonPlatform,B01,venue,Welsh Test Location,Welsh north west,welsh crime;welsh family,welsh magistrates',
    ].join('\n');
    const result = await importCourtFile(testDb.database, csv);
    expect(result).toMatchObject({
      ok: true,
      summary: { added: 0, updated: 1, unchanged: 0, referencesAdded: 1, referencesRemoved: 1 },
    });
    const { rows } = await testDb.database.query(
      'SELECT provenance, provenance_location_id, provenance_location_type FROM court_reference WHERE location_id = 1 ORDER BY 1',
    );
    expect(rows).toEqual([
      { provenance: 'CommonPlatform', provenance_location_id: 'B01', provenance_location_type: 'VENUE' },
      { provenance: 'TestProvenance', provenance_location_id: '1', provenance_location_type: 'REGION' },
    ]);
  });

  it('keeps fields whose column the file does not have, and clears those it has empty', async () => {
    const csv = [
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type,Email',
      '3,Test Location Other 2,South West,Tribunal,TestProvenance,1,venue,',
    ].join('\n');
    expect(await importCourtFile(testDb.database, csv)).toMatchObject({ ok: true, summary: { unchanged: 1 } });
    const { rows } = await testDb.database.query(
      'SELECT welsh_name, jurisdiction_type, email FROM court WHERE location_id = 3',
    );
    expect(rows).toEqual([{ welsh_name: 'Welsh Test Location other 2', jurisdiction_type: ['SSCS'], email: null }]);
  });

  it('imports the 400-court performance file, then moves the id sequence past explicit P&I IDs', async () => {
    const result = await importCourtFile(testDb.database, sample('performance_ReferenceData.csv'));
    expect(result).toMatchObject({ ok: true, summary: { added: 400, referencesAdded: 400 } });
    const next = await importCourtFile(
      testDb.database,
      'Court Desc,Region,Jurisdiction,Provenance,ProvenanceID\nZetland Court,North East,Crown Court,ListAssist,999001\n',
    );
    expect(next).toMatchObject({ ok: true, summary: { added: 1 } });
    const [zetland] = await courtsNamed('Zetland Court');
    expect(zetland?.location_id).toBeGreaterThan(1000);
    const { rows } = await testDb.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM court WHERE location_id = $1',
      [zetland?.location_id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(await importCourtFile(testDb.database, Buffer.from([0x43, 0x6f, 0xff, 0xfe]))).toEqual({
      ok: false,
      problems: [{ line: 1, column: null, problem: 'the file is not UTF-8 text' }],
    });
  });
});

describe('a provenance reference another stored court holds', () => {
  const live = 'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type';
  const liveMove = `${live},Move`;
  const mapped = async (provenance: string, id: string) => mapProvenanceCourtId(testDb.database, provenance, id);
  const referencesOf = async (locationId: number) =>
    (
      await testDb.database.query<{ ref: string }>(
        `SELECT provenance || '/' || provenance_location_id AS ref FROM court_reference WHERE location_id = $1 ORDER BY 1`,
        [locationId],
      )
    ).rows.map((row) => row.ref);

  it('is refused in a later file, naming both courts and the line, and nothing changes', async () => {
    expect(
      await importCourtFile(testDb.database, `${live}\n7001,Steal Court A,London,Crown Court,StealProv,S1,venue\n`),
    ).toMatchObject({
      ok: true,
      summary: { added: 1, referencesAdded: 1, referencesMoved: 0, warnings: [] },
    });
    const before = await snapshot();
    // Another provenance spelling is the same reference to the lookup, so it is caught too.
    const result = await importCourtFile(
      testDb.database,
      [
        live,
        '7002,Steal Court B,London,Crown Court,CommonPlatform,B7002,venue',
        '7002,Steal Court B,London,Crown Court,stealprov,S1,venue',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 3,
          column: 'Provenance Location ID',
          problem:
            'provenance reference stealprov/S1 is already held by location 7001 "Steal Court A", which this file does not describe; this line gives it to P&I ID 7002 "Steal Court B". Two courts holding it would send its publications to NoMatchS1: put yes in the Move column to move it',
        },
      ],
    });
    expect(await snapshot()).toEqual(before);
    expect(await mapped('StealProv', 'S1')).toEqual({ matched: true, locationId: 7001 });
  });

  it('is refused in the seed format too, and listed with every other conflict of the file', async () => {
    const before = await snapshot();
    const seed = await importCourtFile(
      testDb.database,
      'Court Desc,Region,Jurisdiction,Provenance,ProvenanceID\nSteal Court C,London,Crown Court,Other;Forced in,8;788490\n',
    );
    expect(seed).toMatchObject({
      ok: false,
      problems: [
        {
          line: 2,
          column: 'ProvenanceID',
          problem: expect.stringMatching(
            /^provenance reference Forced in\/788490 is already held by location \d+ "ALTON MAGISTRATES COURT", .*this line gives it to "Steal Court C"\./,
          ) as string,
        },
      ],
    });
    const both = await importCourtFile(
      testDb.database,
      [
        live,
        '7003,steal court a,London,Crown Court,Other,9,venue',
        '7004,Steal Court D,London,Crown Court,StealProv,S1,venue',
      ].join('\n'),
    );
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.problems.map((p) => [p.line, p.column, p.problem.slice(0, 40)])).toEqual([
      [2, 'Court Desc', 'duplicate English name: "steal court a" '],
      [3, 'Provenance Location ID', 'provenance reference StealProv/S1 is alr'],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('moves with Move = yes: the reference leaves the court outside the file, which is marked updated', async () => {
    const [holder] = await courtsNamed('Steal Court A');
    const result = await importCourtFile(
      testDb.database,
      `${liveMove}\n7002,Steal Court B,London,Crown Court,StealProv,S1,venue,yes\n`,
    );
    expect(result).toMatchObject({ ok: true, summary: { added: 1, referencesAdded: 1, referencesMoved: 1 } });
    expect(await mapped('StealProv', 'S1')).toEqual({ matched: true, locationId: 7002 });
    expect(await referencesOf(7001)).toEqual([]);
    const [after] = await courtsNamed('Steal Court A');
    expect(after?.date_updated.getTime()).toBeGreaterThan(holder?.date_updated.getTime() ?? Infinity);
    // Saying yes again, with nothing left to move, changes nothing.
    expect(
      await importCourtFile(
        testDb.database,
        `${liveMove}\n7002,Steal Court B,London,Crown Court,StealProv,S1,venue,yes\n`,
      ),
    ).toMatchObject({ ok: true, summary: { unchanged: 1, referencesMoved: 0 } });
  });

  it('needs no flag when the file describes both courts: the holder gets exactly the references the file gives it', async () => {
    const result = await importCourtFile(
      testDb.database,
      [
        live,
        '7001,Steal Court A,London,Crown Court,StealProv,S1,venue',
        '7002,Steal Court B,London,Crown Court,StealProv,S2,venue',
      ].join('\n'),
    );
    expect(result).toMatchObject({
      ok: true,
      summary: { referencesAdded: 2, referencesRemoved: 1, referencesMoved: 0 },
    });
    expect(await mapped('StealProv', 'S1')).toEqual({ matched: true, locationId: 7001 });
    expect(await referencesOf(7002)).toEqual(['StealProv/S2']);
  });

  it('of concurrent imports giving one free reference to different courts, exactly one succeeds', async () => {
    const files = [7101, 7102, 7103].map(
      (id) => `${live}\n${id},Race Court ${id},London,Crown Court,RaceProv,R1,venue\n`,
    );
    const embedded = testDb.settings.DATABASE_POOL_SIZE === '1';
    let results: CourtImportResult[];
    if (embedded) {
      // PGlite has one session: the imports queue in the pool, which is the same as one after another.
      results = await Promise.all(files.map((file) => importCourtFile(testDb.database, file)));
    } else {
      // Hold court so that every import has staged its file and waits for the procedure's lock, then let them race.
      const blocker = await testDb.database.connect();
      let pending: Promise<CourtImportResult[]>;
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE court IN SHARE MODE');
        pending = Promise.all(files.map((file) => importCourtFile(testDb.database, file)));
        await eventually(
          async () => {
            const { rows } = await testDb.database.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'court'::regclass`,
            );
            expect(rows[0]?.n ?? 0).toBeGreaterThanOrEqual(files.length);
          },
          { timeoutMs: 60_000, intervalMs: 20 },
        );
        await blocker.query('COMMIT');
      } finally {
        blocker.release();
      }
      results = await pending;
    }
    const succeeded = results.filter((result) => result.ok);
    expect(succeeded).toHaveLength(1);
    const { rows } = await testDb.database.query<{ location_id: number }>(
      "SELECT location_id FROM court_reference WHERE provenance = 'RaceProv'",
    );
    expect(rows).toHaveLength(1);
    const winner = rows[0]?.location_id ?? 0;
    for (const result of results) {
      if (result.ok) continue;
      expect(result.problems).toEqual([
        expect.objectContaining({
          line: 2,
          column: 'Provenance Location ID',
          problem: expect.stringContaining(`already held by location ${winner} "Race Court ${winner}"`) as string,
        }),
      ]);
    }
    expect(await mapped('RaceProv', 'R1')).toEqual({ matched: true, locationId: winner });
  });
});
