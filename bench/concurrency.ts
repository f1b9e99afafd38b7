/**
 * bench/concurrency (issue 18, "Faults and concurrency"): publications arriving at once, on the local runtime with
 * the ingest, blob trigger and read API registrations, real tokens from the local identity provider, Azurite and
 * PostgreSQL. Prints figures, not pass/fail:
 *
 * 1. 100 identical publications at once (one list, one court, one day): how many artefacts (goal: 1), how the 100
 *    submissions ended (published, or rejected with which reason), and orphan blobs (a payload in the publications
 *    container no artefact row names; goal: 0).
 * 2. 50 different publications for one court at once (50 content days): how many are stored (goal: 50).
 * 3. 100 concurrent publishers (3 lists each) while 50 concurrent readers read the court's listing and a published
 *    list's metadata and payload: each side's latency (p50, p95, p99), its rate and its errors.
 *
 *   npx tsx bench/concurrency.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/concurrency.ts   (a real PostgreSQL;
 *   otherwise the embedded one, which serves one connection at a time)
 */
import { readFileSync } from 'node:fs';
import { BlobServiceClient } from '@azure/storage-blob';
import { startLocalIdentityProvider } from '../local/identity/local-identity-provider.js';
import { startAzurite } from '../local/services/azurite.js';
import { containers } from '../shared/storage/names.js';
import { fixtureUrl } from '../test-support/fixtures.js';
import { percentile, reportResult } from './bench-result.js';
import { benchDatabase } from './bench-database.js';
import { benchListHeaders, seedBenchDatabase, startBenchPublishingHost } from './publishing-host.js';
import { orphanBlobs, settle, submissionOutcomes } from './publication-outcomes.js';

const body = readFileSync(fixtureUrl('perf', 'civilAndFamilyDailyCauseListTwoCases.json'));

