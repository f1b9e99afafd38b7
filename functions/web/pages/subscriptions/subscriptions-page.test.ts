/**
 * /subscriptions over real PostgreSQL (the subscription table's owner, shared/subscriptions) and the real web handler:
 * who may see it, the table in English and Welsh, removal after confirming (CSRF-checked, audited), and nobody
 * removing or even seeing anyone else's subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import { subscribe } from '../../../../shared/subscriptions/own-subscriptions.js';
import type { Subscription } from '../../../../shared/subscriptions/subscription.js';
import type { TestDatabase } from '../../../../test-support/test-database.js';
import { startSubscriptionPages, type SubscriptionPages } from '../../testing/subscription-pages.js';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../../testing/web-test-kit.js';

let testDb: TestDatabase;
let deps: ReturnType<typeof fakeDependencies>;
const audited: AuditEvent[] = [];
let cookies: SubscriptionPages['cookies'];
let csrf: string;
let court: Subscription;
let caseName: Subscription;
let cftOwn: Subscription;

beforeAll(async () => {
  ({ testDb, deps, cookies, csrf } = await startSubscriptionPages({ audited }));
  court = (
    await subscribe(testDb.database, testPrincipals.media, {
      searchType: 'LOCATION_ID',
      searchValue: '1',
      listTypes: ['CIVIL_DAILY_CAUSE_LIST'],
      languages: ['WELSH'],
    })
  ).subscription;
  caseName = (
    await subscribe(testDb.database, testPrincipals.media, {
      searchType: 'CASE_NAME',
      searchValue: 'Smith v <b>Jones</b>',
      listTypes: [],
      languages: [],
    })
  ).subscription;
  cftOwn = (
    await subscribe(testDb.database, testPrincipals.cft, {
      searchType: 'LIST_TYPE',
      searchValue: 'SJP_PUBLIC_LIST',
      listTypes: [],
      languages: [],
    })
  ).subscription;
});
afterAll(async () => {
  await testDb.drop();
});

const rowsOf = (body: string) =>
  [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
    (m[1] ?? '')
      // The first cell is the checkbox that selects the row for removing several at once.
      .replace(/^\s*<td[\s\S]*?<\/td>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

describe('/subscriptions: who may see it', () => {
  it('sends an anonymous visitor to sign in and back, and refuses (403, audited) someone who may not subscribe', async () => {
    const anonymous = await request(deps, '/subscriptions');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fsubscriptions');
    const refused = await request(deps, '/subscriptions', { cookie: cookies.admin });
    expect(refused.status).toBe(403);
    expect(audited.at(-1)).toMatchObject({
      action: 'SUBSCRIPTION_LIST',
      outcome: 'DENIED',
      actor: { userId: 'admin-oid' },
      objectId: '/subscriptions',
    });
  });
});

describe('/subscriptions: the table', () => {
  it("lists the subscriber's own, newest first, with court and list names, in English and Welsh", async () => {
    const english = await request(deps, '/subscriptions', { cookie: cookies.media });
    expect(english.status, JSON.stringify(english.logged)).toBe(200);
    expect(english.body).toContain('<h1 class="govuk-heading-l">Your email subscriptions</h1>');
    expect(rowsOf(english.body)).toEqual([
      expect.stringMatching(
        /^Case name Smith v &lt;b&gt;Jones&lt;\/b&gt; All lists \d+ \w+ \d{4} Remove Case name/,
      ) as string,
      expect.stringMatching(
        /^Court or tribunal Oxford Combined Court Centre Civil Daily Cause List \(Welsh\) \d+ \w+ \d{4} Remove/,
      ) as string,
    ]);
    expect(english.body).toContain(`href="/subscriptions/${court.subscriptionId}/remove"`);
    expect(english.body).not.toContain(cftOwn.subscriptionId);

    const welsh = await request(deps, '/subscriptions?lng=cy', { cookie: cookies.media });
    expect(welsh.body).toContain('Eich tanysgrifiadau e-bost');
    expect(rowsOf(welsh.body)[1]).toMatch(/^Llys neu dribiwnlys Canolfan Llysoedd Cyfun Rhydychen .* \(Cymraeg\)/);
  });

  it('says so when there are none', async () => {
    const { signIn } = deps;
    const { sessionId } = await (signIn as ReturnType<typeof fakeSignIn>).signInAs(testPrincipals.crime);
    const none = await request(deps, '/subscriptions', { cookie: `pip-session=${sessionId}` });
    expect(none.body).toContain('You have no email subscriptions.');
    expect(none.body).not.toContain('<table');
  });
});

describe('/subscriptions/{id}/remove', () => {
  it('asks first, then removes with the session CSRF token, audited, and says so', async () => {
    const confirm = await request(deps, `/subscriptions/${caseName.subscriptionId}/remove`, { cookie: cookies.media });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Are you sure you want to remove this subscription?');
    expect(confirm.body).toContain(`action="/subscriptions/${caseName.subscriptionId}/remove"`);
    expect(confirm.body).toContain(`name="_csrf" value="${csrf}"`);

    const forged = await request(deps, `/subscriptions/${caseName.subscriptionId}/remove`, {
      cookie: cookies.media,
      form: { _csrf: 'wrong' },
    });
    expect(forged.status).toBe(403);

    const removed = await request(deps, `/subscriptions/${caseName.subscriptionId}/remove`, {
      cookie: cookies.media,
      form: { _csrf: csrf },
    });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe('/subscriptions?removed=1');
    const after = await request(deps, '/subscriptions?removed=1', { cookie: cookies.media });
    expect(after.body).toContain('Subscription removed');
    expect(rowsOf(after.body)).toHaveLength(1);
    const { rows } = await testDb.database.query<{ outcome: string; object_id: string }>(
      "SELECT outcome, object_id FROM audit_log WHERE action = 'SUBSCRIPTION_DELETE'",
    );
    expect(rows).toEqual([{ outcome: 'SUCCESS', object_id: caseName.subscriptionId }]);
  });

  it("answers 404 for anyone else's subscription, an unknown one or a malformed id, and removes nothing", async () => {
    for (const id of [cftOwn.subscriptionId, '3f2b8c1e-9d4a-4b6e-8f00-1c2d3e4f5a6b', 'not-a-uuid']) {
      expect((await request(deps, `/subscriptions/${id}/remove`, { cookie: cookies.media })).status, id).toBe(404);
      const post = await request(deps, `/subscriptions/${id}/remove`, { cookie: cookies.media, form: { _csrf: csrf } });
      expect(post.status, id).toBe(404);
    }
    const cftPage = await request(deps, '/subscriptions', { cookie: cookies.cft });
    expect(rowsOf(cftPage.body)).toEqual([
      expect.stringMatching(/^List type Single Justice Procedure Public List/) as string,
    ]);
  });
});
