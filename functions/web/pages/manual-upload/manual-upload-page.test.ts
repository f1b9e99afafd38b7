/**
 * /admin/manual-upload → /check → /success through the real web handler and templates (multipart forms as a
 * browser sends them), over the page tests' fakes: drafts in memory, a store that records. Each validation error is
 * in the error summary, linked to its field; a JSON list is checked against its schema and an Excel workbook for a
 * non-strategic list converted, by intake's own code; Change keeps the answers; Confirm stores exactly what was
 * checked, as MANUAL_UPLOAD by the admin, and deletes the draft; the routes refuse a media user, send an anonymous
 * visitor to sign in, and refuse a form without the CSRF token.
 */
import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../../shared/auth/principal.js';
import { nonStrategicTables } from '../../../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { XLSX_CONTENT_TYPE } from '../../../../shared/publications/intake/excel-workbook.js';
import { excelFixtureUrl, workbookFromPayload } from '../../../../test-support/excel-workbooks.js';
import { fixtureUrl } from '../../../../test-support/fixtures.js';
import {
  fakeDependencies,
  fakeManualUpload,
  fakeSignIn,
  request,
  testPrincipals,
  type FakeManualUpload,
  type TestResponse,
} from '../../testing/web-test-kit.js';
import type { WebDependencies } from '../../web-dependencies.js';

const admin: Principal = {
  userId: 'ctsc-admin-oid',
  provenance: 'PI_AAD',
  roles: ['INTERNAL_ADMIN_CTSC'],
  email: 'ctsc.admin@example.com',
  name: 'CTSC Admin',
};

let deps: WebDependencies;
let uploads: FakeManualUpload;
let cookie: string;
let csrf: string;
let mediaCookie: string;
const sameSite = { 'sec-fetch-site': 'same-origin' };

beforeEach(async () => {
  const signIn = fakeSignIn();
  const signedIn = await signIn.signInAs(admin);
  cookie = `pip-session=${signedIn.sessionId}`;
  csrf = signedIn.session.csrfToken;
  mediaCookie = `pip-session=${(await signIn.signInAs(testPrincipals.media)).sessionId}`;
  uploads = fakeManualUpload();
  deps = fakeDependencies({ signIn, overrides: { manualUpload: uploads } });
});

/** Every answer filled in well: a civil daily cause list at Oxford on 30 November 2026, shown 29 Nov to 1 Dec. */
const goodAnswers: Record<string, string> = {
  court: 'Oxford Combined Court Centre',
  listType: 'CIVIL_DAILY_CAUSE_LIST',
  'hearingFrom-day': '30',
  'hearingFrom-month': '11',
  'hearingFrom-year': '2026',
  'hearingTo-day': '30',
  'hearingTo-month': '11',
  'hearingTo-year': '2026',
  sensitivity: 'PUBLIC',
  language: 'ENGLISH',
  'displayFrom-day': '29',
  'displayFrom-month': '11',
  'displayFrom-year': '2026',
  'displayTo-day': '1',
  'displayTo-month': '12',
  'displayTo-year': '2026',
};

function formOf(
  fields: Record<string, string>,
  file?: { bytes: Uint8Array | string; name: string; type?: string },
): FormData {
  const form = new FormData();
  form.append('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'file',
    file ? new Blob([file.bytes], { type: file.type ?? '' }) : new Blob([], { type: 'application/octet-stream' }),
    file?.name ?? '',
  );
  return form;
}

const post = (path: string, form: FormData, headers: Record<string, string> = sameSite) =>
  request(deps, path, { multipart: form, cookie, headers });

const civilList = () => readFile(fixtureUrl('lists', 'civilDailyCauseList.json'));

/** The error summary's links: `#field` → text. */
function summaryLinks(response: TestResponse): Record<string, string> {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? '';
  const links: Record<string, string> = {};
  for (const match of summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g))
    links[match[1] ?? ''] = (match[2] ?? '').trim();
  return links;
}

