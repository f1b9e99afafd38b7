/**
 * The Graph account directory with the real @microsoft/microsoft-graph-client over real HTTP against the Graph
 * stand-in (test-support/graph-stand-in.ts), whose tenant has the extension attributes `npm run b2c:setup` declares
 * and refuses an undeclared one: create (a B2C local account with the P&I attributes), create again (the existing
 * account, nothing new), find, delete, delete what is gone, and Graph's 429/5xx (tried again, waiting as Retry-After
 * says, then surfaced as UNAVAILABLE) and refusals (REFUSED at once).
 */
import { CredentialUnavailableError } from '@azure/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { B2C_ACCOUNT_STATUS, B2C_USER_ROLE, B2C_VERIFIED, graphExtensionAttribute } from '../auth/b2c-attributes.js';
import { startGraphStandIn, type GraphStandIn } from '../../test-support/graph-stand-in.js';
import {
  declareB2cAttributes,
  STAND_IN_TENANT_DOMAIN,
  standInDirectory,
  type StandInDirectory,
} from '../../test-support/graph-directory.js';
import { randomB2cPassword } from './graph-media-account-directory.js';

let graph: GraphStandIn;
let world: StandInDirectory;

const jo = { email: 'jo@news.example', givenName: 'Jo de', familyName: 'Souza', displayName: 'Jo de Souza' };

beforeEach(async () => {
  graph = await startGraphStandIn();
  declareB2cAttributes(graph);
  world = standInDirectory(graph);
});

afterEach(async () => {
  await graph.close();
});

const attribute = (claim: string): string => graphExtensionAttribute(claim, graph.extensionsAppId() ?? '');

describe('creating an account', () => {
  it('makes a B2C local account with an email sign-in identity and the P&I extension attributes', async () => {
    const created = await world.directory.createMediaAccount(jo);

    expect(created).toMatchObject({ ok: true, existed: false });
    expect(graph.users).toHaveLength(1);
    const user = graph.users[0];
    expect(created.ok && created.objectId).toBe(user?.id);
    expect(user).toMatchObject({
      accountEnabled: true,
      displayName: 'Jo de Souza',
      givenName: 'Jo de',
      surname: 'Souza',
      mail: 'jo@news.example',
      identities: [{ signInType: 'emailAddress', issuer: STAND_IN_TENANT_DOMAIN, issuerAssignedId: 'jo@news.example' }],
      passwordProfile: { forceChangePasswordNextSignIn: false },
      passwordPolicies: 'DisablePasswordExpiration',
      [attribute(B2C_USER_ROLE)]: 'VERIFIED',
      [attribute(B2C_ACCOUNT_STATUS)]: 'ACTIVE',
      [attribute(B2C_VERIFIED)]: true,
    });
    // Named as Graph names them: extension_<b2c-extensions-app id without dashes>_UserRole.
    expect(attribute(B2C_USER_ROLE)).toMatch(/^extension_[0-9a-f]{32}_UserRole$/);
    expect(graph.requests).toEqual(['POST /v1.0/users']);
  });

  it('answers the existing account when the email already has one, and makes no second', async () => {
    const first = await world.directory.createMediaAccount(jo);
    const second = await world.directory.createMediaAccount({ ...jo, email: 'JO@news.example' });

    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: true, objectId: first.ok ? first.objectId : '-', existed: true });
    expect(graph.users).toHaveLength(1);
    expect(graph.requests).toEqual(['POST /v1.0/users', 'POST /v1.0/users', 'GET /v1.0/users']);
  });

  it('is refused by a tenant without the extension attributes (the B2C set-up not run), at once', async () => {
    const bare = await startGraphStandIn();
    try {
      const created = await standInDirectory(bare).directory.createMediaAccount(jo);
      expect(created).toMatchObject({ ok: false, reason: 'REFUSED' });
      expect(!created.ok && created.message).toMatch(
        /^Microsoft Graph answered 400 \(Request_BadRequest\): Property 'extension_[0-9a-f]{32}_UserRole' does not exist/,
      );
      expect(bare.requests).toEqual(['POST /v1.0/users']);
    } finally {
      await bare.close();
    }
  });

  it('tries again after a 429, waiting as Retry-After says, and then succeeds', async () => {
    graph.failNext('POST /v1.0/users', 429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '1' });

    const created = await world.directory.createMediaAccount(jo);

    expect(created).toMatchObject({ ok: true, existed: false });
    expect(world.waits).toEqual([1000]);
    expect(graph.users).toHaveLength(1);
  });

  it('surfaces 429s and 5xx that do not stop as UNAVAILABLE after its tries, having made nothing', async () => {
    graph.failNext('POST /v1.0/users', 429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '30' });
    graph.failNext('POST /v1.0/users', 503, 'ServiceUnavailable', 'Try later');
    graph.failNext('POST /v1.0/users', 429, 'TooManyRequests', 'Too many requests');

    const created = await world.directory.createMediaAccount(jo);

    expect(created).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(!created.ok && created.message).toMatch(
      /^Microsoft Graph answered 429 \(TooManyRequests\): Too many requests/,
    );
    // Retry-After is followed up to the bound (2 s, an admin is waiting); else 250 ms, doubling.
    expect(world.waits).toEqual([2000, 500]);
    expect(graph.users).toEqual([]);
  });

  it('does not try again what Graph refuses (no permission)', async () => {
    graph.failNext('POST /v1.0/users', 403, 'Authorization_RequestDenied', 'Insufficient privileges.');

    const created = await world.directory.createMediaAccount(jo);

    expect(created).toMatchObject({ ok: false, reason: 'REFUSED' });
    expect(world.waits).toEqual([]);
    expect(graph.requests).toEqual(['POST /v1.0/users']);
  });

  it('is REFUSED at once, saying so, when the app cannot sign in to Graph', async () => {
    const { directory, waits } = standInDirectory(graph, {
      credential: {
        getToken: () => Promise.reject(new CredentialUnavailableError('No managed identity endpoint found.')),
      },
    });

    const created = await directory.createMediaAccount(jo);

    expect(created).toEqual({
      ok: false,
      reason: 'REFUSED',
      message: 'could not sign in to Microsoft Graph: No managed identity endpoint found.',
    });
    expect(waits).toEqual([]);
    expect(graph.requests).toEqual([]);
  });

  it('is UNAVAILABLE when Graph does not answer at all', async () => {
    await graph.close();
    const created = await world.directory.createMediaAccount(jo);
    expect(created).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(world.waits).toHaveLength(2);
    graph = await startGraphStandIn();
  });
});

