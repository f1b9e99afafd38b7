/**
 * GET /api/audit hosted by the local runtime, with real tokens from the local identity provider: who may read it,
 * the filters, paging, and the audit of the export itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startApiWorld, type ApiWorld } from '../../test-support/publishing-world.js';
import type { AuditPage } from '../../shared/audit/audit-query.js';
import { registerAudit } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let sysadmin: string;

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({
    issuers: ['aad', 'b2c'],
    register: ({ database, verifier }) => {
      registerAudit(() => ({ database, verifier }));
    },
  });
  ({ idp, testDb, host } = world);
  sysadmin = await idp.issueToken('sysadmin');
  // 25 sign-ins by two people over three days, oldest first.
  for (let i = 0; i < 25; i += 1) {
    await testDb.database.query(
      `INSERT INTO audit_log (occurred_at, action, outcome, user_id, user_email, user_provenance, user_roles, details)
       VALUES ($1, 'SIGN_IN', $2, $3, $4, 'PI_AAD', '{VERIFIED}', $5)`,
      [
        new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 10), 9, i)),
        i % 5 === 0 ? 'FAILURE' : 'SUCCESS',
        i % 2 === 0 ? 'user-even' : 'user-odd',
        i % 2 === 0 ? 'even@example.com' : 'odd@example.com',
        JSON.stringify({ n: i }),
      ],
    );
  }
  await testDb.database.query(
    `INSERT INTO audit_log (occurred_at, action, outcome) VALUES ('2026-01-02T12:00:00Z', 'LOCATION_DELETE', 'SUCCESS')`,
  );
});

afterAll(() => world.stop());

const get = (query: string, token: string | null = sysadmin) =>
  fetch(`${host.url}/api/audit${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

async function page(query: string): Promise<AuditPage> {
  const response = await get(query);
  expect(response.status).toBe(200);
  return (await response.json()) as AuditPage;
}

const exportAudits = async () =>
  (
    await testDb.database.query<{ outcome: string; user_id: string | null; details: Record<string, unknown> }>(
      "SELECT outcome, user_id, details FROM audit_log WHERE action = 'AUDIT_EXPORT' ORDER BY audit_id",
    )
  ).rows;

describe('GET /api/audit: who may read it', () => {
  it('needs a token (401) of a system administrator (403, audited as DENIED)', async () => {
    expect((await get('', null)).status).toBe(401);
    expect((await get('', 'not-a-token')).status).toBe(401);
    for (const role of ['admin', 'media', 'courtel'] as const) {
      const response = await get('', await idp.issueToken(role));
      expect(response.status, role).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    const denied = await exportAudits();
    expect(denied.map((row) => row.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
    expect(denied[0]?.user_id).toBe(SEEDED_USERS.admin.accountId);
  });
});

describe('GET /api/audit: an admin role is held in the database, never taken from the token (issue 18)', () => {
  it('the sysadmin token gains nothing once the role is taken away here, and regains it when granted here', async () => {
    const sysadminRow = (roles: string[]) =>
      testDb.database.query(
        `UPDATE pip_user SET roles = $1, roles_assigned_at = now() WHERE provenance = 'PI_AAD' AND provenance_user_id = $2`,
        [roles, SEEDED_USERS.sysadmin.accountId],
      );
    const token = await idp.issueToken('sysadmin'); // claims SYSTEM_ADMIN, whatever the database says
    await sysadminRow([]);
    expect((await get('', token)).status).toBe(403);
    await testDb.database.query(
      `UPDATE pip_user SET roles = '{SYSTEM_ADMIN}', roles_assigned_at = NULL WHERE provenance_user_id = $1`,
      [SEEDED_USERS.sysadmin.accountId],
    );
    expect((await get('', token)).status, 'stored but never granted here').toBe(403);
    await sysadminRow(['SYSTEM_ADMIN']);
    expect((await get('', token)).status).toBe(200);
  });
});

describe('GET /api/audit: filters and paging', () => {
  it('pages newest first with a cursor, up to 200 a page, and audits each export', async () => {
    const before = (await exportAudits()).length;
    const first = await page('?action=SIGN_IN&limit=10');
    expect(first.items).toHaveLength(10);
    expect(first.items.map((item) => item.details.n)).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(first.items[0]).toMatchObject({
      action: 'SIGN_IN',
      outcome: 'SUCCESS',
      user: { userId: 'user-even', email: 'even@example.com', provenance: 'PI_AAD', roles: ['VERIFIED'] },
      occurredAt: '2026-01-03T09:24:00.000Z',
    });
    expect(first.items[4]).toMatchObject({ outcome: 'FAILURE', details: { n: 20 } });
    expect(first.nextCursor).not.toBeNull();
    const second = await page(`?action=SIGN_IN&limit=10&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((item) => item.details.n)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    const third = await page(`?action=SIGN_IN&limit=10&cursor=${second.nextCursor ?? ''}`);
    expect(third.items.map((item) => item.details.n)).toEqual([4, 3, 2, 1, 0]);
    expect(third.nextCursor).toBeNull();

    const audits = (await exportAudits()).slice(before);
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({
      outcome: 'SUCCESS',
      user_id: SEEDED_USERS.sysadmin.accountId,
      details: { filter: { action: 'SIGN_IN' }, limit: 10, cursor: false, returned: 10 },
    });
    expect(audits[1]?.details).toMatchObject({ cursor: true });
  });

  it('filters by user and by time (from inclusive, to exclusive)', async () => {
    const odd = await page('?userId=user-odd&limit=200');
    expect(odd.items).toHaveLength(12);
    expect(odd.items.every((item) => item.user.userId === 'user-odd')).toBe(true);
    const day2 = await page('?from=2026-01-02&to=2026-01-03T00:00:00Z&limit=200');
    expect(day2.items.map((item) => item.action).sort()).toEqual(
      [...Array<string>(10).fill('SIGN_IN'), 'LOCATION_DELETE'].sort(),
    );
    const exports = await page('?action=AUDIT_EXPORT&limit=1');
    expect(exports.items[0]).toMatchObject({ action: 'AUDIT_EXPORT', outcome: 'SUCCESS' });
  });

  it('refuses bad parameters with 400 naming each', async () => {
    const response = await get('?limit=201&from=yesterday&action=sign%20in&cursor=%27--');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('INVALID_QUERY');
    expect(body.details.map((detail) => detail.field).sort()).toEqual(['action', 'cursor', 'from', 'limit']);
    expect((await get('?limit=0')).status).toBe(400);
    expect((await get('?from=2026-01-03&to=2026-01-02')).status).toBe(400);
    expect((await get('?limit=200')).status).toBe(200);
  });
});
