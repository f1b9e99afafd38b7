/**
 * A POSTed form as pages get it: its text fields (`form`, with the CSRF token among them) and its files. A
 * url-encoded form is capped at `bodyLimits.portalForm`; a multipart/form-data form (a file upload) at
 * `bodyLimits.portalUpload`, read under the cap before undici's FormData parser sees it. The web handler checks the
 * CSRF token of either kind in `form` before any page runs.
 */
import functions from '@azure/functions';
import { readCappedBody, type ReadableRequest } from '../../http-kit/read-body.js';

/** A file of a multipart form, read whole (it was read under the cap). */
export interface PostedFile {
  /** The file name the browser sent (a browser sends no path). */
  name: string;
  /** The type the browser claims; never trusted for anything but display. */
  type: string;
  bytes: Uint8Array;
}

export type PostedForm =
  | { ok: true; form: URLSearchParams; files: ReadonlyMap<string, PostedFile> }
  | { ok: false; reason: 'TOO_LARGE' | 'UNREADABLE' };

export const noFiles: ReadonlyMap<string, PostedFile> = new Map();

/** A file field left empty: browsers send a part with no name and no bytes. */
const isEmptyFile = (file: { name: string; size: number }) => file.name === '' && file.size === 0;

export async function readPostedForm(
  request: ReadableRequest,
  limits: { form: number; upload: number },
): Promise<PostedForm> {
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = /^multipart\/form-data\s*;/i.test(contentType);
  const read = await readCappedBody(request, multipart ? limits.upload : limits.form);
  if (!read.ok) return read;
  if (!multipart) return { ok: true, form: new URLSearchParams(new TextDecoder().decode(read.bytes)), files: noFiles };
  let parsed: FormData;
  try {
    // The Functions request's parser (undici's), as the upload API reads its multipart bodies.
    const buffered = new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/',
      headers: { 'content-type': contentType },
      body: { bytes: read.bytes },
    });
    parsed = await buffered.formData();
  } catch {
    return { ok: false, reason: 'UNREADABLE' };
  }
  const form = new URLSearchParams();
  const files = new Map<string, PostedFile>();
  for (const [name, value] of parsed.entries()) {
    if (typeof value === 'string') {
      form.append(name, value);
    } else if (!isEmptyFile(value) && !files.has(name)) {
      files.set(name, { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, form, files };
}
