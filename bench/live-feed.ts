/**
 * bench/live-feed: requests per second and p99 latency of the court screen feed under load, against a bare Node
 * server answering the same bytes from memory, in one run. The service is `npm start` (local/start.ts) on embedded
 * defaults in a fresh data folder; a live case status update is published through POST /api/publication and the
 * screen link is taken from GET /api/live-case-status/{id}/screen-url, as an admin would. The load comes from
 * autocannon in a second process on loopback.
 *   npx tsx bench/live-feed.ts [seconds per target, default 10] [connections, default 50]
 * Goal (issue 14): the feed at least 0.5x the bare server's requests per second, and its p99 at most 20 ms. The screen
 * page is measured too, against the same bare server, and so is a bare server doing only what Azure's Node worker
 * does with @azure/functions per request (the floor under any host of these handlers, this one included). The feed
 * is measured a second time offered half its own peak rate (autocannon -R): its p99 when busy but not saturated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTokenCli } from '../local/identity/token-cli.js';
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';
import { fixtureUrl } from '../test-support/fixtures.js';
import { freePortSettings } from '../test-support/free-ports.js';
import { reportResult } from './bench-result.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
/** Node flags for the service's process, e.g. BENCH_SERVICE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const serviceNodeFlags = (process.env.BENCH_SERVICE_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process, so the load generator does not share an event loop with what it measures. */
function autocannon(
  url: string,
  headers: Record<string, string> = {},
  duration = seconds,
  overallRate?: number,
): Promise<Load> {
  const args = ['-j', '-c', String(connections), '-d', String(duration)];
  // Paced: at most this many requests per second over all connections (autocannon -R), instead of as fast as it goes.
  if (overallRate !== undefined) args.push('-R', String(overallRate));
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(join(projectRoot, 'node_modules/.bin/autocannon'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('close', (code) => {
      if (code !== 0) {
        reject(new Error(`autocannon exited ${String(code)}: ${err}`));
        return;
      }
      const result = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}

async function startService(dataDir: string): Promise<{ child: ChildProcess; url: string; idpUrl: string }> {
  const child = spawn(process.execPath, [...serviceNodeFlags, '--import', 'tsx', 'local/start.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...freePortSettings, LOCAL_DATA_DIR: dataDir, DATABASE_URL: '' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready = false;
  // Read until ready; after that the service's log (a line per invocation at the default levels) is read and dropped,
  // so that neither a full pipe nor this process's memory weighs on the figures.
  const keep = (chunk: Buffer): void => {
    if (!ready) output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    const url = /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const idpUrl = /local OpenID Connect provider at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (url && idpUrl && output.includes('Ready in')) {
      ready = true;
      return { child, url, idpUrl };
    }
    if (Date.now() - started > 90_000) throw new Error(`not ready in 90 s: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function tokenFor(identity: string, idpUrl: string): Promise<string> {
  let token = '';
  const exit = await runTokenCli(
    [identity],
    { LOCAL_IDP_URL: idpUrl },
    {
      out: (text) => (token = text),
      err: (text) => {
        throw new Error(text);
      },
    },
  );
  if (exit !== 0) throw new Error(`no token for ${identity}`);
  return token;
}

/**
 * Waits until court 1 is there. `npm start` drops the seed court file into Blob Storage, and the court-ref-import
 * trigger imports it after the service says it is ready: on a loaded machine, a live case update sent at once found
 * no court for List Assist's 788490, was published unmatched, and the feed then had nothing for court 1.
 */
async function courtImported(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await fetch(`${url}/api/locations/1`);
    if (answer.status === 200) return;
    if (Date.now() > deadline) throw new Error(`court 1 was not imported in 60 s (last answer ${answer.status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function publishLiveStatus(url: string, token: string, body: Buffer): Promise<void> {
  const iso = (offset: number): string => new Date(Date.now() + offset).toISOString().slice(0, 19);
  const day = 86_400_000;
  const response = await fetch(`${url}/api/publication`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      // Court 1 of the local seed (local/seed/reference-data/courts.csv) is List Assist's 788490.
      'x-provenance': 'LIST_ASSIST',
      'x-type': 'LCSU',
      'x-court-id': '788490',
      'x-content-date': `${iso(0).slice(0, 10)}T09:00:00`,
      'x-sensitivity': 'PUBLIC',
      'x-language': 'ENGLISH',
      'x-display-from': iso(-day),
      'x-display-to': iso(day),
    },
    body,
  });
  if (response.status !== 202) throw new Error(`publishing answered ${response.status}: ${await response.text()}`);
  const location = response.headers.get('location') ?? '';
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = (await (
      await fetch(`${url}${location}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { status: string };
    if (status.status === 'published') return;
    if (status.status === 'rejected' || Date.now() > deadline)
      throw new Error(`not published: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function line(label: string, load: Load, bare?: Load): void {
  const ratio = bare ? `  ${(load.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}x bare` : '';
  console.log(
    `${label.padEnd(34)} ${load.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(load.p50).padStart(3)} ms   p99 ${String(load.p99).padStart(3)} ms   non-2xx ${load.non2xx}   errors ${load.errors}${ratio}`,
  );
}

const dataDir = await mkdtemp(join(tmpdir(), 'pip-bench-live-'));
const sample = JSON.parse(readFileSync(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as {
  results: unknown[];
};
const update = Buffer.from(JSON.stringify(sample.results[0]));
const bare = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=15' });
  response.end(update);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAddress = bare.address();
const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/`;

/**
 * The floor under any host of @azure/functions handlers: a bare Node server doing per request only what Azure's Node
 * worker does with the library (an HttpRequest, which builds a fetch Request; an InvocationContext; the result as an
 * HttpResponse, whose body is read with arrayBuffer()) around a handler that answers the same bytes at once.
 */
installFunctionsCore();
const azureFunctions = await import('@azure/functions');
const shaped = createServer((request, response) => {
  const httpRequest = new azureFunctions.HttpRequest({
    method: request.method ?? 'GET',
    url: `http://${request.headers.host ?? ''}${request.url ?? '/'}`,
    headers: request.headers as Record<string, string>,
    query: {},
    params: { locationId: '1' },
  });
  const context = new azureFunctions.InvocationContext({ invocationId: crypto.randomUUID(), functionName: 'feed' });
  const result = {
    status: httpRequest.method === 'GET' && context.functionName === 'feed' ? 200 : 500,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=15' },
    body: update,
  };
  const httpResponse = new azureFunctions.HttpResponse(result);
  void httpResponse.arrayBuffer().then((bytes) => {
    const headers: Record<string, string> = {};
    httpResponse.headers.forEach((value, name) => (headers[name] = value));
    response.writeHead(httpResponse.status, headers);
    response.end(Buffer.from(bytes));
  });
});
await new Promise<void>((resolve) => shaped.listen(0, '127.0.0.1', resolve));
const shapedAddress = shaped.address();
const shapedUrl = `http://127.0.0.1:${typeof shapedAddress === 'object' && shapedAddress ? shapedAddress.port : 0}/`;

const service = await startService(dataDir);
try {
  await courtImported(service.url);
  await publishLiveStatus(service.url, await tokenFor('hmi', service.idpUrl), update);
  const screenUrl = await fetch(`${service.url}/api/live-case-status/1/screen-url`, {
    headers: { authorization: `Bearer ${await tokenFor('admin', service.idpUrl)}` },
  });
  if (screenUrl.status !== 200) throw new Error(`screen-url answered ${screenUrl.status}`);
  const { url: screenLink } = (await screenUrl.json()) as { url: string };
  const first = await fetch(`${service.url}/api/live-case-status/1`);
  if (first.status !== 200) throw new Error(`the feed answered ${first.status}: ${await first.text()}`);
  const etag = first.headers.get('etag') ?? '';

  console.log(
    `bench/live-feed: ${connections} connections, ${seconds} s per target, autocannon in a second process (Node ${process.version})`,
  );
  // Every server warmed up (JIT, connections, the court's cache entry) before it is measured, as an instance is.
  await Promise.all([autocannon(bareUrl, {}, 2), autocannon(shapedUrl, {}, 2)]);
  await autocannon(`${service.url}/api/live-case-status/1`, {}, 3);
  const bareLoad = await autocannon(bareUrl);
  line('bare Node server, same bytes', bareLoad);
  const shapedLoad = await autocannon(shapedUrl);
  line('bare Node + @azure/functions objects', shapedLoad, bareLoad);
  const feedLoad = await autocannon(`${service.url}/api/live-case-status/1`);
  line('feed GET /api/live-case-status/1', feedLoad, bareLoad);
  const feedRatio = feedLoad.requestsPerSecond / bareLoad.requestsPerSecond;
  reportResult({
    measure: `live case feed by id, req/s (${connections} connections; the @azure/functions floor ${shapedLoad.requestsPerSecond.toFixed(0)} req/s)`,
    figure: Math.round(feedLoad.requestsPerSecond),
    unit: 'req/s',
    comparison: `bare Node server answering the same bytes: ${bareLoad.requestsPerSecond.toFixed(0)} req/s`,
    ratio: Number(feedRatio.toFixed(2)),
    goal: '≥ 0.5 × bare',
    met: feedRatio >= 0.5,
  });
  reportResult({
    measure: `live case feed by id, p99 latency (${connections} connections)`,
    figure: feedLoad.p99,
    unit: 'ms',
    comparison: `bare Node server: p99 ${bareLoad.p99} ms`,
    ratio: null,
    goal: '≤ 20 ms',
    met: feedLoad.p99 <= 20,
  });
  // The p99 above is at saturation: with N connections each waiting for its answer, the mean latency is
  // connections ÷ requests per second (Little's law), so any host below connections ÷ 20 ms = 2,500 req/s (50
  // connections) has a mean, hence a p99, over 20 ms by arithmetic, the @azure/functions floor included. The p99 of the same feed
  // offered half its own peak rate says what a screen waits when the instance is busy but not saturated.
  const pacedRate = Math.max(1, Math.round(feedLoad.requestsPerSecond / 2));
  const pacedLoad = await autocannon(`${service.url}/api/live-case-status/1`, {}, seconds, pacedRate);
  line(`feed paced at ${pacedRate} req/s (half peak)`, pacedLoad, bareLoad);
  reportResult({
    measure: `live case feed by id, p99 latency offered half its peak rate (${pacedRate} req/s, ${connections} connections)`,
    figure: pacedLoad.p99,
    unit: 'ms',
    comparison: `at saturation: p99 ${feedLoad.p99} ms; mean at saturation by Little's law (connections ÷ req/s) ${((connections / feedLoad.requestsPerSecond) * 1000).toFixed(0)} ms`,
    ratio: null,
    goal: 'none set',
    met: null,
  });
  line(
    'feed, If-None-Match (304)',
    await autocannon(`${service.url}/api/live-case-status/1`, { 'if-none-match': etag }),
    bareLoad,
  );
  line('feed by signed screen link', await autocannon(screenLink), bareLoad);
  // The screen page (/screen/{token}, server-rendered, no cache of its own) for the same court.
  const screenPage = `${service.url}/screen/${new URL(screenLink).pathname.split('/').pop() ?? ''}`;
  if ((await fetch(screenPage)).status !== 200) throw new Error(`the screen page answered no 200: ${screenPage}`);
  line('screen page /screen/{token}', await autocannon(screenPage), bareLoad);
  line('unknown court ids (404)', await autocannon(`${service.url}/api/live-case-status/999999`), bareLoad);
  console.log('goal: feed >= 0.5x bare req/s, feed p99 <= 20 ms');
} finally {
  if (service.child.pid !== undefined) process.kill(-service.child.pid, 'SIGINT');
  await new Promise((resolve) => service.child.once('close', resolve));
  bare.close();
  shaped.close();
  await rm(dataDir, { recursive: true, force: true });
}
