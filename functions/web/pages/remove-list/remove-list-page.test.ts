/**
 * Remove a list, through the real web handler and templates over the page tests' fakes: the court search (exact,
 * several, none, empty), the table of the court's live publications in English and Welsh, nothing ticked, the
 * confirmation (no answer, no, yes), the success page, each removal audited with who did it; a media user and an
 * anonymous visitor refused; a POST without the CSRF token refused with nothing removed.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import {
  fakeDependencies,
  fakeSignIn,
  publication,
  request,
  testPrincipals,
  type TestResponse,
} from '../../testing/web-test-kit.js';

const ctscAdmin: Principal = testPrincipals.ctscAdmin;

const ids = {
  civil: '11111111-1111-4111-8111-111111111111',
  family: '22222222-2222-4222-8222-222222222222',
  future: '33333333-3333-4333-8333-333333333333',
  otherCourt: '44444444-4444-4444-8444-444444444444',
};

function fixtures(): Publication[] {
  return [
    publication({ artefactId: ids.civil, listType: 'CIVIL_DAILY_CAUSE_LIST', provenance: 'MANUAL_UPLOAD' }),
    publication({
      artefactId: ids.family,
      listType: 'FAMILY_DAILY_CAUSE_LIST',
      language: 'WELSH',
      sensitivity: 'PRIVATE',
      provenance: 'CFT_LIST_ASSIST',
      displayTo: null,
    }),
    // Not on display yet: court staff still see it, to remove it before it shows.
    publication({
      artefactId: ids.future,
      listType: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
      displayFrom: new Date('2026-12-05T00:00:00Z'),
      displayTo: new Date('2026-12-06T00:00:00Z'),
    }),
    publication({ artefactId: ids.otherCourt, locationId: '2', listType: 'MAGISTRATES_PUBLIC_LIST' }),
  ];
}

async function signedIn(principal: Principal = ctscAdmin) {
  const signIn = fakeSignIn();
  const audited: AuditEvent[] = [];
  const publications = fixtures();
  const { sessionId, session } = await signIn.signInAs(principal);
  return {
    deps: fakeDependencies({ signIn, audited, publications }),
    cookie: `pip-session=${sessionId}`,
    csrf: session.csrfToken,
    audited,
    publications,
  };
}

/** The ids of the checkboxes in the table, in order. */
function tickable(page: TestResponse): string[] {
  return [...page.body.matchAll(/name="artefactId" type="checkbox" value="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('finding the court', () => {
  it('offers the search, and an exact name (English or Welsh, any case) goes to the court', async () => {
    const { deps, cookie } = await signedIn();
    const form = await request(deps, '/admin/remove-list', { cookie });
    expect(form.status).toBe(200);
    expect(form.body).toContain('<h1 class="govuk-heading-l">Remove a list</h1>');
    expect(form.body).toContain('<option value="Oxford Combined Court Centre">');
    for (const name of ['oxford combined court centre', 'Llys Ynadon Caerdydd']) {
      const found = await request(deps, `/admin/remove-list?court=${encodeURIComponent(name)}`, { cookie });
      expect(found.status).toBe(302);
      expect(found.headers.location).toMatch(/^\/admin\/remove-list\/[12]$/);
    }
  });

  it('offers every court that matches part of the name', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, '/admin/remove-list?court=court', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<a class="govuk-link" href="/admin/remove-list/2">Cardiff Magistrates Court</a>');
    expect(page.body).toContain('<a class="govuk-link" href="/admin/remove-list/1">Oxford Combined Court Centre</a>');
  });

  it('says so on the field when no court matches, or nothing was entered', async () => {
    const { deps, cookie } = await signedIn();
    const none = await request(deps, '/admin/remove-list?court=Atlantis', { cookie });
    expect(none.status).toBe(400);
    expect(none.body).toContain('<title>Error: Remove a list - ');
    expect(none.body).toMatch(
      /govuk-error-summary[\s\S]*href="#court">No court or tribunal name matches what you entered/,
    );
    expect(none.body).toMatch(/id="court-error"[\s\S]*No court or tribunal name matches what you entered/);
    expect(none.body).toContain('value="Atlantis"');
    const empty = await request(deps, '/admin/remove-list?court=%20&lng=cy', { cookie });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('href="#court">Rhowch enw llys neu dribiwnlys');
  });
});

