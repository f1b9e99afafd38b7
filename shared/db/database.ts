/** PostgreSQL access: one pool per process, created from validated settings. */
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import type { DatabaseSettings } from '../config/settings.js';

export type Database = pg.Pool;
export type DatabaseClient = pg.PoolClient;

/** The first schema of a libpq `options=-c search_path=...` parameter in a database URL, if any. */
export function searchPathSchema(databaseUrl: string): string | undefined {
  const options = new URL(databaseUrl).searchParams.get('options') ?? '';
  const match = /(?:^|\s)-c\s*search_path=([^,\s]+)/.exec(options);
  return match?.[1];
}

export interface CreateDatabaseOptions {
  schema?: string;
  /**
   * The password of every new connection, asked for each time it opens: in Azure an Entra token for the app's
   * identity (`entraPassword`, shared/db/entra-password.ts). Without it, the password in DATABASE_URL (local only).
   */
  password?: () => Promise<string>;
}

export function createDatabase(
  settings: Pick<DatabaseSettings, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  options: CreateDatabaseOptions = {},
): Database {
  // PGlite ignores libpq startup options, so a search_path in the URL is also applied on every new connection,
  // before the pool hands the connection out (pg-pool awaits onConnect).
  const schema = options.schema ?? searchPathSchema(settings.DATABASE_URL);
  const onConnect =
    schema === undefined
      ? undefined
      : async (client: pg.ClientBase): Promise<void> => {
          await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}, public`);
        };
  // pg lets a connection string's (empty) password win over a password function, so with one the URL is parsed here,
  // as pg parses it (sslmode included), and handed over without its password.
  const connection: pg.PoolConfig =
    options.password === undefined
      ? { connectionString: settings.DATABASE_URL }
      : {
          ...(Object.fromEntries(
            Object.entries(parseConnectionString(settings.DATABASE_URL)).filter(
              ([key, value]) => key !== 'password' && value !== null && value !== undefined,
            ),
          ) as pg.PoolConfig),
          password: options.password,
        };
  const pool = new pg.Pool({
    ...connection,
    max: settings.DATABASE_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    onConnect: onConnect as ((client: pg.ClientBase) => void) | undefined,
  });
  // An idle client losing its connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs work in one transaction: committed if it resolves, rolled back if it throws.
 *
 * pg-pool takes its error listener off a client while the client is handed out, so a connection lost between two
 * queries of the transaction (the database restarting while the work awaits something else, such as a blob upload)
 * would be an unhandled 'error' event, and that ends the process. Here the loss is noted instead: the work's next
 * query fails, the transaction is abandoned (the server rolls it back), and the broken client is destroyed, not
 * returned to the pool.
 */
export async function inTransaction<T>(database: Database, work: (client: DatabaseClient) => Promise<T>): Promise<T> {
  const client = await database.connect();
  let lost: Error | undefined;
  const noteLoss = (error: Error): void => {
    lost = error;
  };
  client.on('error', noteLoss);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (lost === undefined) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.removeListener('error', noteLoss);
    client.release(lost);
  }
}

/** One round trip to the database: the health check's probe. */
export async function pingDatabase(database: Database): Promise<void> {
  await database.query('SELECT 1');
}
