/**
 * Headers on every page: a Content-Security-Policy that allows only our own assets and the inline script carrying
 * this response's nonce, HSTS, no MIME sniffing, no framing, a strict referrer policy; pages are never cached
 * because each carries its own nonce and may depend on the reader's cookies.
 */
import { randomBytes } from 'node:crypto';

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
    "style-src 'self'",
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
