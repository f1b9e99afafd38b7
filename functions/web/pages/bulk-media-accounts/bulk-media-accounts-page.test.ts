/**
 * /system-admin/bulk-media-accounts through the real web handler and templates, over real PostgreSQL, Azurite and the
 * local Notify endpoint: a CSV with bad lines is refused with each line number in the error summary and nothing made;
 * a good CSV is shown for checking, then each account is made (directory, verified user row, welcome email), an
 * email that already has an account is reported, each creation audited; only system admins may use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalNotify } from '../../../../local/notify/local-notify.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { MediaAccountDirectory } from '../../../../shared/media-accounts/media-account-directory.js';
import { findUserByProvenance } from '../../../../shared/users/user-store.js';
import type { TestDatabase } from '../../../../test-support/test-database.js';
import { startMediaAccountPages, type MediaAccountPages } from '../../../../test-support/media-account-pages.js';
import type { TestResponse } from '../../testing/web-test-kit.js';
import { request, testPrincipals, type fakeDependencies } from '../../testing/web-test-kit.js';

const systemAdmin: Principal = testPrincipals.systemAdmin;
const ctscAdmin: Principal = { ...systemAdmin, userId: 'ctsc-oid', roles: ['INTERNAL_ADMIN_CTSC'] };
const sameSite = { 'sec-fetch-site': 'same-origin' };

let testDb: TestDatabase;
let notify: LocalNotify;
let deps: ReturnType<typeof fakeDependencies>;
let admin: { cookie: string; csrf: string };
let ctscCookie: string;
const existing = new Set(['taken@example.com']);
const directory: MediaAccountDirectory = {
  name: 'test',
  createMediaAccount: (account) => {
    if (existing.has(account.email)) {
      return Promise.resolve({ ok: false, reason: 'ALREADY_EXISTS', message: 'exists' });
    }
    existing.add(account.email);
    return Promise.resolve({ ok: true, objectId: `oid-${account.email}` });
  },
};

let world: MediaAccountPages;

beforeAll(async () => {
  world = await startMediaAccountPages(directory);
  ({ testDb, notify, deps } = world);
  admin = await world.signInAs(systemAdmin);
  ctscCookie = (await world.signInAs(ctscAdmin)).cookie;
});

afterAll(() => world.stop());

function upload(csv: string | null, cookie = admin.cookie): Promise<TestResponse> {
  const data = new FormData();
  data.append('_csrf', admin.csrf);
  data.append('file', new Blob(csv === null ? [] : [csv], { type: 'text/csv' }), csv === null ? '' : 'people.csv');
  return request(deps, '/system-admin/bulk-media-accounts', { cookie, multipart: data, headers: sameSite });
}

function summary(page: TestResponse): string[] {
  const list = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => `${match[1]}: ${match[2]}`);
}

describe('bulk media accounts', () => {
  it('shows the upload form in English and Welsh', async () => {
    const page = await request(deps, '/system-admin/bulk-media-accounts', { cookie: admin.cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bulk create media accounts');
    const welsh = await request(deps, '/system-admin/bulk-media-accounts?lng=cy', { cookie: admin.cookie });
    expect(welsh.body).toContain('Creu cyfrifon cyfryngau mewn swmp');
  });

  it('refuses a missing file and a file with bad lines, naming each line, and makes nothing', async () => {
    expect(summary(await upload(null))).toEqual(['#file: Select a CSV file']);
    const page = await upload(
      'email,firstName,surname\nok@example.com,Ok,Fine\nbad-email,Ann,Lee\nx@example.com,,Ray\n',
    );
    expect(page.status).toBe(400);
    expect(summary(page)).toEqual([
      '#file: Line 3: Enter an email address in the correct format, like name@example.com',
      '#file: Line 4: Enter a first name of 200 characters or fewer',
    ]);
    expect(notify.outbox()).toEqual([]);
    const { rows } = await testDb.database.query(`SELECT 1 FROM pip_user`);
    expect(rows).toEqual([]);
  });

  it('shows a good file for checking, then makes each account and says what happened to each', async () => {
    const check = await upload('email,firstName,surname\nann@example.com,Ann,Lee\ntaken@example.com,Tay,Ken\n');
    expect(check.status).toBe(200);
    expect(check.body).toContain('Check the accounts to create');
    expect(check.body).toContain('<input type="hidden" name="email" value="ann@example.com">');
    const form = new URLSearchParams({ _csrf: admin.csrf });
    for (const [email, first, last] of [
      ['ann@example.com', 'Ann', 'Lee'],
      ['taken@example.com', 'Tay', 'Ken'],
    ] as const) {
      form.append('email', email);
      form.append('firstName', first);
      form.append('surname', last);
    }
    const done = await request(deps, '/system-admin/bulk-media-accounts/create', {
      cookie: admin.cookie,
      form,
      headers: sameSite,
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('1 of 2 accounts created.');
    expect(done.body).toContain('Not created: an account with this email already exists');
    expect(await findUserByProvenance(testDb.database, 'PI_AAD', 'oid-ann@example.com')).toMatchObject({
      email: 'ann@example.com',
      forenames: 'Ann',
      surname: 'Lee',
      roles: ['VERIFIED'],
    });
    expect(notify.outbox().map((email) => email.recipient)).toEqual(['ann@example.com']);
    const { rows } = await testDb.database.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'BULK_MEDIA_ACCOUNT_CREATE' ORDER BY audit_id`,
    );
    // The refused upload of the previous test, the missing file, then one creation and one refusal.
    expect(rows.map((row) => row.outcome)).toEqual(['FAILURE', 'FAILURE', 'SUCCESS', 'FAILURE']);
  });

  it('sends a create with fields that do not check back to the upload page', async () => {
    const form = new URLSearchParams({ _csrf: admin.csrf, email: 'not-an-email', firstName: 'A', surname: 'B' });
    const answer = await request(deps, '/system-admin/bulk-media-accounts/create', {
      cookie: admin.cookie,
      form,
      headers: sameSite,
    });
    expect(answer.headers.location).toBe('/system-admin/bulk-media-accounts');
  });

  it('refuses a CTSC admin (403)', async () => {
    const page = await request(deps, '/system-admin/bulk-media-accounts', { cookie: ctscCookie });
    expect(page.status).toBe(403);
  });
});
