/**
 * /system-admin/users through the real web handler and templates, over real PostgreSQL (pip_user, sessions,
 * subscriptions, the audit log): find by email with each search error, an account's details, a role change through
 * its check page, a deletion through its confirmation, and each refusal in the error summary: a 5th system admin, the
 * last system admin stepping down or deleting themself, no role chosen, the same role; a role change without the
 * CSRF token refused; each change audited. A B2C account is deleted in the directory too: the Graph directory against
 * the Graph stand-in (test-support/graph-stand-in.ts), and a deletion Graph refuses deletes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal, Role } from '../../../../shared/auth/principal.js';
import { subscriberOf } from '../../../../shared/subscriptions/subscriber.js';
import { upsertUserOnSignIn, type UserRecord } from '../../../../shared/users/user-store.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { startGraphStandIn, type GraphStandIn } from '../../../../test-support/graph-stand-in.js';
import { declareB2cAttributes, standInDirectory } from '../../../../test-support/graph-directory.js';
import { databaseUserAdmin } from '../../data/user-admin.js';
import { fakeDependencies, fakeSignIn, request, type TestResponse } from '../../testing/web-test-kit.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { auditRows } from '../../../../test-support/audit-rows.js';

let testDb: TestDatabase;
let graph: GraphStandIn;
let deps: WebDependencies;
let cookie: string;
let csrf: string;
let admin: UserRecord;

const sameOrigin = { 'sec-fetch-site': 'same-origin' };

let counter = 0;
async function person(role: Role, email?: string, provenance: 'PI_AAD' | 'CFT_IDAM' = 'PI_AAD'): Promise<UserRecord> {
  counter += 1;
  return upsertUserOnSignIn(
    testDb.database,
    {
      provenance,
      provenanceUserId: `page-person-${counter}`,
      email: email ?? `page.person${counter}@example.com`,
      forenames: 'Page',
      surname: `Person ${counter}`,
      roles: [role],
    },
    new Date('2026-11-20T08:30:00Z'),
  );
}

const principalOf = (user: UserRecord): Principal => ({
  userId: user.provenanceUserId,
  provenance: user.provenance,
  roles: [...user.roles],
  email: user.email,
  name: null,
});

beforeAll(async () => {
  [testDb, graph] = await Promise.all([createTestDatabase(), startGraphStandIn()]);
  declareB2cAttributes(graph);
});

afterAll(async () => {
  await Promise.all([testDb.drop(), graph.close()]);
});

/** The person's account in the B2C tenant, under their object id. */
function inTenant(user: UserRecord): void {
  graph.users.push({
    id: user.provenanceUserId,
    displayName: user.email ?? '',
    identities: [
      { signInType: 'emailAddress', issuer: 'pipb2ctest.onmicrosoft.com', issuerAssignedId: user.email ?? '' },
    ],
  });
}

beforeEach(async () => {
  await testDb.database.query('DELETE FROM subscription');
  await testDb.database.query('DELETE FROM pip_user');
  await testDb.database.query('DELETE FROM audit_log');
  admin = await person('SYSTEM_ADMIN', 'system.admin@example.com');
  const signIn = fakeSignIn();
  const { sessionId, session } = await signIn.signInAs(principalOf(admin));
  // The session belongs to the admin's own account, as a real sign-in's does.
  session.userId = admin.userId;
  cookie = `pip-session=${sessionId}`;
  csrf = session.csrfToken;
  deps = fakeDependencies({
    signIn,
    overrides: {
      audit: (event) => recordAuditEvent(testDb.database, event),
      users: databaseUserAdmin(testDb.database, standInDirectory(graph).directory),
    },
  });
});

const errorSummaryLinks = (page: TestResponse) =>
  [...page.body.matchAll(/<a href="(#[^"]+)">([^<]*)<\/a>/g)].map((match) => [match[1], match[2]?.trim()]);

const post = (path: string, form: Record<string, string>, options: { csrf?: boolean } = {}) =>
  request(deps, path, {
    cookie,
    form: { ...(options.csrf === false ? {} : { _csrf: csrf }), ...form },
    headers: sameOrigin,
  });

