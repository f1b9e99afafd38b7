/**
 * A POST's form, however the browser sent it: url-encoded (capped at `bodyLimits.portalForm`), or multipart/form-data
 * when the form has a file input (capped at `bodyLimits.portalUpload`). Pages read the text fields from `form` either
 * way (so the CSRF field is checked the same way for both) and the files from `files`, by field name. A file input
 * left empty (a part with no file name and no bytes) is no file.
 */
import functions from '@azure/functions';
import { bodyLimits, readCappedBody, type ReadableRequest } from '../../http-kit/read-body.js';

export interface UploadedFile {
  /** The file name the browser sent (as typed by the person's system: shown back, never trusted). */
  name: string;
  /** The media type the browser declared (never trusted: intake reads the bytes). */
  type: string;
  bytes: Uint8Array;
}

export type FormBody =
  | { ok: true; form: URLSearchParams; files: ReadonlyMap<string, UploadedFile> }
  | { ok: false; reason: 'TOO_LARGE' | 'UNREADABLE' };

const noFiles: ReadonlyMap<string, UploadedFile> = new Map();

export function isMultipart(contentType: string | null): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'multipart/form-data';
}

export async function readFormBody(request: ReadableRequest): Promise<FormBody> {
  const contentType = request.headers.get('content-type');
  if (!isMultipart(contentType)) {
    const read = await readCappedBody(request, bodyLimits.portalForm);
    if (!read.ok) return read;
    return { ok: true, form: new URLSearchParams(new TextDecoder().decode(read.bytes)), files: noFiles };
  }
  const read = await readCappedBody(request, bodyLimits.portalUpload);
  if (!read.ok) return read;
  let parsed: FormData;
  try {
    // The Functions request's multipart parser (undici's, as POST /api/publication reads it), over the bytes already
    // read under the cap.
    parsed = await new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/',
      headers: { 'content-type': contentType ?? '' },
      body: { bytes: read.bytes },
    }).formData();
  } catch {
    return { ok: false, reason: 'UNREADABLE' };
  }
  const form = new URLSearchParams();
  const files = new Map<string, UploadedFile>();
  for (const [name, value] of parsed.entries()) {
    if (typeof value === 'string') {
      form.append(name, value);
    } else if ((value.name !== '' || value.size > 0) && !files.has(name)) {
      files.set(name, { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, form, files };
}
