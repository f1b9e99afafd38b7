/**
 * What a system admin may do to a person's account (/system-admin/users): change their role, delete them. The rules
 * hold here, in one transaction each, whoever calls:
 *
 * - at most `maxSystemAdmins` people hold SYSTEM_ADMIN: granting it to another is refused once there are that many;
 * - the service never loses its last system admin: removing SYSTEM_ADMIN from, or deleting, the only one left (the
 *   admin themself, since only a system admin gets here) is refused;
 * - a role is granted only to an account whose identity service we run roles for (Azure B2C, `PI_AAD`): CFT IDAM
 *   and Crime IDAM state their people's roles themselves;
 * - a change ends the person's sessions (their next sign-in carries the new role), and is audited with who, when and
 *   the before and after, in the same transaction; so is a refusal;
 * - deleting an account whose identity service is ours (Azure B2C, `PI_AAD`) deletes it at the directory first
 *   (shared/media-accounts/media-account-directory.ts: Graph in Azure, the local identity provider locally), outside
 *   any transaction (Graph may take seconds): if the directory fails, nothing is deleted here and the refusal is
 *   audited; an account the directory no longer has is deleted here all the same. The rules are checked before the
 *   directory is asked and again in the deleting transaction: were another admin removed in between, leaving this
 *   one the last system admin, the row stays though its directory account is gone (audited, directoryDeleted true).
 *
 * The rules count the stored system admins, so every change takes a lock on pip_user that conflicts with itself
 * (SHARE ROW EXCLUSIVE): two admins granting the role at once are counted one after the other, never both as the
 * fourth. Sign-ins wait for the (short) transaction.
 */
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal, Role } from '../auth/principal.js';
import { endSessionsOfUser } from '../auth/session-store.js';
import { inTransaction, type Database, type DatabaseClient } from '../db/database.js';
import type { MediaAccountRemoval } from '../media-accounts/media-account-directory.js';
import { subscriberOf } from '../subscriptions/subscriber.js';
import { deleteAllSubscriptions } from '../subscriptions/subscription-store.js';
import { recordOf, userColumns, type UserRecord, type UserRow } from './user-store.js';

export const maxSystemAdmins = 4;

/** The roles a system admin may give a person, in the order the page offers them. */
export const grantableRoles = [
  'VERIFIED',
  'INTERNAL_ADMIN_LOCAL',
  'INTERNAL_ADMIN_CTSC',
  'INTERNAL_SUPER_ADMIN_LOCAL',
  'INTERNAL_SUPER_ADMIN_CTSC',
  'SYSTEM_ADMIN',
] as const satisfies readonly Role[];
export type GrantableRole = (typeof grantableRoles)[number];

export function isGrantableRole(value: string): value is GrantableRole {
  return (grantableRoles as readonly string[]).includes(value);
}

/** Whether roles are managed here for the account (its identity service does not state them). */
export function rolesManagedHere(user: Pick<UserRecord, 'provenance'>): boolean {
  return user.provenance === 'PI_AAD';
}

export const userRoleChangeAction = 'USER_ROLE_CHANGE';
export const userDeleteAction = 'USER_DELETE';

export type RoleChangeRefusal = 'NOT_FOUND' | 'ROLE_NOT_GRANTABLE' | 'TOO_MANY_SYSTEM_ADMINS' | 'LAST_SYSTEM_ADMIN';

export type RoleChange =
  | { ok: true; user: UserRecord; before: Role[]; after: Role[]; sessionsEnded: number }
  | { ok: false; reason: RoleChangeRefusal; user: UserRecord | null };

/** What the directory did to the account: null when the account is not ours to delete there (CFT or Crime IDAM). */
export interface DirectoryDeletion {
  directory: string;
  /** False: the directory no longer had it. */
  existed: boolean;
}

