/** The search terms a subscriber chooses from, over real PostgreSQL: what is found, how it is grouped, what is never shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPublicationRow } from '../../../test-support/publication-rows.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { findSearchTerms, jsonTextPattern } from './search-term-lookup.js';

let testDb: TestDatabase;
const now = new Date('2026-11-30T10:00:00Z');
const hour = 3_600_000;
let day = 0;
const onDisplay = () => ({
  contentDate: `2026-11-${String((day += 1)).padStart(2, '0')}T09:00:00`,
  displayFrom: new Date(now.getTime() - hour),
  displayTo: new Date(now.getTime() + hour),
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    search: { caseNumbers: ['T2025/100_1', 'T2025%100'], caseUrns: ['URN 1'], partyNames: ["O'Brien"] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    search: { caseNumbers: [' t2025/100_1 ', 'T2025/100_1'], partyNames: ['o’brien'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    sensitivity: 'CLASSIFIED',
    search: { caseNumbers: ['T2025/999'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    displayTo: new Date(now.getTime() - 1),
    search: { caseNumbers: ['T2025/998'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    search: { caseNames: ['Gwŷr y Dŵr v "Quoted" Ltd', 'Back\\slash v Tab\tCo'] },
  });
  await insertPublicationRow(testDb.database, {
    ...onDisplay(),
    search: { caseNumbers: Array.from({ length: 60 }, (_, i) => `BULK-${String(i).padStart(2, '0')}`) },
  });
});
afterAll(async () => {
  await testDb.drop();
});

describe('findSearchTerms', () => {
  it('finds values containing the query, ignoring case and surrounding spaces, one spelling each (the commonest), with how many lists carry it', async () => {
    expect(await findSearchTerms(testDb.database, 'CASE_NUMBER', 't2025/100', now)).toEqual([
      { value: 'T2025/100_1', lists: 2 },
    ]);
    // % and _ are characters, not patterns.
    expect(await findSearchTerms(testDb.database, 'CASE_NUMBER', '%', now)).toEqual([{ value: 'T2025%100', lists: 1 }]);
    expect((await findSearchTerms(testDb.database, 'CASE_NUMBER', '_', now)).map((hit) => hit.value)).toEqual([
      'T2025/100_1',
    ]);
    expect(await findSearchTerms(testDb.database, 'PARTY_NAME', "o'b", now)).toEqual([{ value: "O'Brien", lists: 1 }]);
    expect(await findSearchTerms(testDb.database, 'CASE_URN', 'urn 1', now)).toEqual([{ value: 'URN 1', lists: 1 }]);
  });

  it('never shows a restricted list, or one no longer on display, and stops at the limit, in order', async () => {
    expect(await findSearchTerms(testDb.database, 'CASE_NUMBER', 'T2025/99', now)).toEqual([]);
    const bulk = await findSearchTerms(testDb.database, 'CASE_NUMBER', 'bulk-', now);
    expect(bulk).toHaveLength(50);
    expect(bulk[0]?.value).toBe('BULK-00');
    expect(bulk.at(-1)?.value).toBe('BULK-49');
    expect(await findSearchTerms(testDb.database, 'CASE_NUMBER', 'bulk-', now, 3)).toHaveLength(3);
  });

  it('finds text that JSON escapes, and Welsh letters, ignoring case', async () => {
    expect(jsonTextPattern('"quoted')).toBeNull();
    expect(jsonTextPattern('a%b_c')).toBe('a\\%b\\_c');
    expect(await findSearchTerms(testDb.database, 'CASE_NAME', 'DŴR', now)).toEqual([
      { value: 'Gwŷr y Dŵr v "Quoted" Ltd', lists: 1 },
    ]);
    expect((await findSearchTerms(testDb.database, 'CASE_NAME', '"quoted"', now)).map((hit) => hit.value)).toEqual([
      'Gwŷr y Dŵr v "Quoted" Ltd',
    ]);
    expect((await findSearchTerms(testDb.database, 'CASE_NAME', 'back\\slash', now)).map((hit) => hit.value)).toEqual([
      'Back\\slash v Tab\tCo',
    ]);
  });

  it.each([
    ['CASE_NUMBER', 'caseNumbers', 'artefact_search_case_numbers_trgm'],
    ['CASE_URN', 'caseUrns', 'artefact_search_case_urns_trgm'],
    ['CASE_NAME', 'caseNames', 'artefact_search_case_names_trgm'],
    ['PARTY_NAME', 'partyNames', 'artefact_search_party_names_trgm'],
  ])('finds the %s lists through their trigram index (pg_trgm, migration 086)', async (_type, key, index) => {
    // The index's condition as the lookup writes it. The test's few lists are read faster whole, so, in a transaction
    // rolled back, sequential and plain index scans are turned off and the other partial indexes (which a bitmap scan
    // could read whole) set aside: the plan then shows whether the trigram index answers the condition.
    const client = await testDb.database.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_indexscan = off');
      const others = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = 'artefact'::regclass AND i.indpred IS NOT NULL AND c.relname NOT LIKE '%\\_trgm'`,
      );
      for (const { name } of others.rows) await client.query(`DROP INDEX "${name}"`);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT artefact_id FROM artefact a
          WHERE a.archived_at IS NULL AND search_terms_text(a.search, '${key}') LIKE ('%' || lower('Respondent 7') || '%')`,
      );
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
