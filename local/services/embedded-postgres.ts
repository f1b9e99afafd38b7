/**
 * Embedded PostgreSQL for the local runtime and tests: PGlite (PostgreSQL in WebAssembly) behind its socket server,
 * so the service talks to it through `pg` over the ordinary wire protocol, exactly as it talks to a real server.
 */
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  dataDirectory: string | null;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  /** A folder for a file-backed database; null keeps it in memory. */
  dataDirectory: string | null;
  host?: string;
  port?: number;
  /** Must exceed the pool size of every client: PGlite's socket server refuses connections beyond it. */
  maxConnections?: number;
  /**
   * Run it on a worker thread of its own (embedded-postgres-thread.mjs), as a database server runs beside the
   * Functions host rather than inside its event loop: the benches that time the host's requests use it.
   */
  thread?: boolean;
}): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDirectory !== null) await mkdir(options.dataDirectory, { recursive: true });
  if (options.thread === true) return startOnThread(options.dataDirectory, host, options);
  // pg_trgm: the subscription search's trigram indexes (migration 086), as on the real server.
  const db = await PGlite.create(options.dataDirectory ?? 'memory://', { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    dataDirectory: options.dataDirectory,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

async function startOnThread(
  dataDirectory: string | null,
  host: string,
  options: { port?: number; maxConnections?: number },
): Promise<EmbeddedPostgres> {
  const worker = new Worker(new URL('./embedded-postgres-thread.mjs', import.meta.url), {
    workerData: { dataDirectory, host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 64 },
  });
  const [started] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => {
      throw error as Error;
    }),
  ])) as [{ address: string }];
  return {
    url: `postgres://postgres@${started.address}/postgres`,
    dataDirectory,
    async stop() {
      const stopped = once(worker, 'message');
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
