/**
 * Approving a media application against Azure B2C as Azure runs it: the real web handler and templates, the real
 * media account service over PostgreSQL, Azurite and the local Notify endpoint, and the Graph account directory with
 * the real graph client over HTTP to the Graph stand-in (test-support/graph-stand-in.ts), whose tenant has the P&I
 * extension attributes. An approval makes the B2C user with its sign-in identity and attributes and the verified
 * user row under the user's object id; a failure at Graph leaves the application undecided, its proof of ID kept,
 * and still listed for the admin; approving it again once Graph answers goes through.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  B2C_ACCOUNT_STATUS,
  B2C_USER_ROLE,
  B2C_VERIFIED,
  graphExtensionAttribute,
} from '../../../../shared/auth/b2c-attributes.js';
import { tinyPng } from '../../../../shared/media-accounts/test-images.test-support.js';
import { findUserByProvenance } from '../../../../shared/users/user-store.js';
import { startGraphStandIn, type GraphStandIn } from '../../../../test-support/graph-stand-in.js';
import {
  declareB2cAttributes,
  STAND_IN_TENANT_DOMAIN,
  standInDirectory,
} from '../../../../test-support/graph-directory.js';
import { startMediaAccountPages, type MediaAccountPages } from '../../../../test-support/media-account-pages.js';
import { request, testPrincipals } from '../../testing/web-test-kit.js';

let graph: GraphStandIn;
let world: MediaAccountPages;
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  graph = await startGraphStandIn();
  declareB2cAttributes(graph);
  world = await startMediaAccountPages(standInDirectory(graph).directory);
  admin = await world.signInAs(testPrincipals.ctscAdmin);
});

afterAll(async () => {
  await world.stop();
  await graph.close();
});

beforeEach(async () => {
  await world.testDb.database.query('DELETE FROM media_application');
  await world.testDb.database.query('DELETE FROM audit_log');
  await world.testDb.database.query('DELETE FROM pip_user');
  world.notify.clear();
  graph.users.splice(0);
});

async function apply(email: string): Promise<string> {
  const result = await world.deps.mediaAccounts.submit(
    { fullName: 'Jo de Souza', email, employer: 'The Daily Example' },
    { bytes: tinyPng(), contentType: 'image/png', fileName: 'card' },
    new Date('2026-11-29T09:00:00Z'),
  );
  if (!result.ok) throw new Error(result.reason);
  return result.application.applicationId;
}

const approve = (id: string) =>
  request(world.deps, `/admin/media-applications/${id}/approve`, {
    cookie: admin.cookie,
    headers: { 'sec-fetch-site': 'same-origin' },
    form: new URLSearchParams({ _csrf: admin.csrf, confirm: 'yes' }),
  });

async function approvals(): Promise<{ outcome: string; details: Record<string, unknown> }[]> {
  const { rows } = await world.testDb.database.query<{ outcome: string; details: Record<string, unknown> }>(
    `SELECT outcome, details FROM audit_log WHERE action = 'MEDIA_APPLICATION_APPROVE' ORDER BY audit_id`,
  );
  return rows;
}

const attribute = (claim: string): string => graphExtensionAttribute(claim, graph.extensionsAppId() ?? '');

describe('approving a media application in Azure B2C through Microsoft Graph', () => {
  it('makes the B2C user with its email identity and extension attributes, and the verified user under its id', async () => {
    const id = await apply('jo@news.example');

    const done = await approve(id);

    expect(done.status).toBe(200);
    expect(done.body).toContain('Application has been approved');
    expect(graph.users).toHaveLength(1);
    const user = graph.users[0];
    expect(user).toMatchObject({
      displayName: 'Jo de Souza',
      givenName: 'Jo de',
      surname: 'Souza',
      identities: [{ signInType: 'emailAddress', issuer: STAND_IN_TENANT_DOMAIN, issuerAssignedId: 'jo@news.example' }],
      [attribute(B2C_USER_ROLE)]: 'VERIFIED',
      [attribute(B2C_ACCOUNT_STATUS)]: 'ACTIVE',
      [attribute(B2C_VERIFIED)]: true,
    });
    expect(await findUserByProvenance(world.testDb.database, 'PI_AAD', user?.id ?? '-')).toMatchObject({
      email: 'jo@news.example',
      roles: ['VERIFIED'],
    });
    expect((await world.deps.mediaAccounts.find(id))?.status).toBe('APPROVED');
    expect(world.notify.outbox()).toHaveLength(1);
    expect(await approvals()).toMatchObject([
      {
        outcome: 'SUCCESS',
        details: {
          directoryId: user?.id,
          directory: `Azure B2C ${STAND_IN_TENANT_DOMAIN} (Microsoft Graph)`,
          existedInDirectory: false,
        },
      },
    ]);
  });

  it('leaves the application undecided and listed when Graph fails, and approves it once Graph answers', async () => {
    const id = await apply('sam@news.example');
    for (let i = 0; i < 3; i += 1) graph.failNext('POST /v1.0/users', 503, 'ServiceUnavailable', 'Try later');

    const failed = await approve(id);

    expect(failed.status).toBe(503);
    expect(failed.body).toContain('The account directory did not answer. Try again later.');
    expect(failed.logged).toEqual([
      expect.objectContaining({ event: 'MEDIA_ACCOUNT_DIRECTORY_FAILED', reason: 'UNAVAILABLE' }),
    ]);
    expect(graph.users).toEqual([]);
    expect((await world.deps.mediaAccounts.find(id))?.status).toBe('PENDING');
    expect(world.notify.outbox()).toEqual([]);
    const list = await request(world.deps, '/admin/media-applications', { cookie: admin.cookie });
    expect(list.body).toContain(`href="/admin/media-applications/${id}"`);
    const image = await request(world.deps, `/admin/media-applications/${id}/proof-of-id`, {
      cookie: admin.cookie,
    });
    expect(image.status).toBe(200);
    expect(await approvals()).toMatchObject([
      { outcome: 'FAILURE', details: { reason: 'UNAVAILABLE', message: expect.stringContaining('503') as unknown } },
    ]);

    expect((await approve(id)).status).toBe(200);
    expect((await world.deps.mediaAccounts.find(id))?.status).toBe('APPROVED');
    expect(graph.users).toHaveLength(1);
  });

  it('goes through, with the account B2C already has, when an earlier approval made it but stopped after', async () => {
    // As if an approval had made the B2C account and then lost the database: the account is there, nobody else is.
    const made = await standInDirectory(graph).directory.createMediaAccount({
      email: 'kim@news.example',
      givenName: 'Kim',
      familyName: 'Lee',
      displayName: 'Kim Lee',
    });
    const id = await apply('kim@news.example');

    expect((await approve(id)).status).toBe(200);

    expect(graph.users).toHaveLength(1);
    expect(await approvals()).toMatchObject([
      { outcome: 'SUCCESS', details: { directoryId: made.ok ? made.objectId : '-', existedInDirectory: true } },
    ]);
  });
});
