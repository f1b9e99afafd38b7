/**
 * The embedded PostgreSQL of embedded-postgres.ts (`thread: true`) on a worker thread of its own: PGlite runs
 * PostgreSQL as WebAssembly on the thread that created it, so on the main thread every query would stop the Functions
 * host's event loop while it runs, which a real PostgreSQL server (in Azure, another machine) never does. Plain
 * JavaScript, so that the thread starts however its parent was started (tsx, or not).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDirectory, host, port, maxConnections } = workerData;
const db = await PGlite.create(dataDirectory ?? 'memory://', { extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db, host, port, maxConnections });
await server.start();
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  void (async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  })();
});
parentPort.postMessage({ address: server.getServerConn() });
