/** Matching against real PostgreSQL: every search type, and what is never matched. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { groupIntoDigests } from '../../subscriptions/digest-grouping.js';
import { storePlannedDigests } from '../../subscriptions/digest-store.js';
import { findNewMatches } from './subscription-matches.js';
import type { SearchType } from '../../subscriptions/subscription-matching.js';
import { createSubscription } from '../../subscriptions/subscription-store.js';
import type { Language } from '../publication.js';
import {
  insertArtefact,
  insertCourt,
  insertSubscription,
  supersedeArtefact,
} from '../../../test-support/subscription-fixtures.js';

let testDb: TestDatabase;
const window = { from: new Date('2026-11-29T06:00:00Z'), to: new Date('2026-11-30T06:00:00Z') };
const received = new Date('2026-11-29T18:00:00Z');
const displayFrom = new Date('2026-11-29T00:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await insertCourt(testDb.database, 1501, 'Oxford Combined Court Centre');
  await insertCourt(testDb.database, 1502, 'Reading Crown Court');
});

afterAll(async () => {
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('TRUNCATE subscription, subscription_digest, subscription_digest_item, artefact');
});

async function subscribe(searchType: SearchType, searchValue: string, userId = randomUUID()): Promise<string> {
  await insertSubscription(testDb.database, { userId, email: `${userId}@example.com`, searchType, searchValue });
  return userId;
}

/** A list at the other court (1502), on display and received in the window. */
const crownDailyList = () =>
  insertArtefact(testDb.database, {
    locationId: '1502',
    listType: 'CROWN_DAILY_LIST',
    displayFrom,
    receivedAt: received,
  });

describe('findNewMatches: each search type', () => {
  it('matches by location, list type, case number, URN, case name and party name, ignoring case and spaces', async () => {
    const artefactId = await insertArtefact(testDb.database, {
      locationId: '1501',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      displayFrom,
      receivedAt: received,
      search: {
        caseNumbers: ['CN-1234'],
        caseUrns: ['URN5678'],
        caseNames: ['Smith v Jones'],
        partyNames: ['Alice Smith', 'Acme Ltd'],
      },
    });
    await crownDailyList();
    const subscribers = {
      location: await subscribe('LOCATION_ID', '1501'),
      listType: await subscribe('LIST_TYPE', 'civil_daily_cause_list'),
      caseNumber: await subscribe('CASE_NUMBER', 'cn-1234'),
      caseUrn: await subscribe('CASE_URN', ' URN5678 '),
      caseName: await subscribe('CASE_NAME', 'SMITH V JONES'),
      partyName: await subscribe('PARTY_NAME', 'alice smith'),
    };
    // Near misses: partial values, another court, another case.
    await subscribe('PARTY_NAME', 'Smith');
    await subscribe('CASE_NUMBER', 'CN-9999');
    await subscribe('LOCATION_ID', '15');

    const matches = await findNewMatches(testDb.database, window);
    expect(matches.map((m) => m.userId).sort()).toEqual(Object.values(subscribers).sort());
    expect(new Set(matches.map((m) => m.artefactId))).toEqual(new Set([artefactId]));
    expect(matches.find((m) => m.userId === subscribers.partyName)).toMatchObject({
      searchType: 'PARTY_NAME',
      searchValue: 'alice smith',
      userEmail: `${subscribers.partyName}@example.com`,
      artefactVersion: expect.stringMatching(/^2026-11-29T18:00:00(\.0+)?\+00:00$/) as unknown,
    });
  });

  it('matches the other court by its own id', async () => {
    const crown = await crownDailyList();
    const user = await subscribe('LOCATION_ID', '1502');
    expect((await findNewMatches(testDb.database, window)).map((m) => [m.userId, m.artefactId])).toEqual([
      [user, crown],
    ]);
  });
});

