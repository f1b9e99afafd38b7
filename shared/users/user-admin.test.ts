/**
 * The rules of /system-admin/users on a real database: at most 4 system admins (a 5th refused, also when two grants
 * race), never the last one removed or deleted, roles only for Azure B2C accounts; a change ends the person's
 * sessions, survives their next sign-in, and is audited with the before and after; a deletion takes the sessions
 * and subscriptions with it, and a B2C account is deleted at the directory first (a recording stand-in for it here;
 * the Graph directory itself is tested against the Graph stand-in in shared/media-accounts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../auth/principal.js';
import { createSessionStore } from '../auth/session-store.js';
import { subscriberOf } from '../subscriptions/subscriber.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import type { DeleteMediaAccountResult, MediaAccountRemoval } from '../media-accounts/media-account-directory.js';
import { changeUserRole, deleteUserAccount, maxSystemAdmins } from './user-admin.js';
import { findUser, findUsersByEmail, upsertUserOnSignIn, type UserRecord } from './user-store.js';

let testDb: TestDatabase;

/** The object ids the directory was asked to delete, and what it answers. */
let directoryCalls: string[] = [];
let directoryAnswer: DeleteMediaAccountResult = { ok: true, existed: true };
const directory: MediaAccountRemoval = {
  name: 'recording directory',
  deleteMediaAccount: (objectId) => {
    directoryCalls.push(objectId);
    return Promise.resolve(directoryAnswer);
  },
};

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('DELETE FROM user_session');
  await testDb.database.query('DELETE FROM subscription');
  await testDb.database.query('DELETE FROM pip_user');
  await testDb.database.query('DELETE FROM audit_log');
  directoryCalls = [];
  directoryAnswer = { ok: true, existed: true };
});

let counter = 0;
async function person(role: Role, provenance: 'PI_AAD' | 'CFT_IDAM' = 'PI_AAD'): Promise<UserRecord> {
  counter += 1;
  return upsertUserOnSignIn(
    testDb.database,
    {
      provenance,
      provenanceUserId: `person-${counter}`,
      email: `person${counter}@example.com`,
      forenames: 'Person',
      surname: String(counter),
      roles: [role],
    },
    new Date('2026-11-01T09:00:00Z'),
  );
}

const actorOf = (user: UserRecord): Principal => ({
  userId: user.provenanceUserId,
  provenance: user.provenance,
  roles: [...user.roles],
  email: user.email,
  name: null,
});

async function audits(action: string) {
  const { rows } = await testDb.database.query<{
    outcome: string;
    object_id: string;
    user_email: string;
    details: Record<string, unknown>;
  }>('SELECT outcome, object_id, user_email, details FROM audit_log WHERE action = $1 ORDER BY audit_id', [action]);
  return rows;
}

