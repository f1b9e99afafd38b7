/**
 * Registering and changing third parties, and testing their connection, each with its audit record: the one way the
 * API (functions/third-parties) and the page (/system-admin/third-parties) do it.
 */
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type Database } from '../db/database.js';
import { testConnection, type ConnectionTest, type PushClient } from './push-client.js';
import { thirdPartyJson, type ThirdParty, type ThirdPartyInput } from './third-party.js';
import { createThirdParty, setPushListTypes, updateThirdParty, type ThirdPartyWrite } from './third-party-store.js';

/** The audit details of a registration: what it is now, and what changed. */
export function changeDetails(previous: ThirdParty | null, current: ThirdPartyInput): Record<string, unknown> {
  const now = thirdPartyJsonOfInput(current);
  if (previous === null) return { registration: now };
  const before = thirdPartyJsonOfInput(previous);
  const changed = Object.keys(now).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(now[key]));
  return {
    changed,
    from: Object.fromEntries(changed.map((key) => [key, before[key]])),
    to: Object.fromEntries(changed.map((key) => [key, now[key]])),
  };
}

/** The registration's fields as the API answers them, without its id and bookkeeping. */
function thirdPartyJsonOfInput(input: ThirdPartyInput): Record<string, unknown> {
  const bookkeeping = new Set(['thirdPartyId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
  const json = thirdPartyJson({
    ...input,
    thirdPartyId: '',
    createdAt: new Date(0),
    createdBy: '',
    updatedAt: new Date(0),
    updatedBy: '',
  });
  return Object.fromEntries(Object.entries(json).filter(([key]) => !bookkeeping.has(key)));
}

/**
 * Registers or changes a third party with its audit record in one transaction: the one write the API and the
 * page share. A conflict (a name or read client id already registered) is audited as a FAILURE.
 */
export async function saveThirdParty(
  database: Database,
  actor: Principal,
  thirdPartyId: string | null,
  input: ThirdPartyInput,
  via: 'API' | 'THIRD_PARTIES_PAGE',
): Promise<ThirdPartyWrite> {
  const action = thirdPartyId === null ? 'THIRD_PARTY_CREATE' : 'THIRD_PARTY_UPDATE';
  return inTransaction(database, async (client) => {
    const result =
      thirdPartyId === null
        ? await createThirdParty(client, input, actor.userId)
        : await updateThirdParty(client, thirdPartyId, input, actor.userId);
    await recordAuditEvent(client, {
      action,
      outcome: result.ok ? 'SUCCESS' : 'FAILURE',
      actor,
      objectType: 'third_party',
      ...(result.ok
        ? { objectId: result.thirdParty.thirdPartyId }
        : thirdPartyId === null
          ? {}
          : { objectId: thirdPartyId }),
      details: result.ok
        ? { via, ...changeDetails(result.previous, input) }
        : { via, reason: result.reason, name: input.name },
    });
    return result;
  });
}

/** Runs "test connection" and audits it (THIRD_PARTY_CONNECTION_TEST): the API and the page share it. */
export async function runConnectionTest(
  deps: { database: Database; pushClient: PushClient },
  actor: Principal,
  thirdParty: ThirdParty,
  via: 'API' | 'THIRD_PARTIES_PAGE',
): Promise<ConnectionTest> {
  const result = await testConnection(deps.pushClient, thirdParty.push);
  await recordAuditEvent(deps.database, {
    action: 'THIRD_PARTY_CONNECTION_TEST',
    outcome: result.ok ? 'SUCCESS' : 'FAILURE',
    actor,
    objectType: 'third_party',
    objectId: thirdParty.thirdPartyId,
    details: result.ok
      ? { via, healthStatus: result.healthStatus }
      : { via, stage: result.stage, status: result.status, message: result.message },
  });
  return result;
}

/**
 * A third party subscribes itself to list types for push (PUT /api/third-party/subscriptions): the whole set replaced,
 * audited (THIRD_PARTY_SUBSCRIPTIONS_UPDATE, what was and what is) in the same transaction. Push settings must be
 * registered first (by a system admin): without them nothing could be pushed.
 */
export async function saveOwnSubscriptions(
  database: Database,
  actor: Principal,
  thirdParty: ThirdParty,
  listTypes: string[],
): Promise<ThirdPartyWrite | { ok: false; reason: 'NO_PUSH_SETTINGS' }> {
  if (thirdParty.push === null && listTypes.length > 0) {
    await recordAuditEvent(database, {
      action: 'THIRD_PARTY_SUBSCRIPTIONS_UPDATE',
      outcome: 'FAILURE',
      actor,
      objectType: 'third_party',
      objectId: thirdParty.thirdPartyId,
      details: { via: 'THIRD_PARTY_API', reason: 'NO_PUSH_SETTINGS', listTypes },
    });
    return { ok: false, reason: 'NO_PUSH_SETTINGS' };
  }
  return inTransaction(database, async (client) => {
    const result = await setPushListTypes(client, thirdParty.thirdPartyId, listTypes, actor.userId);
    await recordAuditEvent(client, {
      action: 'THIRD_PARTY_SUBSCRIPTIONS_UPDATE',
      outcome: result.ok ? 'SUCCESS' : 'FAILURE',
      actor,
      objectType: 'third_party',
      objectId: thirdParty.thirdPartyId,
      details: result.ok
        ? { via: 'THIRD_PARTY_API', previous: result.previous?.pushListTypes ?? [], listTypes }
        : { via: 'THIRD_PARTY_API', reason: result.reason },
    });
    return result;
  });
}
