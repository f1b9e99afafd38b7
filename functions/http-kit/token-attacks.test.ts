/**
 * Every token attack, on every protected route (issue 18): each reason the verifier can give gets a 401 with that
 * reason code and an audit row (TOKEN_VALIDATION, FAILURE, the route and the reason), over real HTTP through the
 * local Functions host, on the publication API, the read API, the admin APIs and /api/validate-token. The verifier
 * is the production one (shared/auth/api-verifier.ts) over a trusted test issuer whose keys the test holds (so it can
 * craft expired, future, mis-addressed and rotated-away tokens) and a trusted issuer that cannot be reached.
 */
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createAnonymousAudit } from '../../shared/audit/anonymous-audit.js';
import { createApiVerifier } from '../../shared/auth/api-verifier.js';
import { createTokenVerifier, type TokenRejectionReason } from '../../shared/auth/token-verifier.js';
import { createGlossaryStore } from '../../shared/glossary/glossary.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { startTestIssuer, type TestIssuer } from '../../test-support/test-issuer.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerAudit } from '../audit/registration.js';
import { registerLocations } from '../locations/registration.js';
import { registerSubscriptions } from '../subscriptions/registration.js';
import { registerThirdParties } from '../third-parties/registration.js';
import type { PushClient } from '../../shared/third-parties/push-client.js';
import { registerValidateToken } from '../validate-token/registration.js';
import { registerPublishing } from '../../test-support/publishing-world.js';

const audience = 'api://pip-service';
/** A trusted issuer nobody answers at (port 9, discard: connection refused). */
const unreachableIssuer = 'http://127.0.0.1:9/unreachable';
let issuer: TestIssuer;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
const publicationsContainer = uniqueName('attacks');

beforeAll(async () => {
  [issuer, testDb] = await Promise.all([startTestIssuer(), createTestDatabase({ poolSize: 6 })]);
  const publications = testStorage().blobService.getContainerClient(publicationsContainer);
  await publications.createIfNotExists();
  const verifier = createApiVerifier({
    verifier: createTokenVerifier({
      issuers: [
        { kind: 'aad', issuer: issuer.issuer, audience },
        { kind: 'aad', issuer: unreachableIssuer, audience },
      ],
    }),
    database: testDb.database,
    anonymousAudit: createAnonymousAudit({ database: testDb.database }),
  });
  const database = testDb.database;
  registerPublishing({ database, verifier, publications }, { blobUploaded: false, readApi: () => ({}) });
  registerAudit(() => ({ verifier, database }));
  registerLocations(() => ({
    verifier,
    database,
    glossary: createGlossaryStore({
      source: { newest: () => Promise.resolve(null), read: () => Promise.resolve('[]') },
      refreshAfterMs: 60_000,
    }),
  }));
  registerSubscriptions(() => ({ verifier, database }));
  // The token is refused before a third party is ever called: a push client that is never used.
  const unusedPushClient: PushClient = {
    token: () => Promise.reject(new Error('not called')),
    forget: () => undefined,
    send: () => Promise.reject(new Error('not called')),
  };
  registerThirdParties(() => ({ verifier, database, pushClient: unusedPushClient, now: () => new Date() }));
  registerValidateToken(() => ({ verifier, audit: database }));
  host = await startTestHost();
});

afterAll(async () => {
  await host.stop();
  await Promise.all([
    issuer.stop(),
    testDb.drop(),
    testStorage().blobService.getContainerClient(publicationsContainer).deleteIfExists(),
  ]);
});

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: issuer.issuer,
  sub: 'attacker',
  aud: audience,
  roles: ['PUBLISHER'],
  ...extra,
});

