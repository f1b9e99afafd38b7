/**
 * Admin roles are held in our database, never taken from a token (shared/auth/role-sources.ts). The local identity
 * provider's seeded admins (`admin`, `sysadmin`) therefore get their roles here, as a system admin would grant them:
 * `npm start` and the tests that sign them in call this once their database exists.
 */
import type { Role } from '../../shared/auth/principal.js';
import type { Database } from '../../shared/db/database.js';
import { assignRolesHere } from '../../shared/users/user-store.js';
import { SEEDED_USERS } from './local-identities.js';

export const SEEDED_ADMIN_ROLES: Readonly<Record<'admin' | 'sysadmin', Role>> = {
  admin: 'INTERNAL_ADMIN_CTSC',
  sysadmin: 'SYSTEM_ADMIN',
};

export async function seedAdminRoles(database: Database, at: Date = new Date()): Promise<void> {
  for (const key of ['admin', 'sysadmin'] as const) {
    const user = SEEDED_USERS[key];
    const claims = user.claims as { email?: string; given_name?: string; family_name?: string };
    await assignRolesHere(
      database,
      {
        provenanceUserId: user.accountId,
        email: claims.email ?? null,
        forenames: claims.given_name ?? null,
        surname: claims.family_name ?? null,
      },
      [SEEDED_ADMIN_ROLES[key]],
      at,
    );
  }
}
