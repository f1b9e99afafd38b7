/**
 * The publications explorer, through the real web handler and templates over the page tests' fakes: the court search,
 * a court's publications and the NoMatch ones with every field, a publication's page, its payload (JSON pretty-printed
 * and escaped; a file downloaded as an attachment with its own content type), deletion (confirmed), every look
 * audited (restricted ones as RESTRICTED_LIST_ACCESS); court staff, a media user and an anonymous visitor refused; a
 * POST without the CSRF token refused.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import { paginationItems } from './publications-explorer-page.js';
import { fakeDependencies, fakeSignIn, publication, request, testPrincipals } from '../../testing/web-test-kit.js';

const systemAdmin: Principal = testPrincipals.systemAdmin;
const ctscAdmin: Principal = testPrincipals.ctscAdmin;

const ids = {
  civil: '11111111-1111-4111-8111-111111111111',
  pdf: '22222222-2222-4222-8222-222222222222',
  noMatch: '33333333-3333-4333-8333-333333333333',
  broken: '44444444-4444-4444-8444-444444444444',
  gone: '55555555-5555-4555-8555-555555555555',
};

function fixtures(): Publication[] {
  return [
    publication({
      artefactId: ids.civil,
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      sensitivity: 'CLASSIFIED',
      provenance: 'CFT_LIST_ASSIST',
      sourceArtefactId: 'source-42',
      blobName: 'civil.json',
      payloadSize: 1234,
      supersededCount: 2,
    }),
    publication({
      artefactId: ids.pdf,
      type: 'GENERAL_PUBLICATION',
      listType: null,
      isFlatFile: true,
      contentType: 'application/pdf',
      fileName: 'Notice to court users.pdf',
      blobName: 'notice.pdf',
      contentDate: '2026-11-29T00:00:00',
    }),
    publication({
      artefactId: ids.noMatch,
      locationId: 'NoMatch1234',
      listType: 'SSCS_DAILY_LIST',
      provenance: 'SNL',
      blobName: 'nomatch.json',
    }),
    publication({ artefactId: ids.broken, listType: 'FAMILY_DAILY_CAUSE_LIST', blobName: 'broken.json' }),
    publication({ artefactId: ids.gone, listType: 'CROWN_DAILY_LIST', blobName: 'gone.json' }),
  ];
}

const payloads = {
  'civil.json': '{"document":{"publicationDate":"2026-11-30T09:00:00Z"},"note":"<script>alert(1)</script>"}',
  'notice.pdf': '%PDF-1.7 notice',
  'nomatch.json': '{"sscs":true}',
  'broken.json': '{"not json <b>',
};

async function signedIn(principal: Principal = systemAdmin) {
  const signIn = fakeSignIn();
  const audited: AuditEvent[] = [];
  const publications = fixtures();
  const { sessionId, session } = await signIn.signInAs(principal);
  return {
    deps: fakeDependencies({ signIn, audited, publications, payloads }),
    cookie: `pip-session=${sessionId}`,
    csrf: session.csrfToken,
    audited,
    publications,
  };
}

describe('finding the publications', () => {
  it('takes a court by its exact name, says when none matches, and links to the NoMatch publications', async () => {
    const { deps, cookie } = await signedIn();
    const form = await request(deps, '/system-admin/publications', { cookie });
    expect(form.status).toBe(200);
    expect(form.body).toContain('href="/system-admin/publications/no-match">Publications for unknown courts (NoMatch)');
    const exact = await request(deps, '/system-admin/publications?court=Oxford+Combined+Court+Centre', { cookie });
    expect(exact.headers.location).toBe('/system-admin/publications/court/1');
    const none = await request(deps, '/system-admin/publications?court=Narnia&lng=cy', { cookie });
    expect(none.status).toBe(400);
    expect(none.body).toContain('href="#court">Nid oes enw llys na thribiwnlys yn cyfateb i’r hyn a roesoch');
  });

  it("shows every field of each of a court's live publications, and audits the look", async () => {
    const { deps, cookie, audited } = await signedIn();
    const page = await request(deps, '/system-admin/publications/court/1', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Publications of Oxford Combined Court Centre');
    expect([...page.body.matchAll(/href="\/system-admin\/publications\/([0-9a-f-]{36})"/g)].map((m) => m[1])).toEqual([
      ids.civil,
      ids.pdf,
      ids.broken,
      ids.gone,
    ]);
    for (const text of [
      'Publication ID',
      'Court ID',
      '1 (Oxford Combined Court Centre)',
      'Source publication ID',
      'source-42',
      'Civil Daily Cause List (CIVIL_DAILY_CAUSE_LIST)',
      'Classified',
      'General publication',
      'Notice to court users.pdf',
      'application/pdf',
      '1,234 bytes',
      'Blob name',
      'civil.json',
      'Times superseded',
      'Last received',
      '29 November 2026 at 16:30',
    ]) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).not.toContain(ids.noMatch);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'PUBLICATION_EXPLORER_VIEW',
        actor: systemAdmin,
        objectType: 'location',
        objectId: '1',
        details: { count: 4, total: 4, page: 1 },
      }),
    ]);
  });

  it('shows the NoMatch publications, naming the source court id', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, '/system-admin/publications/no-match', { cookie });
    expect(page.body).toContain('Publications for unknown courts');
    expect(page.body).toContain(`href="/system-admin/publications/${ids.noMatch}"`);
    expect(page.body).toContain('NoMatch1234 (Unknown court (source court ID 1234))');
    expect(page.body).not.toContain(ids.civil);
    const welsh = await request(deps, '/system-admin/publications/no-match?lng=cy', { cookie });
    expect(welsh.body).toContain('Llys anhysbys (ID y llys yn y ffynhonnell 1234)');
  });
});

describe('a listing of many publications', () => {
  /** 55 publications at court 2: three pages of 25, 25 and 5. */
  async function manyAtCourtTwo() {
    const setUp = await signedIn();
    for (let index = 0; index < 55; index++) {
      const suffix = String(index).padStart(12, '0');
      setUp.publications.push(publication({ artefactId: `99999999-9999-4999-8999-${suffix}`, locationId: '2' }));
    }
    return setUp;
  }
  const listed = (body: string) =>
    [...body.matchAll(/href="\/system-admin\/publications\/(99999999-[0-9a-f-]{27})"/g)].map((m) => m[1]);
  const idOf = (index: number) => `99999999-9999-4999-8999-${String(index).padStart(12, '0')}`;

  it('is paged 25 at a time with GOV.UK pagination, each page once, the last page linking back', async () => {
    const { deps, cookie, audited } = await manyAtCourtTwo();
    const first = await request(deps, '/system-admin/publications/court/2', { cookie });
    expect(first.status).toBe(200);
    expect(listed(first.body)).toEqual(Array.from({ length: 25 }, (_, index) => idOf(index)));
    expect(first.body).toContain('Showing 1 to 25 of 55 publications');
    expect(first.body).toContain('<nav class="govuk-pagination" aria-label="Pages of publications">');
    expect(first.body).toMatch(/href="\/system-admin\/publications\/court\/2\?page=2" rel="next"/);
    expect(first.body).not.toContain('rel="prev"');
    expect(first.body).toMatch(/aria-current="page"[^>]*>\s*1\s*</);

    const second = await request(deps, '/system-admin/publications/court/2?page=2', { cookie });
    expect(listed(second.body)).toEqual(Array.from({ length: 25 }, (_, index) => idOf(index + 25)));
    expect(second.body).toMatch(/href="\/system-admin\/publications\/court\/2" rel="prev"/);
    expect(second.body).toMatch(/href="\/system-admin\/publications\/court\/2\?page=3" rel="next"/);

    const third = await request(deps, '/system-admin/publications/court/2?page=3&lng=cy', { cookie });
    expect(listed(third.body)).toEqual(Array.from({ length: 5 }, (_, index) => idOf(index + 50)));
    expect(third.body).toContain('Yn dangos 51 i 55 o 55 o gyhoeddiadau');
    expect(third.body).toContain('aria-label="Tudalennau o gyhoeddiadau"');
    expect(third.body).not.toContain('rel="next"');
    expect(audited.map((event) => event.details)).toEqual([
      { count: 25, total: 55, page: 1 },
      { count: 25, total: 55, page: 2 },
      { count: 5, total: 55, page: 3 },
    ]);
  });

  it('has no page past the last, nor one that is not a number', async () => {
    const { deps, cookie } = await manyAtCourtTwo();
    for (const page of ['4', '0', '-1', 'abc', '1.5', '99999']) {
      const answer = await request(deps, `/system-admin/publications/court/2?page=${page}`, { cookie });
      expect(answer.status, page).toBe(404);
    }
    const empty = await request(deps, '/system-admin/publications/court/3', { cookie });
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('There are no live publications here.');
    expect(empty.body).not.toContain('govuk-pagination');
  });

  it('numbers the pages first, last, current and its neighbours, with an ellipsis for each gap', () => {
    const numbers = (current: number, last: number) =>
      paginationItems(current, last, (page) => `?page=${page}`).map((item) =>
        'ellipsis' in item ? '…' : item.current ? `[${item.number}]` : item.number,
      );
    expect(numbers(1, 1)).toEqual(['[1]']);
    expect(numbers(1, 3)).toEqual(['[1]', '2', '3']);
    expect(numbers(5, 10)).toEqual(['1', '…', '4', '[5]', '6', '…', '10']);
    expect(numbers(10, 10)).toEqual(['1', '…', '9', '[10]']);
    expect(numbers(3, 10)).toEqual(['1', '2', '[3]', '4', '…', '10']);
  });
});

