/**
 * /api/third-parties hosted by the local runtime, with real tokens from the local identity provider: who may
 * register third parties, what is checked, the audit of each change, and "test connection" against a receiver that
 * checks the token the local identity provider issued for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_PUSH_CLIENT } from '../../local/identity/local-identities.js';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import type { ThirdPartyJson } from '../../shared/third-parties/third-party.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startApiWorld, type ApiWorld } from '../../test-support/publishing-world.js';
import { startThirdPartyReceiver, type ThirdPartyReceiver } from '../../test-support/third-party-receiver.js';
import { registerThirdParties } from './registration.js';
import { auditRows } from '../../test-support/audit-rows.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let receiver: ThirdPartyReceiver;
let sysadmin: string;

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({
    issuers: ['aad', 'b2c'],
    register: ({ database, verifier }) => {
      const pushClient = createPushClient({
        secrets: settingsPushSecrets({
          COURTEL_PUSH_SECRET: THIRD_PARTY_PUSH_CLIENT.clientSecret,
          WRONG_PUSH_SECRET: 'nope',
          SESSION_SECRET: THIRD_PARTY_PUSH_CLIENT.clientSecret,
        }),
      });
      registerThirdParties(() => ({ database, verifier, pushClient, now: () => new Date() }));
    },
  });
  ({ idp, testDb, host } = world);
  receiver = await startThirdPartyReceiver(idp);
  sysadmin = await idp.issueToken('sysadmin');
});

afterAll(async () => {
  await world.stop();
  await receiver.stop();
});

const call = (method: string, path: string, body?: unknown, token: string | null = sysadmin) =>
  fetch(`${host.url}/api/third-parties${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const courtel = () => ({
  name: 'Courtel',
  status: 'PENDING',
  role: 'VERIFIED_THIRD_PARTY_PRESS',
  oauthClientId: 'courtel',
  pushEndpoint: receiver.endpoint,
  pushHealthUrl: receiver.healthUrl,
  pushTokenUrl: receiver.tokenUrl,
  pushClientId: THIRD_PARTY_PUSH_CLIENT.clientId,
  pushScope: THIRD_PARTY_PUSH_CLIENT.scope,
  pushSecretName: 'COURTEL_PUSH_SECRET',
  pushListTypes: ['sjp_press_list', 'SJP_PUBLIC_LIST'],
});

const audits = (action: string) => auditRows(testDb.database, action);

describe('/api/third-parties', () => {
  let created: ThirdPartyJson;

  it('is for system admins only: 401 without a token, 403 (audited) for other roles', async () => {
    expect((await call('GET', '', undefined, null)).status).toBe(401);
    for (const role of ['admin', 'media', 'courtel'] as const) {
      expect((await call('POST', '', courtel(), await idp.issueToken(role))).status, role).toBe(403);
    }
    expect((await audits('THIRD_PARTY_CREATE')).map((row) => row.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
  });

  it('registers a third party (201, audited) and refuses the same name again (409)', async () => {
    const response = await call('POST', '', courtel());
    expect(response.status).toBe(201);
    created = (await response.json()) as ThirdPartyJson;
    expect(created).toMatchObject({
      name: 'Courtel',
      status: 'PENDING',
      role: 'VERIFIED_THIRD_PARTY_PRESS',
      pushSecretName: 'COURTEL_PUSH_SECRET',
      pushListTypes: ['SJP_PRESS_LIST', 'SJP_PUBLIC_LIST'],
    });
    expect(response.headers.get('location')).toBe(`/api/third-parties/${created.thirdPartyId}`);
    expect(JSON.stringify(created)).not.toContain(THIRD_PARTY_PUSH_CLIENT.clientSecret);

    const again = await call('POST', '', { ...courtel(), name: 'COURTEL', oauthClientId: null });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'THIRD_PARTY_NAME_TAKEN', details: [{ field: 'name' }] });
    const sameClient = await call('POST', '', { ...courtel(), name: 'Other' });
    expect(await sameClient.json()).toMatchObject({ code: 'THIRD_PARTY_CLIENT_ID_TAKEN' });

    const records = await audits('THIRD_PARTY_CREATE');
    expect(records.slice(3).map((row) => row.outcome)).toEqual(['SUCCESS', 'FAILURE', 'FAILURE']);
    expect(records[3]).toMatchObject({ object_id: created.thirdPartyId, details: { via: 'API' } });
  });

  it('refuses a bad registration with 400 naming each field', async () => {
    const response = await call('POST', '', {
      name: '',
      status: 'ON',
      role: 'SYSTEM_ADMIN',
      pushEndpoint: 'http://courtel.example.com/in',
      pushListTypes: ['NOT_A_LIST'],
      pushSecretName: 'has spaces',
      secret: 'plain text',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('INVALID_THIRD_PARTY');
    expect(new Set(body.details.map((detail) => detail.field))).toEqual(
      new Set(['name', 'status', 'role', 'pushEndpoint', 'pushListTypes.0', 'pushSecretName', 'body']),
    );
  });

  it('refuses a push secret name that is not a push secret setting, so no registration can send our own secrets', async () => {
    const response = await call('PUT', `/${created.thirdPartyId}`, { ...courtel(), pushSecretName: 'SESSION_SECRET' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details: { field: string; problem: string }[] };
    expect(body.details).toEqual([expect.objectContaining({ field: 'pushSecretName' })]);
    expect(body.details[0]?.problem).toMatch(/_PUSH_SECRET/);
  });

  it('changes the status (audited with what changed), lists and reads it', async () => {
    const response = await call('PUT', `/${created.thirdPartyId}`, { ...courtel(), status: 'ACTIVE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ACTIVE' });
    const [update] = await audits('THIRD_PARTY_UPDATE');
    expect(update).toMatchObject({
      outcome: 'SUCCESS',
      object_id: created.thirdPartyId,
      details: { changed: ['status'], from: { status: 'PENDING' }, to: { status: 'ACTIVE' } },
    });
    const list = (await (await call('GET', '')).json()) as ThirdPartyJson[];
    expect(list.map((item) => item.name)).toEqual(['Courtel']);
    expect((await call('GET', `/${created.thirdPartyId}`)).status).toBe(200);
    expect((await call('GET', '/not-an-id')).status).toBe(404);
    expect((await call('PUT', '/1b3d1b3d-1b3d-4b3d-8b3d-1b3d1b3d1b3d', courtel())).status).toBe(404);
  });

  it('tests the connection: a token from their token server, then their health endpoint (audited)', async () => {
    const ok = await call('POST', `/${created.thirdPartyId}/test-connection`);
    expect(await ok.json()).toEqual({ ok: true, healthStatus: 200 });

    await call('PUT', `/${created.thirdPartyId}`, { ...courtel(), pushSecretName: 'WRONG_PUSH_SECRET' });
    const refused = await call('POST', `/${created.thirdPartyId}/test-connection`);
    expect(await refused.json()).toMatchObject({ ok: false, stage: 'TOKEN', status: 401 });

    await call('PUT', `/${created.thirdPartyId}`, { ...courtel(), pushSecretName: 'UNSET_PUSH_SECRET' });
    const unset = await call('POST', `/${created.thirdPartyId}/test-connection`);
    expect(await unset.json()).toMatchObject({ ok: false, stage: 'SECRET' });

    receiver.down();
    try {
      await call('PUT', `/${created.thirdPartyId}`, courtel());
      const down = await call('POST', `/${created.thirdPartyId}/test-connection`);
      expect(await down.json()).toMatchObject({ ok: false, stage: 'HEALTH', status: 503 });
    } finally {
      receiver.up();
    }
    expect((await audits('THIRD_PARTY_CONNECTION_TEST')).map((row) => row.outcome)).toEqual([
      'SUCCESS',
      'FAILURE',
      'FAILURE',
      'FAILURE',
    ]);
    expect(receiver.refusedTokens).toBe(0);
  });
});
