/**
 * /system-admin/audit and /system-admin/audit/{id} over real PostgreSQL (the audit table's owner, shared/audit): newest
 * first, each filter, keyset paging, the date inputs' validation in the error summary, an entry's page, 404 for an
 * unknown entry, and each reading audited (AUDIT_VIEW).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAuditEvent, type AuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { databaseAuditLog } from '../../data/audit-log-reader.js';
import type { TestResponse } from '../../testing/web-test-kit.js';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../../testing/web-test-kit.js';
import { AUDIT_LOG_PAGE_SIZE } from './audit-log-page.js';
import { parseAuditLogQuery } from './audit-log-query.js';

const systemAdmin: Principal = testPrincipals.systemAdmin;
const alice: Principal = {
  userId: 'alice-oid',
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: 'Alice@Example.com',
  name: 'Alice',
};

let testDb: TestDatabase;
let cookie: string;
let deps: ReturnType<typeof fakeDependencies>;
/** Entry ids by label, as inserted. */
const ids: Record<string, string> = {};

async function insertAt(label: string, occurredAt: string, event: AuditEvent): Promise<void> {
  await recordAuditEvent(testDb.database, event);
  const { rows } = await testDb.database.query<{ audit_id: string }>(
    `UPDATE audit_log SET occurred_at = $1 WHERE audit_id = (SELECT max(audit_id) FROM audit_log) RETURNING audit_id::text`,
    [occurredAt],
  );
  ids[label] = rows[0]?.audit_id ?? '';
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Oldest first, so ids and times agree: 30 sign-ins by Alice on 1 to 30 November, then two deletions.
  for (let day = 1; day <= 30; day += 1) {
    await insertAt(`signIn${day}`, `2026-11-${String(day).padStart(2, '0')}T09:00:00Z`, {
      action: 'SIGN_IN',
      outcome: 'SUCCESS',
      actor: alice,
    });
  }
  await insertAt('deleteRefused', '2026-11-30T10:00:00Z', {
    action: 'PUBLICATION_DELETE',
    outcome: 'DENIED',
    actor: alice,
    objectType: 'publication',
    objectId: 'pub-1',
  });
  await insertAt('deleted', '2026-11-30T11:00:00Z', {
    action: 'PUBLICATION_DELETE',
    outcome: 'SUCCESS',
    actor: systemAdmin,
    objectType: 'publication',
    objectId: 'pub-1',
    details: { reason: 'sent in error' },
  });
  const signIn = fakeSignIn();
  const { sessionId } = await signIn.signInAs(systemAdmin);
  cookie = `pip-session=${sessionId}`;
  deps = fakeDependencies({
    signIn,
    overrides: {
      audit: (event) => recordAuditEvent(testDb.database, event),
      auditLog: databaseAuditLog(testDb.database),
    },
  });
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query(`DELETE FROM audit_log WHERE action = 'AUDIT_VIEW'`);
});

/** The entry ids linked from the page's table, in order. */
function linkedIds(page: TestResponse): string[] {
  return [...page.body.matchAll(/href="\/system-admin\/audit\/(\d+)"/g)].map((match) => match[1] ?? '');
}

function olderHref(page: TestResponse): string | null {
  const match = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(page.body);
  return match?.[1]?.replaceAll('&amp;', '&') ?? null;
}

async function views(): Promise<{ object_id: string | null; details: Record<string, unknown>; user_id: string }[]> {
  const { rows } = await testDb.database.query<{
    object_id: string | null;
    details: Record<string, unknown>;
    user_id: string;
  }>(`SELECT object_id, details, user_id FROM audit_log WHERE action = 'AUDIT_VIEW' ORDER BY audit_id`);
  return rows;
}

