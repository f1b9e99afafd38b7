/** The page contract and the route table: each page folder exports its routes; the web handler matches and renders. */
import type { Cookie } from '@azure/functions';
import type { Principal } from '../../shared/auth/principal.js';
import type { Session } from '../../shared/auth/session-store.js';
import type { UploadedFile } from './http/form-body.js';
import type { Language } from './i18n/language.js';
import type { WebDependencies } from './web-dependencies.js';
import type { EventLogger } from '../../shared/logging/log-event.js';

export type PageMethod = 'GET' | 'POST';

export interface PageRequest {
  method: PageMethod;
  url: URL;
  params: Record<string, string>;
  /** The text fields of a POST's form, url-encoded or multipart (empty for GET). */
  form: URLSearchParams;
  /** The files of a multipart POST by field name (http/form-body.ts); empty otherwise. */
  files: ReadonlyMap<string, UploadedFile>;
  /**
   * An anonymous multipart POST whose body passed `bodyLimits.portalUpload`: it was not read, `form` and `files` are
   * empty, and the page must change nothing (say the file is too big). A signed-in person's is refused with 413
   * before any page runs (its CSRF token cannot be checked).
   */
  bodyTooLarge: boolean;
  language: Language;
  cookies: ReadonlyMap<string, string>;
  /** True when the request came over HTTPS (cookies are then Secure). */
  secure: boolean;
  /**
   * Sign-in cookies are `Secure` with the `__Host-` prefix everywhere but a plain-http loopback site
   * (shared/auth/session-store.ts secureCookiesFor).
   */
  secureCookies: boolean;
  /** The signed-in person's live session and the cookie value naming it; null for an anonymous reader. */
  session: Session | null;
  sessionId: string | null;
  /** session?.principal: what the access rule is asked about. */
  principal: Principal | null;
  now: Date;
  /** The invocation's logger: pages log through logEvent (shared/logging), which adds the invocation id. */
  logger: EventLogger;
}

export type PageResult =
  | {
      kind: 'page';
      status?: number;
      /** Template path relative to functions/web/, e.g. `pages/home/home.njk`. */
      template: string;
      title: string;
      /** Prefixes the title with "Error:" (GOV.UK pattern for a page showing validation errors). */
      hasError?: boolean;
      context: Record<string, unknown>;
      cookies?: Cookie[];
    }
  /** 303 (See Other) unless said otherwise: after a POST the browser follows with a GET. */
  | { kind: 'redirect'; location: string; status?: 302 | 303; cookies?: Cookie[] }
  /**
   * Bytes that are not a page: a download (`contentDisposition` from http-kit/content-disposition.ts) or a file shown
   * inline to an admin. Answered with its own content type, the security headers, a CSP that runs and loads nothing,
   * and any `headers` given (e.g. no-store).
   */
  | {
      kind: 'file';
      body: Uint8Array;
      contentType: string;
      contentDisposition?: string;
      headers?: Record<string, string>;
    }
  | { kind: 'not-found' };

/** A form's page: answered 400, its title prefixed "Error:", when it shows errors; else 200. */
export function pageWithErrors(
  page: Omit<Extract<PageResult, { kind: 'page' }>, 'kind' | 'status' | 'hasError'> & { hasError: boolean },
): Extract<PageResult, { kind: 'page' }> {
  return { kind: 'page', status: page.hasError ? 400 : 200, ...page };
}

export interface PageRoute {
  /** `/courts/:locationId` style; matched case-insensitively, a trailing slash ignored. */
  path: string;
  methods: readonly PageMethod[];
  handle(deps: WebDependencies, request: PageRequest): Promise<PageResult> | PageResult;
}

export interface CompiledPageRoute {
  route: PageRoute;
  match(path: string): Record<string, string> | null;
}

export function compilePageRoute(route: PageRoute): CompiledPageRoute {
  const names: string[] = [];
  const pattern = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${pattern === '' ? '/' : pattern}$`, 'i');
  return {
    route,
    match(path) {
      const found = regex.exec(path);
      if (!found) return null;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        const value = found[index + 1];
        if (value !== undefined) params[name] = value;
      });
      return params;
    },
  };
}

/** The path without its trailing slashes, in linear time (a regex such as `/\/+$/` backtracks on many slashes). */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end -= 1;
  return path.slice(0, end);
}

/** `/a/b/` → `/a/b`; `` → `/`. */
export function normalisePath(path: string): string {
  const trimmed = trimTrailingSlashes(path);
  return trimmed === '' ? '/' : trimmed;
}
