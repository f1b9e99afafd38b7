import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import { startTestIssuer, type TestIssuer } from '../../test-support/test-issuer.js';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';

const audience = 'api://pip-service';
let idp: LocalIdentityProvider;
let attacker: TestIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  [idp, attacker] = await Promise.all([startLocalIdentityProvider({ port: 0 }), startTestIssuer()]);
  verifier = createTokenVerifier({
    issuers: [
      { kind: 'aad', issuer: idp.issuers.aad, audience },
      { kind: 'b2c', issuer: idp.issuers.b2c, audience },
      { kind: 'cftIdam', issuer: idp.issuers.cftIdam, audience },
      { kind: 'crimeIdam', issuer: idp.issuers.crimeIdam, audience },
      // A trusted issuer whose key the tests hold, to craft expired, future and mis-addressed tokens.
      { kind: 'b2c', issuer: attacker.issuer, audience },
    ],
  });
});

afterAll(async () => {
  await Promise.all([idp.stop(), attacker.stop()]);
});

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens from the local identity provider', () => {
  it.each([
    ['hmi', 'aad', { provenance: 'SYSTEM', roles: ['PUBLISHER'], userId: 'hmi' }],
    ['courtel', 'aad', { provenance: 'THIRD_PARTY', roles: ['VERIFIED_THIRD_PARTY_PRESS'], userId: 'courtel' }],
    ['media', 'b2c', { provenance: 'PI_AAD', roles: ['VERIFIED'], email: 'media.user@example.com' }],
    // Their tokens claim an admin role, which a token alone never grants (role-sources.ts: held in our database).
    ['admin', 'b2c', { provenance: 'PI_AAD', roles: [], email: 'ctsc.admin@example.com' }],
    ['sysadmin', 'b2c', { provenance: 'PI_AAD', roles: [], email: 'system.admin@example.com' }],
    ['cft', 'cftIdam', { provenance: 'CFT_IDAM', roles: ['VERIFIED'], email: 'caseworker@example.com' }],
    ['crime', 'crimeIdam', { provenance: 'CRIME_IDAM', roles: ['VERIFIED'] }],
  ] as const)('%s verifies as a %s principal', async (role, issuer, expected) => {
    const result = await verifier.verifyAuthorizationHeader(`Bearer ${await idp.issueToken(role)}`);
    expect(result).toMatchObject({ ok: true, issuer, principal: expected });
    if (result.ok) expect(result.principal.userId.length).toBeGreaterThan(0);
  });
});

describe('rejections', () => {
  it('needs a bearer token', async () => {
    expect(await verifier.verifyAuthorizationHeader(undefined)).toMatchObject({ ok: false, reason: 'TOKEN_MISSING' });
    expect(await verifier.verifyAuthorizationHeader('Basic dXNlcjpwYXNz')).toMatchObject({
      ok: false,
      reason: 'TOKEN_MISSING',
    });
    expect(await verifier.verifyToken('not-a-jwt')).toMatchObject({ ok: false, reason: 'TOKEN_MALFORMED' });
  });

  it('refuses alg none', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: idp.issuers.b2c, sub: 'x', aud: audience, exp: Math.floor(Date.now() / 1000) + 300, roles: ['SYSTEM_ADMIN'] })}.`;
    expect(await verifier.verifyToken(token)).toMatchObject({ ok: false, reason: 'TOKEN_ALGORITHM_NOT_ALLOWED' });
  });

  it('refuses an HS256 token signed with the public key as the secret', async () => {
    const header = base64url({ alg: 'HS256', typ: 'JWT', kid: attacker.publicJwk.kid });
    const payload = base64url({
      iss: attacker.issuer,
      sub: 'x',
      aud: audience,
      exp: Math.floor(Date.now() / 1000) + 300,
    });
    const signature = createHmac('sha256', JSON.stringify(attacker.publicJwk))
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(await verifier.verifyToken(`${header}.${payload}.${signature}`)).toMatchObject({
      ok: false,
      reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    });
  });

  it('refuses a key id the issuer does not publish', async () => {
    const token = await attacker.sign({ iss: attacker.issuer, sub: 'x', aud: audience }, { kid: 'rotated-away' });
    expect(await verifier.verifyToken(token)).toMatchObject({ ok: false, reason: 'TOKEN_KEY_UNKNOWN' });
  });

  it('refuses expired and not-yet-valid tokens beyond the clock leeway', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await attacker.sign(
      { iss: attacker.issuer, sub: 'x', aud: audience },
      { issuedAt: now - 3600, expiresIn: now - 120 },
    );
    expect(await verifier.verifyToken(expired)).toMatchObject({ ok: false, reason: 'TOKEN_EXPIRED' });
    const future = await attacker.sign(
      { iss: attacker.issuer, sub: 'x', aud: audience },
      { notBefore: now + 600, expiresIn: now + 1200 },
    );
    expect(await verifier.verifyToken(future)).toMatchObject({ ok: false, reason: 'TOKEN_NOT_YET_VALID' });
    const slightlySkewed = await attacker.sign(
      { iss: attacker.issuer, sub: 'x', aud: audience },
      { issuedAt: now - 600, expiresIn: now - 30 },
    );
    expect(await verifier.verifyToken(slightlySkewed)).toMatchObject({ ok: true });
  });

  it('refuses an unknown issuer and a wrong audience', async () => {
    const stranger = await attacker.sign({ iss: 'https://login.example.com/', sub: 'x', aud: audience });
    expect(await verifier.verifyToken(stranger)).toMatchObject({ ok: false, reason: 'TOKEN_ISSUER_UNKNOWN' });
    const otherAudience = await attacker.sign({ iss: attacker.issuer, sub: 'x', aud: 'api://someone-else' });
    expect(await verifier.verifyToken(otherAudience)).toMatchObject({ ok: false, reason: 'TOKEN_AUDIENCE_INVALID' });
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await idp.issueToken('media')).split('.');
    const forged = base64url({
      iss: idp.issuers.b2c,
      sub: 'x',
      aud: audience,
      exp: Math.floor(Date.now() / 1000) + 300,
      roles: ['SYSTEM_ADMIN'],
    });
    expect(await verifier.verifyToken(`${header ?? ''}.${forged}.${signature ?? ''}`)).toMatchObject({
      ok: false,
      reason: 'TOKEN_SIGNATURE_INVALID',
    });
  });

  it("refuses one issuer's token presented as another's", async () => {
    const [header, payload, signature] = (await idp.issueToken('cft')).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const relabelled = base64url({ ...claims, iss: idp.issuers.b2c, roles: ['SYSTEM_ADMIN'] });
    const result = await verifier.verifyToken(`${header ?? ''}.${relabelled}.${signature ?? ''}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['TOKEN_KEY_UNKNOWN', 'TOKEN_SIGNATURE_INVALID']).toContain(result.reason);
  });
});

