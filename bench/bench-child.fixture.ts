/**
 * bench/bench-child.test.ts's child process: a server speaking bench/bench-child.ts's protocol like the bench's
 * servers, which holds (filled, so resident) as many MiB more as a request's `?hold=` asks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveBenchParent } from './bench-child.js';

const held: Buffer[] = [];
const server = createServer((request, response) => {
  const mib = Number(new URL(request.url ?? '/', 'http://fixture').searchParams.get('hold') ?? 0);
  held.push(Buffer.alloc(mib * 1_048_576, 1));
  response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  response.end(`holding ${held.reduce((total, buffer) => total + buffer.length, 0)} bytes`);
});
server.listen(0, '127.0.0.1', () => {
  serveBenchParent(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  );
});
