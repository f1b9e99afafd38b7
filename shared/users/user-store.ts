/**
 * User records: one row per person per identity service, created on their first sign-in and brought up to date on
 * every later one (email, names and roles as the identity service now states them, and the time of sign-in).
 */
import type { Principal, Role } from '../auth/principal.js';
import type { Database } from '../db/database.js';

/** The identity services people sign in at (the provenances of people, as opposed to services). */
export type PersonProvenance = 'PI_AAD' | 'CFT_IDAM' | 'CRIME_IDAM';

export interface UserProfile {
  provenance: PersonProvenance;
  provenanceUserId: string;
  email: string | null;
  forenames: string | null;
  surname: string | null;
  roles: readonly Role[];
}

export interface UserRecord extends UserProfile {
  /** Our own id for the person. */
  userId: string;
  createdAt: Date;
  lastSignedInAt: Date;
  /** When a system admin last set the roles here; null while the identity service's roles apply. */
  rolesAssignedAt: Date | null;
}

export interface UserRow {
  user_id: string;
  provenance: PersonProvenance;
  provenance_user_id: string;
  email: string | null;
  forenames: string | null;
  surname: string | null;
  roles: Role[];
  created_at: Date;
  last_signed_in_at: Date;
  roles_assigned_at: Date | null;
}

export const userColumns =
  'user_id, provenance, provenance_user_id, email, forenames, surname, roles, created_at, last_signed_in_at, roles_assigned_at';
const columns = userColumns;

export function recordOf(row: UserRow): UserRecord {
  return {
    userId: row.user_id,
    provenance: row.provenance,
    provenanceUserId: row.provenance_user_id,
    email: row.email,
    forenames: row.forenames,
    surname: row.surname,
    roles: row.roles,
    createdAt: row.created_at,
    lastSignedInAt: row.last_signed_in_at,
    rolesAssignedAt: row.roles_assigned_at,
  };
}

/**
 * Creates the person's record, or updates it from what the identity service says now; one statement, so race-free.
 * Roles a system admin assigned here (roles_assigned_at set) are kept: the answer's roles are the ones that apply
 * (the rule of shared/auth/role-sources.ts effectiveRoles). The profile's roles are the token's, which never include
 * an admin role (role-sources.ts databaseHeldRoles): an admin role is held only once granted at /system-admin/users.
 */
export async function upsertUserOnSignIn(db: Database, profile: UserProfile, signedInAt: Date): Promise<UserRecord> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO pip_user (provenance, provenance_user_id, email, forenames, surname, roles, created_at, last_signed_in_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (provenance, provenance_user_id) DO UPDATE
       SET email = EXCLUDED.email, forenames = EXCLUDED.forenames, surname = EXCLUDED.surname,
           roles = CASE WHEN pip_user.roles_assigned_at IS NULL THEN EXCLUDED.roles ELSE pip_user.roles END,
           last_signed_in_at = EXCLUDED.last_signed_in_at
     RETURNING ${columns}`,
    [
      profile.provenance,
      profile.provenanceUserId,
      profile.email,
      profile.forenames,
      profile.surname,
      [...profile.roles],
      signedInAt,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('upsert into pip_user returned no row');
  return recordOf(row);
}

export async function findUser(db: Database, userId: string): Promise<UserRecord | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
  const { rows } = await db.query<UserRow>(`SELECT ${columns} FROM pip_user WHERE user_id = $1`, [userId]);
  return rows[0] === undefined ? null : recordOf(rows[0]);
}

/** Everyone whose email address is this one (case-insensitive): one per identity service they signed in at. */
export async function findUsersByEmail(db: Database, email: string): Promise<UserRecord[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${columns} FROM pip_user WHERE lower(email) = lower($1) ORDER BY provenance, created_at, user_id`,
    [email.trim()],
  );
  return rows.map(recordOf);
}

