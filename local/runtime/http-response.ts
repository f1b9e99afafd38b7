/**
 * What goes on the wire for an HTTP function's result, as the Node worker makes it in Azure (the library's
 * `toRpcHttp`: `new HttpResponse(result)`, its status, its headers, its cookies, the bytes of `arrayBuffer()`).
 *
 * For the results handlers give almost always (a plain `HttpResponseInit` whose body is absent, a string, bytes or
 * `jsonBody`), the same status, headers and bytes are worked out directly, without the fetch `Response` and the read
 * of its body stream that `HttpResponse` costs: `Headers` built from the init as `Response` builds them, the
 * Content-Type `Response` or the library would add, the body dropped for 204/205/304 as the library drops it. Any
 * other result (an `HttpResponse`, a stream, a Blob, form data, a status `Response` would refuse) goes through the
 * library's own class. http-response.test.ts holds the two to the same answers.
 */
import type { Cookie, HttpResponseInit } from '@azure/functions';
import functions from '@azure/functions';

export interface WireResponse {
  status: number;
  headers: Headers;
  cookies: Cookie[];
  body: Buffer;
}

/** Statuses that carry no body (the library drops a body given with one). */
const nullBodyStatuses = new Set([204, 205, 304]);

const empty = Buffer.alloc(0);

function bytesOf(view: ArrayBufferView): Buffer {
  return Buffer.isBuffer(view) ? view : Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** The direct way, for a plain init with a simple body; null when only the library's class can say. */
export function plainWireResponse(result: unknown): WireResponse | null {
  if (result === null || result === undefined) return { status: 200, headers: new Headers(), cookies: [], body: empty };
  if (typeof result !== 'object' || result instanceof functions.HttpResponse) return null;
  const init = result as HttpResponseInit;
  const status = init.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 599) return null;
  const headers = new Headers(init.headers);
  const cookies = init.cookies ?? [];
  if (nullBodyStatuses.has(status)) return { status, headers, cookies, body: empty };
  if (init.jsonBody !== undefined && init.jsonBody !== null) {
    const text = JSON.stringify(init.jsonBody) as string | undefined;
    if (text === undefined) return null;
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return { status, headers, cookies, body: Buffer.from(text, 'utf8') };
  }
  const body = init.body as unknown;
  if (body === undefined || body === null) return { status, headers, cookies, body: empty };
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return { status, headers, cookies, body: Buffer.from(body, 'utf8') };
  }
  if (ArrayBuffer.isView(body)) return { status, headers, cookies, body: bytesOf(body) };
  if (body instanceof ArrayBuffer) return { status, headers, cookies, body: Buffer.from(body) };
  return null;
}

/** The library's way: what Azure's worker does with every result. */
export async function libraryWireResponse(result: unknown): Promise<WireResponse> {
  const response =
    result instanceof functions.HttpResponse
      ? result
      : new functions.HttpResponse(result as HttpResponseInit | undefined);
  return {
    status: response.status,
    headers: response.headers,
    cookies: response.cookies,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function wireResponse(result: unknown): Promise<WireResponse> {
  return plainWireResponse(result) ?? (await libraryWireResponse(result));
}
