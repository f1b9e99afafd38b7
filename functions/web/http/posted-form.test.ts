/**
 * Posted forms as the web handler reads them: url-encoded fields; a multipart body's text fields (the CSRF token
 * among them) and files, an empty file field left out; each kind under its own cap; a broken multipart body refused.
 */
import { describe, expect, it } from 'vitest';
import { readPostedForm } from './posted-form.js';

const limits = { form: 64, upload: 4096 };

function requestOf(body: ConstructorParameters<typeof Response>[0], contentType?: string) {
  const response = new Response(body);
  const type = contentType ?? response.headers.get('content-type') ?? '';
  return { headers: { get: (name: string) => (name === 'content-type' ? type : null) }, body: response.body };
}

describe('readPostedForm', () => {
  it('reads a url-encoded form', async () => {
    const read = await readPostedForm(requestOf('a=1&_csrf=t', 'application/x-www-form-urlencoded'), limits);
    expect(read.ok && [read.form.get('a'), read.form.get('_csrf'), read.files.size]).toEqual(['1', 't', 0]);
  });

  it('reads a multipart form: its fields and its files, an empty file field left out', async () => {
    const form = new FormData();
    form.append('_csrf', 'token');
    form.append('file', new Blob(['P&I ID,Court Desc\n'], { type: 'text/csv' }), 'courts.csv');
    form.append('other', new Blob([]), '');
    const read = await readPostedForm(requestOf(form), limits);
    if (!read.ok) throw new Error(read.reason);
    expect(read.form.get('_csrf')).toBe('token');
    expect([...read.files.keys()]).toEqual(['file']);
    const file = read.files.get('file');
    expect([file?.name, file?.type, new TextDecoder().decode(file?.bytes)]).toEqual([
      'courts.csv',
      'text/csv',
      'P&I ID,Court Desc\n',
    ]);
  });

  it('caps each kind: a url-encoded form at the form cap, a multipart body at the upload cap', async () => {
    expect(await readPostedForm(requestOf('a='.padEnd(65, 'x'), 'application/x-www-form-urlencoded'), limits)).toEqual({
      ok: false,
      reason: 'TOO_LARGE',
    });
    const small = new FormData();
    small.append('file', new Blob(['x'.repeat(1000)]), 'a.csv');
    expect((await readPostedForm(requestOf(small), limits)).ok).toBe(true);
    const big = new FormData();
    big.append('file', new Blob(['x'.repeat(5000)]), 'a.csv');
    expect(await readPostedForm(requestOf(big), limits)).toEqual({ ok: false, reason: 'TOO_LARGE' });
  });

  it('refuses a multipart body that does not parse', async () => {
    expect(
      await readPostedForm(requestOf('not multipart at all', 'multipart/form-data; boundary=xyz'), limits),
    ).toEqual({ ok: false, reason: 'UNREADABLE' });
  });
});