describe('a publication', () => {
  it('shows its fields, links to its payload and to deletion, and audits a restricted one as the API does', async () => {
    const { deps, cookie, audited } = await signedIn();
    const page = await request(deps, `/system-admin/publications/${ids.civil}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Civil Daily Cause List</h1>');
    expect(page.body).toContain(`href="/system-admin/publications/${ids.civil}/payload">View the payload (JSON)`);
    expect(page.body).toContain(`href="/system-admin/publications/${ids.civil}/delete"`);
    expect(audited).toEqual([
      {
        action: 'RESTRICTED_LIST_ACCESS',
        outcome: 'SUCCESS',
        actor: systemAdmin,
        objectType: 'publication',
        objectId: ids.civil,
        details: {
          part: 'metadata',
          sensitivity: 'CLASSIFIED',
          listType: 'CIVIL_DAILY_CAUSE_LIST',
          locationId: '1',
          grant: 'SYSTEM_ADMIN',
          via: 'PUBLICATIONS_EXPLORER',
        },
      },
    ]);
    const welsh = await request(deps, `/system-admin/publications/${ids.civil}?lng=cy`, { cookie });
    expect(welsh.body).toContain('Rhestr Achosion Dyddiol y Llys Sifil');
    expect(welsh.body).toContain('Dosbarthedig');
  });

  it('is a 404 when there is no such publication', async () => {
    const { deps, cookie } = await signedIn();
    expect(
      (await request(deps, '/system-admin/publications/99999999-9999-4999-8999-999999999999', { cookie })).status,
    ).toBe(404);
    expect((await request(deps, '/system-admin/publications/not-an-id/payload', { cookie })).status).toBe(404);
  });

  it('shows a JSON payload pretty-printed and escaped, and audits the read', async () => {
    const { deps, cookie, audited } = await signedIn();
    const page = await request(deps, `/system-admin/publications/${ids.civil}/payload`, { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('{\n  &quot;document&quot;: {\n    &quot;publicationDate&quot;');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'RESTRICTED_LIST_ACCESS',
        objectId: ids.civil,
        details: expect.objectContaining({ part: 'payload' }) as unknown,
      }),
    ]);
  });

  it('shows a payload that is not JSON as stored, escaped; a missing one is a 404 that says so, logged', async () => {
    const { deps, cookie, audited } = await signedIn();
    const broken = await request(deps, `/system-admin/publications/${ids.broken}/payload`, { cookie });
    expect(broken.status).toBe(200);
    expect(broken.body).toContain('This payload does not parse as JSON');
    expect(broken.body).toContain('{&quot;not json &lt;b&gt;');
    expect(audited).toEqual([expect.objectContaining({ action: 'PUBLICATION_EXPLORER_VIEW', objectId: ids.broken })]);
    const gone = await request(deps, `/system-admin/publications/${ids.gone}/payload`, { cookie });
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('The payload of this publication is no longer in storage.');
    expect(gone.logged).toContainEqual(
      expect.objectContaining({ event: 'PUBLICATION_BLOB_MISSING', artefactId: ids.gone, blobName: 'gone.json' }),
    );
  });

  it('downloads a file with its content type as an attachment (a PDF too), running nothing', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, `/system-admin/publications/${ids.pdf}`, { cookie });
    expect(page.body).toContain('Download the file (Notice to court users.pdf)');
    const file = await request(deps, `/system-admin/publications/${ids.pdf}/payload`, { cookie });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Notice to court users.pdf"; filename*=UTF-8''Notice%20to%20court%20users.pdf`,
    );
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.body).toBe('%PDF-1.7 notice');
  });
});

