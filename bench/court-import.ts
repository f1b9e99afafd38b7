/**
 * Court reference import throughput: 100k generated rows in the live format through the whole import (parse and
 * validate, stage, stored procedure), against two raw loads of the same rows into a plain table without indexes:
 *
 *   (a) one set-based INSERT ... SELECT FROM unnest(...) of the already parsed rows (the staging statement's own
 *       encoding: one text parameter per column), timed from the parsed rows to the committed insert;
 *   (b) COPY ... FROM STDIN of the CSV file itself: through `psql` on PostgreSQL (the `pg` client has no COPY FROM
 *       STDIN; the time is psql's own \timing of the COPY, so process start-up is not counted), through PGlite's
 *       COPY FROM '/dev/blob' on the embedded database.
 *
 * The goal is the whole import within 2x of (b). Every figure is the median of --runs runs (default 3), each
 * in a fresh schema: a first import (every court new) and a re-import of the same file (every court unchanged).
 *
 *   npx tsx bench/court-import.ts [--runs N]                                embedded PostgreSQL (PGlite)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/court-import.ts [--runs N]   (or BENCH_DATABASE_URL, as npm run bench sets it)
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { createDatabase, type Database } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';
import { parseCourtFile } from '../shared/reference-data/court-file.js';
import { importCourtFile, type CourtImportTimings } from '../shared/reference-data/court-import.js';
import { reportResult } from './bench-result.js';

const rowCount = 100_000;
const regions = ['London', 'South East', 'South West', 'Midlands', 'North East', 'North West', 'Wales'];
const header =
  'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type,Email,Contact No';
const rawColumns =
  'location_id integer, name text, region text, jurisdiction text, jurisdiction_type text, provenance text, provenance_location_id text, provenance_location_type text, welsh_name text, welsh_region text, welsh_jurisdiction text, welsh_jurisdiction_type text, email text, contact_no text';

function generateCsv(): string {
  const lines = [header];
  for (let i = 1; i <= rowCount; i += 1) {
    const id = 10_000 + i;
    lines.push(
      `${id},Bench Court ${i},${regions[i % regions.length] ?? ''},Crime;Family,Magistrates Court,LIST_ASSIST,${500_000 + i},venue,Llys Mainc ${i},Cymru,Trosedd;Teulu,Llys Ynadon,court${i}@example.gov.uk,0123456789`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Baseline (a): the parsed rows, one text parameter per column, one INSERT ... SELECT FROM unnest(...). */
async function rawInsert(database: Database, csv: string): Promise<number> {
  const parsed = parseCourtFile(csv);
  if (!parsed.ok) throw new Error('generated file is invalid');
  await database.query(`CREATE TABLE raw_insert_rows (${rawColumns})`);
  const started = performance.now();
  const columns: string[][] = Array.from({ length: 14 }, () => ['']);
  const push = (i: number, value: string | undefined) => columns[i]?.push(value ?? '\u001d');
  for (const c of parsed.courts) {
    for (const r of c.references) {
      push(0, String(c.locationId));
      push(1, c.name);
      push(2, c.region.join(';'));
      push(3, c.jurisdiction.join(';'));
      push(4, c.jurisdictionType?.join(';'));
      push(5, r.provenance);
      push(6, r.provenanceLocationId);
      push(7, r.provenanceLocationType);
      push(8, c.welshName);
      push(9, c.welshRegion?.join(';'));
      push(10, c.welshJurisdiction?.join(';'));
      push(11, c.welshJurisdictionType?.join(';'));
      push(12, c.email);
      push(13, c.contactNo);
    }
  }
  const unnest = columns.map((_, i) => `(string_to_array($${i + 1}::text, chr(30), chr(29)))[2:]`).join(', ');
  await database.query(
    `INSERT INTO raw_insert_rows SELECT r.c1::integer, r.c2, r.c3, r.c4, r.c5, r.c6, r.c7, r.c8, r.c9, r.c10, r.c11,
            r.c12, r.c13, r.c14
       FROM unnest(${unnest}) AS r(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14)`,
    columns.map((values) => values.join('\u001e')),
  );
  return performance.now() - started;
}

/** Baseline (b) on PostgreSQL: psql's COPY FROM STDIN of the CSV, timed by psql itself. */
function psqlCopy(url: string, schema: string, csv: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'psql',
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        url,
        '-c',
        `CREATE TABLE ${schema}.raw_copy_rows (${rawColumns})`,
        '-c',
        '\\timing on',
        '-c',
        `COPY ${schema}.raw_copy_rows FROM STDIN (FORMAT csv, HEADER true)`,
      ],
      { maxBuffer: 1 << 20 },
      (error, stdout) => {
        const match = /Time: ([\d.]+) ms/.exec(stdout);
        if (error) reject(new Error(`psql failed: ${error.message}`));
        else if (!match?.[1]) reject(new Error(`psql printed no timing: ${stdout}`));
        else resolve(Number(match[1]));
      },
    );
    child.stdin?.end(csv);
  });
}

