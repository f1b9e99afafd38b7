/**
 * A POST's form, url-encoded or multipart: the text fields in `form`, the files in `files`, an empty file input no
 * file, each kind under its own cap, and a broken multipart body unreadable.
 */
import { describe, expect, it } from 'vitest';
import { bodyLimits } from '../../http-kit/read-body.js';
import { readFormBody } from './form-body.js';

function asRequest(body: string | FormData, contentType?: string) {
  const request = new Request('http://test/', { method: 'POST', body });
  const headers = new Headers(request.headers);
  if (contentType !== undefined) headers.set('content-type', contentType);
  return { headers, body: request.body };
}

describe('readFormBody', () => {
  it('reads a url-encoded form', async () => {
    const read = await readFormBody(asRequest('a=1&_csrf=t', 'application/x-www-form-urlencoded'));
    expect(read.ok && [read.form.get('a'), read.form.get('_csrf'), read.files.size]).toEqual(['1', 't', 0]);
  });

  it('reads a multipart form: text fields in form, files by field name, an empty file input as no file', async () => {
    const form = new FormData();
    form.append('_csrf', 'token');
    form.append('court', 'Oxford');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'application/pdf' }), 'list.pdf');
    form.append('other', new Blob([]), '');
    const read = await readFormBody(asRequest(form));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.form.get('_csrf')).toBe('token');
    expect(read.form.get('court')).toBe('Oxford');
    // An empty file input (filename="") is no file (undici reads it as an empty text field).
    expect(read.form.get('other') ?? '').toBe('');
    expect([...read.files.keys()]).toEqual(['file']);
    expect(read.files.get('file')).toEqual({
      name: 'list.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([1, 2, 3]),
    });
  });

  it('caps each kind: 16 KB url-encoded, 3 MB multipart', async () => {
    const urlEncoded = await readFormBody(asRequest(`a=${'x'.repeat(bodyLimits.portalForm)}`));
    expect(urlEncoded).toEqual({ ok: false, reason: 'TOO_LARGE' });
    const fits = new FormData();
    fits.append('file', new Blob([new Uint8Array(2 * 1024 * 1024 + 1)]), 'big.pdf');
    expect((await readFormBody(asRequest(fits))).ok).toBe(true);
    const tooBig = new FormData();
    tooBig.append('file', new Blob([new Uint8Array(bodyLimits.portalUpload)]), 'huge.pdf');
    expect(await readFormBody(asRequest(tooBig))).toEqual({ ok: false, reason: 'TOO_LARGE' });
  });

  it('answers a broken multipart body as unreadable', async () => {
    const read = await readFormBody(asRequest('--x\r\nnot a part', 'multipart/form-data; boundary=x'));
    expect(read).toEqual({ ok: false, reason: 'UNREADABLE' });
  });
});
