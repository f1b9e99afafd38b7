/**
 * Server-side sessions for people signed in to the web pages, kept in PostgreSQL. The browser holds only a random
 * 256-bit id in an HttpOnly cookie; the table holds its SHA-256, so a leaked copy of the table opens no session.
 * A session ends when it has been idle too long (sliding), when it reaches its absolute lifetime, or on sign-out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';
import { newCsrfToken } from './csrf.js';
import type { PeopleIssuerKind } from './oidc-sign-in.js';
import type { Database } from '../db/database.js';

export interface Session {
  /** Our user id (pip_user.user_id). */
  userId: string;
  issuer: PeopleIssuerKind;
  principal: Principal;
  idToken: string | null;
  /** The provider's access token, sealed (shared/auth/oidc-sign-in.ts), for revocation at sign-out; or null. */
  accessToken: string | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewSession {
  userId: string;
  issuer: PeopleIssuerKind;
  principal: Principal;
  idToken: string | null;
  /** Sealed; absent or null where nothing is to be revoked at sign-out. */
  accessToken?: string | null;
}

export interface SessionStoreOptions {
  database: Database;
  /** Sliding idle limit; defaults to 30 minutes. */
  idleTimeoutMs?: number;
  /** Absolute lifetime; defaults to 8 hours. */
  absoluteTimeoutMs?: number;
  /**
   * How stale last_seen_at may get before a read writes it again; defaults to one minute, so a page with many
   * requests does not write on each. Idle expiry is correct to within this.
   */
  touchAfterMs?: number;
  now?: () => Date;
}

