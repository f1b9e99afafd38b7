/**
 * /admin/media-applications through the real web handler and templates, over real PostgreSQL, Azurite and the
 * local Notify endpoint: the list, an application, its proof of ID (inline, no-store, audited as restricted data),
 * approving (account made in the directory, verified user row, welcome email, blob deleted, audited), an approval
 * the directory cannot make (visible failure, nothing changed), rejecting with reasons (email with the reasons), the
 * forms' errors, who may and may not open the pages, and the CSRF token.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalNotify } from '../../../../local/notify/local-notify.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { MediaAccountDirectory } from '../../../../shared/media-accounts/media-account-directory.js';
import { unconfiguredMediaAccountDirectory } from '../../../../shared/media-accounts/media-account-directory.js';
import { tinyPdf, tinyPng } from '../../../../shared/media-accounts/test-images.test-support.js';
import { findUserByProvenance } from '../../../../shared/users/user-store.js';
import type { TestDatabase } from '../../../../test-support/test-database.js';
import { startMediaAccountPages, type MediaAccountPages } from '../../../../test-support/media-account-pages.js';
import { request, testPrincipals, type fakeDependencies, type FakeSignIn } from '../../testing/web-test-kit.js';
import { TEST_WELCOME_TEMPLATE, TEST_REJECTION_TEMPLATE } from '../../../../test-support/media-accounts.js';
import { auditRows } from '../../../../test-support/audit-rows.js';

const ctscAdmin: Principal = testPrincipals.ctscAdmin;
const localAdmin: Principal = { ...ctscAdmin, userId: 'local-oid', roles: ['INTERNAL_ADMIN_LOCAL'] };
const sameSite = { 'sec-fetch-site': 'same-origin' };

let testDb: TestDatabase;
let notify: LocalNotify;
let container: ContainerClient;
let signIn: FakeSignIn;
let directoryConfigured = true;
const directory: MediaAccountDirectory = {
  name: 'test',
  createMediaAccount: (account) =>
    directoryConfigured
      ? Promise.resolve({ ok: true, objectId: `oid-${account.email}` })
      : unconfiguredMediaAccountDirectory.createMediaAccount(account),
};
let deps: ReturnType<typeof fakeDependencies>;
let admin: { cookie: string; csrf: string };

let world: MediaAccountPages;

beforeAll(async () => {
  world = await startMediaAccountPages(directory);
  ({ testDb, notify, container, signIn, deps } = world);
  admin = await world.signInAs(ctscAdmin);
});

afterAll(() => world.stop());

beforeEach(async () => {
  await testDb.database.query('DELETE FROM media_application');
  await testDb.database.query('DELETE FROM audit_log');
  notify.clear();
  directoryConfigured = true;
  for await (const blob of container.listBlobsFlat()) await container.deleteBlob(blob.name);
});

async function apply(
  email = 'jo@news.example',
  bytes = tinyPng(),
  contentType: 'image/png' | 'application/pdf' = 'image/png',
) {
  const result = await deps.mediaAccounts.submit(
    { fullName: 'Jo de Souza', email, employer: 'The Daily Example' },
    { bytes, contentType, fileName: 'card' },
    new Date('2026-11-29T09:00:00Z'),
  );
  if (!result.ok) throw new Error(result.reason);
  return result.application.applicationId;
}

const audits = (action: string) => auditRows(testDb.database, action);

async function blobCount(): Promise<number> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names.length;
}

function post(path: string, fields: Record<string, string | string[]>, csrf = admin.csrf) {
  const form = new URLSearchParams({ _csrf: csrf });
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  return request(deps, path, { cookie: admin.cookie, headers: sameSite, form });
}

describe('reviewing media applications', () => {
  it('lists the pending applications and opens one, with its proof of ID shown from the guarded route', async () => {
    const id = await apply();
    const list = await request(deps, '/admin/media-applications', { cookie: admin.cookie });
    expect(list.status).toBe(200);
    expect(list.body).toContain('Jo de Souza');
    expect(list.body).toContain(`href="/admin/media-applications/${id}"`);
    const page = await request(deps, `/admin/media-applications/${id}`, { cookie: admin.cookie });
    expect(page.body).toContain('jo@news.example');
    expect(page.body).toContain(`src="/admin/media-applications/${id}/proof-of-id"`);
    const image = await request(deps, `/admin/media-applications/${id}/proof-of-id`, { cookie: admin.cookie });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toBe(`inline; filename="proof-of-id-${id}.png"`);
    expect(image.headers['cache-control']).toBe('no-store, private');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.bytes).toEqual(tinyPng());
    expect(await audits('MEDIA_PROOF_OF_ID_ACCESS')).toEqual([
      { outcome: 'SUCCESS', object_id: id, details: { restricted: true, contentType: 'image/png' } },
    ]);
    expect((await audits('MEDIA_APPLICATION_VIEW')).map((row) => row.object_id)).toEqual([null, id]);
  });

  it('links a PDF rather than showing it as an image', async () => {
    const id = await apply('pdf@news.example', tinyPdf(), 'application/pdf');
    const page = await request(deps, `/admin/media-applications/${id}`, { cookie: admin.cookie });
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain(`href="/admin/media-applications/${id}/proof-of-id"`);
    const file = await request(deps, `/admin/media-applications/${id}/proof-of-id`, { cookie: admin.cookie });
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('approves after "are you sure": account, user row, welcome email, proof of ID deleted, audited', async () => {
    const id = await apply();
    const confirm = await request(deps, `/admin/media-applications/${id}/approve`, { cookie: admin.cookie });
    expect(confirm.body).toContain('Are you sure you want to approve this application?');
    const unanswered = await post(`/admin/media-applications/${id}/approve`, {});
    expect(unanswered.status).toBe(400);
    expect(unanswered.body).toContain('<a href="#confirm">Select yes or no before continuing</a>');
    const no = await post(`/admin/media-applications/${id}/approve`, { confirm: 'no' });
    expect(no.headers.location).toBe(`/admin/media-applications/${id}`);

    const done = await post(`/admin/media-applications/${id}/approve`, { confirm: 'yes' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Application has been approved');
    expect(done.body).not.toContain('govuk-warning-text');
    expect(await blobCount()).toBe(0);
    expect(await findUserByProvenance(testDb.database, 'PI_AAD', 'oid-jo@news.example')).toMatchObject({
      roles: ['VERIFIED'],
      email: 'jo@news.example',
    });
    expect(notify.outbox()).toEqual([
      expect.objectContaining({
        recipient: 'jo@news.example',
        templateId: TEST_WELCOME_TEMPLATE,
        personalisation: {
          full_name: 'Jo de Souza',
          sign_in_link: 'http://127.0.0.1:7071/media-account/create-password',
        },
      }),
    ]);
    expect(await audits('MEDIA_APPLICATION_APPROVE')).toEqual([
      expect.objectContaining({
        outcome: 'SUCCESS',
        object_id: id,
        details: expect.objectContaining({ email: 'sent', proofOfIdDeleted: true }) as unknown,
      }),
    ]);
    // The proof of ID is gone for good; the application no longer waits, and cannot be decided again.
    const image = await request(deps, `/admin/media-applications/${id}/proof-of-id`, { cookie: admin.cookie });
    expect(image.status).toBe(404);
    const list = await request(deps, '/admin/media-applications', { cookie: admin.cookie });
    expect(list.body).toContain('There are no applications waiting to be checked.');
    const again = await post(`/admin/media-applications/${id}/approve`, { confirm: 'yes' });
    expect(again.headers.location).toBe(`/admin/media-applications/${id}?decided=1`);
    expect(notify.outbox()).toHaveLength(1);
  });

  it('an approval without a directory fails visibly, is audited and logged, and changes nothing', async () => {
    directoryConfigured = false;
    const id = await apply();
    const failed = await post(`/admin/media-applications/${id}/approve`, { confirm: 'yes' });
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('The account could not be created');
    expect(failed.body).toContain('no account directory is set up');
    expect(failed.logged).toEqual([
      expect.objectContaining({ event: 'MEDIA_ACCOUNT_DIRECTORY_FAILED', reason: 'NOT_CONFIGURED' }),
    ]);
    expect(await audits('MEDIA_APPLICATION_APPROVE')).toEqual([
      expect.objectContaining({
        outcome: 'FAILURE',
        details: expect.objectContaining({ reason: 'NOT_CONFIGURED' }) as unknown,
      }),
    ]);
    expect((await deps.mediaAccounts.find(id))?.status).toBe('PENDING');
    expect(await blobCount()).toBe(1);
    expect(notify.outbox()).toEqual([]);
  });

  it('rejects with reasons after "are you sure": the email gives the reasons, the proof of ID is deleted', async () => {
    const id = await apply();
    const reasons = await request(deps, `/admin/media-applications/${id}/reject`, { cookie: admin.cookie });
    expect(reasons.body).toContain('Why are you rejecting this application?');
    const none = await post(`/admin/media-applications/${id}/reject`, {});
    expect(none.status).toBe(400);
    expect(none.body).toContain('<a href="#reasons">Select at least one reason</a>');
    const confirm = await post(`/admin/media-applications/${id}/reject`, { reasons: ['notMedia', 'noMatch'] });
    expect(confirm.body).toContain('Are you sure you want to reject this application?');
    expect(confirm.body).toContain('<input type="hidden" name="reasons" value="notMedia">');
    expect(confirm.body).toContain('<input type="hidden" name="reasons" value="noMatch">');
    const done = await post(`/admin/media-applications/${id}/reject/confirm`, {
      reasons: ['notMedia', 'noMatch'],
      confirm: 'yes',
    });
    expect(done.body).toContain('Application has been rejected');
    expect(done.body).toContain('The applicant is not an accredited member of the media.');
    expect(await blobCount()).toBe(0);
    expect(notify.outbox()).toEqual([
      expect.objectContaining({
        templateId: TEST_REJECTION_TEMPLATE,
        personalisation: expect.objectContaining({
          reasons: ['The applicant is not an accredited member of the media.', 'Details provided do not match.'],
        }) as unknown,
      }),
    ]);
    expect(await audits('MEDIA_APPLICATION_REJECT')).toEqual([
      expect.objectContaining({
        outcome: 'SUCCESS',
        details: expect.objectContaining({ reasons: ['notMedia', 'noMatch'] }) as unknown,
      }),
    ]);
  });

  it('a rejection with reasons that are not on the list starts again', async () => {
    const id = await apply();
    const answer = await post(`/admin/media-applications/${id}/reject/confirm`, {
      reasons: ['notMedia', 'made-up'],
      confirm: 'yes',
    });
    expect(answer.headers.location).toBe(`/admin/media-applications/${id}/reject`);
    expect((await deps.mediaAccounts.find(id))?.status).toBe('PENDING');
  });

  it('shows the pages in Welsh', async () => {
    const id = await apply();
    const page = await request(deps, `/admin/media-applications/${id}?lng=cy`, { cookie: admin.cookie });
    expect(page.body).toContain('Manylion yr ymgeisydd');
  });

  it('an unknown application is the 404 page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const page = await request(deps, `/admin/media-applications/${id}`, { cookie: admin.cookie });
      expect(page.status).toBe(404);
    }
  });
});

describe('who may review', () => {
  it('a local admin and a media user get the 403 page, audited; an anonymous visitor is sent to sign in', async () => {
    const id = await apply();
    for (const principal of [localAdmin, testPrincipals.media]) {
      const { sessionId } = await signIn.signInAs(principal);
      for (const path of ['/admin/media-applications', `/admin/media-applications/${id}/proof-of-id`]) {
        const page = await request(deps, path, { cookie: `pip-session=${sessionId}` });
        expect(page.status, `${principal.userId} ${path}`).toBe(403);
        expect(page.bytes).toBeNull();
      }
    }
    expect((await audits('ADMIN_PAGE_ACCESS')).filter((row) => row.outcome === 'DENIED')).toHaveLength(4);
    expect(await audits('MEDIA_PROOF_OF_ID_ACCESS')).toEqual([]);
    const anonymous = await request(deps, `/admin/media-applications/${id}/proof-of-id`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(
      `/sign-in?returnTo=${encodeURIComponent(`/admin/media-applications/${id}/proof-of-id`)}`,
    );
  });

  it('an approval without the session’s CSRF token is refused and changes nothing', async () => {
    const id = await apply();
    const refused = await post(`/admin/media-applications/${id}/approve`, { confirm: 'yes' }, 'wrong-token');
    expect(refused.status).toBe(403);
    expect((await deps.mediaAccounts.find(id))?.status).toBe('PENDING');
  });
});