describe('findNewMatches: what is never matched', () => {
  it('leaves out archived, INTERNAL, NoMatch, live case status and closed or not yet open publications, and those outside the window', async () => {
    const base = { displayFrom, receivedAt: received, locationId: '1501' };
    await insertArtefact(testDb.database, { ...base, archivedAt: new Date('2026-11-29T20:00:00Z') });
    await insertArtefact(testDb.database, { ...base, sensitivity: 'INTERNAL', language: 'WELSH' });
    await insertArtefact(testDb.database, {
      ...base,
      listType: 'CROWN_DAILY_LIST',
      displayTo: new Date('2026-11-30T05:00:00Z'),
    });
    await insertArtefact(testDb.database, {
      ...base,
      listType: 'CROWN_WARNED_LIST',
      displayFrom: new Date('2026-11-30T07:00:00Z'),
    });
    await insertArtefact(testDb.database, {
      ...base,
      listType: 'CROWN_FIRM_LIST',
      receivedAt: new Date('2026-11-29T05:00:00Z'),
    });
    await insertArtefact(testDb.database, { ...base, locationId: 'NoMatch1501', listType: 'FAMILY_DAILY_CAUSE_LIST' });
    // A live case status update: for court screens, never announced (one may come every minute).
    await insertArtefact(testDb.database, {
      ...base,
      type: 'LCSU',
      listType: null,
      contentDate: '2026-11-29T10:00:00',
    });
    await subscribe('LOCATION_ID', '1501');
    await subscribe('LOCATION_ID', 'NoMatch1501');
    expect(await findNewMatches(testDb.database, window)).toEqual([]);
  });

  it('matches PRIVATE and CLASSIFIED lists with the facts the read rule needs (the planner applies it)', async () => {
    const base = { displayFrom, receivedAt: received, locationId: '1501' };
    const privateList = await insertArtefact(testDb.database, { ...base, sensitivity: 'PRIVATE' });
    const classified = await insertArtefact(testDb.database, {
      ...base,
      listType: 'SJP_PRESS_LIST',
      sensitivity: 'CLASSIFIED',
    });
    await subscribe('LOCATION_ID', '1501');
    const matches = await findNewMatches(testDb.database, window);
    expect(
      matches
        .map((m) => ({
          artefactId: m.artefactId,
          sensitivity: m.sensitivity,
          listType: m.listType,
          displayFrom: m.displayFrom,
          displayTo: m.displayTo,
        }))
        .sort((a, b) => a.sensitivity.localeCompare(b.sensitivity)),
    ).toEqual([
      { artefactId: classified, sensitivity: 'CLASSIFIED', listType: 'SJP_PRESS_LIST', displayFrom, displayTo: null },
      {
        artefactId: privateList,
        sensitivity: 'PRIVATE',
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        displayFrom,
        displayTo: null,
      },
    ]);
  });

  it('matches a publication received before the window once its display window opens inside it', async () => {
    const artefactId = await insertArtefact(testDb.database, {
      locationId: '1501',
      receivedAt: new Date('2026-11-28T10:00:00Z'),
      displayFrom: new Date('2026-11-30T00:00:00Z'),
    });
    await subscribe('LOCATION_ID', '1501');
    expect((await findNewMatches(testDb.database, window)).map((m) => m.artefactId)).toEqual([artefactId]);
  });

  it('leaves out a version already planned for the subscriber, and matches it again once superseded', async () => {
    const artefactId = await insertArtefact(testDb.database, { locationId: '1501', displayFrom, receivedAt: received });
    await subscribe('LOCATION_ID', '1501');
    const first = await findNewMatches(testDb.database, window);
    await storePlannedDigests(testDb.database, groupIntoDigests(first), window.to, randomUUID);
    expect(await findNewMatches(testDb.database, window)).toEqual([]);

    await supersedeArtefact(testDb.database, artefactId, new Date('2026-11-29T19:30:00.123Z'));
    const again = await findNewMatches(testDb.database, window);
    expect(again.map((m) => m.artefactId)).toEqual([artefactId]);
    expect(again[0]?.artefactVersion).not.toBe(first[0]?.artefactVersion);
  });
});