async function main(): Promise<void> {
  const [azurite, idp, db] = await Promise.all([
    startAzurite(),
    startLocalIdentityProvider({ port: 0 }),
    benchDatabase(),
  ]);
  const database = db.database;
  await seedBenchDatabase(database);
  const blobService = BlobServiceClient.fromConnectionString(azurite.connectionString);
  const publications = blobService.getContainerClient(containers.publications);
  await publications.createIfNotExists();
  const host = await startBenchPublishingHost({
    database,
    publications,
    storageConnection: azurite.connectionString,
    idp,
    readApi: true,
  });
  const token = await idp.issueToken('hmi');
  const log = console.log;

  const day = (n: number): string => new Date(Date.UTC(2031, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const headers = (contentDay: string): Record<string, string> =>
    benchListHeaders(token, contentDay, {
      // On display now, whatever the content day: the readers read them.
      'x-display-from': '2020-01-01T00:00:00',
      'x-display-to': '2040-12-31T23:59:59',
    });
  /** One POST; its status, submission id (202) and time to the answer. */
  const publish = async (contentDay: string) => {
    const started = performance.now();
    const response = await fetch(`${host.url}/api/publication`, {
      method: 'POST',
      headers: headers(contentDay),
      body,
    });
    const answer = (await response.json()) as { submissionId?: string };
    return { status: response.status, submissionId: answer.submissionId ?? null, ms: performance.now() - started };
  };
  const artefactsOn = async (days: string[]): Promise<number> => {
    const { rows } = await database.query<{ count: string }>(
      `SELECT count(*) FROM artefact WHERE location_id = '1501' AND content_day = ANY($1::date[]) AND archived_at IS NULL`,
      [days],
    );
    return Number(rows[0]?.count ?? 0);
  };

  const lines: string[] = [];
  try {
    console.log = () => undefined;
    // 1. 100 identical at once.
    const identicalDay = day(1);
    const identical = await Promise.all(Array.from({ length: 100 }, () => publish(identicalDay)));
    const identicalIds = identical.flatMap((r) => (r.submissionId === null ? [] : [r.submissionId]));
    const identicalSettleMs = await settle(database, identicalIds, 120_000);
    const identicalOutcomes = await submissionOutcomes(database, identicalIds);
    const identicalArtefacts = await artefactsOn([identicalDay]);
    const orphans = await orphanBlobs(database, publications);
    lines.push(
      `100 identical at once: ${identical.filter((r) => r.status === 202).length} accepted ` +
        `(202 p95 ${percentile(
          identical.map((r) => r.ms),
          0.95,
        ).toFixed(0)} ms), settled in ${identicalSettleMs.toFixed(0)} ms; ` +
        `${identicalArtefacts} artefact(s); submissions ${JSON.stringify(identicalOutcomes)}; orphan blobs ${orphans.length}`,
    );
    reportResult({
      measure: `100 identical publications at once: artefacts stored (${db.kind})`,
      figure: identicalArtefacts,
      unit: 'artefacts',
      comparison: null,
      ratio: null,
      goal: '= 1',
      met: identicalArtefacts === 1,
    });
    reportResult({
      measure: `100 identical publications at once: orphan blobs (${db.kind})`,
      figure: orphans.length,
      unit: 'blobs',
      comparison: null,
      ratio: null,
      goal: '= 0',
      met: orphans.length === 0,
    });

    // 2. 50 different publications for one court at once.
    const differentDays = Array.from({ length: 50 }, (_, index) => day(10 + index));
    const different = await Promise.all(differentDays.map((contentDay) => publish(contentDay)));
    const differentIds = different.flatMap((r) => (r.submissionId === null ? [] : [r.submissionId]));
    const differentSettleMs = await settle(database, differentIds, 120_000);
    const stored = await artefactsOn(differentDays);
    lines.push(
      `50 different for one court at once: ${different.filter((r) => r.status === 202).length} accepted, ` +
        `${stored} stored, settled in ${differentSettleMs.toFixed(0)} ms; submissions ${JSON.stringify(await submissionOutcomes(database, differentIds))}`,
    );
    reportResult({
      measure: `50 different publications for one court at once: stored (${db.kind})`,
      figure: stored,
      unit: 'artefacts',
      comparison: null,
      ratio: null,
      goal: '= 50',
      met: stored === 50,
    });

    // 3. 100 publishers (3 lists each) and 50 readers at once.
    const { rows } = await database.query<{ artefact_id: string }>(
      `SELECT artefact_id FROM artefact WHERE location_id = '1501' AND content_day = $1::date`,
      [identicalDay],
    );
    const readId = rows[0]?.artefact_id;
    if (readId === undefined) throw new Error('no published list to read');
    let publishing = true;
    const readMs: number[] = [];
    let readErrors = 0;
    const readPaths = [
      '/api/publications?locationId=1501',
      `/api/publication/${readId}`,
      `/api/publication/${readId}/payload`,
    ];
    const readers = Array.from({ length: 50 }, async (_, reader) => {
      for (let n = reader; publishing; n += 1) {
        const started = performance.now();
        try {
          const response = await fetch(`${host.url}${readPaths[n % readPaths.length] ?? ''}`);
          await response.arrayBuffer();
          if (response.status !== 200) readErrors += 1;
        } catch {
          readErrors += 1;
        }
        readMs.push(performance.now() - started);
      }
    });
    const mixStarted = performance.now();
    const publishers = await Promise.all(
      Array.from({ length: 100 }, async (_, publisher) => {
        const mine: Awaited<ReturnType<typeof publish>>[] = [];
        for (let n = 0; n < 3; n += 1) mine.push(await publish(day(100 + publisher * 3 + n)));
        return mine;
      }),
    );
    const publishSeconds = (performance.now() - mixStarted) / 1000;
    publishing = false;
    await Promise.all(readers);
    const sent = publishers.flat();
    const mixIds = sent.flatMap((r) => (r.submissionId === null ? [] : [r.submissionId]));
    const mixSettleMs = await settle(database, mixIds, 300_000);
    const publishMs = sent.map((r) => r.ms);
    const publishErrors = sent.filter((r) => r.status !== 202).length;
    const readP95 = percentile(readMs, 0.95);
    lines.push(
      `100 publishers × 3 and 50 readers: publishers ${sent.length} sent in ${publishSeconds.toFixed(1)} s ` +
        `(${(sent.length / publishSeconds).toFixed(0)}/s), 202 p50 ${percentile(publishMs, 0.5).toFixed(0)} ms, ` +
        `p95 ${percentile(publishMs, 0.95).toFixed(0)} ms, p99 ${percentile(publishMs, 0.99).toFixed(0)} ms, ` +
        `${publishErrors} not accepted, all settled ${mixSettleMs.toFixed(0)} ms after the last; ` +
        `readers ${readMs.length} reads (${(readMs.length / publishSeconds).toFixed(0)}/s), ` +
        `p50 ${percentile(readMs, 0.5).toFixed(0)} ms, p95 ${readP95.toFixed(0)} ms, p99 ${percentile(readMs, 0.99).toFixed(0)} ms, ` +
        `${readErrors} errors; submissions ${JSON.stringify(await submissionOutcomes(database, mixIds))}`,
    );
    reportResult({
      measure: `read API p95 with 50 concurrent readers while 100 publishers publish (${db.kind})`,
      figure: Math.round(readP95),
      unit: 'ms',
      comparison: `publication acceptance p95 in the same run: ${percentile(publishMs, 0.95).toFixed(0)} ms`,
      ratio: null,
      goal: `none set (${readErrors} read errors, ${publishErrors} publications not accepted)`,
      met: null,
    });
  } finally {
    console.log = log;
    await host.stop();
    await Promise.all([idp.stop(), db.stop()]);
    await azurite.stop();
  }
  console.log(`bench/concurrency; database: ${db.kind}; blob trigger polls every 50 ms`);
  for (const line of lines) console.log(line);
}

await main();
