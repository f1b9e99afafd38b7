/**
 * The blob trigger's own instance for bench/ingest's acceptance measure: a second process that registers only
 * blob-uploaded, through the same registration code and local Functions host as `npm start`, against the bench's
 * Azurite and its PostgreSQL schema. In Azure the ingest function (HTTP) and blob-uploaded (a blob trigger fed by
 * Event Grid) run on separate instances, so publishing never takes CPU from the HTTP function's event loop:
 * Flex Consumption scales per function, with the HTTP triggers as one group and the blob triggers as another
 * (https://learn.microsoft.com/azure/azure-functions/event-driven-scaling, "Flex Consumption plan": "per-function
 * scaling ... except for HTTP, Blob, and Durable Functions triggered functions, which scale in their own groups";
 * https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#per-function-scaling).
 *
 * The Event Grid events reach this process as they reach the local runtime in `npm start`: the host's stand-in
 * topic (local/runtime/event-grid-blob-listener.ts) lists the container in Azurite, which both processes share, and
 * publishes one BlobCreated event per new blob version to this host's webhook code. Blobs already in the container
 * when it starts raise no event (as when an Event Grid subscription is created), so the parent stops its own blob
 * listener before starting this one, and each blob is published once.
 *
 *   node --import tsx bench/blob-trigger-host.ts   with, in the environment:
 *     BENCH_BLOB_HOST_DATABASE_URL, BENCH_BLOB_HOST_SCHEMA   the PostgreSQL database and the bench's schema in it
 *     AzureWebJobsStorage                                    Azurite's connection string
 *     BENCH_BLOB_HOST_CONTAINER                              the container the trigger watches
 *     BENCH_BLOB_HOST_POLL_MS                                how often the stand-in topic looks (default 50)
 * It prints one line `READY` when its listener is running; to a line `CPU` on standard input it answers `CPU <µs>`, the
 * CPU time (user and system) it has used so far; it stops when its standard input closes or on SIGTERM.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { registerBlobUploaded } from '../functions/blob-uploaded/registration.js';
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';
import { readHostConfig } from '../local/runtime/host-config.js';
import { startLocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { createDatabase } from '../shared/db/database.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/blob-trigger-host: ${name} is not set`);
  return value;
}

const databaseUrl = required('BENCH_BLOB_HOST_DATABASE_URL');
const schema = required('BENCH_BLOB_HOST_SCHEMA');
const storageConnection = required('AzureWebJobsStorage');
const containerName = required('BENCH_BLOB_HOST_CONTAINER');
const pollMs = Number(process.env.BENCH_BLOB_HOST_POLL_MS ?? 50);

const registry = installFunctionsCore();
const database = createDatabase({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 20 }, { schema });
const publications = BlobServiceClient.fromConnectionString(storageConnection).getContainerClient(containerName);
registerBlobUploaded(() => ({ database, publications }), { container: containerName });
const hostConfig = await readHostConfig(new URL('../host.json', import.meta.url).pathname);
const host = await startLocalFunctionsHost({
  registry,
  hostConfig,
  env: { AzureWebJobsStorage: storageConnection },
  port: 0,
  masterKey: 'bench-master-key',
  blobPollIntervalMs: pollMs,
  logger: () => undefined,
});
// Handler logs would go to the parent's pipe; the parent times, this process only publishes.
console.log = () => undefined;
process.stdout.write('READY\n');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await host.stop();
  await database.end();
  process.exit(0);
};
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  for (let newline = input.indexOf('\n'); newline >= 0; newline = input.indexOf('\n')) {
    const line = input.slice(0, newline).trim();
    input = input.slice(newline + 1);
    if (line === 'CPU') {
      const usage = process.cpuUsage();
      process.stdout.write(`CPU ${usage.user + usage.system}\n`);
    }
  }
});
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
