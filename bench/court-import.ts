/**
 * Court reference import throughput: 100k generated rows in the live format through the whole import (parse,
 * validate, stage, stored procedure), against a single set-based insert of the same rows into a plain table.
 * Goal: within 2x of the raw insert.
 *
 *   npx tsx bench/court-import.ts                 embedded PostgreSQL (PGlite)
 *   DATABASE_URL=postgres://... npx tsx bench/court-import.ts
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../local/services/embedded-postgres.js';
import { createDatabase } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';
import { parseCourtFile } from '../shared/reference-data/court-file.js';
import { importCourtFile } from '../shared/reference-data/court-import.js';

const rowCount = 100_000;
const regions = ['London', 'South East', 'South West', 'Midlands', 'North East', 'North West', 'Wales'];

function generateCsv(): string {
  const lines = [
    'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type,Email,Contact No',
  ];
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

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDirectory: null, maxConnections: 20 });
  const baseUrl = process.env.DATABASE_URL ?? embedded?.url ?? '';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: 2 }, { schema });
  try {
    await migrate(database);
    const csv = generateCsv();
    console.log(
      `database: ${embedded ? 'embedded PGlite' : 'PostgreSQL'}; ${rowCount} rows, ${(csv.length / 1e6).toFixed(1)} MB`,
    );

    // Baseline: the same rows, already parsed, in one set-based insert into a plain table without indexes.
    const parsed = parseCourtFile(csv);
    if (!parsed.ok) throw new Error('generated file is invalid');
    await database.query(`CREATE TABLE raw_court_rows (location_id integer, name text, region text, jurisdiction text,
      jurisdiction_type text, provenance text, provenance_location_id text, provenance_location_type text, welsh_name text,
      welsh_region text, welsh_jurisdiction text, welsh_jurisdiction_type text, email text, contact_no text)`);
    const columns: unknown[][] = Array.from({ length: 14 }, () => []);
    for (const c of parsed.courts) {
      for (const r of c.references) {
        [
          c.locationId,
          c.name,
          c.region.join(';'),
          c.jurisdiction.join(';'),
          c.jurisdictionType?.join(';'),
          r.provenance,
          r.provenanceLocationId,
          r.provenanceLocationType,
          c.welshName,
          c.welshRegion?.join(';'),
          c.welshJurisdiction?.join(';'),
          c.welshJurisdictionType?.join(';'),
          c.email,
          c.contactNo,
        ].forEach((v, i) => columns[i]?.push(v ?? null));
      }
    }
    const raw = await timed(() =>
      database.query(
        `INSERT INTO raw_court_rows SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`,
        columns,
      ),
    );

    const parse = await timed(() => Promise.resolve(parseCourtFile(csv)));
    const first = await timed(() => importCourtFile(database, csv));
    if (!first.result.ok) throw new Error(`import failed: ${JSON.stringify(first.result.problems.slice(0, 3))}`);
    const again = await timed(() => importCourtFile(database, csv));
    if (!again.result.ok) throw new Error('re-import failed');

    const rate = (ms: number) => Math.round(rowCount / (ms / 1000)).toLocaleString('en-GB');
    console.log(`raw set-based insert (plain table):  ${raw.ms.toFixed(0)} ms  ${rate(raw.ms)} rows/s`);
    console.log(`  of which parse + validate only:    ${parse.ms.toFixed(0)} ms`);
    console.log(
      `import, all new courts:              ${first.ms.toFixed(0)} ms  ${rate(first.ms)} rows/s  ratio ${(first.ms / raw.ms).toFixed(2)}x  (added ${first.result.summary.added})`,
    );
    console.log(
      `re-import, all unchanged:            ${again.ms.toFixed(0)} ms  ${rate(again.ms)} rows/s  ratio ${(again.ms / raw.ms).toFixed(2)}x  (unchanged ${again.result.summary.unchanged})`,
    );
  } finally {
    await database.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    await embedded?.stop();
  }
}

await main();