describe('deleting a publication', () => {
  it('asks first; no keeps it; yes deletes it through the shared removal, audited, and says so', async () => {
    const { deps, cookie, csrf, audited, publications } = await signedIn();
    const path = `/system-admin/publications/${ids.noMatch}/delete`;
    const question = await request(deps, path, { cookie });
    expect(question.status).toBe(200);
    expect(question.body).toContain('Are you sure you want to delete this publication?');
    expect(question.body).toContain('name="_csrf"');

    const unanswered = await request(deps, path, { cookie, form: { _csrf: csrf } });
    expect(unanswered.status).toBe(400);
    expect(unanswered.body).toContain('<title>Error: Are you sure you want to delete this publication? - ');
    expect(unanswered.body).toContain('href="#confirm">Select yes if you want to delete the publication');

    const no = await request(deps, path, { cookie, form: { _csrf: csrf, confirm: 'no' } });
    expect(no.headers.location).toBe(`/system-admin/publications/${ids.noMatch}`);
    expect(publications).toHaveLength(5);

    const yes = await request(deps, path, { cookie, form: { _csrf: csrf, confirm: 'yes' } });
    expect(yes.status).toBe(303);
    expect(yes.headers.location).toBe('/system-admin/publications/deleted?location=NoMatch1234');
    expect(publications.map((p) => p.artefactId)).not.toContain(ids.noMatch);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'PUBLICATION_DELETE',
        outcome: 'SUCCESS',
        actor: systemAdmin,
        objectId: ids.noMatch,
        details: expect.objectContaining({ via: 'PUBLICATIONS_EXPLORER' }) as unknown,
      }),
    ]);
    const done = await request(deps, yes.headers.location ?? '', { cookie });
    expect(done.body).toContain('Publication deleted');
    expect(done.body).toContain(
      'href="/system-admin/publications/no-match">See the other publications for unknown courts',
    );
    expect((await request(deps, `/system-admin/publications/${ids.noMatch}`, { cookie })).status).toBe(404);
    const court = await request(deps, '/system-admin/publications/deleted?location=1&lng=cy', { cookie });
    expect(court.body).toContain('href="/system-admin/publications/court/1">Gweld cyhoeddiadau eraill');
  });

  it('refuses a POST without the CSRF token, and deletes nothing', async () => {
    const { deps, cookie, publications } = await signedIn();
    const refused = await request(deps, `/system-admin/publications/${ids.civil}/delete`, {
      cookie,
      form: { confirm: 'yes' },
    });
    expect(refused.status).toBe(403);
    expect(publications).toHaveLength(5);
  });
});

