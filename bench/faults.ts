/**
 * bench/faults (issue 18, "Faults and concurrency"): publications keep arriving while PostgreSQL goes away for a
 * while, then Azurite (blob and queue) does, on the local runtime (ingest, blob trigger), through TCP proxies
 * (bench/fault-proxy.ts) so that nothing real is stopped; then GOV.UK Notify (the local one) answers 429, 500, 401
 * and 403 for a while as the daily digests go out (bench/notify-faults.ts). Prints figures, not pass/fail:
 *
 * - what the publishers were told (202 accepted, or which refusal) during and around each outage;
 * - what became of every accepted submission once both are back: published, rejected with a reason, or still
 *   pending (lost: the goal is none);
 * - what the blob trigger's poison queue holds (`webjobs-blobtrigger-poison`), and orphan blobs;
 * - how long after each outage the first publication is accepted again;
 * - publications published although their publisher was told they failed (503), and blobs refused for that;
 * - digests: sent exactly once through 429 and 500, recorded as failed for good through 401 and 403.
 *
 *   npx tsx bench/faults.ts [outage seconds]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/faults.ts
 */
import { readFileSync } from 'node:fs';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { startLocalIdentityProvider } from '../local/identity/local-identity-provider.js';
import { BLOB_POISON_QUEUE } from '../local/runtime/blob-path.js';
import { startAzurite } from '../local/services/azurite.js';
import { containers } from '../shared/storage/names.js';
import { fixtureUrl } from '../test-support/fixtures.js';
import { reportResult } from './bench-result.js';
import { benchDatabase } from './bench-database.js';
import { benchListHeaders, seedBenchDatabase, startBenchPublishingHost } from './publishing-host.js';
import { startFaultProxy, throughProxy, type FaultProxy } from './fault-proxy.js';
import { orphanBlobs, settle, stillPending, submissionOutcomes } from './publication-outcomes.js';
import { prepareNotifyFaults } from './notify-faults.js';

const outageMs = Number(process.argv[2] ?? 3) * 1000;
const body = readFileSync(fixtureUrl('perf', 'civilAndFamilyDailyCauseListTwoCases.json'));

/** The connection string with each endpoint's host and port replaced by its proxy's. */
function proxiedConnectionString(connectionString: string, blob: FaultProxy, queue: FaultProxy): string {
  return connectionString
    .replace(/BlobEndpoint=http:\/\/[^/;]+/, `BlobEndpoint=http://127.0.0.1:${blob.port}`)
    .replace(/QueueEndpoint=http:\/\/[^/;]+/, `QueueEndpoint=http://127.0.0.1:${queue.port}`);
}

function endpointOf(connectionString: string, name: 'BlobEndpoint' | 'QueueEndpoint'): { host: string; port: number } {
  const match = new RegExp(`${name}=([^;]+)`).exec(connectionString);
  if (!match?.[1]) throw new Error(`no ${name} in the connection string`);
  const url = new URL(match[1]);
  return { host: url.hostname, port: Number(url.port) };
}

