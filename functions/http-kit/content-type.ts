/** A Content-Type header's media type (lower case) and charset parameter (lower case, unquoted), if any. */
export function parseContentType(header: string): { mediaType: string; charset: string | null } {
  const [mediaType = '', ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    if (equals !== -1 && parameter.slice(0, equals).trim().toLowerCase() === 'charset') {
      charset = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { mediaType: mediaType.trim().toLowerCase(), charset };
}
