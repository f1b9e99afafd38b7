import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startLocalIdentityProvider, type LocalIdentityProvider } from './local-identity-provider.js';
import { LOCAL_ROLES, type IssuerKey, type LocalRole } from './local-identities.js';
import { runTokenCli } from './token-cli.js';
import { discover, requestClientCredentialsToken, signInHeadlessly } from './token-flows.js';

interface Expected {
  issuer: IssuerKey;
  sub: string;
  claims: Record<string, unknown>;
  absent?: string[];
}

const EXPECTED: Record<LocalRole, Expected> = {
  hmi: {
    issuer: 'aad',
    sub: 'hmi',
    claims: { roles: ['PUBLISHER'], azp: 'hmi', client_id: 'hmi', idtyp: 'app' },
  },
  courtel: {
    issuer: 'aad',
    sub: 'courtel',
    claims: { roles: ['VERIFIED_THIRD_PARTY_PRESS'], azp: 'courtel', client_id: 'courtel', idtyp: 'app' },
  },
  media: {
    issuer: 'b2c',
    sub: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001',
    claims: {
      oid: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001',
      email: 'media.user@example.com',
      name: 'Media User',
      extension_UserRole: 'VERIFIED',
      extension_AccountStatus: 'ACTIVE',
      client_id: 'pip-local-cli',
    },
    absent: ['roles'],
  },
  admin: {
    issuer: 'b2c',
    sub: '0b6f7a3e-1c2d-4e5f-8a9b-000000000002',
    claims: { email: 'ctsc.admin@example.com', name: 'CTSC Admin', extension_UserRole: 'INTERNAL_ADMIN_CTSC' },
    absent: ['roles'],
  },
  sysadmin: {
    issuer: 'b2c',
    sub: '0b6f7a3e-1c2d-4e5f-8a9b-000000000003',
    claims: { email: 'system.admin@example.com', name: 'System Admin', extension_UserRole: 'SYSTEM_ADMIN' },
    absent: ['roles'],
  },
  cft: {
    issuer: 'cftIdam',
    sub: 'caseworker@example.com',
    claims: {
      uid: 'be7d1fff-0566-43cc-841f-000000000004',
      email: 'caseworker@example.com',
      name: 'Case Worker',
      given_name: 'Case',
      family_name: 'Worker',
      roles: ['caseworker'],
    },
  },
  crime: {
    issuer: 'crimeIdam',
    sub: 'be7d1fff-0566-43cc-841f-000000000005',
    claims: {
      uid: 'be7d1fff-0566-43cc-841f-000000000005',
      name: 'Crime User',
      email_address: 'crime.user@example.com',
    },
    absent: ['roles', 'email'],
  },
};

const ISSUER_KEYS: IssuerKey[] = ['aad', 'b2c', 'cftIdam', 'crimeIdam'];
const WEB_REDIRECT_URI = 'http://127.0.0.1:7999/login/return';

let idp: LocalIdentityProvider;
let startOutput: unknown[][] = [];
const tokens = new Map<LocalRole, string>();

beforeAll(async () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
  try {
    idp = await startLocalIdentityProvider({ port: 0, webRedirectUris: [WEB_REDIRECT_URI] });
  } finally {
    startOutput = spies.flatMap((spy) => spy.mock.calls);
    for (const spy of spies) spy.mockRestore();
  }
  for (const role of LOCAL_ROLES) tokens.set(role, await idp.issueToken(role));
});

afterAll(async () => {
  await idp.stop();
});

function tokenFor(role: LocalRole): string {
  const token = tokens.get(role);
  if (token === undefined) throw new Error(`no token for ${role}`);
  return token;
}

function jwksOf(issuer: IssuerKey) {
  return createRemoteJWKSet(new URL(`${idp.issuers[issuer]}/jwks`));
}

