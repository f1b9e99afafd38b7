/**
 * A very small migration runner: versioned SQL files (NNN_description.sql) applied in order, each in its own
 * transaction, recorded in schema_migrations with a checksum so that an edited, already-applied file is refused.
 * Works on PostgreSQL 15 and on PGlite (no advisory locks needed: the history table is locked instead).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { inTransaction } from './database.js';

export const migrationsDirectory = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const migrationFileName = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

export async function readMigrations(directory: string = migrationsDirectory): Promise<Migration[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = migrationFileName.exec(file);
    if (!match?.[1] || !match[2])
      throw new MigrationError(`Migration file name "${file}" must look like 001_description.sql`);
    const sql = await readFile(`${directory}/${file}`, 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  const versions = migrations.map((m) => m.version);
  const duplicate = versions.find((v, i) => versions.indexOf(v) !== i);
  if (duplicate !== undefined) throw new MigrationError(`Two migration files share version ${duplicate}`);
  return migrations;
}

export async function migrate(database: Database, directory: string = migrationsDirectory): Promise<MigrationReport> {
  const migrations = await readMigrations(directory);
  await database.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of migrations) {
    const didApply = await inTransaction(database, async (client) => {
      // Serialises concurrent runners (two instances starting at once): the second waits, then sees the row.
      await client.query('LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE');
      const existing = await client.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
          );
        }
        return false;
      }
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.name);
    else alreadyApplied += 1;
  }
  return { applied, alreadyApplied };
}
