/** The local host's HttpRequest is what the library's own (from the host's bytes) would be, without copying the body. */
import type { HttpRequest } from '@azure/functions';
import functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { functionRequest, hostQuery, type FunctionRequestInit } from './function-request.js';

/** The library's default way, as Azure's worker builds a request from the host's bytes. */
function libraryRequest(init: FunctionRequestInit): HttpRequest {
  return new functions.HttpRequest({ ...init, body: { bytes: init.body } });
}

async function comparable(request: HttpRequest): Promise<unknown> {
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers.entries()],
    query: [...request.query.entries()],
    params: request.params,
    user: request.user,
    hasBody: request.body !== null,
    text: request.body === null ? null : await request.text(),
  };
}

const principal = Buffer.from(
  JSON.stringify({ identityProvider: 'aad', userId: 'u-1', userDetails: 'a@example.org', userRoles: ['x'] }),
).toString('base64');

const cases: [string, FunctionRequestInit][] = [
  [
    'a JSON POST with a query and params',
    {
      method: 'POST',
      url: 'http://localhost:7071/api/publication/abc?lng=cy&x=1&x=2&empty=',
      headers: { 'content-type': 'application/json', 'x-provenance': 'MANUAL_UPLOAD' },
      query: hostQuery(new URL('http://localhost:7071/api/publication/abc?lng=cy&x=1&x=2&empty=')),
      params: { id: 'abc' },
      body: new TextEncoder().encode('{"document":{"publicationDate":"2026-11-30T09:00:00Z"},"é":"ŵ"}'),
    },
  ],
  [
    'an empty POST',
    { method: 'POST', url: 'http://localhost/api/x', headers: {}, query: {}, params: {}, body: new Uint8Array(0) },
  ],
  [
    'a GET',
    {
      method: 'GET',
      url: 'http://localhost/?lng=cy',
      headers: { accept: 'text/html' },
      query: { lng: 'cy' },
      params: {},
      body: new Uint8Array(0),
    },
  ],
  [
    'a HEAD',
    { method: 'HEAD', url: 'http://localhost/api/health', headers: {}, query: {}, params: {}, body: new Uint8Array(0) },
  ],
  [
    'a request with a signed-in principal header',
    {
      method: 'DELETE',
      url: 'http://localhost/api/publication/1',
      headers: { 'x-ms-client-principal': principal },
      query: {},
      params: { id: '1' },
      body: new Uint8Array(0),
    },
  ],
];

describe('functionRequest', () => {
  it.each(cases)('gives what the library gives from the same bytes: %s', async (_name, init) => {
    expect(await comparable(functionRequest(init))).toEqual(await comparable(libraryRequest(init)));
  });

  it('hands a handler the host bytes themselves, in one chunk, where the library copies them twice', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ cases: Array.from({ length: 2000 }, (_, i) => i) }));
    const init: FunctionRequestInit = {
      method: 'POST',
      url: 'http://localhost/api/publication',
      headers: {},
      query: {},
      params: {},
      body,
    };
    const chunks = async (request: HttpRequest): Promise<Uint8Array[]> => {
      const read: Uint8Array[] = [];
      const reader = (request.body as ReadableStream<Uint8Array>).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) read.push(next.value);
      return read;
    };
    const ours = await chunks(functionRequest(init));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toBe(body);
    const library = await chunks(libraryRequest(init));
    expect(Buffer.concat(library).equals(body)).toBe(true);
    expect(library.every((chunk) => chunk.buffer !== body.buffer)).toBe(true);
  });

  it('reads a multipart form, JSON and a clone as the library does', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    form.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'list.csv');
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const init: FunctionRequestInit = {
      method: 'POST',
      url: 'http://localhost/admin/upload',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      query: {},
      params: {},
      body: new Uint8Array(await encoded.arrayBuffer()),
    };
    const parsed = await functionRequest(init).formData();
    expect(parsed.get('note')).toBe('hello');
    const file = parsed.get('file');
    if (!(file instanceof Blob)) throw new Error('the file field is not a file');
    expect([(file as Blob & { name: string }).name, file.type, await file.text()]).toEqual([
      'list.csv',
      'text/csv',
      'a,b\n1,2\n',
    ]);

    const json = { title: 'Cause list', cases: [1, 2, 3] };
    const request = functionRequest({ ...init, headers: {}, body: new TextEncoder().encode(JSON.stringify(json)) });
    const copy = request.clone();
    expect(await request.json()).toEqual(json);
    expect(await copy.json()).toEqual(json);
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow();
  });
});

describe('hostQuery', () => {
  it("gives a repeated name's values joined with a comma, as the Functions host does, and keeps empty values", () => {
    const url = new URL('http://localhost/api/audit?action=SIGN_IN&action=AUDIT_EXPORT&userId=&lng=cy&toString=a');
    expect(hostQuery(url)).toEqual({ action: 'SIGN_IN,AUDIT_EXPORT', userId: '', lng: 'cy', toString: 'a' });
    const request = functionRequest({
      method: 'GET',
      url: url.href,
      headers: {},
      query: hostQuery(url),
      params: {},
      body: new Uint8Array(0),
    });
    expect(request.query.getAll('action')).toEqual(['SIGN_IN,AUDIT_EXPORT']);
    expect(new URL(request.url).searchParams.getAll('action')).toEqual(['SIGN_IN', 'AUDIT_EXPORT']);
  });

  it('gives each name once, with nothing inherited', () => {
    expect(hostQuery(new URL('http://localhost/?__proto__=x&constructor=y'))).toEqual(
      Object.fromEntries([
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    );
    expect(Object.keys(hostQuery(new URL('http://localhost/')))).toEqual([]);
  });
});
