/**
 * The floor bench/ingest compares with: a bare Node HTTP server that reads the body, parses the JSON, writes the blob
 * and answers 202. No token, no headers, no schema, no database, no Functions programming model.
 *
 * Run as a script, it serves in a process of its own (bench/bench-child.ts), as the ingest function does in
 * bench/function-group-host.ts, so that the two are timed alike:
 *   node --import tsx bench/bare-server.ts   with AzureWebJobsStorage (Azurite) and BENCH_BARE_CONTAINER set
 *   (BENCH_BARE_FLOOR=true: the floor, see startBareServer).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { serveBenchParent } from './bench-child.js';

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bare server's 202. */
const accepted = { status: 202, text: '{"status":"pending"}' } as const;

/** The bare server's work on a body: parse the JSON, store it as a blob, and the answer (bench/ingest's ceiling too). */
export async function parseAndStore(
  body: Buffer,
  container: ContainerClient,
): Promise<{ status: number; text: string }> {
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, text: 'not JSON' };
  }
  try {
    await container
      .getBlockBlobClient(randomUUID())
      .uploadData(body, { blobHTTPHeaders: { blobContentType: 'application/json' } });
  } catch (error) {
    return { status: 503, text: `not stored: ${(error as Error).message}` };
  }
  return accepted;
}

/**
 * `floor`: the body is read and 202 answered, nothing more (no parse, no blob): bench/ingest's floor, what any Node
 * server spends on receiving a list, to set beside the Functions programming model's own.
 */
export async function startBareServer(
  container: ContainerClient,
  floor = false,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const { status, text } = floor ? accepted : await parseAndStore(body, container);
      response.writeHead(status, { 'content-type': status === 202 ? 'application/json' : 'text/plain' }).end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const connection = process.env.AzureWebJobsStorage;
  const containerName = process.env.BENCH_BARE_CONTAINER;
  if (!connection || !containerName) throw new Error('bench/bare-server: AzureWebJobsStorage and BENCH_BARE_CONTAINER');
  const server = await startBareServer(
    BlobServiceClient.fromConnectionString(connection).getContainerClient(containerName),
    process.env.BENCH_BARE_FLOOR === 'true',
  );
  serveBenchParent(server.url, () => server.stop());
}
