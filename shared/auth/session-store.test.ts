/** Server-side sessions on a real database with a clock the test controls; the cookie helpers; CSRF tokens. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { upsertUserOnSignIn, type UserRecord } from '../users/user-store.js';
import { checkCsrf, csrfTokenMatches, newCsrfToken } from './csrf.js';
import type { Principal } from './principal.js';
import {
  clearSessionCookieHeader,
  createSessionStore,
  readSessionCookie,
  secureCookiesFor,
  sessionCookieHeader,
  type SessionStore,
} from './session-store.js';

const MINUTE = 60_000;
let testDb: TestDatabase;
let clock: Date;
let store: SessionStore;
let user: UserRecord;
const principal: Principal = {
  userId: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001',
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: 'media.user@example.com',
  name: 'Media User',
};

const advance = (ms: number): void => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  user = await upsertUserOnSignIn(
    testDb.database,
    {
      provenance: 'PI_AAD',
      provenanceUserId: principal.userId,
      email: principal.email,
      forenames: 'Media',
      surname: 'User',
      roles: ['VERIFIED'],
    },
    new Date('2026-01-05T09:00:00Z'),
  );
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(() => {
  clock = new Date('2026-01-05T09:00:00Z');
  store = createSessionStore({ database: testDb.database, now: () => clock });
});

const newSession = () =>
  store.create({ userId: user.userId, issuer: 'b2c', principal, idToken: 'header.payload.signature' });

describe('sessions', () => {
  it('creates a session with a 256-bit id that is stored only as a hash', async () => {
    const { sessionId, session } = await newSession();
    expect(Buffer.from(sessionId, 'base64url')).toHaveLength(32);
    expect(session).toMatchObject({ userId: user.userId, issuer: 'b2c', principal, createdAt: clock });
    expect(session.expiresAt).toEqual(new Date(clock.getTime() + 8 * 60 * MINUTE));
    const { rows } = await testDb.database.query<{ session_hash: string }>('SELECT session_hash FROM user_session');
    const hashes = rows.map((row) => row.session_hash);
    expect(hashes).toContain(createHash('sha256').update(sessionId).digest('hex'));
    expect(hashes).not.toContain(sessionId);
    const other = await newSession();
    expect(other.sessionId).not.toBe(sessionId);
    expect(other.session.csrfToken).not.toBe(session.csrfToken);
  });

  it('reads a live session back, with the principal and the CSRF token', async () => {
    const { sessionId, session } = await newSession();
    expect(await store.read(sessionId)).toEqual(session);
    expect(await store.read(null)).toBeNull();
    expect(await store.read('')).toBeNull();
    expect(await store.read('x'.repeat(43))).toBeNull();
    expect(await store.read("'; DROP TABLE user_session; --")).toBeNull();
  });

  it('expires after 30 idle minutes, and activity keeps it alive (sliding)', async () => {
    const { sessionId } = await newSession();
    advance(29 * MINUTE);
    expect(await store.read(sessionId)).not.toBeNull();
    advance(29 * MINUTE);
    expect((await store.read(sessionId))?.lastSeenAt).toEqual(clock);
    advance(30 * MINUTE);
    expect(await store.read(sessionId)).toBeNull();
    // Gone from the table, not just hidden.
    clock = new Date('2026-01-05T09:00:00Z');
    expect(await store.read(sessionId)).toBeNull();
  });

  it('expires after 8 hours however active it is', async () => {
    const { sessionId } = await newSession();
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      advance(20 * MINUTE);
      expect(await store.read(sessionId), `after ${minutes} minutes`).not.toBeNull();
    }
    advance(20 * MINUTE);
    expect(await store.read(sessionId)).toBeNull();
  });

  it('does not write on every read (last_seen_at is refreshed at most once a minute)', async () => {
    const { sessionId, session } = await newSession();
    advance(30_000);
    expect((await store.read(sessionId))?.lastSeenAt).toEqual(session.createdAt);
    advance(30_000);
    expect((await store.read(sessionId))?.lastSeenAt).toEqual(clock);
  });

  it('destroys one session, or every session of a user', async () => {
    const one = await newSession();
    const two = await newSession();
    const three = await newSession();
    expect(await store.destroy(one.sessionId)).toBe(true);
    expect(await store.destroy(one.sessionId)).toBe(false);
    expect(await store.read(one.sessionId)).toBeNull();
    expect(await store.read(two.sessionId)).not.toBeNull();
    expect(await store.destroyAllForUser(user.userId)).toBeGreaterThanOrEqual(2);
    expect(await store.read(two.sessionId)).toBeNull();
    expect(await store.read(three.sessionId)).toBeNull();
  });

  it('purges expired sessions', async () => {
    await store.destroyAllForUser(user.userId);
    const stale = await newSession();
    advance(20 * MINUTE);
    const fresh = await newSession();
    advance(15 * MINUTE);
    expect(await store.purgeExpired()).toBe(1);
    expect(await store.read(stale.sessionId)).toBeNull();
    expect(await store.read(fresh.sessionId)).not.toBeNull();
  });

  it('lets shorter limits be configured', async () => {
    const strict = createSessionStore({
      database: testDb.database,
      now: () => clock,
      idleTimeoutMs: 5 * MINUTE,
      absoluteTimeoutMs: 10 * MINUTE,
    });
    const { sessionId } = await strict.create({ userId: user.userId, issuer: 'b2c', principal, idToken: null });
    advance(4 * MINUTE);
    expect(await strict.read(sessionId)).not.toBeNull();
    advance(4 * MINUTE);
    expect(await strict.read(sessionId)).not.toBeNull();
    advance(4 * MINUTE);
    expect(await strict.read(sessionId)).toBeNull();
  });
});

describe('the session cookie', () => {
  it('is __Host-, Secure, HttpOnly, SameSite=Lax and Path=/ on https', () => {
    expect(sessionCookieHeader('abc', { secureCookies: true })).toBe(
      '__Host-pip-session=abc; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
    expect(clearSessionCookieHeader({ secureCookies: true })).toMatch(
      /^__Host-pip-session=; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=0; Expires=/,
    );
  });

  it('uses the plain name without Secure on a plain-http loopback site, where browsers would not send it back', () => {
    expect(secureCookiesFor('http://127.0.0.1:7071')).toBe(false);
    expect(secureCookiesFor('http://localhost:7071/')).toBe(false);
    expect(secureCookiesFor('https://localhost:7071/')).toBe(true);
    expect(secureCookiesFor('https://court-tribunal-hearings.service.gov.uk')).toBe(true);
    expect(secureCookiesFor('http://pip.example.com')).toBe(true);
    expect(sessionCookieHeader('abc', { secureCookies: false })).toBe(
      'pip-session=abc; Path=/; HttpOnly; SameSite=Lax',
    );
  });

  it('is read back from a Cookie header by its name only', () => {
    const header = 'pip-session=plain; __Host-pip-session=secure; other=1';
    expect(readSessionCookie(header, { secureCookies: true })).toBe('secure');
    expect(readSessionCookie(header, { secureCookies: false })).toBe('plain');
    expect(readSessionCookie('other=1', { secureCookies: true })).toBeNull();
    expect(readSessionCookie(null, { secureCookies: true })).toBeNull();
  });
});

describe('CSRF tokens', () => {
  it('match only the session token, compared in constant time', async () => {
    const { session } = await newSession();
    expect(checkCsrf(session, session.csrfToken)).toEqual({ ok: true });
    expect(checkCsrf(session, `${session.csrfToken}x`)).toEqual({ ok: false, reason: 'CSRF_TOKEN_INVALID' });
    expect(checkCsrf(session, newCsrfToken())).toEqual({ ok: false, reason: 'CSRF_TOKEN_INVALID' });
    expect(checkCsrf(session, '')).toEqual({ ok: false, reason: 'CSRF_TOKEN_MISSING' });
    expect(checkCsrf(session, undefined)).toEqual({ ok: false, reason: 'CSRF_TOKEN_MISSING' });
    expect(checkCsrf(null, session.csrfToken)).toEqual({ ok: false, reason: 'CSRF_TOKEN_INVALID' });
    expect(csrfTokenMatches('', '')).toBe(false);
    expect(newCsrfToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
