/**
 * Reading a request body with a cap: the declared Content-Length is checked first, then the body is streamed and
 * reading stops as soon as it passes the cap, so a chunked upload without Content-Length is refused just as early.
 * No handler reads a body any other way (request.arrayBuffer/text/formData read it whole).
 */
import functions, { type HttpRequest } from '@azure/functions';

/**
 * The caps: ingestion takes a 2 MB publication plus multipart framing; the portal's url-encoded forms are a few
 * fields, and so are the small JSON bodies of other API routes (a subscription); a portal form with a file
 * (multipart/form-data) takes a 2 MB file plus its fields and framing, with room for a page to tell the person their
 * file is over 2 MB rather than the request being cut off.
 */
export const bodyLimits = {
  ingestion: 3 * 1024 * 1024,
  portalForm: 16 * 1024,
  portalUpload: 3 * 1024 * 1024,
  jsonRequest: 16 * 1024,
} as const;

export interface ReadableRequest {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'TOO_LARGE' | 'UNREADABLE' };

export async function readCappedBody(request: ReadableRequest, maxBytes: number): Promise<CappedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) {
    return { ok: false, reason: 'TOO_LARGE' };
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'TOO_LARGE' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'UNREADABLE' };
  } finally {
    reader.releaseLock();
  }
  // One chunk (a body the host already holds whole) is the body as it is: nothing else writes to it.
  if (chunks.length === 1 && chunks[0] !== undefined) return { ok: true, bytes: chunks[0] };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * The same request with its body already read (under a cap): code that reads `request.formData()` or
 * `request.arrayBuffer()` then reads these bytes and nothing more.
 */
export function bufferedRequest(request: HttpRequest, bytes: Uint8Array): HttpRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const query: Record<string, string> = {};
  request.query.forEach((value, name) => {
    query[name] = value;
  });
  return new functions.HttpRequest({
    method: request.method,
    url: request.url,
    headers,
    query,
    params: request.params,
    body: { bytes },
  });
}
