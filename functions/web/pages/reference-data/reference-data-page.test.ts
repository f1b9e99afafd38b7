/**
 * /system-admin/reference-data through the real web handler and templates, over real PostgreSQL (the import's stored
 * procedure, the court deletion's rules): a multipart upload imported with its changes counted, a refused file's bad
 * rows in a table under the error summary, each form error, the download (re-uploaded: nothing changes), the deletion
 * of a court with its confirmation and each refusal; everything audited; an upload without the CSRF token refused.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { Session } from '../../../../shared/auth/session-store.js';
import { insertPublicationRow } from '../../../../test-support/publication-rows.js';
import { fixtureUrl } from '../../../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { databaseReferenceDataAdmin } from '../../data/reference-data-admin.js';
import type { TestResponse } from '../../testing/web-test-kit.js';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../../testing/web-test-kit.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { auditRows } from '../../../../test-support/audit-rows.js';

const sample = (name: string) => readFileSync(fixtureUrl('reference-data', name));

const systemAdmin: Principal = testPrincipals.systemAdmin;
const ctscAdmin: Principal = {
  ...systemAdmin,
  userId: 'ctsc-oid',
  roles: ['INTERNAL_ADMIN_CTSC'],
  email: 'ctsc@example.com',
};

let testDb: TestDatabase;
let deps: WebDependencies;
let cookie: string;
let session: Session;
let adminCookie: string;

const sameOrigin = { 'sec-fetch-site': 'same-origin' };

beforeAll(async () => {
  testDb = await createTestDatabase();
  const signIn = fakeSignIn();
  ({ sessionId: cookie, session } = await signIn
    .signInAs(systemAdmin)
    .then((s) => ({ ...s, sessionId: `pip-session=${s.sessionId}` })));
  adminCookie = `pip-session=${(await signIn.signInAs(ctscAdmin)).sessionId}`;
  deps = fakeDependencies({
    signIn,
    overrides: {
      audit: (event) => recordAuditEvent(testDb.database, event),
      referenceData: databaseReferenceDataAdmin(testDb.database),
    },
  });
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('DELETE FROM audit_log');
});

function upload(bytes: Uint8Array | string | null, options: { name?: string; csrf?: string | null } = {}) {
  const form = new FormData();
  if (options.csrf !== null) form.append('_csrf', options.csrf ?? session.csrfToken);
  form.append(
    'file',
    new Blob(bytes === null ? [] : [typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'text/csv' }),
    bytes === null ? '' : (options.name ?? 'courts.csv'),
  );
  return request(deps, '/system-admin/reference-data/upload', { cookie, multipart: form, headers: sameOrigin });
}

const errorSummaryLinks = (page: TestResponse) =>
  [...page.body.matchAll(/<a href="(#[^"]+)">([^<]*)<\/a>/g)].map((match) => [match[1], match[2]?.trim()]);

const audits = (action: string) => auditRows(testDb.database, action);

const courtCount = async () =>
  (await testDb.database.query<{ n: number }>('SELECT count(*)::int AS n FROM court')).rows[0]?.n;

describe('uploading a reference data file', () => {
  it('shows the forms: a multipart upload carrying the CSRF token, the download link, the courts to delete', async () => {
    const page = await request(deps, '/system-admin/reference-data', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Reference data</h1>');
    expect(page.body).toMatch(
      /<form method="post" action="\/system-admin\/reference-data\/upload" enctype="multipart\/form-data"/,
    );
    expect(page.body).toContain(`name="_csrf" value="${session.csrfToken}"`);
    expect(page.body).toContain('href="/system-admin/reference-data/download"');
    expect(page.body).toContain('<option value="9">Single Justice Procedure (9)</option>');
  });

  it('imports a good file and shows what changed; audited', async () => {
    const page = await upload(sample('integration_ValidCsv.csv'), { name: 'ValidCsv.csv' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('ValidCsv.csv was imported.');
    const counts = [
      ...page.body.matchAll(
        /<dt class="govuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*(\d+)/g,
      ),
    ].map((match) => [match[1], Number(match[2])]);
    expect(counts).toEqual([
      ['Rows read', 5],
      ['Courts added', 4],
      ['Courts updated', 0],
      ['Courts unchanged', 0],
      ['Provenance references added', 5],
      ['Provenance references removed', 0],
      ['Provenance references moved from other courts', 0],
    ]);
    // Courts share TestProvenance/1: imported, with a warning.
    expect(page.body).toContain('Warnings: imported, but worth checking');
    expect(page.body).toContain('<option value="3">Test Location Other 2 (3)</option>');
    expect(await audits('REFERENCE_DATA_IMPORT')).toMatchObject([
      {
        outcome: 'SUCCESS',
        object_id: 'ValidCsv.csv',
        details: { source: 'upload', via: 'page', fileName: 'ValidCsv.csv', added: 4 },
      },
    ]);
    // The same file again: nothing changes, as the import reports.
    const again = await upload(sample('integration_ValidCsv.csv'), { name: 'ValidCsv.csv' });
    expect(again.body).toMatch(/Courts unchanged\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*4/);
  });

  it('refuses a bad file: the error summary, and every bad row by line, column and problem; nothing imported', async () => {
    const before = await courtCount();
    const page = await upload(sample('integration_InvalidCsvWithoutLocationType.csv'), { name: 'Invalid.csv' });
    expect(page.status).toBe(400);
    expect(page.body).toContain('<title>Error: Reference data');
    expect(errorSummaryLinks(page)).toEqual([
      ['#file', 'The file has 1 problem and nothing was imported: fix the row in the table and upload it again'],
    ]);
    const rows = [
      ...page.body.matchAll(
        /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g,
      ),
    ].map((match) => [Number(match[1]), match[2], match[3]]);
    expect(rows).toEqual([
      [
        4,
        'Provenance Location Type',
        'missing location type (expected venue, region, owning hearing location or national)',
      ],
    ]);
    expect(await courtCount()).toBe(before);
    expect(await audits('REFERENCE_DATA_IMPORT')).toMatchObject([
      { outcome: 'FAILURE', object_id: 'Invalid.csv', details: { via: 'page', problemCount: 1 } },
    ]);
  });

  it('lists a file-wide problem as the whole row, in Welsh too', async () => {
    const form = new FormData();
    form.append('_csrf', session.csrfToken);
    form.append('file', new Blob(['P&I ID,Court Desc\n1,A court\n']), 'short.csv');
    const page = await request(deps, '/system-admin/reference-data/upload?lng=cy', {
      cookie,
      multipart: form,
      headers: sameOrigin,
    });
    expect(page.status).toBe(400);
    expect(page.body).toContain('Problemau yn y ffeil');
    expect(page.body).toContain('missing column');
  });

  it('asks for a file when none was chosen, and refuses one over 2MB', async () => {
    const none = await upload(null);
    expect(none.status).toBe(400);
    expect(errorSummaryLinks(none)).toEqual([['#file', 'Select a CSV file to upload']]);
    expect(none.body).toContain('<p id="file-error" class="govuk-error-message">');
    const big = await upload('x'.repeat(2 * 1024 * 1024 + 1));
    expect(big.status).toBe(400);
    expect(errorSummaryLinks(big)).toEqual([['#file', 'The file must be smaller than 2MB']]);
    expect(await audits('REFERENCE_DATA_IMPORT')).toEqual([]);
  });

  it('refuses an upload without the CSRF token before anything is imported', async () => {
    const page = await upload(sample('integration_ValidReferenceData.csv'), { csrf: null });
    expect(page.status).toBe(403);
    expect(page.body).toContain('Your form could not be sent');
    expect(await audits('REFERENCE_DATA_IMPORT')).toEqual([]);
    expect(page.logged).toEqual([expect.objectContaining({ event: 'WEB_CSRF_TOKEN_REFUSED' })]);
  });
});

describe('downloading the reference data', () => {
  it('answers a CSV attachment that uploads again unchanged; audited as an export', async () => {
    const download = await request(deps, '/system-admin/reference-data/download', { cookie });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="reference-data-2026-11-30.csv"; filename*=UTF-8''reference-data-2026-11-30.csv`,
    );
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.body.split('\r\n')[0]).toBe(
      'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type,Email,Contact No',
    );
    expect(await audits('REFERENCE_DATA_EXPORT')).toMatchObject([
      { outcome: 'SUCCESS', object_id: 'reference-data-2026-11-30.csv', details: { courts: await courtCount() } },
    ]);
    const page = await upload(download.body, { name: 'reference-data-2026-11-30.csv' });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/Courts added\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0/);
    expect(page.body).toMatch(/Courts updated\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0/);
    expect(page.body).toMatch(/Provenance references added\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0/);
  });
});

describe('deleting a court', () => {
  async function insertCourt(locationId: number, name: string): Promise<void> {
    await testDb.database.query(
      `INSERT INTO court (location_id, name, region, jurisdiction) VALUES ($1, $2, '{Wales}', '{Civil}') ON CONFLICT DO NOTHING`,
      [locationId, name],
    );
  }

  const confirmDelete = (locationId: number | string, options: { csrf?: boolean } = {}) =>
    request(deps, '/system-admin/reference-data/delete', {
      cookie,
      form: { ...(options.csrf === false ? {} : { _csrf: session.csrfToken }), locationId: String(locationId) },
      headers: sameOrigin,
    });

  it('asks which court when none was chosen; an unknown court is 404', async () => {
    const none = await request(deps, '/system-admin/reference-data/delete?locationId=', { cookie });
    expect(none.status).toBe(400);
    expect(errorSummaryLinks(none)).toEqual([['#locationId', 'Choose a court to delete']]);
    expect((await request(deps, '/system-admin/reference-data/delete?locationId=987654', { cookie })).status).toBe(404);
    expect((await request(deps, '/system-admin/reference-data/delete?locationId=abc', { cookie })).status).toBe(404);
  });

  it('confirms, then deletes the court and its references; audited', async () => {
    await insertCourt(7101, 'Court To Delete');
    await testDb.database.query(
      `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (7101, 'MANUAL_UPLOAD', '7101')`,
    );
    const confirm = await request(deps, '/system-admin/reference-data/delete?locationId=7101', { cookie });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Are you sure you want to delete Court To Delete?');
    expect(confirm.body).toContain('<input type="hidden" name="locationId" value="7101">');
    const done = await confirmDelete(7101);
    expect(done.status).toBe(200);
    expect(done.body).toContain('Court To Delete (P&amp;I ID 7101) has been deleted.');
    expect((await testDb.database.query('SELECT 1 FROM court WHERE location_id = 7101')).rows).toEqual([]);
    expect(await audits('LOCATION_DELETE')).toMatchObject([
      {
        outcome: 'SUCCESS',
        object_id: '7101',
        details: { name: 'Court To Delete', referencesDeleted: 1, via: 'page' },
      },
    ]);
    // Deleted already: the court is gone, 404.
    expect((await confirmDelete(7101)).status).toBe(404);
  });

  it('refuses a court with live publications, one with subscribers, and the national SJP location; audited', async () => {
    await insertCourt(7102, 'Court With Lists');
    await insertPublicationRow(testDb.database, { locationId: '7102' });
    await insertCourt(7103, 'Court With Subscribers');
    await testDb.database.query(
      `INSERT INTO subscription (user_id, user_email, search_type, search_value) VALUES ($1, 'a@example.com', 'LOCATION_ID', '7103')`,
      [randomUUID()],
    );
    const refusals: [number, string][] = [
      [
        7102,
        'Court With Lists has live publications (1): delete them, or wait until they are archived, before deleting the court',
      ],
      [
        7103,
        'Court With Subscribers has subscriptions (1): the subscribers must be told and their subscriptions removed before deleting the court',
      ],
      [9, 'The Single Justice Procedure national location cannot be deleted'],
    ];
    for (const [locationId, message] of refusals) {
      const page = await confirmDelete(locationId);
      expect(page.status, String(locationId)).toBe(409);
      expect(page.body).toContain('<title>Error: Delete a court');
      expect(errorSummaryLinks(page)).toEqual([['#delete-court', message]]);
    }
    expect((await testDb.database.query('SELECT 1 FROM court WHERE location_id IN (7102, 7103, 9)')).rows).toHaveLength(
      3,
    );
    expect((await audits('LOCATION_DELETE')).map((row) => [row.outcome, row.object_id, row.details.reason])).toEqual([
      ['FAILURE', '7102', 'HAS_LIVE_PUBLICATIONS'],
      ['FAILURE', '7103', 'HAS_SUBSCRIPTIONS'],
      ['FAILURE', '9', 'PROTECTED'],
    ]);
  });

  it('refuses a deletion without the CSRF token', async () => {
    await insertCourt(7104, 'Court Kept');
    const page = await confirmDelete(7104, { csrf: false });
    expect(page.status).toBe(403);
    expect((await testDb.database.query('SELECT 1 FROM court WHERE location_id = 7104')).rows).toHaveLength(1);
  });
});

describe('who may use it', () => {
  const paths = [
    '/system-admin/reference-data',
    '/system-admin/reference-data/download',
    '/system-admin/reference-data/delete?locationId=9',
  ];

  it.each(paths)('%s: a court admin gets 403, an anonymous visitor is sent to sign in', async (path) => {
    const refused = await request(deps, path, { cookie: adminCookie });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('You do not have permission to view this page');
    const anonymous = await request(deps, path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?returnTo=/);
  });

  it('a court admin cannot upload or delete', async () => {
    const signIn = fakeSignIn();
    const { sessionId, session: adminSession } = await signIn.signInAs(ctscAdmin);
    const adminDeps = { ...deps, signIn };
    const form = new FormData();
    form.append('_csrf', adminSession.csrfToken);
    form.append('file', new Blob([sample('integration_ValidReferenceData.csv')]), 'x.csv');
    const uploaded = await request(adminDeps, '/system-admin/reference-data/upload', {
      cookie: `pip-session=${sessionId}`,
      multipart: form,
      headers: sameOrigin,
    });
    expect(uploaded.status).toBe(403);
    const deleted = await request(adminDeps, '/system-admin/reference-data/delete', {
      cookie: `pip-session=${sessionId}`,
      form: { _csrf: adminSession.csrfToken, locationId: '9' },
      headers: sameOrigin,
    });
    expect(deleted.status).toBe(403);
    expect(await audits('REFERENCE_DATA_IMPORT')).toEqual([]);
    expect(await audits('LOCATION_DELETE')).toEqual([]);
  });
});
