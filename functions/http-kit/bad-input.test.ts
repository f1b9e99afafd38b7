/**
 * Issue 17's repros at the HTTP edge, each sent exactly: bad percent-encoding and bad Host headers (3), ids out of
 * range and NUL in filters (4), bodies capped while they are read (8), nosniff and no echoed `alg` (15), and the
 * linear trailing-slash trim.
 */
import { request as httpRequest } from 'node:http';
import functions, { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { Principal } from '../../shared/auth/principal.js';
import { createTokenVerifier } from '../../shared/auth/token-verifier.js';
import type { Database } from '../../shared/db/database.js';
import type { GlossaryStore } from '../../shared/glossary/glossary.js';
import { verifierFor } from '../../test-support/fake-verifier.js';
import { startTestHost } from '../../test-support/test-host.js';
import { handleGetAudit } from '../audit/audit-handler.js';
import { handleIngestPublication } from '../ingest-publication/ingest-publication-handler.js';
import { handleListLocations } from '../locations/locations-handler.js';
import { handleListPublications } from '../publications/publications-handler.js';
import { request as webRequest, fakeDependencies } from '../web/testing/web-test-kit.js';
import { trimTrailingSlashes } from '../web/router.js';
import { apiHandler } from './api-handler.js';
import { bodyLimits, readCappedBody } from './read-body.js';
import { localPublisherProvenances } from '../../test-support/publisher-provenances.js';

const sysadmin: Principal = { userId: 'sa', provenance: 'PI_AAD', roles: ['SYSTEM_ADMIN'], email: null, name: null };
const publisher: Principal = { userId: 'hmi', provenance: 'SYSTEM', roles: ['PUBLISHER'], email: null, name: null };
/** Validation comes first: a query that reaches the database fails the test. */
const noDatabase = {
  query: () => Promise.reject(new Error('the database must not be reached')),
} as unknown as Database;
const context = {
  invocationId: 'test',
  log: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as InvocationContext;

const get = (url: string, headers: Record<string, string> = {}) =>
  new functions.HttpRequest({ method: 'GET', url: `http://localhost${url}`, headers });

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** A request exactly as given (fetch would refuse or rewrite these Host headers and paths). */
function raw(port: number, path: string, host: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', setHost: false, headers: { host } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the local host answers malformed requests as Azure does (issue 17, item 3)', () => {
  let host: LocalFunctionsHost;
  beforeAll(async () => {
    app.http('badInputProbe', {
      route: 'api/health/{*rest}',
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: apiHandler(() => Promise.resolve({ status: 200, jsonBody: { ok: true } })),
    });
    app.http('badInputCatchAll', {
      route: '{*path}',
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: () => Promise.resolve({ status: 200 }),
    });
    host = await startTestHost();
  });
  afterAll(async () => {
    await host.stop();
  });

  it('answers 400 to bad percent-encoding in any path', async () => {
    const valid = `127.0.0.1:${host.port}`;
    expect((await raw(host.port, '/api/health/%zz', valid)).status).toBe(400);
    expect((await raw(host.port, '/list/%C0', valid)).status).toBe(400);
    expect((await raw(host.port, '/%zz', valid)).status).toBe(400);
    expect((await raw(host.port, '/api/health/ok%20', valid)).status).toBe(200);
  });

  it.each(['', 'a@x', 'localhost:abc', '[::1', 'localhost:99999'])(
    'answers 400 to Host %j on every route',
    async (bad) => {
      for (const path of ['/api/health/x', '/', '/courts', '/admin/functions']) {
        expect((await raw(host.port, path, bad)).status).toBe(400);
      }
    },
  );

  it('serves good Host headers', async () => {
    for (const good of [`localhost:${host.port}`, 'example.gov.uk', '[::1]:7071', '127.0.0.1']) {
      expect((await raw(host.port, '/api/health/x', good)).status).toBe(200);
    }
  });

  it('sends nosniff on API answers (item 15)', async () => {
    const answer = await raw(host.port, '/api/health/x', `127.0.0.1:${host.port}`);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('ids out of range and NUL in filters are 400s naming the parameter (item 4)', () => {
  const publicationsDeps = {
    verifier: verifierFor(() => null),
    database: noDatabase,
    publications: null as never,
    now: () => new Date(),
  };

  it('GET /api/publications?locationId=2147483648', async () => {
    const response = await handleListPublications(publicationsDeps, get('/api/publications?locationId=2147483648'));
    expect(response.status).toBe(400);
    expect(response.jsonBody).toMatchObject({
      code: 'INVALID_QUERY',
      details: [{ field: 'locationId', problem: 'must be at most 2147483647' }],
    });
  });

  it('GET /api/locations?region=%00', async () => {
    const deps = { database: noDatabase, glossary: {} as GlossaryStore, verifier: verifierFor(() => null) };
    for (const url of [
      '/api/locations?region=%00',
      '/api/locations?jurisdiction=Civil,a%00b',
      '/api/locations?language=%00',
    ]) {
      const response = await handleListLocations(deps, get(url));
      expect(response.status).toBe(400);
      expect(response.jsonBody).toMatchObject({
        code: 'INVALID_QUERY',
        details: [{ problem: 'must not contain NUL or other control characters' }],
      });
    }
    expect((await handleListLocations(deps, get('/api/locations?region=%00'))).jsonBody).toMatchObject({
      details: [{ field: 'region' }],
    });
  });

  it('GET /api/audit?userId=%00', async () => {
    const deps = { database: noDatabase, verifier: verifierFor(() => sysadmin) };
    const response = await handleGetAudit(deps, get('/api/audit?userId=%00'), context);
    expect(response.status).toBe(400);
    expect(response.jsonBody).toMatchObject({ code: 'INVALID_QUERY', details: [{ field: 'userId' }] });
  });
});

/** A body of `total` bytes in 64 kB chunks, with no Content-Length, counting how much was pulled. */
function chunked(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

describe('bodies are capped while they are read (item 8)', () => {
  it('stops reading a chunked body at the cap', async () => {
    const body = chunked(50 * 1024 * 1024);
    const read = await readCappedBody({ headers: new Headers(), body: body.stream }, bodyLimits.ingestion);
    expect(read).toEqual({ ok: false, reason: 'TOO_LARGE' });
    expect(body.pulled()).toBeLessThanOrEqual(bodyLimits.ingestion + 2 * 64 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const body = chunked(1024);
    const headers = new Headers({ 'content-length': String(bodyLimits.ingestion + 1) });
    expect(await readCappedBody({ headers, body: body.stream }, bodyLimits.ingestion)).toEqual({
      ok: false,
      reason: 'TOO_LARGE',
    });
    // Only what the stream buffers by itself (one chunk) was ever produced; nothing was read.
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('answers 413 to a chunked publication without Content-Length', async () => {
    const body = chunked(50 * 1024 * 1024);
    const request = {
      method: 'POST',
      url: 'http://localhost/api/publication',
      headers: new Headers({ authorization: 'Bearer x', 'content-type': 'application/json' }),
      query: new URLSearchParams(),
      params: {},
      body: body.stream,
    } as unknown as HttpRequest;
    const response = await handleIngestPublication(
      {
        verifier: verifierFor(() => publisher),
        database: noDatabase,
        publications: null as never,
        now: () => new Date(),
        publisherProvenances: localPublisherProvenances,
        newId: () => 'id',
      },
      request,
      context,
    );
    expect(response.status).toBe(413);
    expect(response.jsonBody).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body' }] });
    expect(body.pulled()).toBeLessThanOrEqual(bodyLimits.ingestion + 2 * 64 * 1024);
  });

  it('answers 413 to a portal form over 16 KB', async () => {
    const page = await webRequest(fakeDependencies(), '/cookies', { form: { analytics: 'x'.repeat(20 * 1024) } });
    expect(page.status).toBe(413);
  });
});

describe('tokens and paths (item 15, item 7)', () => {
  it('never echoes the token alg into the 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://issuer.example')
      .setExpirationTime('5m')
      .sign(privateKey);
    const [, payload, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256", error="x' })).toString('base64url');
    const verifier = createTokenVerifier({ issuers: [] });
    const result = await verifier.verifyAuthorizationHeader(`Bearer ${header}.${payload ?? ''}.${signature ?? ''}`);
    expect(result).toEqual({
      ok: false,
      reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      message: 'The token algorithm is not allowed',
    });
  });

  it('trims trailing slashes in linear time', () => {
    const evil = `/a${'/'.repeat(200_000)}x`;
    const started = performance.now();
    expect(trimTrailingSlashes(evil)).toBe(evil);
    expect(trimTrailingSlashes('/courts///')).toBe('/courts');
    expect(performance.now() - started).toBeLessThan(100);
  });
});