export async function findUserByProvenance(
  db: Database,
  provenance: PersonProvenance,
  provenanceUserId: string,
): Promise<UserRecord | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${columns} FROM pip_user WHERE provenance = $1 AND provenance_user_id = $2`,
    [provenance, provenanceUserId],
  );
  return rows[0] === undefined ? null : recordOf(rows[0]);
}

/**
 * Forenames and surname from ID-token claims: given_name and family_name where the service sends them, otherwise
 * the display name split at its last space (Crime IDAM sends only `name`).
 */
export function namesFromClaims(claims: Readonly<Record<string, unknown>>): {
  forenames: string | null;
  surname: string | null;
} {
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  const given = text(claims.given_name);
  const family = text(claims.family_name);
  if (given !== null || family !== null) return { forenames: given, surname: family };
  const name = text(claims.name);
  if (name === null) return { forenames: null, surname: null };
  const split = name.lastIndexOf(' ');
  return split === -1
    ? { forenames: name, surname: null }
    : { forenames: name.slice(0, split), surname: name.slice(split + 1) };
}

/**
 * A verified media account made by approving an application (shared/media-accounts): the person's record at Azure
 * B2C (PI_AAD) with the VERIFIED role, created before they ever sign in, as the live service's account management
 * does. `last_signed_in_at` starts at the approval (the 365-day clock of an account never used starts there) and
 * `last_verified_at` records the verification. Signing in later finds the same row (provenance and id).
 */
export async function recordVerifiedMediaUser(
  db: Database,
  profile: Omit<UserProfile, 'provenance' | 'roles'>,
  verifiedAt: Date,
): Promise<UserRecord> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO pip_user (provenance, provenance_user_id, email, forenames, surname, roles, created_at,
       last_signed_in_at, last_verified_at)
     VALUES ('PI_AAD', $1, $2, $3, $4, ARRAY['VERIFIED'], $5, $5, $5)
     ON CONFLICT (provenance, provenance_user_id) DO UPDATE
       SET email = EXCLUDED.email, forenames = EXCLUDED.forenames, surname = EXCLUDED.surname,
           roles = (SELECT array_agg(DISTINCT role) FROM unnest(pip_user.roles || ARRAY['VERIFIED']) AS role),
           last_verified_at = EXCLUDED.last_verified_at
     RETURNING ${columns}`,
    [profile.provenanceUserId, profile.email, profile.forenames, profile.surname, verifiedAt],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('insert into pip_user returned no row');
  return recordOf(row);
}

/**
 * Every person holding at least one role, as the principal their session would carry (the subscription digest
 * checks each list against the subscriber's access with it). People without roles read PUBLIC lists only, as anyone.
 */
export async function principalsOfPeopleWithRoles(db: Pick<Database, 'query'>): Promise<Principal[]> {
  const { rows } = await db.query<{
    provenance: PersonProvenance;
    provenance_user_id: string;
    email: string | null;
    roles: Role[];
  }>(`SELECT provenance, provenance_user_id, email, roles FROM pip_user WHERE roles <> '{}'`);
  return rows.map((row) => ({
    userId: row.provenance_user_id,
    provenance: row.provenance,
    roles: row.roles,
    email: row.email,
    name: null,
  }));
}

/**
 * A person's roles as held here (roles_assigned_at set), creating their record if they have not signed in yet: how
 * the first system admin of a deployment is made (docs/operations.md) and how the local seeded admins get their
 * roles (local/identity/seed-admin-roles.ts). Later changes go through shared/users/user-admin.ts.
 */
export async function assignRolesHere(
  db: Database,
  profile: Omit<UserProfile, 'provenance' | 'roles'>,
  roles: readonly Role[],
  assignedAt: Date,
): Promise<UserRecord> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO pip_user (provenance, provenance_user_id, email, forenames, surname, roles, created_at,
       last_signed_in_at, roles_assigned_at)
     VALUES ('PI_AAD', $1, $2, $3, $4, $5, $6, $6, $6)
     ON CONFLICT (provenance, provenance_user_id) DO UPDATE
       SET roles = EXCLUDED.roles, roles_assigned_at = EXCLUDED.roles_assigned_at
     RETURNING ${columns}`,
    [profile.provenanceUserId, profile.email, profile.forenames, profile.surname, [...roles], assignedAt],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('insert into pip_user returned no row');
  return recordOf(row);
}
