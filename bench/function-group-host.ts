/**
 * One function group's own instance for bench/ingest: a process that registers the ingest function (`http`: POST
 * /api/publication and its siblings, registerIngestPublication), the blob trigger (`blob`: blob-uploaded) or, for
 * bench/ingest's measure of the programming model's share, an HTTP function on the ingest route that does the bare
 * server's work (`model-ceiling`, storing into BENCH_HOST_CONTAINER) or answers 202 at once (`model-floor`), through
 * the same registration code and local Functions host as `npm start`, against the bench's Azurite, its PostgreSQL
 * schema and (for `http`) its local identity provider. In Azure the two run on
 * separate instances, so publishing never takes CPU from the HTTP function's event loop: Flex Consumption scales per
 * function, with the HTTP triggers as one group and the blob triggers as another
 * (https://learn.microsoft.com/azure/azure-functions/event-driven-scaling, "Flex Consumption plan": "per-function
 * scaling ... except for HTTP, Blob, and Durable Functions triggered functions, which scale in their own groups";
 * https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#per-function-scaling).
 *
 * The Event Grid events reach the `blob` process as they reach the local runtime in `npm start`: its host's stand-in
 * topic (local/runtime/event-grid-blob-listener.ts) lists the container in Azurite, which every process shares, and
 * publishes one BlobCreated event per new blob version to the host's webhook code. Blobs already in the container
 * when it starts raise no event (as when an Event Grid subscription is created), so the parent stops its own blob
 * listener before starting this one, and each blob is published once.
 *
 *   node --import tsx bench/function-group-host.ts   with, in the environment:
 *     BENCH_FUNCTION_GROUP                                   http, blob, model-ceiling or model-floor
 *     BENCH_HOST_DATABASE_URL, BENCH_HOST_SCHEMA             the PostgreSQL database and the bench's schema in it
 *     AzureWebJobsStorage                                    Azurite's connection string
 *     BENCH_HOST_CONTAINER                                   the publications container
 *     BENCH_HOST_POLL_MS                                     blob: how often the stand-in topic looks (default 50)
 *     BENCH_HOST_AAD_ISSUER, BENCH_HOST_API_AUDIENCE         http: the local identity provider's AAD issuer, audience
 * It speaks bench/bench-child.ts's protocol: `READY <host url>` when it listens, `CPU` answered with the CPU time used
 * so far; it stops when its standard input closes or on SIGTERM.
 */
import { randomUUID } from 'node:crypto';
import { app } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { registerBlobUploaded } from '../functions/blob-uploaded/registration.js';
import { registerIngestPublication } from '../functions/ingest-publication/registration.js';
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';
import { readHostConfig } from '../local/runtime/host-config.js';
import { startLocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { createTokenVerifier } from '../shared/auth/token-verifier.js';
import { createDatabase } from '../shared/db/database.js';
import { localPublisherProvenances } from '../test-support/publisher-provenances.js';
import { parseAndStore } from './bare-server.js';
import { serveBenchParent } from './bench-child.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/function-group-host: ${name} is not set`);
  return value;
}

const group = required('BENCH_FUNCTION_GROUP');
if (group !== 'http' && group !== 'blob' && group !== 'model-ceiling' && group !== 'model-floor') {
  throw new Error('bench/function-group-host: BENCH_FUNCTION_GROUP is http, blob, model-ceiling or model-floor');
}
const databaseUrl = required('BENCH_HOST_DATABASE_URL');
const schema = required('BENCH_HOST_SCHEMA');
const storageConnection = required('AzureWebJobsStorage');
const containerName = required('BENCH_HOST_CONTAINER');
const pollMs = Number(process.env.BENCH_HOST_POLL_MS ?? 50);

const registry = installFunctionsCore();
const database = createDatabase({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 20 }, { schema });
const publications = BlobServiceClient.fromConnectionString(storageConnection).getContainerClient(containerName);
if (group === 'blob') {
  registerBlobUploaded(() => ({ database, publications }), { container: containerName });
} else if (group === 'model-ceiling') {
  // bench/ingest's ceiling: the bare server's work (bench/bare-server.ts) as an HTTP function on the ingest route.
  app.http('ingestPublicationModelCeiling', {
    route: 'api/publication',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: async (request) => {
      const outcome = await parseAndStore(Buffer.from(await request.arrayBuffer()), publications);
      return { status: outcome.status, body: outcome.text };
    },
  });
} else if (group === 'model-floor') {
  // bench/ingest's floor: a function on the ingest route answering 202 at once. The host still reads the body and
  // builds the library's request, as it must.
  app.http('ingestPublicationModelFloor', {
    route: 'api/publication',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: () => ({ status: 202, jsonBody: { status: 'pending' } }),
  });
} else {
  // As bench/publishing-host.ts binds it for the in-process host.
  const verifier = createTokenVerifier({
    issuers: [
      { kind: 'aad', issuer: required('BENCH_HOST_AAD_ISSUER'), audience: required('BENCH_HOST_API_AUDIENCE') },
    ],
  });
  registerIngestPublication(() => ({
    verifier,
    database,
    publications,
    now: () => new Date(),
    publisherProvenances: localPublisherProvenances,
    newId: randomUUID,
  }));
}
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
// Handler logs would go to the parent's pipe; the parent times, this process only runs its functions.
serveBenchParent(host.url, async () => {
  await host.stop();
  await database.end();
});