describe('startLocalIdentityProvider', () => {
  it('starts on a free loopback port without printing anything', () => {
    expect(idp.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp.baseUrl).not.toBe('http://127.0.0.1:0');
    expect(startOutput).toEqual([]);
    expect(idp.issuers).toEqual({
      aad: `${idp.baseUrl}/aad`,
      b2c: `${idp.baseUrl}/b2c`,
      cftIdam: `${idp.baseUrl}/cft-idam`,
      crimeIdam: `${idp.baseUrl}/crime-idam`,
    });
    expect(idp.apiAudience).toBe('api://pip-service');
    expect(idp.webClient.redirectUris).toEqual([WEB_REDIRECT_URI]);
  });

  it.each(ISSUER_KEYS)('serves a discovery document and JWKS for the %s issuer', async (issuer) => {
    const response = await fetch(`${idp.issuers[issuer]}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(idp.issuers[issuer]);
    expect(discovery.jwks_uri).toBe(`${idp.issuers[issuer]}/jwks`);
    expect(discovery.token_endpoint).toBe(`${idp.issuers[issuer]}/token`);
    expect(discovery.authorization_endpoint).toBe(`${idp.issuers[issuer]}/auth`);
    expect(discovery.id_token_signing_alg_values_supported).toContain('RS256');
    if (issuer === 'aad') {
      expect(discovery.grant_types_supported).toContain('client_credentials');
    } else {
      expect(discovery.grant_types_supported).toContain('authorization_code');
      expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    }

    const jwks = (await (await fetch(`${idp.issuers[issuer]}/jwks`)).json()) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('gives every issuer its own signing key', async () => {
    const kids = await Promise.all(
      ISSUER_KEYS.map(async (issuer) => {
        const jwks = (await (await fetch(`${idp.issuers[issuer]}/jwks`)).json()) as { keys: JWK[] };
        return jwks.keys[0]?.kid;
      }),
    );
    expect(new Set(kids).size).toBe(4);
  });
});

describe('issueToken', () => {
  it.each(LOCAL_ROLES)('issues a %s access token that verifies against its issuer for the API', async (role) => {
    const expected = EXPECTED[role];
    const token = tokenFor(role);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });

    const { payload } = await jwtVerify(token, jwksOf(expected.issuer), {
      issuer: idp.issuers[expected.issuer],
      audience: 'api://pip-service',
      algorithms: ['RS256'],
    });
    expect(payload.sub).toBe(expected.sub);
    expect(payload).toMatchObject(expected.claims);
    expect(payload.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));
    for (const claim of expected.absent ?? []) expect(payload).not.toHaveProperty(claim);
  });

  it.each(LOCAL_ROLES)('a %s token does not verify against any other issuer', async (role) => {
    const expected = EXPECTED[role];
    const token = tokenFor(role);
    for (const other of ISSUER_KEYS.filter((issuer) => issuer !== expected.issuer)) {
      await expect(
        jwtVerify(token, jwksOf(other), { issuer: idp.issuers[other], audience: 'api://pip-service' }),
      ).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });

      // Not just a kid mismatch: the other issuer's key does not verify the signature.
      const jwks = (await (await fetch(`${idp.issuers[other]}/jwks`)).json()) as { keys: JWK[] };
      const otherKey = jwks.keys[0];
      if (otherKey === undefined) throw new Error(`no key for ${other}`);
      await expect(jwtVerify(token, await importJWK(otherKey, 'RS256'))).rejects.toMatchObject({
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      });
    }
  });

  it('rejects a token presented with the wrong issuer or audience', async () => {
    const token = tokenFor('media');
    await expect(
      jwtVerify(token, jwksOf('b2c'), { issuer: idp.issuers.aad, audience: 'api://pip-service' }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
    await expect(
      jwtVerify(token, jwksOf('b2c'), { issuer: idp.issuers.b2c, audience: 'api://something-else' }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });

  it('issues a fresh token on each call', async () => {
    const again = await idp.issueToken('media');
    expect(again).not.toBe(tokenFor('media'));
  });
});

describe('client credentials (Azure AD)', () => {
  it('refuses a wrong client secret with invalid_client', async () => {
    await expect(
      requestClientCredentialsToken(idp.baseUrl, { clientId: 'hmi', clientSecret: 'not-the-secret' }),
    ).rejects.toMatchObject({ name: 'ResponseBodyError', error: 'invalid_client', status: 401 });
  });

  it('refuses an unknown client with invalid_client', async () => {
    await expect(
      requestClientCredentialsToken(idp.baseUrl, { clientId: 'nobody', clientSecret: 'hmi-local-secret' }),
    ).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
  });

  it('refuses a resource other than the API', async () => {
    const config = await discover(idp.issuers.aad, 'hmi', oidc.ClientSecretPost('hmi-local-secret'));
    await expect(oidc.clientCredentialsGrant(config, { resource: 'api://another-api' })).rejects.toMatchObject({
      error: 'invalid_target',
    });
  });
});

describe('people sign-in (authorization code + PKCE)', () => {
  it('signs the web client in with an ID token carrying the profile claims and an API access token', async () => {
    const result = await signInHeadlessly({
      issuer: idp.issuers.cftIdam,
      clientId: idp.webClient.clientId,
      clientAuthentication: oidc.ClientSecretPost(idp.webClient.clientSecret),
      redirectUri: WEB_REDIRECT_URI,
      username: 'caseworker@example.com',
      password: 'password',
      scope: 'openid profile email roles',
    });
    const { payload: idToken } = await jwtVerify(result.id_token ?? '', jwksOf('cftIdam'), {
      issuer: idp.issuers.cftIdam,
      audience: 'pip-web',
    });
    expect(idToken).toMatchObject({
      sub: 'caseworker@example.com',
      uid: 'be7d1fff-0566-43cc-841f-000000000004',
      name: 'Case Worker',
      given_name: 'Case',
      family_name: 'Worker',
      email: 'caseworker@example.com',
      roles: ['caseworker'],
    });
    const { payload: accessToken } = await jwtVerify(result.access_token, jwksOf('cftIdam'), {
      issuer: idp.issuers.cftIdam,
      audience: 'api://pip-service',
    });
    expect(accessToken).toMatchObject({ sub: 'caseworker@example.com', client_id: 'pip-web', roles: ['caseworker'] });
  });

  /** The seeded media user signing in at an issuer with the local CLI's client. */
  const mediaUserSignsInThroughCli = (issuer: string, password: string) =>
    signInHeadlessly({
      issuer,
      clientId: 'pip-local-cli',
      redirectUri: 'http://127.0.0.1/local-cli/callback',
      username: 'media.user@example.com',
      password,
    });

  it('refuses a wrong password and does not issue a code', async () => {
    await expect(mediaUserSignsInThroughCli(idp.issuers.b2c, 'wrong')).rejects.toThrow(
      /refused: Enter a valid email address and password/,
    );
  });

  it('refuses a user of another issuer', async () => {
    await expect(mediaUserSignsInThroughCli(idp.issuers.crimeIdam, 'password')).rejects.toThrow(/refused/);
  });

  it('refuses a redirect URI the web client did not register', async () => {
    await expect(
      signInHeadlessly({
        issuer: idp.issuers.b2c,
        clientId: idp.webClient.clientId,
        clientAuthentication: oidc.ClientSecretPost(idp.webClient.clientSecret),
        redirectUri: 'http://127.0.0.1:7999/elsewhere',
        username: 'media.user@example.com',
        password: 'password',
      }),
    ).rejects.toThrow(/HTTP 400/);
  });

  it("shows B2C's sign-in page: the GOV.UK template of web-static/b2c/ with labelled fields in its #api", async () => {
    const config = await discover(idp.issuers.b2c, 'pip-local-cli');
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1/local-cli/callback',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(/^\/b2c\/interaction\/[\w-]+$/);
    const cookies = redirect.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');

    const page = await fetch(new URL(location, idp.baseUrl), { headers: { cookie: cookies } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="en" class="govuk-template');
    expect(html).toContain('<title>Sign in – Court and tribunal hearings – GOV.UK</title>');
    // As B2C shows the published template: every URL absolute on the site's origin, no <base> (B2C's own script
    // calls its endpoints by relative URLs).
    expect(html).not.toContain('<base');
    expect(html).toContain(
      '<link rel="stylesheet" href="http://127.0.0.1:7999/govuk-frontend.min.css" crossorigin="anonymous" />',
    );
    expect(html).toContain('href="http://127.0.0.1:7999/contact">Contact</a>');
    expect(html).toContain('<label class="govuk-label" for="username">Email address</label>');
    expect(html).toMatch(/<input class="govuk-input" id="username" name="username" type="email"/);
    expect(html).toContain('<label class="govuk-label" for="password">Password</label>');
    expect(html).toMatch(/<input class="govuk-input" id="password" name="password" type="password"/);
    expect(html).toContain(`action="${idp.baseUrl}${location}/login"`);
    expect(html).toContain(`href="${idp.baseUrl}${location}/forgot"`);
  });

  it.each([
    ['B2C_1_PasswordReset', 'en', 'Reset your password'],
    ['B2C_1_SignUpApprovedMedia', 'en', 'Create your password'],
    ['B2C_1_SignUpApprovedMedia', 'cy', 'Creu eich cyfrinair'],
  ])('B2C flow %s (%s): its own discovery, and its page from web-static/b2c/', async (flow, lng, heading) => {
    const config = await discover(`${idp.issuers.b2c}/${flow}/v2.0/.well-known/openid-configuration`, 'pip-local-cli');
    expect(config.serverMetadata().issuer).toBe(idp.issuers.b2c);
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1/local-cli/callback',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      ui_locales: lng,
    });
    expect(authorize.searchParams.get('p')).toBe(flow);
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const cookies = redirect.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(redirect.headers.get('location') ?? '', idp.baseUrl), {
      headers: { cookie: cookies },
    });
    const html = await page.text();
    expect(html).toContain(`<html lang="${lng}"`);
    expect(html).toContain(`<h1 class="govuk-heading-l">${heading}</h1>`);
    expect(html).toMatch(/<input class="govuk-input" id="newPassword" name="newPassword" type="password"/);
    expect(html).toMatch(/id="cancel" href="http:\/\/127\.0\.0\.1:\d+\/b2c\/interaction\/[\w-]+\/cancel"/);
  });

  it('answers a B2C user flow the tenant does not have with 404', async () => {
    const response = await fetch(`${idp.issuers.b2c}/B2C_1_Nope/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
  });

  it('answers an interaction without its cookie with a clear error page', async () => {
    const response = await fetch(`${idp.issuers.b2c}/interaction/unknown-interaction`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign-in session not found');
  });
});

describe('token CLI', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) } };
  }

  it('prints only a verifiable token for a known role', async () => {
    const { out, err, output } = capture();
    const code = await runTokenCli(['courtel'], { LOCAL_IDP_URL: idp.baseUrl }, output);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const { payload } = await jwtVerify(out[0] ?? '', jwksOf('aad'), {
      issuer: idp.issuers.aad,
      audience: 'api://pip-service',
    });
    expect(payload.roles).toEqual(['VERIFIED_THIRD_PARTY_PRESS']);
  });

  it('lists the roles and exits 2 for an unknown role', async () => {
    const { out, err, output } = capture();
    const code = await runTokenCli(['judge'], { LOCAL_IDP_URL: idp.baseUrl }, output);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('Unknown role "judge"');
    expect(err.join('\n')).toContain('hmi, courtel, media, cft, crime, admin, sysadmin');
  });

  it('exits 2 with usage when no role is given', async () => {
    const { err, output } = capture();
    expect(await runTokenCli([], {}, output)).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run token -- ROLE');
  });

  it('tells the user to run npm start and exits 1 when the provider is not reachable', async () => {
    const stopped = await startLocalIdentityProvider({ port: 0 });
    const unreachable = stopped.baseUrl;
    await stopped.stop();
    const { out, err, output } = capture();
    const code = await runTokenCli(['media'], { LOCAL_IDP_URL: unreachable }, output);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`Cannot reach the local identity provider at ${unreachable}`);
    expect(err.join('\n')).toContain('npm start');
  });

  it('runs as a script: the token alone on stdout', async () => {
    const script = fileURLToPath(new URL('./token-cli.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const { stdout, stderr } = await promisify(execFile)(tsx, [script, 'cft'], {
      env: { ...process.env, LOCAL_IDP_URL: idp.baseUrl },
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload } = await jwtVerify(stdout.trim(), jwksOf('cftIdam'), {
      issuer: idp.issuers.cftIdam,
      audience: 'api://pip-service',
    });
    expect(payload.sub).toBe('caseworker@example.com');
  });
});