describe('who may use the explorer', () => {
  const paths = [
    '/system-admin/publications',
    '/system-admin/publications/no-match',
    `/system-admin/publications/${ids.civil}`,
    `/system-admin/publications/${ids.civil}/payload`,
  ];
  it.each(paths)(
    'court staff and a media user are refused at %s (403, audited), an anonymous visitor sent to sign in',
    async (path) => {
      for (const principal of [ctscAdmin, testPrincipals.media]) {
        const { deps, cookie, audited } = await signedIn(principal);
        const refused = await request(deps, path, { cookie });
        expect(refused.status).toBe(403);
        expect(audited).toEqual([
          expect.objectContaining({ action: 'ADMIN_PAGE_ACCESS', outcome: 'DENIED', objectId: path }),
        ]);
      }
      const anonymous = await request(fakeDependencies({ publications: fixtures(), payloads }), path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toBe(`/sign-in?${new URLSearchParams({ returnTo: path }).toString()}`);
    },
  );

  it('court staff posting a deletion (with a valid token) are refused, and nothing is deleted', async () => {
    const { deps, cookie, csrf, publications } = await signedIn(ctscAdmin);
    const refused = await request(deps, `/system-admin/publications/${ids.civil}/delete`, {
      cookie,
      form: { _csrf: csrf, confirm: 'yes' },
    });
    expect(refused.status).toBe(403);
    expect(publications).toHaveLength(5);
  });
});
