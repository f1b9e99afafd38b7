/**
 * The download of /system-admin/reference-data on a real database: the stored courts as a live-format file that
 * the import reads back unchanged (nothing added, updated or moved; every row the same), quoting cells that need it,
 * and leaving out (and counting) a court without a provenance reference.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { parseCourtFile } from './court-file.js';
import { exportCourtFile, exportColumns } from './court-export.js';
import { importCourtFile } from './court-import.js';

const sample = (name: string) => readFileSync(fixtureUrl('reference-data', name));

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

async function snapshot(): Promise<unknown[]> {
  const courts = await testDb.database.query('SELECT * FROM court ORDER BY location_id');
  const references = await testDb.database.query('SELECT * FROM court_reference ORDER BY court_reference_id');
  return [courts.rows, references.rows];
}

describe('exportCourtFile', () => {
  it('answers a file the import takes back unchanged: the full reference file, Welsh, several references, emails', async () => {
    for (const name of ['performance_ReferenceData.csv', 'test_ValidCsv.csv', 'integration_ValidCsv.csv']) {
      const imported = await importCourtFile(testDb.database, sample(name));
      expect(imported.ok, name).toBe(true);
    }
    // A name with a comma and a quote, a contact number, and emails (test_ValidCsv), a reference shared by three courts.
    await testDb.database.query(
      `UPDATE court SET name = 'Test Court 1, "Annexe"', contact_no = '01234 567890' WHERE location_id = 401`,
    );
    const before = await snapshot();
    const exported = await exportCourtFile(testDb.database);
    expect(exported.csv.split('\r\n')[0]).toBe(exportColumns.join(','));
    expect(exported.csv).toContain('401,"Test Court 1, ""Annexe""",South East,Family; Civil; Crown,');
    // Every court and every reference: court 1 has two references, and three courts share TestProvenance/1 (a
    // warning, not a problem).
    const stored = await testDb.database.query<{ courts: number; references: number }>(
      'SELECT (SELECT count(*)::int FROM court) AS courts, (SELECT count(*)::int FROM court_reference) AS references',
    );
    const { courts, references } = stored.rows[0] ?? { courts: 0, references: 0 };
    expect(courts).toBeGreaterThan(400);
    expect(exported.courts).toBe(courts);
    expect(exported.rows).toBe(references);
    expect(exported.courtsWithoutReferences).toBe(0);
    const parsed = parseCourtFile(exported.csv);
    expect(parsed.ok && parsed.format).toBe('live');

    const again = await importCourtFile(testDb.database, exported.csv);
    expect(again).toMatchObject({
      ok: true,
      summary: {
        rows: references,
        added: 0,
        updated: 0,
        unchanged: courts,
        referencesAdded: 0,
        referencesRemoved: 0,
        referencesMoved: 0,
      },
    });
    expect(await snapshot()).toEqual(before);
    expect((await exportCourtFile(testDb.database)).csv).toBe(exported.csv);
  });

  it('escapes a cell a spreadsheet would run as a formula (a value no import can store)', async () => {
    await testDb.database.query(
      `INSERT INTO court (location_id, name, region, jurisdiction, email) VALUES (7002, '=HYPERLINK("x")', '{+Wales}', '{@Civil}', '-1@example.com')`,
    );
    await testDb.database.query(
      `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (7002, 'MANUAL_UPLOAD', '7002')`,
    );
    const line = (await exportCourtFile(testDb.database)).csv.split('\r\n').find((row) => row.startsWith('7002,'));
    expect(line).toBe(`7002,"'=HYPERLINK(""x"")",'+Wales,'@Civil,,MANUAL_UPLOAD,7002,venue,,,,,'-1@example.com,`);
  });

  it('leaves out a court that holds no provenance reference, and counts it', async () => {
    await testDb.database.query(
      `INSERT INTO court (location_id, name, region, jurisdiction) VALUES (7001, 'Court Without References', '{Wales}', '{Civil}')`,
    );
    const exported = await exportCourtFile(testDb.database);
    expect(exported.courtsWithoutReferences).toBe(1);
    expect(exported.csv).not.toContain('Court Without References');
  });
});
