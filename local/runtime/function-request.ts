/**
 * The `HttpRequest` an HTTP function receives from the local host: the request the host has read whole (under its
 * body limit), as @azure/functions builds it in Azure.
 *
 * The library has two ways to build one. From the host's bytes (`{ body: { bytes } }`, Azure's default path) it
 * copies them with `Buffer.from`, and the fetch `Request` underneath copies them again; for a 1.6 MB list that is two
 * copies more than any Node server makes, and the external memory they add sets V8 collecting garbage every dozen
 * requests (bench/ingest: the function's CPU per 1.6 MB list 15 to 21 ms this way, 11 to 13 ms the other). The other
 * way is the one the library itself takes for HTTP streams (`createStreamRequest` in its `HttpRequest.ts`): a fetch
 * `Request` made by the caller (`nativeRequest`) with the route's `params`, the URL, method and headers read from it. Here its body is a stream of one chunk, the host's bytes in a buffer of their own, so a handler reads
 * them without a copy. What a handler sees is the same either way: `body` is a stream (null for GET and HEAD),
 * `arrayBuffer()`, `text()`, `json()` and `formData()` read it once, `clone()` tees it, and
 * `user` comes from the headers (function-request.test.ts checks each, so that a library upgrade which drops
 * `nativeRequest` fails there). The query is the host's (hostQuery), as the library is given it from the host's bytes.
 */
import functions, { type HttpRequest } from '@azure/functions';

export interface FunctionRequestInit {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The query as the host gives it (hostQuery). */
  query: Record<string, string>;
  params: Record<string, string>;
  /** The body as the host read it; it is handed on as it is, so nothing else may write to it. */
  body: Uint8Array;
}

/** The library's own initialiser for a request it did not read itself (its `InternalHttpRequestInit`). */
interface NativeRequestInit {
  nativeRequest: Request;
  query: Record<string, string>;
  params: Record<string, string>;
}

export function functionRequest(init: FunctionRequestInit): HttpRequest {
  const method = init.method.toUpperCase();
  // As in Azure: GET and HEAD requests have no body (a fetch Request may not carry one).
  const body =
    method === 'GET' || method === 'HEAD'
      ? null
      : new ReadableStream<Uint8Array>({
          start(controller) {
            if (init.body.byteLength > 0) controller.enqueue(init.body);
            controller.close();
          },
        });
  const nativeRequest = new Request(init.url, {
    method,
    headers: init.headers,
    ...(body === null ? {} : { body, duplex: 'half' }),
  });
  // The public HttpRequestInit does not name nativeRequest; the library's constructor reads it (see above).
  const libraryInit: NativeRequestInit = { nativeRequest, query: init.query, params: init.params };
  return new functions.HttpRequest(libraryInit);
}

/**
 * The query as the Functions host hands it to a worker: one value a name, a repeated name's values joined with a comma
 * (the host's `ToRpcHttp` writes each `StringValues` with `ToString()`), empty values kept. So `?x=1&x=2` reads as
 * `request.query.get('x') === '1,2'` in Azure, and here; the URL (`request.url`) keeps every value as sent.
 */
export function hostQuery(url: URL): Record<string, string> {
  const values = new Map<string, string>();
  url.searchParams.forEach((value, name) => {
    const earlier = values.get(name);
    values.set(name, earlier === undefined ? value : `${earlier},${value}`);
  });
  return Object.fromEntries(values);
}
