/**
 * One HTTP/1.1 request written byte for byte over a socket, for requests `fetch` and `node:http` refuse to send: CR or
 * LF inside a header value, non-ASCII or NUL bytes in a header, a request target that is not valid percent-encoding,
 * any Host header. The request closes its connection; the answer is read to the end and parsed (Content-Length or
 * chunked). A connection the server closes without an answer is status 0 (its parser refused the request).
 */
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target exactly as sent, e.g. `/api/health/%zz?x=%00`. */
  target: string;
  /** In order, written as given (a value may hold CR, LF or any byte); names and values are written as UTF-8. */
  headers: readonly (readonly [string, string])[];
  body?: Buffer;
  /** `length` (default) sends Content-Length; `chunked` sends the body in chunks with no length. */
  framing?: 'length' | 'chunked';
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export function parseRawResponse(data: Buffer): RawResponse {
  const headerEnd = data.indexOf('\r\n\r\n');
  if (headerEnd === -1) return { status: 0, headers: {}, body: data };
  const [statusLine = '', ...lines] = data.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = data.subarray(headerEnd + 4);
  let body = rest;
  if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) body = decodeChunked(rest);
  else if (headers['content-length'] !== undefined) body = rest.subarray(0, Number(headers['content-length']));
  return { status, headers, body };
}

function serialize(request: RawRequest): Buffer {
  const body = request.body ?? Buffer.alloc(0);
  const framing = request.framing ?? 'length';
  const head = [`${request.method} ${request.target} HTTP/1.1`];
  for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
  head.push('connection: close');
  if (framing === 'chunked') head.push('transfer-encoding: chunked');
  else if (body.length > 0 || request.method === 'POST') head.push(`content-length: ${body.length}`);
  const parts: Buffer[] = [Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8')];
  if (framing === 'chunked') {
    for (let offset = 0; offset < body.length; offset += 16 * 1024) {
      const chunk = body.subarray(offset, offset + 16 * 1024);
      parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`, 'latin1'), chunk, Buffer.from('\r\n', 'latin1'));
    }
    parts.push(Buffer.from('0\r\n\r\n', 'latin1'));
  } else {
    parts.push(body);
  }
  return Buffer.concat(parts);
}

/** Sends the request and answers the parsed response; rejects only when nothing at all comes back within the time. */
export function rawRequest(port: number, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${request.method} ${request.target.slice(0, 200)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = () => {
      clearTimeout(timer);
      resolve(parseRawResponse(Buffer.concat(chunks)));
    };
    socket.on('end', finish);
    // The server may reset a connection it refused while we were still writing; what it answered still counts.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('connect', () => {
      socket.write(serialize(request));
    });
  });
}
