/**
 * The HTTP side of the local host: HTTP-triggered functions by route (under host.json's routePrefix), auth levels,
 * the host's admin API (`/admin/functions/{name}`; `/admin` and `/runtime` are otherwise the host's, never a
 * function's, as on Azure), local-only routes, and in front of them the portal origin's static files for exactly the
 * paths Front Door sends to the static origin (edge-routes.ts); every other path goes to the functions, after Front
 * Door's URL rewrites (edge-routes.json `rewrites`).
 */
import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { HttpRequest } from '@azure/functions';
import { serialize as serializeCookie } from 'cookie';
import type { StaticRouteTable } from './edge-routes.js';
import type { RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import { functionRequest, hostQuery } from './function-request.js';
import { wireResponse } from './http-response.js';
import { compileRoute, routeWithPrefix, type CompiledRoute } from './route-template.js';

/** Paths the Functions host answers itself, never an HTTP function: its admin API and its extension webhooks. */
export const reservedHostPath = /^\/(admin|runtime)(\/|$)/i;

export interface HttpRoute {
  fn: RegisteredFunction;
  route: CompiledRoute;
  methods: Set<string> | null;
  authLevel: 'anonymous' | 'function' | 'admin';
}

/** A route served by the local runtime itself (never deployed), e.g. the Notify outbox. */
export interface LocalRoute {
  method: string;
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void> | void;
}

export interface HttpListenerOptions {
  host: string;
  port: number;
  routePrefix: string;
  functions: RegisteredFunction[];
  masterKey: string;
  maxRequestBodyBytes: number;
  /** The static origin: its files, and the paths Front Door sends to it (bicep/edge-routes.json). */
  staticSite?: { root: string; routes: StaticRouteTable };
  localRoutes?: LocalRoute[];
  /** Invokes an HTTP function; `triggerMetadata` is the host's for an HTTP trigger (route parameters, query, headers). */
  invokeHttp(fn: RegisteredFunction, request: HttpRequest, triggerMetadata: Record<string, unknown>): Promise<unknown>;
  runNonHttpFunction(name: string, input: string): 'accepted' | 'not-found' | 'http-function';
  listFunctions(): { name: string; trigger: string }[];
}

export interface HttpListener {
  server: Server;
  url: string;
  port: number;
  routes: HttpRoute[];
  stop(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function buildHttpRoutes(functionsToRoute: RegisteredFunction[], routePrefix: string): HttpRoute[] {
  const routes = functionsToRoute
    .filter((fn) => triggerOf(fn).binding.type === 'httpTrigger')
    .map((fn) => {
      const binding = triggerOf(fn).binding;
      const route = stringProperty(binding, 'route') ?? fn.name;
      const methods = Array.isArray(binding.methods)
        ? new Set((binding.methods as string[]).map((m) => m.toUpperCase()))
        : null;
      const authLevel = (stringProperty(binding, 'authLevel') ?? 'function').toLowerCase();
      if (authLevel !== 'anonymous' && authLevel !== 'function' && authLevel !== 'admin') {
        throw new Error(`Function "${fn.name}": unknown authLevel "${authLevel}"`);
      }
      return { fn, route: compileRoute(routeWithPrefix(routePrefix, route)), methods, authLevel } satisfies HttpRoute;
    });
  return routes.sort((a, b) => b.route.specificity - a.route.specificity);
}

function keysMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * A Host header as Azure's front end accepts it: a DNS name, an IPv4 address or a bracketed IPv6 address, with an
 * optional numeric port. Anything else (empty, `a@x`, `host:port-not-a-number`, `[::1`) is answered 400 before any
 * function runs.
 */
export function isValidHostHeader(host: string | undefined): boolean {
  if (host === undefined || host.length === 0 || host.length > 255) return false;
  const match =
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/.exec(
      host,
    );
  if (!match) return false;
  return match[1] === undefined || Number(match[1]) <= 65_535;
}

/** Whether every percent-escape in the path is a well-formed escape of UTF-8 (`%zz`, `%C0` are not). */
export function isWellFormedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function badRequest(response: ServerResponse): void {
  const text = 'Bad Request';
  response.writeHead(400, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

class BodyTooLargeError extends Error {}

const noBody = new Uint8Array(0);

/**
 * The body, read whole under `limit`, in a buffer of its own (never a slice of Node's pooled or socket buffers), as
 * functionRequest hands it on.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  // HTTP/1.1: a request without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3).
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) {
    return noBody;
  }
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function writeFunctionResponse(response: ServerResponse, result: unknown): Promise<void> {
  const answer = await wireResponse(result);
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (answer.cookies.length > 0) {
    headers['set-cookie'] = answer.cookies.map((c) =>
      serializeCookie(c.name, c.value, {
        domain: c.domain,
        path: c.path,
        expires: c.expires === undefined ? undefined : new Date(c.expires),
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: c.sameSite?.toLowerCase() as 'strict' | 'lax' | 'none' | undefined,
        maxAge: c.maxAge,
      }),
    );
  }
  headers['content-length'] = String(answer.body.length);
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

function emptyAnswer(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'content-length': '0' });
  response.end();
}

/**
 * What the static origin answers for a path Front Door sends it: the file, or 404 (405 for a method other than GET
 * and HEAD). A path that decodes to somewhere outside the route table (`/assets/..%2Fx`) is a 404 too.
 */
async function serveStatic(
  site: { root: string; routes: StaticRouteTable },
  method: string,
  path: string,
  response: ServerResponse,
): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') {
    emptyAnswer(response, 405, { allow: 'GET, HEAD' });
    return;
  }
  let relative = decodeURIComponent(path);
  if (relative.endsWith('/')) relative += 'index.html';
  const root = normalize(site.root);
  const file = normalize(join(root, relative));
  const inside = file.startsWith(root + sep) ? file.slice(root.length).split(sep).join('/') : null;
  if (inside === null || !site.routes.isStatic(inside)) {
    emptyAnswer(response, 404);
    return;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    emptyAnswer(response, 404);
    return;
  }
  response.writeHead(200, {
    ...site.routes.responseHeaders,
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

export async function startHttpListener(options: HttpListenerOptions): Promise<HttpListener> {
  const routes = buildHttpRoutes(options.functions, options.routePrefix);
  const localRoutes = options.localRoutes ?? [];

  const handleAdmin = async (
    request: IncomingMessage,
    method: string,
    name: string | undefined,
  ): Promise<{ status: number; body?: unknown }> => {
    if (!keysMatch(request.headers['x-functions-key'] as string | undefined, options.masterKey)) {
      return {
        status: 401,
        body: { code: 'UNAUTHORISED', message: 'The x-functions-key header must carry the master key' },
      };
    }
    if (name === undefined) {
      return method === 'GET'
        ? { status: 200, body: options.listFunctions() }
        : { status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET' } };
    }
    if (method !== 'POST') return { status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: 'Use POST' } };
    let input: string;
    try {
      const raw = new TextDecoder().decode(await readBody(request, 1024 * 1024));
      const parsed = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      const given = (parsed as { input?: unknown }).input;
      if (given !== undefined && typeof given !== 'string') throw new Error('input must be a string');
      input = given ?? '';
    } catch (error) {
      return {
        status: 400,
        body: {
          code: 'INVALID_BODY',
          message: `The body must be JSON like {"input": "..."}: ${(error as Error).message}`,
        },
      };
    }
    const outcome = options.runNonHttpFunction(name, input);
    if (outcome === 'not-found')
      return { status: 404, body: { code: 'NOT_FOUND', message: `No function named "${name}"` } };
    if (outcome === 'http-function') {
      return {
        status: 400,
        body: { code: 'HTTP_FUNCTION', message: `"${name}" is HTTP-triggered: call its route instead` },
      };
    }
    return { status: 202 };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase();
    // As Azure's front end does, a malformed Host or request target is a 400 that never reaches a function.
    if (!isValidHostHeader(request.headers.host)) {
      badRequest(response);
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${request.headers.host ?? `${options.host}:${options.port}`}`);
    } catch {
      badRequest(response);
      return;
    }
    let path = url.pathname;
    if (!isWellFormedPath(path)) {
      badRequest(response);
      return;
    }

    // Front Door first: the route table's paths go to the static origin, and only those; nothing else looks at disk.
    const site = options.staticSite;
    if (site?.routes.isStatic(path)) {
      await serveStatic(site, method, path, response);
      return;
    }

    // The host's own admin API, as on Azure: run any non-HTTP function on demand, with the master key.
    const admin = /^\/admin\/functions(?:\/([^/]+))?\/?$/.exec(path);
    if (admin) {
      const answer = await handleAdmin(request, method, admin[1] ? decodeURIComponent(admin[1]) : undefined);
      if (answer.body === undefined) {
        response.writeHead(answer.status, { 'content-length': '0' });
        response.end();
      } else {
        sendJson(response, answer.status, answer.body);
      }
      return;
    }

    // Front Door's URL rewrites on the app's route (edge-routes.json: `/admin/…` → `/court-admin/…`), before the host
    // sees the path; the function gets the rewritten URL, as behind Front Door. The admin API above answers first:
    // locally one port is both Front Door's address and the function app's own, and the admin API is called at the
    // function app's (docs/operations.md), never through Front Door. Without a static site there is no Front Door in
    // front: the request reaches the host as it is, and `/admin` is the host's (reserved-paths.test.ts).
    if (site) {
      const rewritten = site.routes.rewrite(path);
      if (rewritten !== path) {
        url.pathname = rewritten;
        path = url.pathname;
      }
    }

    // The host's own routes (local stand-ins, and the blobs extension webhook under /runtime) come first.
    const localRoute = localRoutes.find((r) => r.method === method && r.path === path);

    // As on Azure, the host keeps `/admin` and `/runtime` for itself: no HTTP function ever receives a path under
    // them, a catch-all route included (azure-functions-host ScriptRouteHandler; issues 2590 and 6990).
    if (reservedHostPath.test(path) && !localRoute) {
      response.writeHead(404, { 'content-length': '0' });
      response.end();
      return;
    }

    if (localRoute) {
      await localRoute.handle(request, response);
      return;
    }

    let matched: HttpRoute | undefined;
    let params: Record<string, string> = {};
    for (const candidate of routes) {
      if (candidate.methods && !candidate.methods.has(method)) continue;
      const found = candidate.route.match(path);
      if (found) {
        matched = candidate;
        params = found;
        break;
      }
    }
    if (!matched) {
      response.writeHead(404, { 'content-length': '0' });
      response.end();
      return;
    }
    if (matched.authLevel !== 'anonymous') {
      const key =
        (request.headers['x-functions-key'] as string | undefined) ?? url.searchParams.get('code') ?? undefined;
      if (!keysMatch(key, options.masterKey)) {
        response.writeHead(401, { 'content-length': '0' });
        response.end();
        return;
      }
    }
    let body: Uint8Array;
    try {
      body = await readBody(request, options.maxRequestBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response.writeHead(413, { connection: 'close', 'content-length': '0' });
        response.end();
        request.destroy();
        return;
      }
      throw error;
    }
    const query = hostQuery(url);
    const headers = flatHeaders(request);
    const httpRequest = functionRequest({ method, url: url.href, headers, query, params, body });
    let result: unknown;
    try {
      result = await options.invokeHttp(matched.fn, httpRequest, { ...params, query, headers });
    } catch {
      // As on Azure: an unhandled error is a bare 500; the details are in the function's log, not the response.
      response.writeHead(500, { 'content-length': '0' });
      response.end();
      return;
    }
    await writeFunctionResponse(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`[host] request failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-length': '0' });
      response.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${options.host}:${port}`,
    routes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
