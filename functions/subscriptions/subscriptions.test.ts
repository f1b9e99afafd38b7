/**
 * The subscriptions API hosted by the local runtime over real HTTP and PostgreSQL, with real tokens from the local
 * identity provider: who may subscribe, what a subscription may say, one row per subscription however often (or
 * concurrently) it is asked for, each caller seeing and deleting only their own, and the audit of it all.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import { API_CLIENTS, SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { SubscriptionJson } from '../../shared/subscriptions/subscription.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startApiWorld, type ApiWorld } from '../../test-support/publishing-world.js';
import { registerSubscriptions } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
const tokens: Record<'media' | 'cft' | 'crime' | 'courtel' | 'admin' | 'sysadmin' | 'hmi', string> = {
  media: '',
  cft: '',
  crime: '',
  courtel: '',
  admin: '',
  sysadmin: '',
  hmi: '',
};

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({
    poolSize: 8,
    register: ({ database, verifier }) => {
      registerSubscriptions(() => ({ database, verifier }));
    },
    courts: [
      { locationId: 1501, name: 'Oxford Combined Court Centre' },
      { locationId: 1502, name: 'Reading Crown Court' },
    ],
  });
  ({ idp, testDb, host } = world);
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[role] = await idp.issueToken(role);
});
afterAll(() => world.stop());
beforeEach(async () => {
  await testDb.database.query("TRUNCATE subscription; DELETE FROM audit_log WHERE action LIKE 'SUBSCRIPTION%'");
});

type Caller = keyof typeof tokens | null;
const authorization = (caller: Caller): Record<string, string> =>
  caller === null ? {} : { authorization: `Bearer ${tokens[caller]}` };

const post = (caller: Caller, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization(caller), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const list = (caller: Caller) => fetch(`${host.url}/api/subscriptions`, { headers: authorization(caller) });
const remove = (caller: Caller, id: string) =>
  fetch(`${host.url}/api/subscriptions/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: authorization(caller),
  });

async function subscribe(caller: Caller, body: unknown, status = 201): Promise<SubscriptionJson> {
  const response = await post(caller, body);
  expect(response.status, JSON.stringify(body)).toBe(status);
  return (await response.json()) as SubscriptionJson;
}
async function mine(caller: Caller): Promise<SubscriptionJson[]> {
  const response = await list(caller);
  expect(response.status).toBe(200);
  return (await response.json()) as SubscriptionJson[];
}
const audits = async (action: string) =>
  (
    await testDb.database.query<{
      outcome: string;
      user_id: string | null;
      user_email: string | null;
      object_id: string | null;
      details: Record<string, unknown>;
    }>('SELECT outcome, user_id, user_email, object_id, details FROM audit_log WHERE action = $1 ORDER BY audit_id', [
      action,
    ])
  ).rows;
const rows = async () =>
  (
    await testDb.database.query<{ user_email: string | null; search_value: string }>(
      'SELECT user_email, search_value FROM subscription ORDER BY created_at',
    )
  ).rows;

describe('who may subscribe', () => {
  it('answers 401 without a valid token', async () => {
    for (const response of [
      await post(null, { searchType: 'LOCATION_ID', searchValue: '1501' }),
      await list(null),
      await remove(null, randomUUID()),
      await post(null, { searchType: 'LOCATION_ID', searchValue: '1501' }, { authorization: 'Bearer not-a-token' }),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ details: [{ field: 'Authorization' }] });
    }
    expect(await rows()).toEqual([]);
  });

  it('refuses (403, audited as DENIED) administrators and publishers, who hold no subscriptions', async () => {
    for (const caller of ['admin', 'sysadmin', 'hmi'] as const) {
      const response = await post(caller, { searchType: 'LOCATION_ID', searchValue: '1501' });
      expect(response.status, caller).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'FORBIDDEN', details: [{ field: 'Authorization' }] });
    }
    expect((await list('admin')).status).toBe(403);
    expect((await remove('admin', 'abc')).status).toBe(403);
    expect(await rows()).toEqual([]);
    const denied = await audits('SUBSCRIPTION_CREATE');
    expect(denied.map((row) => [row.outcome, row.user_id])).toEqual([
      ['DENIED', SEEDED_USERS.admin.accountId],
      ['DENIED', SEEDED_USERS.sysadmin.accountId],
      ['DENIED', API_CLIENTS.hmi.clientId],
    ]);
    expect((await audits('SUBSCRIPTION_LIST')).map((row) => row.outcome)).toEqual(['DENIED']);
    expect((await audits('SUBSCRIPTION_DELETE')).map((row) => [row.outcome, row.object_id])).toEqual([
      ['DENIED', 'abc'],
    ]);
  });

  it('lets verified people (B2C media, CFT IDAM, Crime IDAM) and third parties subscribe, each as themselves', async () => {
    for (const caller of ['media', 'cft', 'crime', 'courtel'] as const) {
      await subscribe(caller, { searchType: 'LIST_TYPE', searchValue: 'SJP_PUBLIC_LIST' });
    }
    for (const caller of ['media', 'cft', 'crime', 'courtel'] as const) {
      expect(
        (await mine(caller)).map((s) => s.searchValue),
        caller,
      ).toEqual(['SJP_PUBLIC_LIST']);
    }
    // Digests go to the token's email address; a third party (client credentials) has none and gets no email.
    expect((await rows()).map((row) => row.user_email).sort()).toEqual(
      ['caseworker@example.com', 'crime.user@example.com', 'media.user@example.com', null].sort(),
    );
  });
});

describe('POST /api/subscriptions', () => {
  it('answers 201 with the subscription in canonical form, audits it, and lists it', async () => {
    const response = await post('media', {
      searchType: 'LOCATION_ID',
      searchValue: ' 01501 ',
      listTypes: ['sjp_public_list', 'CIVIL_DAILY_CAUSE_LIST', 'SJP_PUBLIC_LIST'],
      languages: ['WELSH', 'ENGLISH'],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const created = (await response.json()) as SubscriptionJson;
    expect(created).toEqual({
      subscriptionId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      searchType: 'LOCATION_ID',
      searchValue: '1501',
      listTypes: ['CIVIL_DAILY_CAUSE_LIST', 'SJP_PUBLIC_LIST'],
      languages: ['ENGLISH', 'WELSH'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    expect(await mine('media')).toEqual([created]);
    expect(await audits('SUBSCRIPTION_CREATE')).toEqual([
      {
        outcome: 'SUCCESS',
        user_id: SEEDED_USERS.media.accountId,
        user_email: 'media.user@example.com',
        object_id: created.subscriptionId,
        details: {
          searchType: 'LOCATION_ID',
          searchValue: '1501',
          listTypes: ['CIVIL_DAILY_CAUSE_LIST', 'SJP_PUBLIC_LIST'],
          languages: ['ENGLISH', 'WELSH'],
          created: true,
          emailDigest: true,
        },
      },
    ]);
  });

  it('subscribes by case number, case name, URN and party name, trimmed, and by list type as its catalogue id', async () => {
    const made = [
      await subscribe('cft', { searchType: 'CASE_NUMBER', searchValue: '  T20257001 ' }),
      await subscribe('cft', { searchType: 'CASE_NAME', searchValue: 'Smith v Jones' }),
      await subscribe('cft', { searchType: 'CASE_URN', searchValue: '01AB2345678' }),
      await subscribe('cft', { searchType: 'PARTY_NAME', searchValue: 'Acme Ltd' }),
      await subscribe('cft', { searchType: 'LIST_TYPE', searchValue: 'civil_daily_cause_list', listTypes: [] }),
    ];
    expect(made.map((s) => s.searchValue)).toEqual([
      'T20257001',
      'Smith v Jones',
      '01AB2345678',
      'Acme Ltd',
      'CIVIL_DAILY_CAUSE_LIST',
    ]);
    // Newest first.
    expect((await mine('cft')).map((s) => s.subscriptionId)).toEqual(made.map((s) => s.subscriptionId).reverse());
  });

  it('answers 200 with the subscription already held when it is asked for again (case, spaces, order aside)', async () => {
    const first = await subscribe('media', { searchType: 'CASE_NAME', searchValue: 'Smith v Jones' });
    const again = await subscribe('media', { searchType: 'CASE_NAME', searchValue: '  SMITH V JONES' }, 200);
    expect(again).toEqual(first);
    const court = await subscribe('media', {
      searchType: 'LOCATION_ID',
      searchValue: '1501',
      languages: ['WELSH', 'ENGLISH'],
    });
    expect(
      await subscribe(
        'media',
        { searchType: 'LOCATION_ID', searchValue: '1501', languages: ['ENGLISH', 'WELSH', 'WELSH'], listTypes: [] },
        200,
      ),
    ).toEqual(court);
    // Another narrowing, or another person, is another subscription.
    await subscribe('media', { searchType: 'LOCATION_ID', searchValue: '1501', languages: ['WELSH'] });
    await subscribe('crime', { searchType: 'CASE_NAME', searchValue: 'Smith v Jones' });
    expect(await mine('media')).toHaveLength(3);
    expect((await audits('SUBSCRIPTION_CREATE')).map((row) => row.details.created)).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  it('converges concurrent identical requests on one subscription', async () => {
    const body = { searchType: 'LOCATION_ID', searchValue: '1502', listTypes: ['CROWN_DAILY_PDDA_LIST'] };
    const responses = await Promise.all(Array.from({ length: 8 }, () => post('media', body)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as SubscriptionJson[];
    expect(new Set(bodies.map((b) => b.subscriptionId)).size).toBe(1);
    expect(await rows()).toHaveLength(1);
  });

  it('takes the subscriber from the token only: a user id or email in the body is refused', async () => {
    const response = await post('media', {
      searchType: 'CASE_NUMBER',
      searchValue: 'T1',
      userId: SEEDED_USERS.admin.accountId,
      email: 'someone.else@example.com',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'INVALID_SUBSCRIPTION',
      details: [
        { field: 'userId', problem: 'is not a field of a subscription' },
        { field: 'email', problem: 'is not a field of a subscription' },
      ],
    });
    expect(await rows()).toEqual([]);
  });

  it('answers 400 naming each field that is missing or wrong', async () => {
    const cases: [unknown, { field: string; problem: string }[]][] = [
      [{ searchValue: '1501' }, [{ field: 'searchType', problem: 'is required' }]],
      [{ searchType: 'LOCATION_ID' }, [{ field: 'searchValue', problem: 'is required' }]],
      [
        { searchType: 'COURT', searchValue: '1501' },
        [
          {
            field: 'searchType',
            problem: 'must be one of LOCATION_ID, CASE_NUMBER, CASE_URN, CASE_NAME, PARTY_NAME, LIST_TYPE',
          },
        ],
      ],
      [{ searchType: 'CASE_NAME', searchValue: '   ' }, [{ field: 'searchValue', problem: 'must not be empty' }]],
      [
        { searchType: 'CASE_NAME', searchValue: 'x'.repeat(201) },
        [{ field: 'searchValue', problem: 'must be at most 200 characters' }],
      ],
      [
        { searchType: 'PARTY_NAME', searchValue: 'Acme\u0000Ltd' },
        [{ field: 'searchValue', problem: 'must not contain control characters' }],
      ],
      [{ searchType: 'CASE_NAME', searchValue: 42 }, [{ field: 'searchValue', problem: expect.any(String) as string }]],
      [
        { searchType: 'LOCATION_ID', searchValue: 'Oxford' },
        [{ field: 'searchValue', problem: 'must be a court id (digits) for LOCATION_ID' }],
      ],
      [
        { searchType: 'LOCATION_ID', searchValue: '99999999999' },
        [{ field: 'searchValue', problem: 'must be a court id (digits) for LOCATION_ID' }],
      ],
      [
        { searchType: 'LOCATION_ID', searchValue: '4242' },
        [{ field: 'searchValue', problem: 'no court has the id 4242' }],
      ],
      [
        { searchType: 'LIST_TYPE', searchValue: 'NOT_A_LIST' },
        [{ field: 'searchValue', problem: '"NOT_A_LIST" is not a known list type' }],
      ],
      [
        { searchType: 'LIST_TYPE', searchValue: 'CROWN_DAILY_LIST' },
        [{ field: 'searchValue', problem: 'CROWN_DAILY_LIST is deprecated: it is no longer published' }],
      ],
      [
        { searchType: 'LOCATION_ID', searchValue: '1501', listTypes: ['SJP_PUBLIC_LIST', 'NOT_A_LIST'] },
        [{ field: 'listTypes[1]', problem: '"NOT_A_LIST" is not a known list type' }],
      ],
      [
        { searchType: 'LOCATION_ID', searchValue: '1501', listTypes: 'SJP_PUBLIC_LIST' },
        [{ field: 'listTypes', problem: expect.any(String) as string }],
      ],
      [
        { searchType: 'LOCATION_ID', searchValue: '1501', languages: ['FRENCH'] },
        [{ field: 'languages[0]', problem: 'must be one of ENGLISH, WELSH, BI_LINGUAL' }],
      ],
      [
        { searchType: 'CASE_NUMBER', searchValue: 'T1', listTypes: ['SJP_PUBLIC_LIST'], languages: ['WELSH'] },
        [
          { field: 'listTypes', problem: 'may only narrow a LOCATION_ID subscription' },
          { field: 'languages', problem: 'may only narrow a LOCATION_ID subscription' },
        ],
      ],
      [[{ searchType: 'CASE_NUMBER', searchValue: 'T1' }], [{ field: 'body', problem: 'must be a JSON object' }]],
      ['null', [{ field: 'body', problem: 'must be a JSON object' }]],
    ];
    for (const [body, details] of cases) {
      const response = await post('media', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json(), JSON.stringify(body)).toEqual({
        code: 'INVALID_SUBSCRIPTION',
        message: expect.stringMatching(/^The subscription is not valid: /) as string,
        details,
      });
    }
    expect(await rows()).toEqual([]);
    expect(await audits('SUBSCRIPTION_CREATE')).toEqual([]);
  });

  it('answers 400 for a body that is not JSON, 415 for another media type and 413 for a large body', async () => {
    const notJson = await post('media', '{"searchType": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      code: 'INVALID_JSON',
      details: [{ field: 'body', problem: 'is not valid JSON' }],
    });
    const empty = await post('media', '');
    expect(await empty.json()).toMatchObject({
      code: 'INVALID_JSON',
      details: [{ field: 'body', problem: 'is empty' }],
    });
    const form = await post('media', 'searchType=CASE_NUMBER&searchValue=T1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'content-type' }] });
    const large = await post('media', { searchType: 'CASE_NUMBER', searchValue: 'T1', padding: 'x'.repeat(20_000) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body' }] });
  });
});

describe('DELETE /api/subscriptions/{subscriptionId}', () => {
  it("deletes the caller's own subscription, audited; anyone else's, an unknown id or a malformed one is the same 404", async () => {
    const own = await subscribe('media', { searchType: 'CASE_NUMBER', searchValue: 'T1' });
    const kept = await subscribe('media', { searchType: 'CASE_NUMBER', searchValue: 'T2' });
    const someoneElses = await subscribe('cft', { searchType: 'CASE_NUMBER', searchValue: 'T1' });

    const notFound = [
      await remove('media', someoneElses.subscriptionId),
      await remove('media', randomUUID()),
      await remove('media', 'not-a-uuid'),
    ];
    const bodies = await Promise.all(notFound.map((response) => response.json()));
    expect(notFound.map((response) => response.status)).toEqual([404, 404, 404]);
    expect(bodies[0]).toEqual({
      code: 'SUBSCRIPTION_NOT_FOUND',
      message: 'You have no subscription with this id',
      details: [{ field: 'subscriptionId', problem: 'is not one of your subscriptions' }],
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(await mine('cft')).toEqual([someoneElses]);

    const deleted = await remove('media', own.subscriptionId);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ...own, message: 'The subscription has been deleted' });
    expect(await mine('media')).toEqual([kept]);
    expect((await remove('media', own.subscriptionId)).status).toBe(404);

    expect(
      (await audits('SUBSCRIPTION_DELETE')).map((row) => [row.outcome, row.user_id, row.object_id, row.details]),
    ).toEqual([
      ['FAILURE', SEEDED_USERS.media.accountId, someoneElses.subscriptionId, { reason: 'NOT_FOUND' }],
      ['FAILURE', SEEDED_USERS.media.accountId, expect.any(String), { reason: 'NOT_FOUND' }],
      ['FAILURE', SEEDED_USERS.media.accountId, 'not-a-uuid', { reason: 'NOT_FOUND' }],
      [
        'SUCCESS',
        SEEDED_USERS.media.accountId,
        own.subscriptionId,
        { searchType: 'CASE_NUMBER', searchValue: 'T1', listTypes: [], languages: [] },
      ],
      ['FAILURE', SEEDED_USERS.media.accountId, own.subscriptionId, { reason: 'NOT_FOUND' }],
    ]);
  });
});
