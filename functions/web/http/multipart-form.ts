/**
 * The portal's forms with a file (multipart/form-data): the one place they are parsed. The body has already been
 * read under a cap (`bodyLimits.portalUpload`, read-body.ts); the Functions HttpRequest's `formData()` (undici, as
 * the ingestion and court reference uploads use it) parses those bytes.
 * Text fields become a URLSearchParams like any url-encoded form (so the CSRF check and the pages read them the same
 * way); each file field becomes an UploadedFile with its bytes. The declared file name and type are kept only as
 * the sender's claims: pages decide what a file is from its bytes.
 */
import functions from '@azure/functions';

export interface UploadedFile {
  /** The file name the browser sent (a claim, shown or recorded, never used as a path). */
  fileName: string;
  /** The content type the browser declared (a claim). */
  declaredType: string;
  bytes: Buffer;
}

export interface PostedForm {
  form: URLSearchParams;
  files: ReadonlyMap<string, UploadedFile>;
}

export function isMultipartForm(contentType: string | null): boolean {
  return contentType !== null && /^multipart\/form-data\s*;/i.test(contentType.trim());
}

/** The fields and files of a multipart body; null when it is not a well-formed multipart body. */
export async function parseMultipartForm(bytes: Uint8Array, contentType: string): Promise<PostedForm | null> {
  let data: FormData;
  try {
    const request = new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/',
      headers: { 'content-type': contentType },
      body: { bytes },
    });
    data = await request.formData();
  } catch {
    return null;
  }
  const form = new URLSearchParams();
  const files = new Map<string, UploadedFile>();
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') {
      form.append(name, value);
    } else if (!files.has(name)) {
      // A browser sends an empty part (no name, no bytes) for a file input left empty: that is no file.
      if (value.size === 0 && value.name === '') continue;
      files.set(name, {
        fileName: value.name,
        declaredType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { form, files };
}