describe('findNewMatches: court subscriptions narrowed to list types and languages', () => {
  it('matches a narrowed court subscription only to lists of its list types and languages', async () => {
    const base = { locationId: '1501', displayFrom, receivedAt: received };
    const lists = {
      civilEnglish: await insertArtefact(testDb.database, { ...base, listType: 'CIVIL_DAILY_CAUSE_LIST' }),
      civilWelsh: await insertArtefact(testDb.database, {
        ...base,
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        language: 'WELSH',
      }),
      civilBilingual: await insertArtefact(testDb.database, {
        ...base,
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        language: 'BI_LINGUAL',
        contentDate: '2026-11-30T00:00:00',
      }),
      familyEnglish: await insertArtefact(testDb.database, { ...base, listType: 'FAMILY_DAILY_CAUSE_LIST' }),
      notice: await insertArtefact(testDb.database, { ...base, type: 'GENERAL_PUBLICATION', listType: null }),
    };
    const subscribeToCourt = async (listTypes: string[], languages: Language[], email: string | null = 'x@y.z') => {
      const subscriber = { userId: randomUUID(), email };
      const request = { searchType: 'LOCATION_ID' as const, searchValue: '1501', listTypes, languages };
      await createSubscription(testDb.database, subscriber, request);
      return subscriber.userId;
    };
    const users = {
      wholeCourt: await subscribeToCourt([], []),
      civil: await subscribeToCourt(['CIVIL_DAILY_CAUSE_LIST'], []),
      welsh: await subscribeToCourt([], ['WELSH']),
      civilEnglishOrBilingual: await subscribeToCourt(['CIVIL_DAILY_CAUSE_LIST'], ['BI_LINGUAL', 'ENGLISH']),
      familyOrSjpInWelsh: await subscribeToCourt(['FAMILY_DAILY_CAUSE_LIST', 'SJP_PUBLIC_LIST'], ['WELSH']),
      thirdPartyWithoutEmail: await subscribeToCourt([], [], null),
    };

    const matches = await findNewMatches(testDb.database, window);
    const listsOf = (userId: string) =>
      matches
        .filter((m) => m.userId === userId)
        .map((m) => m.artefactId)
        .sort();
    const sorted = (...ids: string[]) => ids.sort();
    expect(listsOf(users.wholeCourt)).toEqual(sorted(...Object.values(lists)));
    expect(listsOf(users.civil)).toEqual(sorted(lists.civilEnglish, lists.civilWelsh, lists.civilBilingual));
    expect(listsOf(users.welsh)).toEqual([lists.civilWelsh]);
    expect(listsOf(users.civilEnglishOrBilingual)).toEqual(sorted(lists.civilEnglish, lists.civilBilingual));
    expect(listsOf(users.familyOrSjpInWelsh)).toEqual([]);
    expect(listsOf(users.thirdPartyWithoutEmail)).toEqual([]);
    expect(new Set(matches.map((m) => m.userId)).size).toBe(4);
  });
});

describe("the planner's view of a run's window (migration 085)", () => {
  it('knows how many publications a window holds, so the match joins the subscriptions by hash', async () => {
    for (let court = 0; court < 40; court += 1) {
      await insertArtefact(testDb.database, {
        locationId: String(2000 + court),
        displayFrom,
        receivedAt: new Date(received.getTime() + court * 60_000),
      });
    }
    await testDb.database.query('ANALYZE artefact');
    // The partial index artefact_notifiable_at gives the planner no statistics: without migration 085's, it guesses
    // 0.5 % of the publications (here 1 row) and plans an index probe of the subscriptions per search term.
    const { rows } = await testDb.database.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM artefact a
        WHERE a.archived_at IS NULL
          AND greatest(a.last_received_at, a.display_from) > '${window.from.toISOString()}'
          AND greatest(a.last_received_at, a.display_from) <= '${window.to.toISOString()}'`,
    );
    expect(rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows']).toBeGreaterThanOrEqual(20);
  });
});