/** Baseline (b) on PGlite: COPY FROM '/dev/blob', PGlite's way of feeding COPY. */
async function pgliteCopy(db: PGlite, schema: string, csv: string): Promise<number> {
  await db.query(`CREATE TABLE ${schema}.raw_copy_rows (${rawColumns})`);
  const blob = new Blob([csv]);
  const started = performance.now();
  await db.query(`COPY ${schema}.raw_copy_rows FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob });
  return performance.now() - started;
}

interface ImportRun extends CourtImportTimings {
  totalMs: number;
}

interface Run {
  rawInsertMs: number;
  copyMs: number;
  first: ImportRun;
  again: ImportRun;
}

async function importTimed(database: Database, csv: string, expect: 'added' | 'unchanged'): Promise<ImportRun> {
  const timings: CourtImportTimings = { parseMs: 0, stageMs: 0, procedureMs: 0 };
  const { ms, result } = await timed(() => importCourtFile(database, csv, { timings }));
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
  if (result.summary[expect] !== rowCount) throw new Error(`expected ${rowCount} ${expect}: ${JSON.stringify(result)}`);
  return { ...timings, totalMs: ms };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runCount = Math.max(1, Number(values.runs));
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  // The embedded database is started here rather than through local/: the COPY baseline needs PGlite itself.
  const pglite = postgresUrl ? null : await PGlite.create('memory://', { extensions: { pg_trgm } }); // migration 086
  const server = pglite ? new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 20 }) : null;
  await server?.start();
  const baseUrl = postgresUrl ?? `postgres://postgres@${server?.getServerConn() ?? ''}/postgres`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const csv = generateCsv();
  const runs: Run[] = [];
  try {
    for (let run = 0; run < runCount; run += 1) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: pglite ? 1 : 2 }, { schema });
      try {
        await migrate(database);
        const rawInsertMs = await rawInsert(database, csv);
        const copyMs = pglite ? await pgliteCopy(pglite, schema, csv) : await psqlCopy(baseUrl, schema, csv);
        const first = await importTimed(database, csv, 'added');
        const again = await importTimed(database, csv, 'unchanged');
        runs.push({ rawInsertMs, copyMs, first, again });
        console.log(
          `run ${run + 1}: raw insert ${rawInsertMs.toFixed(0)} ms, COPY ${copyMs.toFixed(0)} ms, import ${first.totalMs.toFixed(0)} ms, re-import ${again.totalMs.toFixed(0)} ms`,
        );
      } finally {
        await database.end();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
  } finally {
    await admin.end();
    await server?.stop();
    await pglite?.close();
  }

  const rawInsertMs = median(runs.map((r) => r.rawInsertMs));
  const copyMs = median(runs.map((r) => r.copyMs));
  const rate = (ms: number) => `${Math.round(rowCount / (ms / 1000)).toLocaleString('en-GB')} rows/s`;
  const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
  console.log(
    `\ndatabase: ${pglite ? 'embedded PGlite' : 'PostgreSQL'}; ${rowCount} rows, ${(csv.length / 1e6).toFixed(1)} MB; medians of ${runs.length} run(s)`,
  );
  console.log(`(a) raw set-based insert, plain table: ${ms(rawInsertMs)}  ${rate(rawInsertMs)}`);
  console.log(`(b) raw COPY FROM STDIN, plain table:  ${ms(copyMs)}  ${rate(copyMs)}`);
  for (const [label, pick] of [
    ['import, all new courts', (r: Run) => r.first],
    ['re-import, all unchanged', (r: Run) => r.again],
  ] as const) {
    const phase = (key: keyof ImportRun) => median(runs.map((r) => pick(r)[key]));
    const total = phase('totalMs');
    console.log(`${label}:`);
    console.log(`  parse + validate ${ms(phase('parseMs'))}`);
    console.log(`  staging          ${ms(phase('stageMs'))}`);
    console.log(`  procedure        ${ms(phase('procedureMs'))}`);
    console.log(`  total            ${ms(total)}  ${rate(total)}`);
    console.log(
      `  ratio to (a) set-based insert ${(total / rawInsertMs).toFixed(2)}x; to (b) COPY ${(total / copyMs).toFixed(2)}x: 2x goal (against COPY) ${total <= 2 * copyMs ? 'met' : 'not met'}`,
    );
    reportResult({
      measure: `court reference import, ${rowCount} rows: ${label} (${pglite ? 'embedded PGlite' : 'PostgreSQL'})`,
      figure: Math.round(total),
      unit: 'ms',
      comparison: `raw COPY FROM STDIN of the same rows: ${copyMs.toFixed(0)} ms`,
      ratio: Number((total / copyMs).toFixed(2)),
      goal: '≤ 2 × COPY',
      met: total <= 2 * copyMs,
    });
  }
}

await main();
