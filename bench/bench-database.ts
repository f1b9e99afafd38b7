/**
 * The database a bench runs on: a schema of its own in BENCH_DATABASE_URL (a real PostgreSQL, dropped afterwards),
 * or else the embedded one (PGlite, one connection at a time). `url` is what the bench's own pool connects to, so a
 * bench may put something between (bench/fault-proxy.ts); `schema` is null for the embedded database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../local/services/embedded-postgres.js';
import { createDatabase, type Database } from '../shared/db/database.js';

export async function benchDatabase(connectVia: (url: string) => string | Promise<string> = (url) => url): Promise<{
  database: Database;
  kind: string;
  poolSize: number;
  /** The PostgreSQL server's URL and the bench's schema in it, which another process may connect to; null for PGlite. */
  shared: { url: string; schema: string } | null;
  stop(): Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    await admin.end();
    const poolSize = 20;
    const database = createDatabase({ DATABASE_URL: await connectVia(url), DATABASE_POOL_SIZE: poolSize }, { schema });
    return {
      database,
      kind: 'PostgreSQL (BENCH_DATABASE_URL)',
      poolSize,
      shared: { url, schema },
      async stop() {
        await database.end();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
        await cleanup.end();
      },
    };
  }
  // On a thread of its own, as a database server would be: not inside the event loop of the host being timed.
  const embedded = await startEmbeddedPostgres({ dataDirectory: null, thread: true });
  // PGlite is one session: one connection at a time (as test-support/test-database.ts explains).
  const database = createDatabase({ DATABASE_URL: await connectVia(embedded.url), DATABASE_POOL_SIZE: 1 });
  return {
    database,
    kind: 'embedded PostgreSQL (PGlite on its own thread, 1 connection)',
    poolSize: 1,
    // PGlite is in this process: another process cannot share it.
    shared: null,
    async stop() {
      await database.end();
      await embedded.stop();
    },
  };
}