describe('issuers: https only (but loopback), discovery read again after its TTL (issue 18)', () => {
  it('refuses a plain-http issuer that is not on this machine', () => {
    expect(() =>
      createTokenVerifier({ issuers: [{ kind: 'aad', issuer: 'http://login.example.com/tenant', audience }] }),
    ).toThrow(/https/);
    expect(() =>
      createTokenVerifier({ issuers: [{ kind: 'aad', issuer: 'https://login.example.com/tenant', audience }] }),
    ).not.toThrow();
  });

  it('reads the discovery document once per TTL', async () => {
    let now = Date.now();
    const timed = createTokenVerifier({
      issuers: [{ kind: 'b2c', issuer: attacker.issuer, audience }],
      discoveryTtlMs: 60_000,
      currentDate: () => new Date(now),
    });
    const reads = attacker.discoveryReads();
    const token = await attacker.sign({ iss: attacker.issuer, sub: 'x', aud: audience }, { expiresIn: '2h' });
    expect(await timed.verifyToken(token)).toMatchObject({ ok: true });
    expect(await timed.verifyToken(token)).toMatchObject({ ok: true });
    expect(attacker.discoveryReads()).toBe(reads + 1);
    now += 61_000;
    expect(await timed.verifyToken(token)).toMatchObject({ ok: true });
    expect(attacker.discoveryReads()).toBe(reads + 2);
  });
});

describe('a token verified a moment ago (VERIFIED_TOKEN_TTL_MS)', () => {
  it('is refused once it expires, and its principal is a copy each time', async () => {
    let now = Date.now();
    const timed = createTokenVerifier({
      issuers: [{ kind: 'b2c', issuer: attacker.issuer, audience }],
      clockToleranceSeconds: 0,
      currentDate: () => new Date(now),
    });
    const token = await attacker.sign({ iss: attacker.issuer, sub: 'x', aud: audience }, { expiresIn: '30s' });
    const first = await timed.verifyToken(token);
    expect(first).toMatchObject({ ok: true });
    if (first.ok) first.principal.roles.push('SYSTEM_ADMIN');
    const again = await timed.verifyToken(token);
    expect(again).toMatchObject({ ok: true, principal: { roles: [] } });
    now += 31_000;
    expect(await timed.verifyToken(token)).toMatchObject({ ok: false, reason: 'TOKEN_EXPIRED' });
  });

  it('is refused when the clock is before its nbf again', async () => {
    let now = Date.now();
    const timed = createTokenVerifier({
      issuers: [{ kind: 'b2c', issuer: attacker.issuer, audience }],
      clockToleranceSeconds: 0,
      currentDate: () => new Date(now),
    });
    const token = await attacker.sign(
      { iss: attacker.issuer, sub: 'x', aud: audience },
      { expiresIn: '2h', notBefore: Math.floor(now / 1000) },
    );
    expect(await timed.verifyToken(token)).toMatchObject({ ok: true });
    now -= 10_000;
    expect(await timed.verifyToken(token)).toMatchObject({ ok: false, reason: 'TOKEN_NOT_YET_VALID' });
  });
});

describe("B2C's keys found through a user flow's discovery (issue 19)", () => {
  it('verifies a B2C token with the discovery URL of the sign-in flow; the document must name the issuer', async () => {
    const token = await idp.issueToken('media');
    const perFlow = createTokenVerifier({
      issuers: [
        {
          kind: 'b2c',
          issuer: idp.issuers.b2c,
          audience: idp.apiAudience,
          discoveryUrl: `${idp.issuers.b2c}/B2C_1_SignInUserFlow/v2.0/.well-known/openid-configuration`,
        },
      ],
    });
    expect(await perFlow.verifyToken(token)).toMatchObject({ ok: true, principal: { roles: ['VERIFIED'] } });
    const missingFlow = createTokenVerifier({
      issuers: [
        {
          kind: 'b2c',
          issuer: idp.issuers.b2c,
          audience: idp.apiAudience,
          discoveryUrl: `${idp.issuers.b2c}/B2C_1_Nope/v2.0/.well-known/openid-configuration`,
        },
      ],
    });
    expect(await missingFlow.verifyToken(token)).toMatchObject({ ok: false, reason: 'ISSUER_UNAVAILABLE' });
  });
});
