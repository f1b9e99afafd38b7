import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { migrate, readMigrations } from './migrate.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await testDb.drop();
});

describe('migrate', () => {
  it('applies every migration once, in order, and records it', async () => {
    const all = await readMigrations();
    const first = await migrate(testDb.database);
    expect(first.applied).toEqual(all.map((m) => m.name));
    const second = await migrate(testDb.database);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    const { rows } = await testDb.database.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.name)).toEqual(all.map((m) => m.name));
  });

  it('creates the Single Justice Procedure national location from the first migration', async () => {
    const { rows } = await testDb.database.query<{ name: string; provenance_location_type: string }>(
      `SELECT c.name, r.provenance_location_type FROM court c JOIN court_reference r USING (location_id) WHERE c.location_id = 9`,
    );
    expect(rows).toEqual([{ name: 'Single Justice Procedure', provenance_location_type: 'NATIONAL' }]);
  });

  it('refuses a migration edited after it was applied, and a failing migration changes nothing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(directory, '801_probe.sql'), 'CREATE TABLE probe_one (id int);');
    await migrate(testDb.database, directory);
    await writeFile(join(directory, '801_probe.sql'), 'CREATE TABLE probe_one (id bigint);');
    await expect(migrate(testDb.database, directory)).rejects.toThrow(/801_probe.sql was changed after it was applied/);

    const broken = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(broken, '900_half.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await expect(migrate(testDb.database, broken)).rejects.toThrow(/900_half.sql failed/);
    const { rows } = await testDb.database.query(`SELECT to_regclass('half_done') AS table`);
    expect(rows).toEqual([{ table: null }]);
  });

  it('rejects badly named migration files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(directory, 'create-things.sql'), 'SELECT 1;');
    await expect(readMigrations(directory)).rejects.toThrow(/must look like 001_description.sql/);
  });
});