export type UserDeletion =
  | {
      ok: true;
      user: UserRecord;
      subscriptionsDeleted: number;
      sessionsEnded: number;
      directory: DirectoryDeletion | null;
    }
  | { ok: false; reason: 'NOT_FOUND' | 'LAST_SYSTEM_ADMIN'; user: UserRecord | null }
  | { ok: false; reason: 'DIRECTORY_FAILED'; user: UserRecord; message: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account, locked for the change, after pip_user is locked against other changes of roles. */
async function lockedUser(client: DatabaseClient, userId: string): Promise<UserRecord | null> {
  await client.query('LOCK TABLE pip_user IN SHARE ROW EXCLUSIVE MODE');
  if (!uuid.test(userId)) return null;
  const { rows } = await client.query<UserRow>(`SELECT ${userColumns} FROM pip_user WHERE user_id = $1 FOR UPDATE`, [
    userId,
  ]);
  return rows[0] === undefined ? null : recordOf(rows[0]);
}

/** How many people other than this one hold SYSTEM_ADMIN. */
async function otherSystemAdmins(client: DatabaseClient, userId: string): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pip_user WHERE roles @> ARRAY['SYSTEM_ADMIN']::text[] AND user_id <> $1`,
    [userId],
  );
  return rows[0]?.count ?? 0;
}

const isSystemAdmin = (roles: readonly Role[]) => roles.includes('SYSTEM_ADMIN');

/** What the audit keeps of an account: enough to know whose it was once it is gone. */
function accountDetails(user: UserRecord): Record<string, unknown> {
  return {
    email: user.email,
    provenance: user.provenance,
    provenanceUserId: user.provenanceUserId,
    roles: user.roles,
  };
}

/** Gives the person exactly one role (the live service's model: one role per account). */
export async function changeUserRole(
  database: Database,
  change: { actor: Principal; userId: string; role: string },
): Promise<RoleChange> {
  return inTransaction(database, async (client) => {
    const user = await lockedUser(client, change.userId);
    const refuse = async (reason: RoleChangeRefusal): Promise<RoleChange> => {
      await recordAuditEvent(client, {
        action: userRoleChangeAction,
        outcome: 'FAILURE',
        actor: change.actor,
        objectType: 'user',
        objectId: change.userId,
        details: { reason, requestedRole: change.role, ...(user ? { before: accountDetails(user) } : {}) },
      });
      return { ok: false, reason, user };
    };
    if (user === null) return refuse('NOT_FOUND');
    if (!isGrantableRole(change.role) || !rolesManagedHere(user)) return refuse('ROLE_NOT_GRANTABLE');
    const others = await otherSystemAdmins(client, user.userId);
    if (change.role === 'SYSTEM_ADMIN' && !isSystemAdmin(user.roles) && others >= maxSystemAdmins) {
      return refuse('TOO_MANY_SYSTEM_ADMINS');
    }
    if (change.role !== 'SYSTEM_ADMIN' && isSystemAdmin(user.roles) && others === 0) {
      return refuse('LAST_SYSTEM_ADMIN');
    }
    const after: Role[] = [change.role];
    const { rows } = await client.query<UserRow>(
      `UPDATE pip_user SET roles = $2, roles_assigned_at = now() WHERE user_id = $1 RETURNING ${userColumns}`,
      [user.userId, after],
    );
    const updated = rows[0] === undefined ? user : recordOf(rows[0]);
    const sessionsEnded = await endSessionsOfUser(client, user.userId);
    await recordAuditEvent(client, {
      action: userRoleChangeAction,
      outcome: 'SUCCESS',
      actor: change.actor,
      objectType: 'user',
      objectId: user.userId,
      details: { before: accountDetails(user), after: accountDetails(updated), sessionsEnded },
    });
    return { ok: true, user: updated, before: [...user.roles], after, sessionsEnded };
  });
}

/**
 * Removes a person's rows inside the caller's transaction: their subscriptions, their sessions and their pip_user row.
 * Also used by the media account lifecycle (shared/media-accounts/media-account-lifecycle.ts) for expired accounts.
 */
export async function removeUserRows(
  client: DatabaseClient,
  user: UserRecord,
): Promise<{ subscriptionsDeleted: number; sessionsEnded: number }> {
  // Subscriptions belong to the subscriber id of the person's identity (shared/subscriptions/subscriber.ts).
  const subscriber = subscriberOf({
    userId: user.provenanceUserId,
    provenance: user.provenance,
    roles: [...user.roles],
    email: user.email,
    name: null,
  });
  const subscriptionsDeleted = await deleteAllSubscriptions(client, subscriber.userId);
  const sessionsEnded = await endSessionsOfUser(client, user.userId);
  await client.query('DELETE FROM pip_user WHERE user_id = $1', [user.userId]);
  return { subscriptionsDeleted, sessionsEnded };
}

type DeletionRefusal = 'NOT_FOUND' | 'LAST_SYSTEM_ADMIN' | 'DIRECTORY_FAILED';

/**
 * Deletes the person's account: at the directory when it is ours (`PI_AAD`), then here; their sessions end and their
 * subscriptions go with it.
 */
export async function deleteUserAccount(
  database: Database,
  deletion: { actor: Principal; userId: string },
  directory: MediaAccountRemoval,
): Promise<UserDeletion> {
  const refusal = async (
    client: DatabaseClient | Database,
    reason: DeletionRefusal,
    user: UserRecord | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> => {
    await recordAuditEvent(client, {
      action: userDeleteAction,
      outcome: 'FAILURE',
      actor: deletion.actor,
      objectType: 'user',
      objectId: deletion.userId,
      details: { reason, ...(user ? { before: accountDetails(user) } : {}), ...extra },
    });
  };
  /** The rules, in the caller's transaction: the account (locked) if it may be deleted, else the audited refusal. */
  const check = async (
    client: DatabaseClient,
    extra: Record<string, unknown>,
  ): Promise<{ allowed: true; user: UserRecord } | { allowed: false; refused: UserDeletion }> => {
    const user = await lockedUser(client, deletion.userId);
    if (user === null) {
      await refusal(client, 'NOT_FOUND', null, extra);
      return { allowed: false, refused: { ok: false, reason: 'NOT_FOUND', user: null } };
    }
    if (isSystemAdmin(user.roles) && (await otherSystemAdmins(client, user.userId)) === 0) {
      await refusal(client, 'LAST_SYSTEM_ADMIN', user, extra);
      return { allowed: false, refused: { ok: false, reason: 'LAST_SYSTEM_ADMIN', user } };
    }
    return { allowed: true, user };
  };

  // First the rules, so a refused deletion never reaches the directory.
  const allowed = await inTransaction(database, (client) => check(client, {}));
  if (!allowed.allowed) return allowed.refused;
  let directoryDeletion: DirectoryDeletion | null = null;
  if (rolesManagedHere(allowed.user)) {
    const deleted = await directory.deleteMediaAccount(allowed.user.provenanceUserId);
    if (!deleted.ok) {
      await refusal(database, 'DIRECTORY_FAILED', allowed.user, {
        directory: directory.name,
        directoryReason: deleted.reason,
        message: deleted.message,
      });
      return { ok: false, reason: 'DIRECTORY_FAILED', user: allowed.user, message: deleted.message };
    }
    directoryDeletion = { directory: directory.name, existed: deleted.existed };
  }
  return inTransaction(database, async (client) => {
    const checked = await check(client, directoryDeletion === null ? {} : { directoryDeleted: true });
    if (!checked.allowed) return checked.refused;
    const { user } = checked;
    const { subscriptionsDeleted, sessionsEnded } = await removeUserRows(client, user);
    await recordAuditEvent(client, {
      action: userDeleteAction,
      outcome: 'SUCCESS',
      actor: deletion.actor,
      objectType: 'user',
      objectId: user.userId,
      details: {
        before: accountDetails(user),
        after: null,
        subscriptionsDeleted,
        sessionsEnded,
        ...(directoryDeletion === null
          ? {}
          : { directory: directoryDeletion.directory, existedInDirectory: directoryDeletion.existed }),
      },
    });
    return { ok: true, user, subscriptionsDeleted, sessionsEnded, directory: directoryDeletion };
  });
}