describe('the audit log', () => {
  it('lists the newest entries first, a page at a time, and its reading is audited', async () => {
    const page = await request(deps, '/system-admin/audit', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Audit log</h1>');
    expect(linkedIds(page)).toHaveLength(AUDIT_LOG_PAGE_SIZE);
    expect(linkedIds(page).slice(0, 3)).toEqual([ids.deleted, ids.deleteRefused, ids.signIn30]);
    expect(page.body).toContain('30 November 2026 at 11:00:00');
    expect(page.body).toContain('publication: pub-1');
    expect(await views()).toEqual([
      {
        object_id: null,
        user_id: 'sysadmin-oid',
        details: { filter: {}, cursor: false, returned: AUDIT_LOG_PAGE_SIZE },
      },
    ]);
  });

  it('pages by keyset: the older page follows on exactly, keeps the filters, and entries written meanwhile do not shift it', async () => {
    const first = await request(deps, '/system-admin/audit?action=sign_in', { cookie });
    const firstIds = linkedIds(first);
    expect(firstIds).toHaveLength(AUDIT_LOG_PAGE_SIZE);
    const next = olderHref(first);
    expect(next).toMatch(/^\/system-admin\/audit\?action=sign_in&cursor=/);
    // A new sign-in arrives while the admin reads.
    await recordAuditEvent(testDb.database, { action: 'SIGN_IN', outcome: 'SUCCESS', actor: alice });
    const second = await request(deps, next ?? '', { cookie });
    const secondIds = linkedIds(second);
    expect(secondIds).toEqual([5, 4, 3, 2, 1].map((day) => ids[`signIn${day}`]));
    expect(olderHref(second)).toBeNull();
    expect(second.body).toContain('href="/system-admin/audit?action=sign_in" rel="prev"');
    await testDb.database.query(`DELETE FROM audit_log WHERE audit_id > $1 AND action = 'SIGN_IN'`, [ids.deleted]);
  });

  it('filters by user id or email address (any case), by action (any case) and by a date range of whole days', async () => {
    const byEmail = await request(deps, '/system-admin/audit?user=alice%40example.com&action=publication_delete', {
      cookie,
    });
    expect(linkedIds(byEmail)).toEqual([ids.deleteRefused]);
    // (The admin's own readings are in the log too: the action keeps them out here.)
    const byId = await request(deps, '/system-admin/audit?user=sysadmin-oid&action=PUBLICATION_DELETE', { cookie });
    expect(linkedIds(byId)).toEqual([ids.deleted]);
    const range = await request(
      deps,
      '/system-admin/audit?from-day=3&from-month=11&from-year=2026&to-day=5&to-month=11&to-year=2026',
      { cookie },
    );
    expect(linkedIds(range)).toEqual([ids.signIn5, ids.signIn4, ids.signIn3]);
    expect(range.body).toContain('name="from-day" type="text" value="3"');
    const none = await request(deps, '/system-admin/audit?action=NEVER_HAPPENED', { cookie });
    expect(none.body).toContain('No entries match these filters.');
    expect((await views()).map((view) => view.details.filter)).toEqual([
      { user: 'alice@example.com', action: 'PUBLICATION_DELETE' },
      { user: 'sysadmin-oid', action: 'PUBLICATION_DELETE' },
      { from: '2026-11-03T00:00:00.000Z', to: '2026-11-06T00:00:00.000Z' },
      { action: 'NEVER_HAPPENED' },
    ]);
  });

  const invalid: { query: string; field: string; message: string }[] = [
    {
      query: 'from-day=3&from-year=2026',
      field: 'from-day',
      message: 'The from date must include a day, month and year',
    },
    {
      query: 'from-day=31&from-month=2&from-year=2026',
      field: 'from-day',
      message: 'The from date must be a real date',
    },
    { query: 'to-day=x&to-month=2&to-year=2026', field: 'to-day', message: 'The to date must be a real date' },
    {
      query: 'from-day=5&from-month=11&from-year=2026&to-day=4&to-month=11&to-year=2026',
      field: 'to-day',
      message: 'The to date must be the same as or after the from date',
    },
    { query: 'action=sign-in', field: 'action', message: 'Action must be an action code, like SIGN_IN' },
    { query: `user=${'a'.repeat(255)}`, field: 'user', message: 'User must be 254 characters or fewer' },
  ];
  it.each(invalid)(
    '$message: in the error summary, linked to the field, and nothing is read',
    async ({ query, field, message }) => {
      const page = await request(deps, `/system-admin/audit?${query}`, { cookie });
      expect(page.status).toBe(400);
      expect(page.body).toContain('<title>Error: Audit log - ');
      expect(page.body).toContain('govuk-error-summary');
      expect(page.body).toContain(`<a href="#${field}">${message}</a>`);
      expect(page.body).toMatch(new RegExp(`<p id="${field.replace('-day', '')}-error" class="govuk-error-message">`));
      expect(page.body).toContain(`id="${field}"`);
      expect(linkedIds(page)).toEqual([]);
      expect(await views()).toEqual([]);
    },
  );

  it('shows the errors in Welsh', async () => {
    const page = await request(deps, '/system-admin/audit?lng=cy&from-day=31&from-month=2&from-year=2026', { cookie });
    expect(page.body).toContain('Rhaid i’r dyddiad ‘o’ fod yn ddyddiad go iawn');
  });

  it('a cursor that is not one of ours starts from the newest entries', () => {
    expect(parseAuditLogQuery(new URLSearchParams('cursor=not-ours')).afterAuditId).toBeNull();
  });
});

describe('an audit log entry', () => {
  it('shows every field, and its reading is audited', async () => {
    const page = await request(deps, `/system-admin/audit/${ids.deleted}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<h1 class="govuk-heading-l">Audit log entry ${ids.deleted}</h1>`);
    for (const text of [
      'PUBLICATION_DELETE',
      'Success',
      'sysadmin-oid',
      'system.admin@example.com',
      'SYSTEM_ADMIN',
      'pub-1',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain('&quot;reason&quot;: &quot;sent in error&quot;');
    expect(page.body).toContain('href="/system-admin/audit"');
    expect(await views()).toEqual([{ object_id: ids.deleted, user_id: 'sysadmin-oid', details: {} }]);
  });

  it.each(['999999', 'abc', '0', '99999999999999999999'])('%s: the 404 page, nothing audited', async (id) => {
    const page = await request(deps, `/system-admin/audit/${id}`, { cookie });
    expect(page.status).toBe(404);
    expect(await views()).toEqual([]);
  });
});