describe("the court's lists", () => {
  it('shows every live publication of the court with its metadata, and nothing of other courts', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, '/admin/remove-list/1', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Lists published for Oxford Combined Court Centre');
    expect(tickable(page)).toEqual([ids.civil, ids.family, ids.future]);
    const table = page.body.slice(page.body.indexOf('<table'));
    for (const text of [
      'Civil Daily Cause List',
      'Family Daily Cause List',
      '30 November 2026',
      'Welsh',
      'Private',
      'Public',
      '29 November 2026 at 00:00',
      '5 December 2026 at 00:00',
      'Until removed',
      'CFT_LIST_ASSIST',
      'MANUAL_UPLOAD',
    ]) {
      expect(table, text).toContain(text);
    }
    expect(page.body).toContain(
      '<span class="govuk-visually-hidden">Select Family Daily Cause List, 30 November 2026, Welsh</span>',
    );
  });

  it('is in Welsh, list type names included', async () => {
    const { deps, cookie } = await signedIn();
    const page = await request(deps, '/admin/remove-list/1?lng=cy', { cookie });
    expect(page.body).toContain('Rhestrau a gyhoeddwyd ar gyfer Canolfan Llysoedd Cyfun Rhydychen');
    expect(page.body).toContain('Rhestr Achosion Dyddiol y Llys Sifil');
    expect(page.body).toContain('30 Tachwedd 2026');
    expect(page.body).toContain('Preifat');
    expect(page.body).toContain('Hyd nes y caiff ei ddileu');
  });

  it('says when the court has none, and is a 404 for a court we do not have', async () => {
    const { deps, cookie } = await signedIn();
    const empty = await request(deps, '/admin/remove-list/3', { cookie });
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('There are no lists published for this court or tribunal.');
    expect(empty.body).not.toContain('action="/admin/remove-list/3"');
    expect((await request(deps, '/admin/remove-list/999', { cookie })).status).toBe(404);
    expect((await request(deps, '/admin/remove-list/abc', { cookie })).status).toBe(404);
  });

  it('asks for at least one list when nothing is ticked', async () => {
    const { deps, cookie, csrf } = await signedIn();
    const page = await request(deps, '/admin/remove-list/1', { cookie, form: { _csrf: csrf } });
    expect(page.status).toBe(400);
    expect(page.body).toContain('<title>Error: Select the lists to remove - ');
    expect(page.body).toMatch(/govuk-error-summary[\s\S]*href="#artefactId">Select at least one list to remove/);
    expect(page.body).toContain('id="artefactId" name="artefactId" type="checkbox"');
    expect(page.body).toContain('govuk-form-group--error');
    // A publication of another court is not one of these lists.
    const other = await request(deps, '/admin/remove-list/1', {
      cookie,
      form: [
        ['_csrf', csrf],
        ['artefactId', ids.otherCourt],
      ],
    });
    expect(other.status).toBe(400);
  });
});

