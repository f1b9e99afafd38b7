/**
 * /subscriptions/add and removing several subscriptions at once, over real PostgreSQL (the subscription table's
 * owner, and the search terms ingestion stored in `artefact`) and the real web handler: each journey to Check your
 * answers and its confirmation, the error states, the CSRF check, the API's own rules refusing a forged answer, and
 * removal of several after confirming (all or none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../../shared/auth/principal.js';
import { ownSubscriptions, subscribe } from '../../../../shared/subscriptions/own-subscriptions.js';
import { insertPublicationRow } from '../../../../test-support/publication-rows.js';
import { insertCourt } from '../../../../test-support/subscription-fixtures.js';
import type { TestDatabase } from '../../../../test-support/test-database.js';
import {
  startSubscriptionPages,
  subscriptionPagesAdmin,
  type SubscriptionPages,
} from '../../testing/subscription-pages.js';
import { fakeDependencies, fakeSignIn, request, testNow, testPrincipals } from '../../testing/web-test-kit.js';
import { subscriberOf } from '../../../../shared/subscriptions/subscriber.js';

const admin = subscriptionPagesAdmin;

let testDb: TestDatabase;
let deps: ReturnType<typeof fakeDependencies>;
let signIn: ReturnType<typeof fakeSignIn>;
let cookies: SubscriptionPages['cookies'];
let csrf: string;

const hour = 3_600_000;
let day = 0;
/** On display at testNow, each on its own day (a list per court, day, language and provenance). */
const onDisplay = () => ({
  contentDate: `2026-11-${String((day += 1)).padStart(2, '0')}T09:00:00`,
  displayFrom: new Date(testNow.getTime() - hour),
  displayTo: new Date(testNow.getTime() + hour),
});