async function main(): Promise<void> {
  const [azurite, idp] = await Promise.all([startAzurite(), startLocalIdentityProvider({ port: 0 })]);
  const proxies: FaultProxy[] = [];
  const db = await benchDatabase(async (url) => {
    const target = new URL(url);
    const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxies.push(proxy);
    return throughProxy(url, proxy);
  });
  const postgres = proxies[0];
  if (postgres === undefined) throw new Error('the database is not behind the proxy');
  const [blobProxy, queueProxy] = await Promise.all([
    startFaultProxy(endpointOf(azurite.connectionString, 'BlobEndpoint')),
    startFaultProxy(endpointOf(azurite.connectionString, 'QueueEndpoint')),
  ]);
  const storageConnection = proxiedConnectionString(azurite.connectionString, blobProxy, queueProxy);
  const database = db.database;
  await seedBenchDatabase(database);
  const publications: ContainerClient = BlobServiceClient.fromConnectionString(storageConnection).getContainerClient(
    containers.publications,
  );
  await publications.createIfNotExists();
  const notifyFaults = await prepareNotifyFaults(
    database,
    QueueServiceClient.fromConnectionString(storageConnection),
    'bench-subscription-notifications',
  );
  const host = await startBenchPublishingHost({
    database,
    publications,
    storageConnection: storageConnection,
    idp,
    register: () => {
      notifyFaults.register();
    },
  });
  const token = await idp.issueToken('hmi');
  const log = console.log;
  const warn = console.warn;
  const error = console.error;

  let sequence = 0;
  const publish = async (): Promise<{ at: number; status: number | string; submissionId: string | null }> => {
    sequence += 1;
    const contentDay = new Date(Date.UTC(2032, 0, 1) + sequence * 86_400_000).toISOString().slice(0, 10);
    const at = performance.now();
    try {
      const response = await fetch(`${host.url}/api/publication`, {
        method: 'POST',
        headers: benchListHeaders(token, contentDay),
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const answer = (await response.json().catch(() => ({}))) as { submissionId?: string; code?: string };
      const status = response.status === 202 ? 202 : `${response.status} ${answer.code ?? ''}`.trim();
      return { at, status, submissionId: response.status === 202 ? (answer.submissionId ?? null) : null };
    } catch (failure) {
      return { at, status: `no answer (${(failure as Error).name})`, submissionId: null };
    }
  };

  const phases: { name: string; cut(): void; restore(): void }[] = [
    {
      name: 'PostgreSQL',
      cut: () => {
        postgres.cut();
      },
      restore: () => {
        postgres.restore();
      },
    },
    {
      name: 'Azurite (blob and queue)',
      cut: () => {
        blobProxy.cut();
        queueProxy.cut();
      },
      restore: () => {
        blobProxy.restore();
        queueProxy.restore();
      },
    },
  ];
  const lines: string[] = [];
  const everyone: Awaited<ReturnType<typeof publish>>[] = [];
  try {
    console.log = () => undefined;
    console.warn = () => undefined;
    console.error = () => undefined;
    for (const phase of phases) {
      // Publishers keep sending (4 at a time) before, during and after the outage.
      let sending = true;
      const sent: Awaited<ReturnType<typeof publish>>[] = [];
      const publishers = Array.from({ length: 4 }, async () => {
        while (sending) sent.push(await publish());
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const cutAt = performance.now();
      phase.cut();
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      phase.restore();
      const restoredAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      sending = false;
      await Promise.all(publishers);
      everyone.push(...sent);
      const during = sent.filter((r) => r.at >= cutAt && r.at < restoredAt);
      const refusals: Record<string, number> = {};
      for (const r of during) refusals[String(r.status)] = (refusals[String(r.status)] ?? 0) + 1;
      const firstAfter = sent.find((r) => r.at >= restoredAt && r.status === 202);
      const backAfterMs = firstAfter === undefined ? Number.NaN : firstAfter.at - restoredAt;
      lines.push(
        `${phase.name} away ${outageMs} ms: ${sent.length} sent around it, ${during.length} during it: ${JSON.stringify(refusals)}; ` +
          `first accepted ${backAfterMs.toFixed(0)} ms after it came back`,
      );
      reportResult({
        measure: `${phase.name} away ${outageMs / 1000} s: first publication accepted after it is back`,
        figure: Math.round(backAfterMs),
        unit: 'ms',
        comparison: null,
        ratio: null,
        goal: 'none set',
        met: null,
      });
    }
    const acceptedIds = everyone.flatMap((r) => (r.submissionId === null ? [] : [r.submissionId]));
    let settledMs = Number.NaN;
    try {
      settledMs = await settle(database, acceptedIds, 30_000);
    } catch {
      // Reported below as pending: an accepted submission neither published nor rejected.
    }
    const outcomes = await submissionOutcomes(database, acceptedIds);
    const poisonQueue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(
      BLOB_POISON_QUEUE,
    );
    const poisonedBlobs = new Set<string>();
    if (await poisonQueue.exists()) {
      for (const message of (await poisonQueue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems) {
        const { BlobName } = JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8')) as {
          BlobName?: string;
        };
        if (BlobName !== undefined) poisonedBlobs.add(BlobName);
      }
    }
    const pendingIds = await stillPending(database, acceptedIds);
    // The issue's bar: what is not published or rejected is exactly what the poison queue holds (failed for good,
    // for an operator to re-run); a pending submission the poison queue does not name is lost.
    const lostIds = pendingIds.filter((id) => !poisonedBlobs.has(id));
    const poisonedButSettled = [...poisonedBlobs].filter((id) => !pendingIds.includes(id));
    const orphans = await orphanBlobs(database, publications);
    // Told it failed, yet published: every artefact's submission must be one the publishers were told 202 for.
    const { rows: publishedUnaccepted } = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM artefact WHERE location_id = '1501' AND NOT (submission_id = ANY($1::uuid[]))`,
      [acceptedIds],
    );
    const toldFailedButPublished = publishedUnaccepted[0]?.n ?? 0;
    const refused = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS blob(name) WHERE name ~ '^[0-9a-f-]{36}$'
         AND NOT EXISTS (SELECT 1 FROM submission WHERE submission_id::text = blob.name)`,
      [orphans],
    );
    lines.push(
      `published although the publisher was told it failed: ${toldFailedButPublished}; blobs left unpublished for want of ` +
        `a submission (refused by the trigger, PUBLICATION_SUBMISSION_CONFLICT): ${refused.rows[0]?.n ?? 0}`,
    );
    reportResult({
      measure: 'faults: publications published although their publisher was told they failed (503)',
      figure: toldFailedButPublished,
      unit: 'publications',
      comparison: `${everyone.length} sent, ${acceptedIds.length} accepted`,
      ratio: null,
      goal: '= 0',
      met: toldFailedButPublished === 0,
    });
    const orphanStatuses = await submissionOutcomes(
      database,
      orphans.filter((name) => /^[0-9a-f-]{36}$/.test(name)),
    );
    lines.push(`orphan blobs by their submission's outcome: ${JSON.stringify(orphanStatuses)}`);
    lines.push(
      `afterwards: ${acceptedIds.length} accepted in all, settled in ${settledMs.toFixed(0)} ms: ${JSON.stringify(outcomes)}; ` +
        `poison queue ${poisonedBlobs.size} (${pendingIds.length - lostIds.length} of them the pending submissions, ` +
        `${poisonedButSettled.length} settled meanwhile); pending and not on the poison queue (lost) ${lostIds.length}; ` +
        `orphan blobs ${orphans.length}`,
    );
    reportResult({
      measure:
        'faults: accepted submissions lost (neither published, rejected, nor on the poison queue) after PostgreSQL and Azurite outages',
      figure: lostIds.length,
      unit: 'submissions',
      comparison: `${acceptedIds.length} accepted; ${pendingIds.length} pending on the poison queue for an operator; ${orphans.length} orphan blobs`,
      ratio: null,
      goal: '= 0',
      met: lostIds.length === 0,
    });
    lines.push(...(await notifyFaults.run(host, outageMs)));
  } finally {
    console.log = log;
    console.warn = warn;
    console.error = error;
    await host.stop();
    await Promise.all([idp.stop(), notifyFaults.stop()]);
    await db.stop();
    await Promise.all([...proxies, blobProxy, queueProxy].map((proxy) => proxy.stop()));
    await azurite.stop();
  }
  console.log(`bench/faults; database: ${db.kind}; outages of ${outageMs} ms; blob trigger polls every 50 ms`);
  for (const line of lines) console.log(line);
}

await main();