describe('confirming and removing', () => {
  it('confirms the ticked lists, removes them on yes, audits each, and says "Lists removed"', async () => {
    const { deps, cookie, csrf, audited, publications } = await signedIn();
    const ticked = await request(deps, '/admin/remove-list/1', {
      cookie,
      form: [
        ['_csrf', csrf],
        ['artefactId', ids.civil],
        ['artefactId', ids.future],
      ],
    });
    expect(ticked.status).toBe(303);
    const confirmPath = ticked.headers.location ?? '';
    expect(confirmPath).toBe(`/admin/remove-list/1/confirm?artefactId=${ids.civil}&artefactId=${ids.future}`);

    const confirm = await request(deps, confirmPath, { cookie });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('<h1 class="govuk-heading-l">Are you sure you want to remove these lists?</h1>');
    expect(confirm.body).toContain('Civil and Family Daily Cause List');
    expect(confirm.body).not.toContain('>Family Daily Cause List</td>');
    expect(confirm.body).toContain('name="confirm" type="radio" value="yes"');

    const form = (answer: string | null): [string, string][] => [
      ['_csrf', csrf],
      ['artefactId', ids.civil],
      ['artefactId', ids.future],
      ...(answer === null ? [] : ([['confirm', answer]] as [string, string][])),
    ];
    const unanswered = await request(deps, '/admin/remove-list/1/confirm', { cookie, form: form(null) });
    expect(unanswered.status).toBe(400);
    expect(unanswered.body).toMatch(/href="#confirm">Select yes if you want to remove the lists/);
    expect(publications).toHaveLength(4);

    const removed = await request(deps, '/admin/remove-list/1/confirm', { cookie, form: form('yes') });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe('/admin/remove-list/1/removed?count=2');
    expect(publications.map((p) => p.artefactId)).toEqual([ids.family, ids.otherCourt]);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'PUBLICATION_DELETE',
        outcome: 'SUCCESS',
        actor: ctscAdmin,
        objectId: ids.civil,
        details: expect.objectContaining({ via: 'REMOVE_LIST_PAGE' }) as unknown,
      }),
      expect.objectContaining({ action: 'PUBLICATION_DELETE', outcome: 'SUCCESS', objectId: ids.future }),
    ]);

    const done = await request(deps, removed.headers.location ?? '', { cookie });
    expect(done.body).toContain('Lists removed');
    expect(done.body).toContain('2 lists have been removed from Oxford Combined Court Centre.');
    expect(done.body).toContain('href="/admin/remove-list">Remove another list');
    expect(done.body).toContain('href="/courts/1"');
    const one = await request(deps, '/admin/remove-list/1/removed?count=1&lng=cy', { cookie });
    expect(one.body).toContain('Rhestr wedi’i dileu');
  });

  it('removes nothing on no, and goes back to the table', async () => {
    const { deps, cookie, csrf, audited, publications } = await signedIn();
    const answer = await request(deps, '/admin/remove-list/1/confirm', {
      cookie,
      form: [
        ['_csrf', csrf],
        ['artefactId', ids.civil],
        ['confirm', 'no'],
      ],
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/admin/remove-list/1');
    expect(publications).toHaveLength(4);
    expect(audited).toEqual([]);
  });

  it('never removes a publication of another court through this court, and asks about one list in the singular', async () => {
    const { deps, cookie, csrf, publications } = await signedIn();
    const confirm = await request(deps, `/admin/remove-list/1/confirm?artefactId=${ids.family}`, { cookie });
    expect(confirm.body).toContain('Are you sure you want to remove this list?');
    const elsewhere = await request(deps, '/admin/remove-list/1/confirm', {
      cookie,
      form: [
        ['_csrf', csrf],
        ['artefactId', ids.otherCourt],
        ['confirm', 'yes'],
      ],
    });
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.location).toBe('/admin/remove-list/1');
    expect(publications).toHaveLength(4);
  });

  it('refuses a POST without the CSRF token, and removes nothing', async () => {
    const { deps, cookie, publications, audited } = await signedIn();
    const refused = await request(deps, '/admin/remove-list/1/confirm', {
      cookie,
      form: [
        ['artefactId', ids.civil],
        ['confirm', 'yes'],
      ],
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Your form could not be sent');
    expect(publications).toHaveLength(4);
    expect(audited).toEqual([]);
  });
});

describe('who may remove a list', () => {
  it.each(['/admin/remove-list', '/admin/remove-list/1', `/admin/remove-list/1/confirm?artefactId=${ids.civil}`])(
    'a media user is refused at %s (403, audited) and an anonymous visitor sent to sign in',
    async (path) => {
      const { deps, cookie, audited } = await signedIn(testPrincipals.media);
      const refused = await request(deps, path, { cookie });
      expect(refused.status).toBe(403);
      expect(audited).toEqual([
        expect.objectContaining({ action: 'ADMIN_PAGE_ACCESS', outcome: 'DENIED', objectId: path.split('?')[0] }),
      ]);
      const anonymous = await request(fakeDependencies(), path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toBe(`/sign-in?${new URLSearchParams({ returnTo: path }).toString()}`);
    },
  );

  it('a media user posting the confirmation (with a valid token) is refused and nothing is removed', async () => {
    const { deps, cookie, csrf, publications } = await signedIn(testPrincipals.media);
    const refused = await request(deps, '/admin/remove-list/1/confirm', {
      cookie,
      form: [
        ['_csrf', csrf],
        ['artefactId', ids.civil],
        ['confirm', 'yes'],
      ],
    });
    expect(refused.status).toBe(403);
    expect(publications).toHaveLength(4);
  });

  it('an anonymous POST is sent to sign in, and nothing is removed', async () => {
    const publications = fixtures();
    const answer = await request(fakeDependencies({ publications }), '/admin/remove-list/1/confirm', {
      form: [
        ['artefactId', ids.civil],
        ['confirm', 'yes'],
      ],
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/sign-in/);
    expect(publications).toHaveLength(4);
  });
});
