/**
 * What a registered third party does with its own token (real tokens from the local identity provider, the local
 * runtime, PostgreSQL and Azurite): it subscribes itself to list types for push (GET/PUT
 * /api/third-party/subscriptions), and it reads single publications (/api/publication/{id}/payload) by what its
 * registration allows, as its feed does, not by the roles its token happens to carry.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerClient } from '@azure/storage-blob';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { Sensitivity } from '../../shared/publications/publication.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { pushSubscribersTo } from '../../shared/third-parties/third-party-store.js';
import { localApiVerifier } from '../../test-support/local-identity.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerPublications } from '../publications/registration.js';
import { registerThirdParties } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let courtel: string;
let sysadmin: string;
let thirdPartyId: string | undefined;

beforeAll(async () => {
  [idp, testDb] = await Promise.all([startLocalIdentityProvider({ port: 0 }), createTestDatabase()]);
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.create();
  const verifier = await localApiVerifier(idp, testDb.database, ['aad', 'b2c']);
  registerThirdParties(() => ({
    database: testDb.database,
    verifier,
    pushClient: createPushClient({ secrets: settingsPushSecrets({}) }),
    now: () => new Date(),
  }));
  registerPublications(() => ({ database: testDb.database, publications, verifier, now: () => new Date() }));
  host = await startTestHost();
  // The courtel client's token carries VERIFIED_THIRD_PARTY_PRESS (local/identity/local-identities.ts).
  [courtel, sysadmin] = await Promise.all([idp.issueToken('courtel'), idp.issueToken('sysadmin')]);
});

afterAll(async () => {
  await host.stop();
  await Promise.all([idp.stop(), testDb.drop(), publications.deleteIfExists()]);
});

/** Registers (or changes) Courtel, reading with the `courtel` client id; with push settings unless told. */
async function register(status: string, role: string, push = true): Promise<void> {
  const body = JSON.stringify({
    name: 'Courtel',
    status,
    role,
    oauthClientId: 'courtel',
    ...(push
      ? {
          pushEndpoint: 'http://127.0.0.1:9/push',
          pushTokenUrl: 'http://127.0.0.1:9/token',
          pushClientId: 'pip-push-courtel',
          pushSecretName: 'COURTEL_PUSH_SECRET',
        }
      : {}),
  });
  const response = await fetch(`${host.url}/api/third-parties${thirdPartyId === undefined ? '' : `/${thirdPartyId}`}`, {
    method: thirdPartyId === undefined ? 'POST' : 'PUT',
    headers: { authorization: `Bearer ${sysadmin}`, 'content-type': 'application/json' },
    body,
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  thirdPartyId = ((await response.json()) as { thirdPartyId: string }).thirdPartyId;
}

const subscriptions = (method: 'GET' | 'PUT', body?: unknown, token: string | null = courtel) =>
  fetch(`${host.url}/api/third-party/subscriptions`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const audited = async (action: string) =>
  (
    await testDb.database.query<{ outcome: string; details: Record<string, unknown> }>(
      'SELECT outcome, details FROM audit_log WHERE action = $1 ORDER BY audit_id',
      [action],
    )
  ).rows;

describe('a third party subscribes itself to list types (/api/third-party/subscriptions)', () => {
  it('is refused anonymous (401), to other roles and while unregistered or suspended (403)', async () => {
    expect((await subscriptions('GET', undefined, null)).status).toBe(401);
    expect((await subscriptions('PUT', { listTypes: [] }, await idp.issueToken('media'))).status).toBe(403);
    const unregistered = await subscriptions('PUT', { listTypes: ['SJP_PRESS_LIST'] });
    expect(unregistered.status).toBe(403);
    expect(await unregistered.json()).toMatchObject({ code: 'THIRD_PARTY_NOT_REGISTERED' });
    await register('SUSPENDED', 'VERIFIED_THIRD_PARTY_PRESS');
    const suspended = await subscriptions('PUT', { listTypes: ['SJP_PRESS_LIST'] });
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ code: 'THIRD_PARTY_SUSPENDED' });
    const refusals = await audited('THIRD_PARTY_SUBSCRIPTIONS_UPDATE');
    // The other role, the unregistered client and the suspended third party.
    expect(refusals.map((row) => row.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
  });

  it('sets and reads its list types; push planning then finds it; unknown list types are refused (400)', async () => {
    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_PRESS');
    const set = await subscriptions('PUT', {
      listTypes: ['SJP_PRESS_LIST', 'CIVIL_DAILY_CAUSE_LIST', 'SJP_PRESS_LIST'],
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      thirdPartyId,
      listTypes: ['CIVIL_DAILY_CAUSE_LIST', 'SJP_PRESS_LIST'],
      pushConfigured: true,
    });
    const read = await subscriptions('GET');
    expect(((await read.json()) as { listTypes: string[] }).listTypes).toEqual([
      'CIVIL_DAILY_CAUSE_LIST',
      'SJP_PRESS_LIST',
    ]);
    // Reading them is audited too, with what was read.
    expect(
      (await audited('THIRD_PARTY_SUBSCRIPTIONS_VIEW')).map((row) => [row.outcome, row.details.listTypes]),
    ).toEqual([['SUCCESS', ['CIVIL_DAILY_CAUSE_LIST', 'SJP_PRESS_LIST']]]);
    const subscribers = await pushSubscribersTo(testDb.database, 'SJP_PRESS_LIST');
    expect(subscribers.map((party) => party.thirdPartyId)).toEqual([thirdPartyId]);

    const unknown = await subscriptions('PUT', { listTypes: ['NO_SUCH_LIST'] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: 'INVALID_SUBSCRIPTIONS',
      details: [{ field: 'listTypes.0', problem: '"NO_SUCH_LIST" is not a list type' }],
    });
    expect((await subscriptions('PUT', {})).status).toBe(400);
    expect((await subscriptions('PUT', { listTypes: [], role: 'VERIFIED_THIRD_PARTY_ALL' })).status).toBe(400);

    // The whole set is replaced: an empty one unsubscribes from everything.
    const cleared = await subscriptions('PUT', { listTypes: [] });
    expect(((await cleared.json()) as { listTypes: string[] }).listTypes).toEqual([]);
    expect(await pushSubscribersTo(testDb.database, 'SJP_PRESS_LIST')).toEqual([]);

    const changes = (await audited('THIRD_PARTY_SUBSCRIPTIONS_UPDATE')).slice(3);
    expect(changes.map((row) => [row.outcome, row.details.reason ?? row.details.listTypes])).toEqual([
      ['SUCCESS', ['CIVIL_DAILY_CAUSE_LIST', 'SJP_PRESS_LIST']],
      ['FAILURE', 'INVALID'],
      ['FAILURE', 'INVALID'],
      ['FAILURE', 'INVALID'],
      ['SUCCESS', []],
    ]);
  });

  it('is refused (409) while no push endpoint is registered for it', async () => {
    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_PRESS', false);
    const refused = await subscriptions('PUT', { listTypes: ['SJP_PRESS_LIST'] });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'PUSH_NOT_CONFIGURED' });
    expect(((await (await subscriptions('GET')).json()) as { pushConfigured: boolean }).pushConfigured).toBe(false);
  });
});

describe('a registered third party reads a publication by its registration', () => {
  async function publication(listType: string, sensitivity: Sensitivity): Promise<string> {
    const artefactId = randomUUID();
    await insertPublicationRow(testDb.database, { artefactId, listType, sensitivity, blobName: artefactId });
    await publications.getBlockBlobClient(artefactId).uploadData(Buffer.from(`{"${listType}":1}`));
    return artefactId;
  }
  const payload = async (artefactId: string) =>
    (
      await fetch(`${host.url}/api/publication/${artefactId}/payload`, {
        headers: { authorization: `Bearer ${courtel}` },
      })
    ).status;

  it('reads what its registered role allows, not what its token says; nothing restricted while suspended', async () => {
    const press = await publication('SJP_PRESS_LIST', 'CLASSIFIED');
    const crime = await publication('CROWN_DAILY_LIST', 'CLASSIFIED');
    const privateList = await publication('CIVIL_DAILY_CAUSE_LIST', 'PRIVATE');
    const publicList = await publication('FAMILY_DAILY_CAUSE_LIST', 'PUBLIC');

    // Registered for crime lists: the press list its token's role would open is refused, the crime list is read.
    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_CRIME');
    expect([await payload(press), await payload(crime), await payload(privateList)]).toEqual([404, 200, 200]);

    await register('ACTIVE', 'GENERAL_THIRD_PARTY');
    expect([await payload(press), await payload(crime), await payload(privateList)]).toEqual([404, 404, 404]);
    expect(await payload(publicList)).toBe(200);

    await register('SUSPENDED', 'VERIFIED_THIRD_PARTY_ALL');
    expect([await payload(press), await payload(crime), await payload(privateList)]).toEqual([404, 404, 404]);
    expect(await payload(publicList)).toBe(200);

    await register('ACTIVE', 'VERIFIED_THIRD_PARTY_PRESS');
    expect([await payload(press), await payload(crime), await payload(privateList)]).toEqual([200, 404, 200]);

    // Each restricted read, allowed or not, is audited with the caller.
    const reads = await testDb.database.query<{ outcome: string; object_id: string }>(
      "SELECT outcome, object_id FROM audit_log WHERE action = 'RESTRICTED_LIST_ACCESS' AND object_id = $1 ORDER BY audit_id",
      [crime],
    );
    expect(reads.rows.map((row) => row.outcome)).toEqual(['SUCCESS', 'DENIED', 'DENIED', 'DENIED']);

    // Every read by its token, of any list (PUBLIC too), is a data transfer to that third party, audited.
    const transfers = await testDb.database.query<{
      outcome: string;
      object_id: string;
      details: Record<string, unknown>;
    }>(
      "SELECT outcome, object_id, details FROM audit_log WHERE action = 'THIRD_PARTY_DATA_TRANSFER' AND object_id = $1 ORDER BY audit_id",
      [publicList],
    );
    expect(transfers.rows.map((row) => [row.outcome, row.details.thirdPartyId, row.details.part])).toEqual([
      ['SUCCESS', thirdPartyId, 'payload'],
      ['SUCCESS', thirdPartyId, 'payload'],
    ]);
    const allTransfers = await testDb.database.query<{ outcome: string; n: string }>(
      "SELECT outcome, count(*) AS n FROM audit_log WHERE action = 'THIRD_PARTY_DATA_TRANSFER' AND object_type = 'publication' GROUP BY 1 ORDER BY 1",
    );
    // 14 reads above: 6 allowed, 8 refused.
    expect(allTransfers.rows.map((row) => [row.outcome, Number(row.n)])).toEqual([
      ['DENIED', 8],
      ['SUCCESS', 6],
    ]);
    // Someone who is not a third party is not a data transfer.
    const publicRead = await fetch(`${host.url}/api/publication/${publicList}/payload`, {
      headers: { authorization: `Bearer ${await idp.issueToken('media')}` },
    });
    expect(publicRead.status).toBe(200);
    const after = await testDb.database.query(
      "SELECT 1 FROM audit_log WHERE action = 'THIRD_PARTY_DATA_TRANSFER' AND object_type = 'publication'",
    );
    expect(after.rowCount).toBe(14);
  });
});
