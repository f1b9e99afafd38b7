/**
 * Reading a small JSON request body (a subscription, not a publication: publications have their own parse in
 * shared/publications/intake/json-payload.ts): `application/json` in UTF-8, read under a cap, parsed once. Each
 * refusal is the kit's problem body naming `content-type` or `body`.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { parseContentType } from './content-type.js';
import { problem } from './problem.js';
import { bodyLimits, readCappedBody } from './read-body.js';

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: HttpResponseInit };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(request: HttpRequest, maxBytes: number = bodyLimits.jsonRequest): Promise<JsonBody> {
  const contentType = request.headers.get('content-type') ?? '';
  const { mediaType, charset } = parseContentType(contentType);
  if (mediaType !== 'application/json' || (charset !== null && !/^utf-?8$/.test(charset))) {
    return {
      ok: false,
      response: problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (UTF-8)', [
        { field: 'content-type', problem: `content-type ${JSON.stringify(contentType.slice(0, 100))} is not accepted` },
      ]),
    };
  }
  const body = await readCappedBody(request, maxBytes);
  if (!body.ok) {
    return {
      ok: false,
      response:
        body.reason === 'TOO_LARGE'
          ? problem(413, 'PAYLOAD_TOO_LARGE', `The body may be at most ${maxBytes} bytes`, [
              { field: 'body', problem: `is larger than ${maxBytes} bytes` },
            ])
          : problem(400, 'INVALID_BODY', 'The body could not be read', [{ field: 'body', problem: 'is unreadable' }]),
    };
  }
  let text: string;
  try {
    text = utf8.decode(body.bytes);
  } catch {
    return { ok: false, response: invalidJson('is not valid UTF-8') };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: invalidJson(text.trim() === '' ? 'is empty' : 'is not valid JSON') };
  }
}

const invalidJson = (reason: string): HttpResponseInit =>
  problem(400, 'INVALID_JSON', 'The body is not a JSON document', [{ field: 'body', problem: reason }]);
