/**
 * Headers on every page: a Content-Security-Policy that allows only our own assets and the inline script carrying
 * this response's nonce, HSTS, no MIME sniffing, no framing, a strict referrer policy; pages are never cached
 * because each carries its own nonce and may depend on the reader's cookies.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * The one inline style attribute the pages may carry: on iOS only, accessible-autocomplete (the court pickers) ends
 * each option with a visually hidden "n of m" whose markup it writes as HTML with this exact `style`. CSP allows it by
 * hash alone (`'unsafe-hashes'` with a hash allows only attributes of exactly that value, and no inline <style>
 * element matches it); the test beside this file reads the value from the installed library, so an update that
 * changes it fails there rather than on an iPhone. web-static/css/app.css hides the span as well.
 */
export const AUTOCOMPLETE_IOS_SUFFIX_STYLE =
  'border:0;clip:rect(0 0 0 0);height:1px;marginBottom:-1px;marginRight:-1px;overflow:hidden;padding:0;position:absolute;whiteSpace:nowrap;width:1px';
const autocompleteSuffixStyleHash = `'sha256-${createHash('sha256').update(AUTOCOMPLETE_IOS_SUFFIX_STYLE).digest('base64')}'`;

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * `formActionOrigins`: where our forms may lead besides our own pages. Browsers apply form-action to the redirects
 * that follow a submission too, so the identity providers' origins are listed: "Continue" on /sign-in and "Sign out"
 * answer with a redirect to the provider.
 */
export function contentSecurityPolicy(nonce: string, formActionOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'unsafe-hashes' ${autocompleteSuffixStyleHash}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionOrigins].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(nonce: string, formActionOrigins: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(nonce, formActionOrigins),
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'cache-control': 'no-store',
  };
}