beforeAll(async () => {
  ({ testDb, deps, signIn, cookies, csrf } = await startSubscriptionPages());
  // The fakes' directory names courts 1 and 2; the API's rule looks them up in the reference data.
  await insertCourt(testDb.database, 1, 'Oxford Combined Court Centre');
  await insertCourt(testDb.database, 2, 'Cardiff Magistrates Court');
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    search: { caseNames: ['Smith v Jones', 'SMITH V JONES ', 'Smithson v Crown'], partyNames: ['Alice Smith'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    locationId: '2',
    search: { caseNames: ['Smith v Jones'] },
  });
  // What a search never reveals: a PRIVATE list, a NoMatch court's, an archived one, one not yet on display.
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    sensitivity: 'PRIVATE',
    search: { caseNames: ['Smith v Secret'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    locationId: 'NoMatch77',
    search: { caseNames: ['Smith v Unmapped'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    archivedAt: testNow,
    search: { caseNames: ['Smith v Archived'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    displayFrom: new Date(testNow.getTime() + hour),
    search: { caseNames: ['Smith v Tomorrow'] },
  });
});
afterAll(async () => {
  await testDb.drop();
});

const get = (path: string, cookie = cookies.media) => request(deps, path, { cookie });

/** The answers of a GET step's form as a query. */
const step = (path: string, fields: [string, string][]) =>
  get(`${path}?${new URLSearchParams([...fields, ['submitted', '1']]).toString()}`);

const errorSummaryOf = (body: string) =>
  /<div class="govuk-error-summary"[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/
    .exec(body)?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The principal's subscriptions, oldest first, as the table's owner reads them. */
async function subscriptionRows(principal: Principal) {
  return (await ownSubscriptions(testDb.database, principal)).reverse().map((subscription) => ({
    search_type: subscription.searchType,
    search_value: subscription.searchValue,
    list_types: subscription.listTypes,
    languages: subscription.languages,
  }));
}

/** Confirm on Check your answers: the hidden fields as the page holds them, with the CSRF token. */
async function confirmFrom(checkPath: string) {
  const check = await get(checkPath);
  expect(check.status, checkPath).toBe(200);
  const hidden = [...check.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m): [string, string] => [m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'")],
  );
  return request(deps, '/subscriptions/add/check', { cookie: cookies.media, form: hidden });
}

describe('/subscriptions/add: who may', () => {
  it('sends an anonymous visitor to sign in and back, and refuses (403, audited) someone who may not subscribe', async () => {
    const anonymous = await request(deps, '/subscriptions/add/court');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fsubscriptions%2Fadd%2Fcourt');
    expect((await get('/subscriptions/add', cookies.admin)).status).toBe(403);
    const forged = await request(deps, '/subscriptions/add/check', {
      cookie: cookies.admin,
      form: { _csrf: (await signIn.signInAs(admin)).session.csrfToken },
    });
    expect(forged.status).toBe(403);
  });
});

describe('/subscriptions/add by court', () => {
  it('asks how, then which court, then which lists, checks the answers and confirms: created once, held after', async () => {
    const how = await get('/subscriptions/add');
    expect(how.status).toBe(200);
    expect(how.body).toContain('How do you want to add an email subscription?');
    expect(how.body).toContain('value="PARTY_NAME"');

    const noChoice = await step('/subscriptions/add', []);
    expect(noChoice.body).toContain('<title>Error:');
    expect(errorSummaryOf(noChoice.body)).toBe('Select how you want to add an email subscription');
    expect(noChoice.body).toContain('href="#searchType"');

    const chosen = await step('/subscriptions/add', [['searchType', 'LOCATION_ID']]);
    expect(chosen.headers.location).toBe('/subscriptions/add/court');

    const courtPage = await get('/subscriptions/add/court');
    expect(courtPage.body).toContain('<option value="1">Oxford Combined Court Centre</option>');
    expect(errorSummaryOf((await step('/subscriptions/add/court', [['court', '']])).body)).toBe(
      'Select a court or tribunal',
    );
    expect(errorSummaryOf((await step('/subscriptions/add/court', [['court', '424242']])).body)).toBe(
      'Select a court or tribunal',
    );
    const court = await step('/subscriptions/add/court', [['court', '1']]);
    expect(court.headers.location).toBe('/subscriptions/add/court/lists?court=1');

    const lists = await get('/subscriptions/add/court/lists?court=1');
    expect(lists.body).toContain('Which lists from Oxford Combined Court Centre do you want?');
    expect(lists.body).toContain('value="CIVIL_DAILY_CAUSE_LIST"');
    const forgedList = await step('/subscriptions/add/court/lists', [
      ['court', '1'],
      ['listTypes', 'NOT_A_LIST'],
    ]);
    expect(errorSummaryOf(forgedList.body)).toBe('Select list types that are published');
    const narrowed = await step('/subscriptions/add/court/lists', [
      ['court', '1'],
      ['listTypes', 'FAMILY_DAILY_CAUSE_LIST'],
      ['listTypes', 'CIVIL_DAILY_CAUSE_LIST'],
      ['languages', 'WELSH'],
    ]);
    const checkPath = narrowed.headers.location ?? '';
    expect(checkPath).toBe(
      '/subscriptions/add/check?searchType=LOCATION_ID&searchValue=1&listTypes=CIVIL_DAILY_CAUSE_LIST&listTypes=FAMILY_DAILY_CAUSE_LIST&languages=WELSH',
    );

    const check = await get(checkPath);
    expect(check.body).toContain('Check your answers');
    expect(check.body).toMatch(/Oxford Combined Court Centre/);
    expect(check.body).toContain('Civil Daily Cause List, Family Daily Cause List (Welsh)');
    expect(check.body).toContain(`name="_csrf" value="${csrf}"`);
    // Change goes back to the step with the answers kept.
    expect(check.body).toContain(
      'href="/subscriptions/add/court/lists?court=1&amp;listTypes=CIVIL_DAILY_CAUSE_LIST&amp;listTypes=FAMILY_DAILY_CAUSE_LIST&amp;languages=WELSH"',
    );
    const welsh = await get(`${checkPath}&lng=cy`);
    expect(welsh.body).toContain('Gwiriwch eich atebion');
    expect(welsh.body).toContain('Canolfan Llysoedd Cyfun Rhydychen');

    const wrongToken = await request(deps, '/subscriptions/add/check', {
      cookie: cookies.media,
      form: { _csrf: 'wrong', searchType: 'LOCATION_ID', searchValue: '1' },
    });
    expect(wrongToken.status).toBe(403);
    expect(await subscriptionRows(testPrincipals.media)).toEqual([]);

    const confirmed = await confirmFrom(checkPath);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toMatch(/^\/subscriptions\/add\/confirmation\?id=[0-9a-f-]{36}$/);
    const confirmation = await get(confirmed.headers.location ?? '');
    expect(confirmation.body).toContain('Subscription added');
    expect(confirmation.body).toContain('href="/subscriptions/add"');
    expect(await subscriptionRows(testPrincipals.media)).toEqual([
      {
        search_type: 'LOCATION_ID',
        search_value: '1',
        list_types: ['CIVIL_DAILY_CAUSE_LIST', 'FAMILY_DAILY_CAUSE_LIST'],
        languages: ['WELSH'],
      },
    ]);
    const { rows: audit } = await testDb.database.query<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE action = 'SUBSCRIPTION_CREATE'",
    );
    expect(audit).toEqual([{ outcome: 'SUCCESS' }]);

    const again = await confirmFrom(checkPath);
    expect(again.headers.location).toMatch(/&held=1$/);
    expect((await get(again.headers.location ?? '')).body).toContain('You already have this subscription');
    expect(await subscriptionRows(testPrincipals.media)).toHaveLength(1);
  });

  it('refuses a forged Confirm by the API rules (an unknown court), naming the field, and makes nothing', async () => {
    const forged = await request(deps, '/subscriptions/add/check', {
      cookie: cookies.cft,
      form: {
        _csrf: (await signIn.signInAs(testPrincipals.cft)).session.csrfToken,
        searchType: 'LOCATION_ID',
        searchValue: '99999',
      },
    });
    expect(forged.status).toBe(403);
    const { sessionId, session } = await signIn.signInAs(testPrincipals.cft);
    const refused = await request(deps, '/subscriptions/add/check', {
      cookie: `pip-session=${sessionId}`,
      form: { _csrf: session.csrfToken, searchType: 'LOCATION_ID', searchValue: '99999' },
    });
    expect(refused.status).toBe(200);
    expect(errorSummaryOf(refused.body)).toBe('searchValue no court has the id 99999');
    expect(await subscriptionRows(testPrincipals.cft)).toEqual([]);
    // A check page with answers the rules refuse starts again.
    expect((await get('/subscriptions/add/check?searchType=LIST_TYPE&searchValue=NOPE')).headers.location).toBe(
      '/subscriptions/add',
    );
  });
});

describe('/subscriptions/add by case name, number, URN or party', () => {
  it('searches the terms of the public lists on display, offers the results, and subscribes to the one chosen', async () => {
    expect((await step('/subscriptions/add', [['searchType', 'CASE_NAME']])).headers.location).toBe(
      '/subscriptions/add/case?searchType=CASE_NAME',
    );
    const search = await get('/subscriptions/add/case?searchType=CASE_NAME');
    expect(search.body).toContain('What is the case name?');
    expect(errorSummaryOf((await step('/subscriptions/add/case', [['searchType', 'CASE_NAME']])).body)).toBe(
      'Enter what you are looking for',
    );
    expect(
      errorSummaryOf(
        (
          await step('/subscriptions/add/case', [
            ['searchType', 'CASE_NAME'],
            ['q', 'x'.repeat(201)],
          ])
        ).body,
      ),
    ).toBe('Enter 200 characters or fewer');
    for (const hidden of ['secret', 'unmapped', 'archived', 'tomorrow']) {
      const none = await step('/subscriptions/add/case', [
        ['searchType', 'CASE_NAME'],
        ['q', hidden],
      ]);
      expect(errorSummaryOf(none.body), hidden).toBe(`No list published now has a match for ‘${hidden}’`);
    }

    const found = await step('/subscriptions/add/case', [
      ['searchType', 'CASE_NAME'],
      ['q', ' smith '],
    ]);
    expect(found.headers.location).toBe('/subscriptions/add/case/results?searchType=CASE_NAME&q=+smith+');
    const results = await get(found.headers.location ?? '');
    const offered = [...results.body.matchAll(/name="searchValue" type="radio" value="([^"]*)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['Smith v Jones', 'Smithson v Crown']);
    expect(results.body).toContain('on 2 list(s) now');

    const noChoice = await step('/subscriptions/add/case/results', [
      ['searchType', 'CASE_NAME'],
      ['q', 'smith'],
    ]);
    expect(errorSummaryOf(noChoice.body)).toBe('Select one of the results');
    const notOffered = await step('/subscriptions/add/case/results', [
      ['searchType', 'CASE_NAME'],
      ['q', 'smith'],
      ['searchValue', 'Smith v Secret'],
    ]);
    expect(errorSummaryOf(notOffered.body)).toBe('Select one of the results');

    const chosen = await step('/subscriptions/add/case/results', [
      ['searchType', 'CASE_NAME'],
      ['q', 'smith'],
      ['searchValue', 'Smith v Jones'],
    ]);
    expect(chosen.headers.location).toBe('/subscriptions/add/check?searchType=CASE_NAME&searchValue=Smith+v+Jones');
    const confirmed = await confirmFrom(chosen.headers.location ?? '');
    expect(confirmed.status).toBe(303);
    expect((await subscriptionRows(testPrincipals.media)).at(-1)).toEqual({
      search_type: 'CASE_NAME',
      search_value: 'Smith v Jones',
      list_types: [],
      languages: [],
    });

    const party = await step('/subscriptions/add/case', [
      ['searchType', 'PARTY_NAME'],
      ['q', 'ALICE'],
    ]);
    expect(party.headers.location).toBe('/subscriptions/add/case/results?searchType=PARTY_NAME&q=ALICE');
  });
});

describe('/subscriptions/add by list type', () => {
  it('offers the published list types, refuses none chosen, and subscribes to the one chosen', async () => {
    expect((await step('/subscriptions/add', [['searchType', 'LIST_TYPE']])).headers.location).toBe(
      '/subscriptions/add/list-type',
    );
    const page = await get('/subscriptions/add/list-type?lng=cy');
    expect(page.body).toContain('I ba fath o restr ydych chi eisiau tanysgrifio?');
    expect(errorSummaryOf((await step('/subscriptions/add/list-type', [])).body)).toBe('Select a list type');
    const chosen = await step('/subscriptions/add/list-type', [['listType', 'SJP_PUBLIC_LIST']]);
    expect(chosen.headers.location).toBe('/subscriptions/add/check?searchType=LIST_TYPE&searchValue=SJP_PUBLIC_LIST');
    expect((await confirmFrom(chosen.headers.location ?? '')).status).toBe(303);
    expect((await subscriptionRows(testPrincipals.media)).at(-1)).toMatchObject({
      search_type: 'LIST_TYPE',
      search_value: 'SJP_PUBLIC_LIST',
    });
  });
});

describe('the language of the digests', () => {
  it("is the page's when the subscription is confirmed: Welsh on a Welsh page, English on an English one", async () => {
    const languageOf = async () =>
      (
        await testDb.database.query<{ language: string }>(
          `SELECT language FROM subscriber_email_language WHERE user_id = $1`,
          [subscriberOf(testPrincipals.media).userId],
        )
      ).rows[0]?.language;
    const check = await get('/subscriptions/add/check?searchType=LIST_TYPE&searchValue=SJP_PRESS_LIST&lng=cy');
    const hidden = [...check.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      (m): [string, string] => [m[1] ?? '', m[2] ?? ''],
    );
    const welsh = await request(deps, '/subscriptions/add/check?lng=cy', { cookie: cookies.media, form: hidden });
    expect(welsh.status).toBe(303);
    expect(await languageOf()).toBe('cy');
    expect(
      (await confirmFrom('/subscriptions/add/check?searchType=LIST_TYPE&searchValue=SJP_PUBLIC_LIST')).status,
    ).toBe(303);
    expect(await languageOf()).toBe('en');
  });
});

describe('/subscriptions: removing several at once', () => {
  it('asks for a choice, confirms the ones ticked, removes them (each audited), all or none', async () => {
    const { sessionId, session } = await signIn.signInAs(testPrincipals.crime);
    const cookie = `pip-session=${sessionId}`;
    const made = [];
    for (const searchValue of ['A1', 'A2', 'A3']) {
      made.push(
        (
          await subscribe(testDb.database, testPrincipals.crime, {
            searchType: 'CASE_NUMBER',
            searchValue,
            listTypes: [],
            languages: [],
          })
        ).subscription.subscriptionId,
      );
    }
    const other = (
      await subscribe(testDb.database, testPrincipals.cft, {
        searchType: 'CASE_NUMBER',
        searchValue: 'B1',
        listTypes: [],
        languages: [],
      })
    ).subscription.subscriptionId;
    const [first = '', second = '', third = ''] = made;

    const list = await request(deps, '/subscriptions', { cookie });
    expect(list.body).toContain('action="/subscriptions/remove"');
    expect(list.body).toContain(`name="subscription" type="checkbox" value="${first}"`);

    const none = await request(deps, '/subscriptions/remove', { cookie });
    expect(errorSummaryOf(none.body)).toBe('Select the subscriptions you want to remove');

    const withOther = await request(deps, `/subscriptions/remove?subscription=${first}&subscription=${other}`, {
      cookie,
    });
    expect(withOther.status).toBe(404);

    const confirm = await request(deps, `/subscriptions/remove?subscription=${first}&subscription=${third}`, {
      cookie,
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Are you sure you want to remove these subscriptions?');
    expect(confirm.body).toContain(`<input type="hidden" name="subscription" value="${first}">`);
    expect(confirm.body).toContain(`<input type="hidden" name="subscription" value="${third}">`);

    const forgedOther = await request(deps, '/subscriptions/remove', {
      cookie,
      form: [
        ['_csrf', session.csrfToken],
        ['subscription', first],
        ['subscription', other],
      ],
    });
    expect(forgedOther.status).toBe(404);
    expect(await subscriptionRows(testPrincipals.crime)).toHaveLength(3);
    expect(await subscriptionRows(testPrincipals.cft)).toHaveLength(1);

    const removed = await request(deps, '/subscriptions/remove', {
      cookie,
      form: [
        ['_csrf', session.csrfToken],
        ['subscription', first],
        ['subscription', third],
      ],
    });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe('/subscriptions?removed=2');
    const after = await request(deps, '/subscriptions?removed=2', { cookie });
    expect(after.body).toContain('2 subscriptions removed');
    expect(after.body).toContain(second);
    expect(after.body).not.toContain(first);
    expect(await subscriptionRows(testPrincipals.crime)).toEqual([expect.objectContaining({ search_value: 'A2' })]);
    const { rows } = await testDb.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'SUBSCRIPTION_DELETE' AND outcome = 'SUCCESS'",
    );
    expect(rows).toEqual([{ n: 2 }]);
  });
});