const rolesOf = async (user: UserRecord) =>
  (await testDb.database.query<{ roles: string[] }>('SELECT roles FROM pip_user WHERE user_id = $1', [user.userId]))
    .rows[0]?.roles ?? null;

const audits = (action: string) => auditRows(testDb.database, action);

describe('finding a user', () => {
  it('finds every account with the address, with a link to each', async () => {
    const media = await person('VERIFIED', 'Reporter@Example.com');
    const cft = await person('VERIFIED', 'reporter@example.com', 'CFT_IDAM');
    const page = await request(deps, '/system-admin/users?email=reporter%40example.com', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/system-admin/users/${media.userId}"`);
    expect(page.body).toContain(`href="/system-admin/users/${cft.userId}"`);
    expect(page.body).toContain('Court and tribunal hearings account');
    expect(page.body).toContain('MyHMCTS');
    expect(page.body).toContain('20 November 2026 at 08:30');
  });

  it.each([
    ['', 400, 'Enter an email address'],
    ['not-an-email', 400, 'Enter an email address in the correct format, like name@example.com'],
    ['nobody@example.com', 404, 'No user has this email address'],
  ])('%j: %i with the error summary', async (email, status, message) => {
    const page = await request(deps, `/system-admin/users?email=${encodeURIComponent(email)}`, { cookie });
    expect(page.status).toBe(status);
    expect(page.body).toContain('<title>Error: Manage users');
    expect(errorSummaryLinks(page)).toEqual([['#email', message]]);
    expect(page.body).toContain('<p id="email-error" class="govuk-error-message">');
  });

  it('shows an account: identity service, role and who set it, created, last sign-in; an unknown one is 404', async () => {
    const media = await person('VERIFIED');
    const page = await request(deps, `/system-admin/users/${media.userId}`, { cookie });
    expect(page.status).toBe(200);
    for (const text of [
      media.email ?? '',
      'Page Person',
      'Court and tribunal hearings account',
      'Verified user (media or legal professional)',
      'Their identity service',
      `href="/system-admin/users/${media.userId}/role"`,
      `href="/system-admin/users/${media.userId}/delete"`,
    ]) {
      expect(page.body).toContain(text);
    }
    const cft = await person('VERIFIED', undefined, 'CFT_IDAM');
    const cftPage = await request(deps, `/system-admin/users/${cft.userId}?lng=cy`, { cookie });
    expect(cftPage.body).toContain('Daw rôl y cyfrif hwn o’i wasanaeth hunaniaeth');
    expect(cftPage.body).not.toContain(`/system-admin/users/${cft.userId}/role`);
    expect((await request(deps, `/system-admin/users/${cft.userId}/role`, { cookie })).status).toBe(404);
    expect((await request(deps, '/system-admin/users/00000000-0000-4000-8000-000000000000', { cookie })).status).toBe(
      404,
    );
    expect((await request(deps, '/system-admin/users/nonsense', { cookie })).status).toBe(404);
  });
});

describe('changing a role', () => {
  it('offers the roles a system admin grants, checks the choice, then changes it: sessions ended, audited', async () => {
    const media = await person('VERIFIED');
    const choose = await request(deps, `/system-admin/users/${media.userId}/role`, { cookie });
    expect(choose.status).toBe(200);
    expect([...choose.body.matchAll(/name="role" type="radio" value="([A-Z_]+)"/g)].map((m) => m[1])).toEqual([
      'VERIFIED',
      'INTERNAL_ADMIN_LOCAL',
      'INTERNAL_ADMIN_CTSC',
      'INTERNAL_SUPER_ADMIN_LOCAL',
      'INTERNAL_SUPER_ADMIN_CTSC',
      'SYSTEM_ADMIN',
    ]);
    const check = await post(`/system-admin/users/${media.userId}/role`, { role: 'INTERNAL_ADMIN_CTSC' });
    expect(check.status).toBe(200);
    expect(check.body).toContain(`Change the role of ${media.email ?? ''}?`);
    expect(check.body).toContain('<input type="hidden" name="role" value="INTERNAL_ADMIN_CTSC">');
    expect(await rolesOf(media)).toEqual(['VERIFIED']);
    const done = await post(`/system-admin/users/${media.userId}/role/confirm`, { role: 'INTERNAL_ADMIN_CTSC' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Role changed');
    expect(done.body).toContain(`${media.email ?? ''} now has the role CTSC admin.`);
    expect(await rolesOf(media)).toEqual(['INTERNAL_ADMIN_CTSC']);
    expect(await audits('USER_ROLE_CHANGE')).toMatchObject([
      {
        outcome: 'SUCCESS',
        object_id: media.userId,
        details: { before: { roles: ['VERIFIED'] }, after: { roles: ['INTERNAL_ADMIN_CTSC'] } },
      },
    ]);
    const details = await request(deps, `/system-admin/users/${media.userId}`, { cookie });
    expect(details.body).toMatch(/A system admin, on \d+ \w+ \d{4} at \d\d:\d\d/);
  });

  it('asks for a role when none was chosen, and for another when it is the same', async () => {
    const media = await person('VERIFIED');
    const none = await post(`/system-admin/users/${media.userId}/role`, {});
    expect(none.status).toBe(400);
    expect(errorSummaryLinks(none)).toEqual([['#role', 'Select a role']]);
    const same = await post(`/system-admin/users/${media.userId}/role`, { role: 'VERIFIED' });
    expect(same.status).toBe(400);
    expect(errorSummaryLinks(same)).toEqual([['#role', 'Select a different role: they already have this one']]);
  });

  it('refuses a 5th system admin with a clear error', async () => {
    for (let i = 0; i < 3; i += 1) await person('SYSTEM_ADMIN');
    const candidate = await person('INTERNAL_ADMIN_LOCAL');
    const refused = await post(`/system-admin/users/${candidate.userId}/role/confirm`, { role: 'SYSTEM_ADMIN' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('<title>Error: Change role');
    expect(errorSummaryLinks(refused)).toEqual([
      ['#role', 'There are already 4 system admins: take the role from one of them before giving it to someone else'],
    ]);
    expect(await rolesOf(candidate)).toEqual(['INTERNAL_ADMIN_LOCAL']);
    expect(await audits('USER_ROLE_CHANGE')).toMatchObject([
      { outcome: 'FAILURE', details: { reason: 'TOO_MANY_SYSTEM_ADMINS' } },
    ]);
  });

  it('refuses the last system admin removing their own role, in Welsh too', async () => {
    for (const lng of ['en', 'cy']) {
      const refused = await post(`/system-admin/users/${admin.userId}/role/confirm?lng=${lng}`, {
        role: 'INTERNAL_SUPER_ADMIN_CTSC',
      });
      expect(refused.status).toBe(409);
      expect(errorSummaryLinks(refused)).toEqual([
        [
          '#role',
          lng === 'en'
            ? 'system.admin@example.com is the only system admin: give the role to someone else before taking it away'
            : 'system.admin@example.com yw’r unig weinyddwr system: rhowch y rôl i rywun arall cyn ei chymryd oddi arnynt',
        ],
      ]);
    }
    expect(await rolesOf(admin)).toEqual(['SYSTEM_ADMIN']);
  });

  it('refuses a role change without the CSRF token', async () => {
    const media = await person('VERIFIED');
    const refused = await post(
      `/system-admin/users/${media.userId}/role/confirm`,
      { role: 'SYSTEM_ADMIN' },
      { csrf: false },
    );
    expect(refused.status).toBe(403);
    expect(await rolesOf(media)).toEqual(['VERIFIED']);
    expect(await audits('USER_ROLE_CHANGE')).toEqual([]);
  });
});

describe('deleting a user', () => {
  it('confirms, then deletes the account with its subscriptions and its B2C account; audited', async () => {
    const media = await person('VERIFIED');
    inTenant(media);
    await testDb.database.query(
      `INSERT INTO subscription (user_id, user_email, search_type, search_value) VALUES ($1, $2, 'LOCATION_ID', '1')`,
      [subscriberOf(principalOf(media)).userId, media.email],
    );
    const confirm = await request(deps, `/system-admin/users/${media.userId}/delete`, { cookie });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(`Are you sure you want to delete ${media.email ?? ''}?`);
    const done = await post(`/system-admin/users/${media.userId}/delete`, {});
    expect(done.status).toBe(200);
    expect(done.body).toContain('User deleted');
    expect(done.body).toContain('with its subscriptions (1)');
    expect(await rolesOf(media)).toBeNull();
    expect(graph.users.map((user) => user.id)).not.toContain(media.provenanceUserId);
    expect(graph.requests).toContain(`DELETE /v1.0/users/${media.provenanceUserId}`);
    expect(await audits('USER_DELETE')).toMatchObject([
      {
        outcome: 'SUCCESS',
        object_id: media.userId,
        details: {
          subscriptionsDeleted: 1,
          after: null,
          directory: 'Azure B2C pipb2ctest.onmicrosoft.com (Microsoft Graph)',
          existedInDirectory: true,
        },
      },
    ]);
    expect((await post(`/system-admin/users/${media.userId}/delete`, {})).status).toBe(404);
  });

  it('deletes nothing, and says so, when Graph refuses to delete the B2C account', async () => {
    const media = await person('VERIFIED');
    inTenant(media);
    graph.failNext('DELETE /v1.0/users', 403, 'Authorization_RequestDenied', 'Insufficient privileges.');

    const refused = await post(`/system-admin/users/${media.userId}/delete`, {});

    expect(refused.status).toBe(503);
    expect(errorSummaryLinks(refused)).toEqual([
      [
        '#delete-user',
        'The account could not be deleted from the sign-in service, so nothing was deleted. Try again later.',
      ],
    ]);
    expect(await rolesOf(media)).toEqual(['VERIFIED']);
    expect(graph.users.map((user) => user.id)).toContain(media.provenanceUserId);
    expect(await audits('USER_DELETE')).toMatchObject([
      {
        outcome: 'FAILURE',
        object_id: media.userId,
        details: { reason: 'DIRECTORY_FAILED', directoryReason: 'REFUSED' },
      },
    ]);
  });

  it('refuses the last system admin deleting themself', async () => {
    const refused = await post(`/system-admin/users/${admin.userId}/delete`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('<title>Error: Delete user');
    expect(errorSummaryLinks(refused)).toEqual([
      [
        '#delete-user',
        'system.admin@example.com is the only system admin and cannot be deleted: give the role to someone else first',
      ],
    ]);
    expect(await rolesOf(admin)).toEqual(['SYSTEM_ADMIN']);
  });
});

describe('who may use it', () => {
  it('a court admin is refused (403) and an anonymous visitor sent to sign in, on every page', async () => {
    const media = await person('VERIFIED');
    const courtAdmin = await person('INTERNAL_SUPER_ADMIN_CTSC');
    const signIn = fakeSignIn();
    const { sessionId, session } = await signIn.signInAs(principalOf(courtAdmin));
    const adminDeps = { ...deps, signIn };
    const base = `/system-admin/users/${media.userId}`;
    for (const path of ['/system-admin/users?email=a%40b.com', base, `${base}/role`, `${base}/delete`]) {
      const refused = await request(adminDeps, path, { cookie: `pip-session=${sessionId}` });
      expect(refused.status, path).toBe(403);
      const anonymous = await request(adminDeps, path);
      expect(anonymous.status, path).toBe(303);
    }
    for (const path of [`${base}/role`, `${base}/role/confirm`, `${base}/delete`]) {
      const refused = await request(adminDeps, path, {
        cookie: `pip-session=${sessionId}`,
        form: { _csrf: session.csrfToken, role: 'SYSTEM_ADMIN' },
        headers: sameOrigin,
      });
      expect(refused.status, path).toBe(403);
    }
    expect(await rolesOf(media)).toEqual(['VERIFIED']);
  });
});