describe('the form', () => {
  it('shows every field, the CSRF token and multipart encoding, in English and Welsh', async () => {
    const en = await request(deps, '/admin/manual-upload', { cookie });
    expect(en.status).toBe(200);
    expect(en.body).toContain('Manually upload a JSON, CSV, PDF, Word, HTM, HTML or Excel file, max size 2MB');
    expect(en.body).toContain('enctype="multipart/form-data"');
    expect(en.body).toContain(`name="_csrf" value="${csrf}"`);
    for (const id of ['file', 'court', 'listType', 'hearingFrom-day', 'hearingTo-year', 'sensitivity', 'language']) {
      expect(en.body, id).toContain(`id="${id}"`);
    }
    expect(en.body).toContain('<option value="CIVIL_DAILY_CAUSE_LIST">Civil Daily Cause List</option>');
    const cy = await request(deps, '/admin/manual-upload?lng=cy', { cookie });
    expect(cy.body).toContain('Uwchlwytho â llaw');
    expect(cy.body).toContain('Ar gael i');
  });

  it('is listed on the staff dashboard', async () => {
    const dashboard = await request(deps, '/admin', { cookie });
    expect(dashboard.body).toContain('href="/admin/manual-upload"');
  });

  it('names every missing answer in the error summary, linked to its field, and stores nothing', async () => {
    const response = await post('/admin/manual-upload', formOf({}));
    expect(response.status).toBe(400);
    expect(response.body).toContain('<title>Error: Manual upload');
    expect(summaryLinks(response)).toEqual({
      file: 'Select a file to upload',
      court: 'Enter a court or tribunal name',
      listType: 'Choose a list type',
      'hearingFrom-day': 'Enter the first hearing date',
      'hearingTo-day': 'Enter the last hearing date',
      'displayFrom-day': 'Enter the date to display the file from',
      'displayTo-day': 'Enter the date to display the file to',
      sensitivity: 'Choose who the file is available to',
      language: 'Choose the language of the file',
    });
    expect(uploads.drafts.saved.size).toBe(0);
    expect(uploads.stored).toEqual([]);
  });

  it('refuses a date that is not real, an incomplete one, and a "to" date before its "from" date', async () => {
    const response = await post(
      '/admin/manual-upload',
      formOf(
        {
          ...goodAnswers,
          'hearingFrom-day': '31',
          'hearingFrom-month': '2',
          'hearingTo-month': '',
          'displayTo-day': '28',
          'displayTo-month': '11',
        },
        { bytes: await civilList(), name: 'civil.json' },
      ),
    );
    expect(summaryLinks(response)).toEqual({
      'hearingFrom-day': 'The first hearing date must be a real date',
      'hearingTo-day': 'The last hearing date must include a day, month and year',
      'displayTo-day': 'The display to date must be the same as or after the display from date',
    });
    // The file is kept: the form says so, and posting again without choosing it again uses it.
    expect(response.body).toContain('Current file: civil.json');
    expect(response.body).toContain('name="keepFile" value="1"');
    const again = await post('/admin/manual-upload', formOf({ ...goodAnswers, keepFile: '1' }));
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/admin/manual-upload/check');
  });

  it('searches for the court without JavaScript: one match is taken, several are offered, none is an error', async () => {
    const file = { bytes: await civilList(), name: 'civil.json' };
    const none = await post('/admin/manual-upload', formOf({ ...goodAnswers, court: 'Atlantis' }, file));
    expect(summaryLinks(none)).toEqual({ court: 'There is no court or tribunal with that name' });

    const long = await post('/admin/manual-upload', formOf({ ...goodAnswers, court: 'x'.repeat(100_000) }, file));
    expect(summaryLinks(long)).toEqual({ court: 'Court name must be 200 characters or fewer' });

    const several = await post('/admin/manual-upload', formOf({ ...goodAnswers, court: 'court' }, file));
    expect(summaryLinks(several)).toEqual({ locationId: 'Choose the court or tribunal from the list' });
    expect(several.body).toContain('value="1"');
    expect(several.body).toContain('Cardiff Magistrates Court');
    const chosen = await post(
      '/admin/manual-upload',
      formOf({ ...goodAnswers, court: 'court', locationId: '2', keepFile: '1' }),
    );
    expect(chosen.status).toBe(303);
    const check = await request(deps, '/admin/manual-upload/check', { cookie });
    expect(check.body).toContain('Cardiff Magistrates Court');

    // A court whose reference data has no MANUAL_UPLOAD id would publish against no court: refused, on the field.
    uploads.unreferenced.add(2);
    const unreferenced = await post(
      '/admin/manual-upload',
      formOf({ ...goodAnswers, court: 'Cardiff Magistrates Court', keepFile: '1' }),
    );
    expect(summaryLinks(unreferenced)).toEqual({
      court:
        'This court or tribunal cannot take uploads yet: its reference data has no MANUAL_UPLOAD id. Ask a system admin to add one',
    });
    uploads.unreferenced.clear();

    // A Welsh name, in any case, is an exact match too.
    const welsh = await post(
      '/admin/manual-upload',
      formOf({ ...goodAnswers, court: 'llys ynadon caerdydd', keepFile: '1' }),
    );
    expect(welsh.status).toBe(303);
  });

  it('refuses a file over 2 MB and one of a kind that is not published, naming the file field', async () => {
    const big = await post(
      '/admin/manual-upload',
      formOf(goodAnswers, { bytes: new Uint8Array(2 * 1024 * 1024 + 1), name: 'big.pdf' }),
    );
    expect(summaryLinks(big)).toEqual({ file: 'The selected file must be 2MB or smaller' });
    const exe = await post(
      '/admin/manual-upload',
      formOf(goodAnswers, { bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]), name: 'list.exe' }),
    );
    expect(summaryLinks(exe)).toEqual({
      file: 'The selected file must be a JSON, CSV, PDF, Word, HTM, HTML or Excel file',
    });
    expect(uploads.stored).toEqual([]);
  });

  it("checks a JSON file against its list type's schema, listing the first problems readably", async () => {
    const invalid = await readFile(fixtureUrl('lists', 'civilDailyCauseListInvalid.json'));
    const response = await post('/admin/manual-upload', formOf(goodAnswers, { bytes: invalid, name: 'bad.json' }));
    expect(summaryLinks(response)).toEqual({ file: 'The selected file does not match the list type' });
    const problems = /<ul class="govuk-list govuk-list--bullet app-break-word">([\s\S]*?)<\/ul>/.exec(response.body);
    expect(problems?.[1]).toContain(
      '<li>courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0].sittingStart must be a UTC timestamp like 2024-01-31T10:00:00Z</li>',
    );
    expect(problems?.[1]).toContain('<li>courtLists[0].courtHouse.courtHouseName is required</li>');
    expect((problems?.[1]?.match(/<li>/g) ?? []).length).toBeLessThanOrEqual(6);

    // Another list type's payload: 8 problems, the first 5 listed and the rest counted.
    const sjp = await readFile(fixtureUrl('lists', 'sjpPublicList.json'));
    const many = await post('/admin/manual-upload', formOf(goodAnswers, { bytes: sjp, name: 'sjp.json' }));
    const manyLines = /<ul class="govuk-list govuk-list--bullet app-break-word">([\s\S]*?)<\/ul>/.exec(many.body)?.[1];
    expect(manyLines?.match(/<li>/g)).toHaveLength(6);
    expect(manyLines).toContain('<li>and 3 more</li>');

    const notJson = await post(
      '/admin/manual-upload',
      formOf(goodAnswers, { bytes: '{"document": ', name: 'broken.json' }),
    );
    expect(summaryLinks(notJson)).toEqual({ file: 'The selected file is not valid JSON' });
  });

  it("converts an Excel workbook for a non-strategic list type, and names a bad header's sheet and cell", async () => {
    const payload: unknown = JSON.parse(
      await readFile(excelFixtureUrl('non-strategic-cic-weekly-hearing-list'), 'utf8'),
    );
    const table = nonStrategicTables['non-strategic-cic-weekly-hearing-list'];
    const answers = { ...goodAnswers, listType: 'CIC_WEEKLY_HEARING_LIST' };
    const bad = await workbookFromPayload(table, payload, {
      header: (field) => (field === 'hearingTime' ? 'When' : field),
    });
    const refused = await post(
      '/admin/manual-upload',
      formOf(answers, { bytes: bad, name: 'cic.xlsx', type: XLSX_CONTENT_TYPE }),
    );
    expect(summaryLinks(refused)).toEqual({ file: 'The selected Excel file does not match the list type' });
    expect(refused.body).toMatch(/Sheet Hearings, cell [A-Z]+1/);

    const good = await workbookFromPayload(table, payload);
    const accepted = await post(
      '/admin/manual-upload',
      formOf(answers, { bytes: good, name: 'cic.xlsx', type: XLSX_CONTENT_TYPE }),
    );
    expect(accepted.status).toBe(303);
    await post('/admin/manual-upload/check', formOf({}));
    const [stored] = uploads.stored;
    expect(stored?.accepted.payload.original?.fileName).toBe('cic.xlsx');
    expect(JSON.parse(Buffer.from(stored?.accepted.payload.bytes ?? []).toString('utf8'))).toEqual(payload);
  });
});

