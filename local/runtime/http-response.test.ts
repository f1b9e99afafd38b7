/** The direct way to a function's HTTP answer gives what the library's HttpResponse gives, or leaves it to it. */
import { Blob } from 'node:buffer';
import type { HttpResponseInit } from '@azure/functions';
import functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { libraryWireResponse, plainWireResponse, wireResponse, type WireResponse } from './http-response.js';

function comparable(answer: WireResponse): unknown {
  return {
    status: answer.status,
    headers: [...answer.headers.entries()],
    cookies: answer.cookies,
    body: answer.body.toString('base64'),
  };
}

const headerForms = {
  object: { 'Cache-Control': 'public, max-age=60', ETag: '"a-1"' },
  array: [
    ['vary', 'accept'],
    ['Vary', 'cookie'],
  ] as [string, string][],
  headers: new Headers({ 'x-content-type-options': 'nosniff', 'content-type': 'application/problem+json' }),
};

const plainResults: [string, HttpResponseInit | undefined | null][] = [
  ['nothing', undefined],
  ['null', null],
  ['an empty init', {}],
  ['a status only', { status: 404 }],
  ['a string body', { body: 'héllo ✓' }],
  ['an empty string body', { body: '' }],
  ['a string body with its own type', { body: '<p>x</p>', headers: { 'Content-Type': 'text/html; charset=utf-8' } }],
  ['a Buffer body', { status: 200, body: Buffer.from('{"a":1}'), headers: headerForms.object }],
  ['a Uint8Array body', { body: new Uint8Array([1, 2, 3]), headers: headerForms.array }],
  ['a slice of a larger buffer', { body: Buffer.from('0123456789').subarray(2, 5) }],
  ['an ArrayBuffer body', { body: new Uint8Array([9, 8]).buffer }],
  ['a jsonBody', { status: 400, jsonBody: { code: 'BAD', fields: ['ü'] } }],
  ['a jsonBody with its own type', { jsonBody: { a: 1 }, headers: headerForms.headers }],
  ['a jsonBody of false', { jsonBody: false }],
  ['a null jsonBody and a body', { jsonBody: null, body: 'text' }],
  ['a 304 with a body', { status: 304, body: 'dropped', headers: { etag: '"x"' } }],
  ['a 204 with a jsonBody', { status: 204, jsonBody: { dropped: true } }],
  [
    'cookies',
    {
      status: 302,
      headers: { location: '/' },
      cookies: [{ name: 'session', value: 'abc', httpOnly: true, sameSite: 'Lax', path: '/' }],
    },
  ],
];

describe('the direct way to the wire', () => {
  it.each(plainResults)('gives what the library gives for %s', async (_, result) => {
    const direct = plainWireResponse(result);
    expect(direct).not.toBeNull();
    expect(comparable(direct as WireResponse)).toEqual(comparable(await libraryWireResponse(result)));
  });

  it.each([
    ['an HttpResponse', () => new functions.HttpResponse({ status: 201, body: 'made' })],
    ['a Blob body', () => ({ body: new Blob(['x'], { type: 'text/csv' }) })],
    ['a URLSearchParams body', () => ({ body: new URLSearchParams({ a: '1' }) })],
    ['a stream body', () => ({ body: new Blob(['streamed']).stream() })],
  ] as [string, () => unknown][])('leaves %s to the library, with the same answer', async (_, make) => {
    expect(plainWireResponse(make())).toBeNull();
    expect(comparable(await wireResponse(make()))).toEqual(comparable(await libraryWireResponse(make())));
  });

  it('leaves a status the library refuses to the library, which throws as Azure would', async () => {
    for (const status of [199, 600]) {
      expect(plainWireResponse({ status })).toBeNull();
      await expect(wireResponse({ status })).rejects.toThrow(RangeError);
    }
    // A fraction is the library's to round as it does.
    expect(plainWireResponse({ status: 200.5 })).toBeNull();
    expect((await wireResponse({ status: 200.5 })).status).toBe(200);
  });

  it('throws on a header the library refuses, as the library does', async () => {
    const bad = { headers: { 'bad header': 'x' } };
    expect(() => plainWireResponse(bad)).toThrow(TypeError);
    await expect(libraryWireResponse(bad)).rejects.toThrow(TypeError);
  });
});