describe('changing a role', () => {
  it('gives exactly the role, ends their sessions, keeps it at their next sign-in, and audits before and after', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const media = await person('VERIFIED');
    const sessions = createSessionStore({ database: testDb.database });
    await sessions.create({ userId: media.userId, issuer: 'b2c', principal: actorOf(media), idToken: null });
    const change = await changeUserRole(testDb.database, {
      actor: actorOf(admin),
      userId: media.userId,
      role: 'INTERNAL_ADMIN_CTSC',
    });
    expect(change).toMatchObject({ ok: true, before: ['VERIFIED'], after: ['INTERNAL_ADMIN_CTSC'], sessionsEnded: 1 });
    const { rows } = await testDb.database.query('SELECT 1 FROM user_session WHERE user_id = $1', [media.userId]);
    expect(rows).toHaveLength(0);
    // The identity service still says VERIFIED: the role given here wins.
    const again = await upsertUserOnSignIn(
      testDb.database,
      { ...media, roles: ['VERIFIED'] },
      new Date('2026-11-02T09:00:00Z'),
    );
    expect(again.roles).toEqual(['INTERNAL_ADMIN_CTSC']);
    expect(again.rolesAssignedAt).toBeInstanceOf(Date);
    expect(await audits('USER_ROLE_CHANGE')).toEqual([
      {
        outcome: 'SUCCESS',
        object_id: media.userId,
        user_email: admin.email,
        details: {
          before: {
            email: media.email,
            provenance: 'PI_AAD',
            provenanceUserId: media.provenanceUserId,
            roles: ['VERIFIED'],
          },
          after: {
            email: media.email,
            provenance: 'PI_AAD',
            provenanceUserId: media.provenanceUserId,
            roles: ['INTERNAL_ADMIN_CTSC'],
          },
          sessionsEnded: 1,
        },
      },
    ]);
  });

  it(`refuses a ${maxSystemAdmins + 1}th system admin, audited, and changes nothing`, async () => {
    const admins = [];
    for (let i = 0; i < maxSystemAdmins; i += 1) admins.push(await person('SYSTEM_ADMIN'));
    const [first] = admins;
    if (!first) throw new Error('no admin');
    const candidate = await person('INTERNAL_ADMIN_LOCAL');
    const refused = await changeUserRole(testDb.database, {
      actor: actorOf(first),
      userId: candidate.userId,
      role: 'SYSTEM_ADMIN',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'TOO_MANY_SYSTEM_ADMINS' });
    expect((await findUser(testDb.database, candidate.userId))?.roles).toEqual(['INTERNAL_ADMIN_LOCAL']);
    expect(await audits('USER_ROLE_CHANGE')).toMatchObject([
      { outcome: 'FAILURE', object_id: candidate.userId, details: { reason: 'TOO_MANY_SYSTEM_ADMINS' } },
    ]);
    // Giving a system admin the role they hold is no 5th, and with one fewer the grant goes through.
    expect(
      await changeUserRole(testDb.database, { actor: actorOf(first), userId: first.userId, role: 'SYSTEM_ADMIN' }),
    ).toMatchObject({ ok: true });
    const last = admins.at(-1);
    if (!last) throw new Error('no admin');
    expect(
      await changeUserRole(testDb.database, { actor: actorOf(first), userId: last.userId, role: 'VERIFIED' }),
    ).toMatchObject({ ok: true });
    expect(
      await changeUserRole(testDb.database, { actor: actorOf(first), userId: candidate.userId, role: 'SYSTEM_ADMIN' }),
    ).toMatchObject({ ok: true });
  });

  it('lets only one of two racing grants make the 4th system admin', async () => {
    const admins = [];
    for (let i = 0; i < maxSystemAdmins - 1; i += 1) admins.push(await person('SYSTEM_ADMIN'));
    const [first] = admins;
    if (!first) throw new Error('no admin');
    const a = await person('VERIFIED');
    const b = await person('VERIFIED');
    const results = await Promise.all(
      [a, b].map((user) =>
        changeUserRole(testDb.database, { actor: actorOf(first), userId: user.userId, role: 'SYSTEM_ADMIN' }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === 'TOO_MANY_SYSTEM_ADMINS')).toHaveLength(1);
    const { rows } = await testDb.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pip_user WHERE 'SYSTEM_ADMIN' = ANY (roles)`,
    );
    expect(rows[0]?.count).toBe(maxSystemAdmins);
  });

  it('refuses to take the role from the last system admin, themself included', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const refused = await changeUserRole(testDb.database, {
      actor: actorOf(admin),
      userId: admin.userId,
      role: 'INTERNAL_SUPER_ADMIN_CTSC',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'LAST_SYSTEM_ADMIN' });
    expect((await findUser(testDb.database, admin.userId))?.roles).toEqual(['SYSTEM_ADMIN']);
    // With a second system admin, either may step down.
    await person('SYSTEM_ADMIN');
    expect(
      await changeUserRole(testDb.database, {
        actor: actorOf(admin),
        userId: admin.userId,
        role: 'INTERNAL_SUPER_ADMIN_CTSC',
      }),
    ).toMatchObject({ ok: true, after: ['INTERNAL_SUPER_ADMIN_CTSC'] });
  });

  it('refuses a role it does not grant, a role for a CFT IDAM account, and an unknown user', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const media = await person('VERIFIED');
    const cft = await person('VERIFIED', 'CFT_IDAM');
    const actor = actorOf(admin);
    expect(await changeUserRole(testDb.database, { actor, userId: media.userId, role: 'PUBLISHER' })).toMatchObject({
      ok: false,
      reason: 'ROLE_NOT_GRANTABLE',
    });
    expect(
      await changeUserRole(testDb.database, { actor, userId: cft.userId, role: 'INTERNAL_ADMIN_CTSC' }),
    ).toMatchObject({ ok: false, reason: 'ROLE_NOT_GRANTABLE' });
    for (const userId of [randomUUID(), 'not-a-uuid']) {
      expect(await changeUserRole(testDb.database, { actor, userId, role: 'VERIFIED' })).toMatchObject({
        ok: false,
        reason: 'NOT_FOUND',
        user: null,
      });
    }
    expect((await audits('USER_ROLE_CHANGE')).map((row) => row.outcome)).toEqual([
      'FAILURE',
      'FAILURE',
      'FAILURE',
      'FAILURE',
    ]);
  });
});

describe('deleting a user', () => {
  it('deletes the account with its sessions and subscriptions, audited', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const media = await person('VERIFIED');
    const sessions = createSessionStore({ database: testDb.database });
    const { sessionId } = await sessions.create({
      userId: media.userId,
      issuer: 'b2c',
      principal: actorOf(media),
      idToken: null,
    });
    await testDb.database.query(
      `INSERT INTO subscription (user_id, user_email, search_type, search_value) VALUES ($1, $2, 'LOCATION_ID', '1'), ($1, $2, 'CASE_NUMBER', 'T2026')`,
      [subscriberOf(actorOf(media)).userId, media.email],
    );
    const other = await person('VERIFIED');
    await testDb.database.query(
      `INSERT INTO subscription (user_id, user_email, search_type, search_value) VALUES ($1, $2, 'LOCATION_ID', '1')`,
      [subscriberOf(actorOf(other)).userId, other.email],
    );
    const deletion = await deleteUserAccount(
      testDb.database,
      { actor: actorOf(admin), userId: media.userId },
      directory,
    );
    expect(deletion).toMatchObject({
      ok: true,
      subscriptionsDeleted: 2,
      sessionsEnded: 1,
      directory: { directory: 'recording directory', existed: true },
    });
    expect(directoryCalls).toEqual([media.provenanceUserId]);
    expect(await findUser(testDb.database, media.userId)).toBeNull();
    expect(await sessions.read(sessionId)).toBeNull();
    const { rows } = await testDb.database.query<{ user_id: string }>('SELECT user_id FROM subscription');
    expect(rows.map((row) => row.user_id)).toEqual([subscriberOf(actorOf(other)).userId]);
    expect(await audits('USER_DELETE')).toMatchObject([
      {
        outcome: 'SUCCESS',
        object_id: media.userId,
        user_email: admin.email,
        details: {
          before: { email: media.email, roles: ['VERIFIED'] },
          after: null,
          subscriptionsDeleted: 2,
          directory: 'recording directory',
          existedInDirectory: true,
        },
      },
    ]);
  });

  it('keeps the account, and audits why, when the directory does not delete it', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const media = await person('VERIFIED');
    directoryAnswer = { ok: false, reason: 'UNAVAILABLE', message: 'Microsoft Graph answered 503' };

    const deletion = await deleteUserAccount(
      testDb.database,
      { actor: actorOf(admin), userId: media.userId },
      directory,
    );

    expect(deletion).toMatchObject({ ok: false, reason: 'DIRECTORY_FAILED', message: 'Microsoft Graph answered 503' });
    expect(await findUser(testDb.database, media.userId)).not.toBeNull();
    expect(await audits('USER_DELETE')).toMatchObject([
      {
        outcome: 'FAILURE',
        object_id: media.userId,
        user_email: admin.email,
        details: { reason: 'DIRECTORY_FAILED', directory: 'recording directory', directoryReason: 'UNAVAILABLE' },
      },
    ]);
  });

  it('deletes here an account the directory no longer has, and never asks it about accounts that are not ours', async () => {
    const admin = await person('SYSTEM_ADMIN');
    const media = await person('VERIFIED');
    const professional = await person('VERIFIED', 'CFT_IDAM');
    directoryAnswer = { ok: true, existed: false };

    expect(
      await deleteUserAccount(testDb.database, { actor: actorOf(admin), userId: media.userId }, directory),
    ).toMatchObject({ ok: true, directory: { existed: false } });
    expect(
      await deleteUserAccount(testDb.database, { actor: actorOf(admin), userId: professional.userId }, directory),
    ).toMatchObject({ ok: true, directory: null });

    expect(directoryCalls).toEqual([media.provenanceUserId]);
    expect(await findUser(testDb.database, professional.userId)).toBeNull();
  });

  it('refuses to delete the last system admin (themself), and allows it when another remains', async () => {
    const admin = await person('SYSTEM_ADMIN');
    expect(
      await deleteUserAccount(testDb.database, { actor: actorOf(admin), userId: admin.userId }, directory),
    ).toMatchObject({
      ok: false,
      reason: 'LAST_SYSTEM_ADMIN',
    });
    expect(await findUser(testDb.database, admin.userId)).not.toBeNull();
    expect(directoryCalls).toEqual([]);
    expect(await audits('USER_DELETE')).toMatchObject([
      { outcome: 'FAILURE', details: { reason: 'LAST_SYSTEM_ADMIN' } },
    ]);
    await person('SYSTEM_ADMIN');
    expect(
      await deleteUserAccount(testDb.database, { actor: actorOf(admin), userId: admin.userId }, directory),
    ).toMatchObject({
      ok: true,
    });
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    const admin = await person('SYSTEM_ADMIN');
    expect(
      await deleteUserAccount(testDb.database, { actor: actorOf(admin), userId: randomUUID() }, directory),
    ).toMatchObject({
      ok: false,
      reason: 'NOT_FOUND',
    });
  });
});

describe('finding users by email', () => {
  it('finds every account with the address, whatever its case', async () => {
    const b2c = await person('VERIFIED');
    await testDb.database.query(
      `INSERT INTO pip_user (provenance, provenance_user_id, email, roles) VALUES ('CFT_IDAM', 'cft-1', $1, '{VERIFIED}')`,
      [b2c.email?.toUpperCase()],
    );
    const found = await findUsersByEmail(testDb.database, ` ${b2c.email ?? ''} `);
    expect(found.map((user) => user.provenance)).toEqual(['CFT_IDAM', 'PI_AAD']);
    expect(await findUsersByEmail(testDb.database, 'nobody@example.com')).toEqual([]);
  });
});
