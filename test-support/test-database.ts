/** A database of its own for one test file: a fresh schema on the shared test server, migrated, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { startEmbeddedPostgres } from '../local/services/embedded-postgres.js';
import { createDatabase, type Database } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';

export interface TestDatabase {
  database: Database;
  schema: string;
  /** A DATABASE_URL that lands in this schema (for child processes). */
  url: string;
  /** Settings for production code under test: the URL, and the pool size the database copes with. */
  settings: { DATABASE_URL: string; DATABASE_POOL_SIZE: string };
  drop(): Promise<void>;
}

let embeddedUrl: Promise<string> | undefined;

/** This test file's own embedded PostgreSQL, started on first use and gone with the test process. */
function embeddedDatabaseUrl(): Promise<string> {
  embeddedUrl ??= startEmbeddedPostgres({ dataDirectory: null }).then((embedded) => embedded.url);
  return embeddedUrl;
}

export async function createTestDatabase(
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabase> {
  const embedded = inject('databaseKind') === 'embedded';
  const baseUrl = embedded ? await embeddedDatabaseUrl() : inject('databaseUrl');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
  } finally {
    await admin.end();
  }
  // PGlite serves every connection in one session and interleaves their protocol messages outside transactions,
  // so on it the pool keeps to one connection (queries queue in the pool instead).
  const poolSize = embedded ? 1 : (options.poolSize ?? 5);
  const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: poolSize }, { schema });
  if (options.migrate ?? true) await migrate(database);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    database,
    schema,
    url: url.toString(),
    settings: { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(poolSize) },
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