export interface SessionStore {
  /** Starts a session; `sessionId` goes into the cookie and is never stored. */
  create(session: NewSession): Promise<{ sessionId: string; session: Session }>;
  /** The live session for a cookie value, its idle timer restarted; null when unknown or expired (and then removed). */
  read(sessionId: string | null | undefined): Promise<Session | null>;
  destroy(sessionId: string | null | undefined): Promise<boolean>;
  /** Ends every session of one user (their account was changed or removed); answers how many ended. */
  destroyAllForUser(userId: string): Promise<number>;
  /** Removes expired sessions (housekeeping); answers how many. */
  purgeExpired(): Promise<number>;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60_000;

const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/** The session's columns, named as Session names its fields, so a row is a Session as it comes. */
const sessionColumns = `user_id AS "userId", issuer, principal, id_token AS "idToken", access_token AS "accessToken",
  csrf_token AS "csrfToken", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

/**
 * Ends every session of one user; answers how many ended. Takes a pool or a transaction's client, so a change to the
 * person's account (their role, their deletion: shared/users/user-admin.ts) ends their sessions in its transaction.
 */
export async function endSessionsOfUser(db: Pick<Database, 'query'>, userId: string): Promise<number> {
  const { rows } = await db.query<{ session_hash: string }>(
    'DELETE FROM user_session WHERE user_id = $1 RETURNING session_hash',
    [userId],
  );
  return rows.length;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const db = options.database;
  const idle = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const absolute = options.absoluteTimeoutMs ?? DEFAULT_ABSOLUTE_TIMEOUT_MS;
  const touchAfter = options.touchAfterMs ?? 60_000;
  const now = options.now ?? (() => new Date());

  const destroyHash = async (hash: string): Promise<boolean> => {
    const { rows } = await db.query<{ session_hash: string }>(
      'DELETE FROM user_session WHERE session_hash = $1 RETURNING session_hash',
      [hash],
    );
    return rows.length > 0;
  };

  return {
    async create(input) {
      const sessionId = randomBytes(32).toString('base64url');
      const createdAt = now();
      const session: Session = {
        ...input,
        accessToken: input.accessToken ?? null,
        csrfToken: newCsrfToken(),
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: new Date(createdAt.getTime() + absolute),
      };
      await db.query(
        `INSERT INTO user_session (session_hash, user_id, issuer, principal, id_token, access_token, csrf_token, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)`,
        [
          hashOf(sessionId),
          session.userId,
          session.issuer,
          JSON.stringify(session.principal),
          session.idToken,
          session.accessToken,
          session.csrfToken,
          createdAt,
          session.expiresAt,
        ],
      );
      return { sessionId, session };
    },

    async read(sessionId) {
      if (typeof sessionId !== 'string' || !sessionIdPattern.test(sessionId)) return null;
      const hash = hashOf(sessionId);
      const { rows } = await db.query<Session>(`SELECT ${sessionColumns} FROM user_session WHERE session_hash = $1`, [
        hash,
      ]);
      const session = rows[0];
      if (session === undefined) return null;
      const at = now();
      if (at.getTime() >= session.expiresAt.getTime() || at.getTime() >= session.lastSeenAt.getTime() + idle) {
        await destroyHash(hash);
        return null;
      }
      if (at.getTime() - session.lastSeenAt.getTime() >= touchAfter) {
        await db.query('UPDATE user_session SET last_seen_at = $2 WHERE session_hash = $1', [hash, at]);
        session.lastSeenAt = at;
      }
      return session;
    },

    async destroy(sessionId) {
      if (typeof sessionId !== 'string' || !sessionIdPattern.test(sessionId)) return false;
      return destroyHash(hashOf(sessionId));
    },

    destroyAllForUser: (userId) => endSessionsOfUser(db, userId),

    async purgeExpired() {
      const at = now();
      const { rows } = await db.query<{ session_hash: string }>(
        'DELETE FROM user_session WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING session_hash',
        [at, new Date(at.getTime() - idle)],
      );
      return rows.length;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------------------------------------------

export interface CookieOptions {
  /**
   * `__Host-` names and `Secure`: true everywhere but a plain-http loopback site, where browsers would not send
   * such a cookie back (see secureCookiesFor).
   */
  secureCookies: boolean;
}

export const SESSION_COOKIE = 'pip-session';

/** Whether cookies for a site must be (and can be) `Secure` with the `__Host-` prefix: all but http loopback. */
export function secureCookiesFor(siteUrl: string | URL): boolean {
  const url = new URL(siteUrl);
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === '127.0.0.1' || host === 'localhost' || host === '::1');
}

/** The cookie's name: `__Host-pip-session` when secure, `pip-session` on plain-http loopback. */
export function cookieName(baseName: string, options: CookieOptions): string {
  return options.secureCookies ? `__Host-${baseName}` : baseName;
}

/** A Set-Cookie value: host-only, Path=/, HttpOnly, SameSite=Lax, Secure when secure; a browser-session cookie
 * unless maxAgeSeconds is given (the server enforces expiry either way). */
export function setCookieHeader(
  baseName: string,
  value: string,
  options: CookieOptions & { maxAgeSeconds?: number },
): string {
  const parts = [`${cookieName(baseName, options)}=${value}`, 'Path=/', 'HttpOnly'];
  if (options.secureCookies) parts.push('Secure');
  parts.push('SameSite=Lax');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join('; ');
}

/** A Set-Cookie value that removes the cookie. */
export function clearCookieHeader(baseName: string, options: CookieOptions): string {
  return `${setCookieHeader(baseName, '', { ...options, maxAgeSeconds: 0 })}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

export function sessionCookieHeader(sessionId: string, options: CookieOptions): string {
  return setCookieHeader(SESSION_COOKIE, sessionId, options);
}

export function clearSessionCookieHeader(options: CookieOptions): string {
  return clearCookieHeader(SESSION_COOKIE, options);
}

/** A cookie's value from a request's Cookie header, or null. */
export function readCookie(
  cookieHeader: string | null | undefined,
  baseName: string,
  options: CookieOptions,
): string | null {
  if (!cookieHeader) return null;
  const wanted = cookieName(baseName, options);
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1) continue;
    if (pair.slice(0, separator).trim() === wanted) return pair.slice(separator + 1).trim();
  }
  return null;
}

export function readSessionCookie(cookieHeader: string | null | undefined, options: CookieOptions): string | null {
  return readCookie(cookieHeader, SESSION_COOKIE, options);
}