/** Each attack: the reason the verifier gives, and the Authorization header (null: none) that provokes it. */
const attacks: readonly [TokenRejectionReason, string, () => Promise<string | null>][] = [
  ['TOKEN_MISSING', 'no token', () => Promise.resolve(null)],
  ['TOKEN_MALFORMED', 'not a JWT', () => Promise.resolve('Bearer not.a.jwt')],
  [
    'TOKEN_ALGORITHM_NOT_ALLOWED',
    'alg none',
    () =>
      Promise.resolve(
        `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims({ exp: seconds() + 300 }))}.`,
      ),
  ],
  [
    'TOKEN_SIGNATURE_INVALID',
    'signed with another key under the issuer’s key id',
    async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'RS256', kid: issuer.currentKid() })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return `Bearer ${token}`;
    },
  ],
  [
    'TOKEN_EXPIRED',
    'expired',
    async () => `Bearer ${await issuer.sign(claims(), { issuedAt: seconds() - 3600, expiresIn: seconds() - 600 })}`,
  ],
  [
    'TOKEN_NOT_YET_VALID',
    'not yet valid',
    async () => `Bearer ${await issuer.sign(claims(), { notBefore: seconds() + 600, expiresIn: seconds() + 1200 })}`,
  ],
  [
    'TOKEN_ISSUER_UNKNOWN',
    'an issuer not trusted',
    async () => `Bearer ${await issuer.sign(claims({ iss: 'https://login.example.com/' }))}`,
  ],
  [
    'TOKEN_AUDIENCE_INVALID',
    'another audience',
    async () => `Bearer ${await issuer.sign(claims({ aud: 'api://someone-else' }))}`,
  ],
  [
    'TOKEN_CLAIMS_INVALID',
    'no subject',
    async () => `Bearer ${await issuer.sign({ iss: issuer.issuer, aud: audience, roles: ['PUBLISHER'] })}`,
  ],
  [
    'TOKEN_KEY_UNKNOWN',
    'a key id the issuer no longer publishes, after a key rotation',
    async () => {
      const retired = issuer.currentKid();
      await issuer.rotateKey();
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'RS256', kid: `${retired}-retired` })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return `Bearer ${token}`;
    },
  ],
  [
    'ISSUER_UNAVAILABLE',
    'a trusted issuer that cannot be reached',
    async () => `Bearer ${await issuer.sign(claims({ iss: unreachableIssuer }))}`,
  ],
];

/** The protected routes: [kind, method, path, the route as audited, whether an anonymous caller may read]. */
const routes: readonly [string, string, string, string, boolean][] = [
  ['publication API', 'POST', '/api/publication', '/api/publication', false],
  ['publication API (validate)', 'POST', '/api/publication/validate', '/api/publication/validate', false],
  ['read API', 'GET', `/api/publication/${randomUUID()}`, '/api/publication/:id', true],
  ['read API (court)', 'GET', '/api/publications?locationId=1', '/api/publications', true],
  ['admin API (audit)', 'GET', '/api/audit', '/api/audit', false],
  ['admin API (no-match)', 'GET', '/api/publication/no-match', '/api/publication/no-match', false],
  ['admin API (delete a location)', 'DELETE', '/api/locations/4242', '/api/locations/:id', false],
  ['admin API (delete a publication)', 'DELETE', `/api/publication/${randomUUID()}`, '/api/publication/:id', false],
  ['subscriptions API', 'GET', '/api/subscriptions', '/api/subscriptions', false],
  ['admin API (third parties)', 'GET', '/api/third-parties', '/api/third-parties', false],
  ['third-party API (feed)', 'GET', '/api/third-party/publications', '/api/third-party/publications', false],
  ['token check', 'POST', '/api/validate-token', '/api/validate-token', false],
];

interface AuditRow {
  object_id: string;
  details: { reason: string };
}

describe('every token attack, on every protected route: 401 with the reason, and an audit row', () => {
  it.each(attacks)('%s (%s)', async (reason, _what, header) => {
    for (const [kind, method, path, route, anonymousMayRead] of routes) {
      const authorization = await header();
      const response = await fetch(`${host.url}${path}`, {
        method,
        headers: {
          ...(authorization === null ? {} : { authorization }),
          'content-type': 'application/json',
          'x-list-type': 'CIVIL_DAILY_CAUSE_LIST',
        },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      if (authorization === null && anonymousMayRead) {
        // No Authorization header on a route anyone may read is an anonymous reader, not an attack.
        expect(response.status, `${kind}: anonymous`).not.toBe(401);
        await response.body?.cancel();
        continue;
      }
      expect(response.status, `${kind} ${method} ${path}`).toBe(401);
      expect(response.headers.get('www-authenticate'), kind).toMatch(/^Bearer/);
      expect(await response.json(), kind).toMatchObject({ code: reason, details: [{ field: 'Authorization' }] });
      const { rows } = await testDb.database.query<AuditRow>(
        `SELECT object_id, details FROM audit_log
          WHERE action = 'TOKEN_VALIDATION' AND outcome = 'FAILURE' AND object_type = 'route'
            AND object_id = $1 AND details->>'reason' = $2`,
        [route, reason],
      );
      expect(rows, `${kind}: audit row for ${reason}`).toHaveLength(1);
    }
  });

  it('a flood of one attack writes one row per route and reason, then one count when the window closes', async () => {
    const before = await testDb.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    const flood = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${host.url}/api/validate-token`, { method: 'POST' })),
    );
    expect(flood.map((response) => response.status)).toEqual(Array.from({ length: 50 }, () => 401));
    for (const response of flood) await response.body?.cancel();
    const after = await testDb.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    // TOKEN_MISSING at /api/validate-token was audited by the first test: the flood adds no row until the window ends.
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
