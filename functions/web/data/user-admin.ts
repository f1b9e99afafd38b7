/**
 * The user management pages' port, bound to PostgreSQL through pip_user's owner (shared/users), and to the account
 * directory a B2C account is deleted at (Graph in Azure, the local identity provider locally).
 */
import type { Database } from '../../../shared/db/database.js';
import type { MediaAccountRemoval } from '../../../shared/media-accounts/media-account-directory.js';
import { changeUserRole, deleteUserAccount } from '../../../shared/users/user-admin.js';
import { findUser, findUsersByEmail } from '../../../shared/users/user-store.js';
import type { UserAdmin } from '../web-dependencies.js';

export function databaseUserAdmin(database: Database, directory: MediaAccountRemoval): UserAdmin {
  return {
    findByEmail: (email) => findUsersByEmail(database, email),
    find: (userId) => findUser(database, userId),
    changeRole: (actor, userId, role) => changeUserRole(database, { actor, userId, role }),
    deleteUser: (actor, userId) => deleteUserAccount(database, { actor, userId }, directory),
  };
}
