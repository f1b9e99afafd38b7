/**
 * bench/subscription-search: how long the /subscriptions/add search takes over the search terms of the lists on
 * display (shared/publications/store/search-term-lookup.ts), on PostgreSQL in a schema of its own (dropped after).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/subscription-search.ts [lists, default 2000] [cases per list, default 100]
 * Each list carries `cases` case numbers, case names, URNs and party names (two parties a case): the volume of a
 * busy week of daily lists. Prints the median and worst of each query kind, over 10 runs each. Measured (2,000 lists x
 * 100 cases, 200k terms a kind, on the shared 2-core machine): 0.5 to 1.1 s median; a term table with a trigram
 * index is the next step if that is too slow.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';
import { findSearchTerms, type CaseSearchType } from '../shared/publications/store/search-term-lookup.js';
import { insertPublicationRow } from '../test-support/publication-rows.js';
import { reportResult } from './bench-result.js';

const lists = Number(process.argv[2] ?? 2000);
const cases = Number(process.argv[3] ?? 100);
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${randomBytes(5).toString('hex')}`;

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: 2 }, { schema });
try {
  await migrate(database);
  const loadStart = performance.now();
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  for (let l = 0; l < lists; l += 1) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(l / 400) * 86_400_000).toISOString().slice(0, 10);
    await insertPublicationRow(database, {
      locationId: String((l % 400) + 1),
      contentDate: `${day}T09:00:00`,
      search: {
        caseNumbers: range(cases).map((c) => `T${l * cases + c}`),
        caseUrns: range(cases).map((c) => `URN${l * cases + c}`),
        caseNames: range(cases).map((c) => `Applicant ${l * cases + c} v Respondent ${c}`),
        partyNames: range(cases * 2).map(
          (c) =>
            `Party ${createHash('md5')
              .update(String(l * cases + c))
              .digest('hex')}`,
        ),
      },
    });
  }
  await database.query('ANALYZE artefact');
  console.log(`${lists} lists x ${cases} cases loaded in ${Math.round(performance.now() - loadStart)} ms`);

  const queries: [CaseSearchType, string][] = [
    ['CASE_NUMBER', `T${Math.floor((lists * cases) / 2)}`],
    ['CASE_URN', 'URN12345'],
    ['CASE_NAME', 'respondent 7'],
    ['PARTY_NAME', 'party ab'],
    ['CASE_NAME', 'nothing matches this'],
  ];
  for (const [searchType, query] of queries) {
    const times: number[] = [];
    let hits = 0;
    for (let run = 0; run < 10; run += 1) {
      const start = performance.now();
      hits = (await findSearchTerms(database, searchType, query, new Date())).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    reportResult({
      measure: `subscription search median, ${searchType} ${JSON.stringify(query)} (${lists} lists x ${cases} cases)`,
      figure: Math.round(times[5] ?? 0),
      unit: 'ms',
      comparison: null,
      ratio: null,
      goal: 'none set',
      met: null,
    });
    console.log(
      `${searchType.padEnd(12)} ${JSON.stringify(query).padEnd(24)} hits ${String(hits).padStart(2)}  median ${(times[5] ?? 0).toFixed(1)} ms  worst ${(times[9] ?? 0).toFixed(1)} ms`,
    );
  }
} finally {
  await database.end();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