describe('check your answers, change, confirm', () => {
  async function toCheck(): Promise<void> {
    const response = await post(
      '/admin/manual-upload',
      formOf(goodAnswers, { bytes: await civilList(), name: 'civil.json' }),
    );
    expect(response.status).toBe(303);
  }

  it('shows every answer with a Change link that brings the form back with the answers and file kept', async () => {
    await toCheck();
    const check = await request(deps, '/admin/manual-upload/check', { cookie });
    expect(check.status).toBe(200);
    for (const text of [
      'civil.json',
      'Oxford Combined Court Centre',
      'Civil Daily Cause List',
      '30 November 2026 to 30 November 2026',
      'Public',
      'English',
      '29 November 2026 to 1 December 2026',
    ]) {
      expect(check.body, text).toContain(text);
    }
    expect(check.body.match(/>Change<span class="govuk-visually-hidden">/g)).toHaveLength(7);
    expect(check.body).toContain(`name="_csrf" value="${csrf}"`);

    const change = await request(deps, '/admin/manual-upload?change=listType', { cookie });
    expect(change.body).toContain('value="Oxford Combined Court Centre"');
    expect(change.body).toContain('<option value="CIVIL_DAILY_CAUSE_LIST" selected>');
    expect(change.body).toContain('value="30"');
    expect(change.body).toContain('Current file: civil.json');

    const welsh = await request(deps, '/admin/manual-upload/check?lng=cy', { cookie });
    expect(welsh.body).toContain('Gwirio eich atebion');
    expect(welsh.body).toContain('30 Tachwedd 2026 i 30 Tachwedd 2026');
  });

  it('confirm stores exactly what was checked as MANUAL_UPLOAD by the admin, under the draft’s id, shows success', async () => {
    await toCheck();
    const confirmed = await post('/admin/manual-upload/check', formOf({}));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/admin/manual-upload/success');
    expect(uploads.stored).toHaveLength(1);
    const [stored] = uploads.stored;
    expect(stored?.accepted.principal.userId).toBe(admin.userId);
    expect(stored?.accepted.metadata).toMatchObject({
      provenance: 'MANUAL_UPLOAD',
      type: 'LIST',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      courtId: '1',
      contentDate: '2026-11-30T00:00:00',
      sensitivity: 'PUBLIC',
      language: 'ENGLISH',
      displayFrom: '2026-11-29T00:00:00.000Z', // UK time in November is UTC
      displayTo: '2026-12-01T23:59:59.000Z',
    });
    expect(stored?.accepted.payload).toMatchObject({ isFlatFile: false, contentType: 'application/json' });
    expect(stored?.auditDetails).toMatchObject({ fileName: 'civil.json', locationId: 1 });
    // The draft keeps only that it was published, under the id the publication was stored under.
    const [draft] = [...uploads.drafts.saved.values()];
    expect(draft).toMatchObject({ published: true, file: null, id: stored?.accepted.submissionId });

    const success = await request(deps, '/admin/manual-upload/success', { cookie });
    expect(success.body).toContain('<title>Success: Your file has been uploaded');
    for (const href of ['/admin/manual-upload', '/admin/remove-list', '/admin']) {
      expect(success.body).toContain(`href="${href}"`);
    }
    // Nothing left to confirm: the check page goes back to the form.
    const after = await request(deps, '/admin/manual-upload/check', { cookie });
    expect(after.headers.location).toBe('/admin/manual-upload');
  });

  it('stores once when Confirm is sent twice, together or after, and answers both with the success page', async () => {
    await toCheck();
    const [first, second] = await Promise.all([
      post('/admin/manual-upload/check', formOf({})),
      post('/admin/manual-upload/check', formOf({})),
    ]);
    const again = await post('/admin/manual-upload/check', formOf({}));
    for (const response of [first, second, again]) {
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/admin/manual-upload/success');
    }
    expect(uploads.stored).toHaveLength(1);
    // A new upload after it is a new draft, with a new id: stored as a publication of its own.
    await toCheck();
    const form = await request(deps, '/admin/manual-upload?change=file', { cookie });
    expect(form.body).toContain('Current file: civil.json');
    await post('/admin/manual-upload/check', formOf({}));
    expect(uploads.stored).toHaveLength(2);
    expect(uploads.stored[1]?.accepted.submissionId).not.toBe(uploads.stored[0]?.accepted.submissionId);
  });

  it('keeps the draft and says so when storage fails', async () => {
    await toCheck();
    uploads.failStore = true;
    const failed = await post('/admin/manual-upload/check', formOf({}));
    expect(failed.status).toBe(503);
    expect(summaryLinks(failed)).toEqual({ confirm: 'Your file could not be uploaded. Try again.' });
    expect(uploads.drafts.saved.size).toBe(1);
  });
});

describe('who may use it', () => {
  it('sends an anonymous visitor to sign in and refuses a media user (403)', async () => {
    const anonymous = await request(deps, '/admin/manual-upload');
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fmanual-upload');
    // As the host receives it behind Front Door's rewrite: sent back to the public address all the same.
    const received = await request(deps, '/court-admin/manual-upload?x=1');
    expect(received.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fmanual-upload%3Fx%3D1');
    for (const path of ['/admin/manual-upload', '/admin/manual-upload/check']) {
      const media = await request(deps, path, { cookie: mediaCookie });
      expect(media.status, path).toBe(403);
    }
  });

  it('refuses a multipart POST without the CSRF token, storing nothing', async () => {
    await post('/admin/manual-upload', formOf(goodAnswers, { bytes: await civilList(), name: 'civil.json' }));
    const form = new FormData();
    form.append('court', 'x');
    const refused = await post('/admin/manual-upload/check', form);
    expect(refused.status).toBe(403);
    expect(uploads.stored).toEqual([]);
  });
});
