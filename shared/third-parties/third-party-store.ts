/**
 * The `third_party` table (migration 075; this module owns it): registering, changing and finding third parties.
 * Knows nothing of Azure Functions. Callers audit (THIRD_PARTY_CREATE, THIRD_PARTY_UPDATE) in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import type { DatabaseClient } from '../db/database.js';
import type { ThirdParty, ThirdPartyInput } from './third-party.js';

/** A row as the columns below name it: a ThirdParty, but for its push settings, gathered here. */
interface ThirdPartyRow extends Omit<ThirdParty, 'push'> {
  pushEndpoint: string | null;
  pushHealthUrl: string | null;
  pushTokenUrl: string | null;
  pushClientId: string | null;
  pushScope: string | null;
  pushSecretName: string | null;
}

interface Rows<T> {
  rows: T[];
}

const columns = `third_party_id AS "thirdPartyId", name, status, role, oauth_client_id AS "oauthClientId",
  push_endpoint AS "pushEndpoint", push_health_url AS "pushHealthUrl", push_token_url AS "pushTokenUrl",
  push_client_id AS "pushClientId", push_scope AS "pushScope", push_secret_name AS "pushSecretName",
  push_list_types AS "pushListTypes", created_at AS "createdAt", created_by AS "createdBy", updated_at AS "updatedAt",
  updated_by AS "updatedBy"`;

function toThirdParty(row: ThirdPartyRow): ThirdParty {
  const { pushEndpoint, pushHealthUrl, pushTokenUrl, pushClientId, pushScope, pushSecretName, ...fields } = row;
  const push =
    pushEndpoint !== null && pushTokenUrl !== null && pushClientId !== null && pushSecretName !== null
      ? {
          endpoint: pushEndpoint,
          healthUrl: pushHealthUrl,
          tokenUrl: pushTokenUrl,
          clientId: pushClientId,
          scope: pushScope,
          secretName: pushSecretName,
        }
      : null;
  return { ...fields, push };
}

async function select(db: Queryable, text: string, values: unknown[]): Promise<ThirdParty[]> {
  const result = (await db.query(text, values)) as Rows<ThirdPartyRow>;
  return result.rows.map(toThirdParty);
}

function inputValues(input: ThirdPartyInput): unknown[] {
  return [
    input.name,
    input.status,
    input.role,
    input.oauthClientId,
    input.push?.endpoint ?? null,
    input.push?.healthUrl ?? null,
    input.push?.tokenUrl ?? null,
    input.push?.clientId ?? null,
    input.push?.scope ?? null,
    input.push?.secretName ?? null,
    input.pushListTypes,
  ];
}

export type ThirdPartyConflict = 'NAME_TAKEN' | 'CLIENT_ID_TAKEN';

function conflictOf(error: unknown): ThirdPartyConflict | null {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return null;
  return constraint === 'third_party_client_key' ? 'CLIENT_ID_TAKEN' : 'NAME_TAKEN';
}

export type ThirdPartyWrite =
  | { ok: true; thirdParty: ThirdParty; previous: ThirdParty | null }
  | { ok: false; reason: ThirdPartyConflict | 'NOT_FOUND' };

/**
 * Runs one write in a savepoint, so that a refused one (a unique index) leaves the caller's transaction usable for
 * its audit record.
 */
async function conflictSafe(client: DatabaseClient, write: () => Promise<ThirdPartyWrite>): Promise<ThirdPartyWrite> {
  await client.query('SAVEPOINT third_party_write');
  try {
    const result = await write();
    await client.query('RELEASE SAVEPOINT third_party_write');
    return result;
  } catch (error) {
    const conflict = conflictOf(error);
    if (conflict === null) throw error;
    await client.query('ROLLBACK TO SAVEPOINT third_party_write');
    return { ok: false, reason: conflict };
  }
}

/**
 * Registers a third party (inside the caller's transaction); a name (ignoring case) or read client id already
 * registered is refused.
 */
export async function createThirdParty(
  db: DatabaseClient,
  input: ThirdPartyInput,
  by: string,
): Promise<ThirdPartyWrite> {
  return conflictSafe(db, async () => {
    const [created] = await select(
      db,
      `INSERT INTO third_party (third_party_id, name, status, role, oauth_client_id, push_endpoint, push_health_url,
         push_token_url, push_client_id, push_scope, push_secret_name, push_list_types, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       RETURNING ${columns}`,
      [randomUUID(), ...inputValues(input), by],
    );
    if (!created) throw new Error('INSERT into third_party returned no row');
    return { ok: true, thirdParty: created, previous: null };
  });
}

