/** A database of its own for one test file: a fresh schema on the shared test server, migrated, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';

export interface TestDatabase {
  database: Database;
  schema: string;
  /** A DATABASE_URL that lands in this schema (for child processes). */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const baseUrl = inject('databaseUrl');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
  } finally {
    await admin.end();
  }
  const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: options.poolSize ?? 5 }, { schema });
  if (options.migrate ?? true) await migrate(database);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    database,
    schema,
    url: url.toString(),
    async drop() {
      await database.end();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