describe('finding and deleting', () => {
  it('finds an account by its email sign-in identity, and nobody for an unknown email', async () => {
    const created = await world.directory.createMediaAccount(jo);
    await world.directory.createMediaAccount({ ...jo, email: 'sam@news.example', displayName: 'Sam' });

    expect(await world.directory.findAccountByEmail('jo@news.example')).toEqual({
      ok: true,
      account: { objectId: created.ok ? created.objectId : '-', displayName: 'Jo de Souza' },
    });
    expect(await world.directory.findAccountByEmail("o'brien@news.example")).toEqual({ ok: true, account: null });
  });

  it('deletes an account, and answers an account already gone as a success that did not exist', async () => {
    const created = await world.directory.createMediaAccount(jo);
    const objectId = created.ok ? created.objectId : '-';

    expect(await world.directory.deleteMediaAccount(objectId)).toEqual({ ok: true, existed: true });
    expect(graph.users).toEqual([]);
    expect(await world.directory.deleteMediaAccount(objectId)).toEqual({ ok: true, existed: false });
    expect(graph.requests.filter((line) => line.startsWith('DELETE'))).toEqual([
      `DELETE /v1.0/users/${objectId}`,
      `DELETE /v1.0/users/${objectId}`,
    ]);
  });

  it('tries a deletion again after a 503 and surfaces a 429 that does not stop', async () => {
    const created = await world.directory.createMediaAccount(jo);
    const objectId = created.ok ? created.objectId : '-';
    graph.failNext('DELETE /v1.0/users', 503, 'ServiceUnavailable', 'Try later');
    expect(await world.directory.deleteMediaAccount(objectId)).toEqual({ ok: true, existed: true });

    const other = await world.directory.createMediaAccount({ ...jo, email: 'sam@news.example' });
    for (let i = 0; i < 3; i += 1) graph.failNext('DELETE /v1.0/users', 429, 'TooManyRequests', 'Slow down');
    const refused = await world.directory.deleteMediaAccount(other.ok ? other.objectId : '-');
    expect(refused).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(graph.users).toHaveLength(1);
  });
});

describe('the password an account is made with', () => {
  it('is 32 characters with lower and upper case letters, a digit and a symbol, different each time', () => {
    const passwords = Array.from({ length: 50 }, randomB2cPassword);
    for (const password of passwords) {
      expect(password).toHaveLength(32);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[@#$%^&*\-_!+=?]/);
    }
    expect(new Set(passwords).size).toBe(50);
  });
});