/** Replaces a third party's registration (inside the caller's transaction); answers the one it replaced. */
export async function updateThirdParty(
  db: DatabaseClient,
  thirdPartyId: string,
  input: ThirdPartyInput,
  by: string,
): Promise<ThirdPartyWrite> {
  const [previous] = await select(db, `SELECT ${columns} FROM third_party WHERE third_party_id = $1 FOR UPDATE`, [
    thirdPartyId,
  ]);
  if (!previous) return { ok: false, reason: 'NOT_FOUND' };
  return conflictSafe(db, async () => {
    const [updated] = await select(
      db,
      `UPDATE third_party SET name = $2, status = $3, role = $4, oauth_client_id = $5, push_endpoint = $6,
         push_health_url = $7, push_token_url = $8, push_client_id = $9, push_scope = $10, push_secret_name = $11,
         push_list_types = $12, updated_by = $13, updated_at = now()
       WHERE third_party_id = $1 RETURNING ${columns}`,
      [thirdPartyId, ...inputValues(input), by],
    );
    if (!updated) return { ok: false, reason: 'NOT_FOUND' };
    return { ok: true, thirdParty: updated, previous };
  });
}

/** Replaces only the list types pushed to a third party (it subscribes itself); answers the one it replaced. */
export async function setPushListTypes(
  db: DatabaseClient,
  thirdPartyId: string,
  listTypes: string[],
  by: string,
): Promise<ThirdPartyWrite> {
  const [previous] = await select(db, `SELECT ${columns} FROM third_party WHERE third_party_id = $1 FOR UPDATE`, [
    thirdPartyId,
  ]);
  if (!previous) return { ok: false, reason: 'NOT_FOUND' };
  const [updated] = await select(
    db,
    `UPDATE third_party SET push_list_types = $2, updated_by = $3, updated_at = now()
      WHERE third_party_id = $1 RETURNING ${columns}`,
    [thirdPartyId, listTypes, by],
  );
  if (!updated) return { ok: false, reason: 'NOT_FOUND' };
  return { ok: true, thirdParty: updated, previous };
}

export async function findThirdParty(db: Queryable, thirdPartyId: string): Promise<ThirdParty | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(thirdPartyId)) return null;
  const [found] = await select(db, `SELECT ${columns} FROM third_party WHERE third_party_id = $1`, [thirdPartyId]);
  return found ?? null;
}

/** Every third party, by name. */
export async function listThirdParties(db: Queryable): Promise<ThirdParty[]> {
  return select(db, `SELECT ${columns} FROM third_party ORDER BY lower(name), third_party_id`, []);
}

/** The third party whose read tokens carry this client id, if one is registered. */
export async function findThirdPartyByClientId(db: Queryable, clientId: string): Promise<ThirdParty | null> {
  const [found] = await select(db, `SELECT ${columns} FROM third_party WHERE oauth_client_id = $1`, [clientId]);
  return found ?? null;
}

/** ACTIVE third parties with push settings subscribed to this list type: who a publication of it is pushed to. */
export async function pushSubscribersTo(db: Queryable, listType: string): Promise<ThirdParty[]> {
  return select(
    db,
    `SELECT ${columns} FROM third_party
      WHERE status = 'ACTIVE' AND push_endpoint IS NOT NULL AND $1 = ANY (push_list_types)
      ORDER BY third_party_id`,
    [listType],
  );
}

/**
 * What a third party's token may read through the publication read API (/api/publication/{id}, /payload, /file):
 * when its client id is registered, exactly what the registration allows (its role while ACTIVE; nothing beyond
 * PUBLIC while PENDING or SUSPENDED), as the feed and push decide. Any other caller is answered unchanged.
 */
export async function asRegisteredReader(db: Queryable, principal: Principal): Promise<Principal> {
  return (await registeredReader(db, principal)).principal;
}

/**
 * `asRegisteredReader`, and which third party it is: `thirdPartyId` is the registration's id for a registered third
 * party's token, null for an unregistered one, and undefined for any caller that is not a third party.
 */
export async function registeredReader(
  db: Queryable,
  principal: Principal,
): Promise<{ principal: Principal; thirdPartyId?: string | null }> {
  if (principal.provenance !== 'THIRD_PARTY') return { principal };
  const registered = await findThirdPartyByClientId(db, principal.userId);
  if (registered === null) return { principal, thirdPartyId: null };
  return {
    principal: { ...principal, roles: registered.status === 'ACTIVE' ? [registered.role] : [] },
    thirdPartyId: registered.thirdPartyId,
  };
}
