/**
 * A Content-Disposition that is safe whatever the stored file name: PDFs open in the browser (unless `attachment` is
 * asked for: the admins' publications explorer downloads every file), every other kind is downloaded (an HTML or Word
 * file is never rendered as our page), and the name travels as an ASCII fallback plus the exact UTF-8 name in
 * RFC 6266 / RFC 8187 `filename*`. Used by the read API and the portal.
 */

/** RFC 8187 attr-char: letters, digits and !#$&+-.^_`|~ stay; everything else is percent-encoded UTF-8. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Printable ASCII without the characters that end or escape a quoted-string, or that some clients misread. */
function asciiFallback(value: string): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
    .trim();
  return ascii === '' ? 'publication' : ascii;
}

export function contentDisposition(
  fileName: string,
  contentType: string,
  options: { attachment?: boolean } = {},
): string {
  const disposition = !options.attachment && /^application\/pdf\b/i.test(contentType) ? 'inline' : 'attachment';
  const name =
    fileName
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\r\n]/g, '') ?? '';
  const safeName = name === '' ? 'publication' : name;
  return `${disposition}; filename="${asciiFallback(safeName)}"; filename*=UTF-8''${encodeExtValue(safeName)}`;
}
