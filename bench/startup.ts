/**
 * bench/startup: time from `npm start` to a healthy /api/health, on embedded defaults (cold: a new data folder;
 * warm: the same folder again) and with DATABASE_URL (the machine's PostgreSQL, when it answers). Prints figures.
 *   npx tsx bench/startup.ts [runs]        (DATABASE_URL for the second case: BENCH_DATABASE_URL, default the
 *                                           machine's postgres://postgres@127.0.0.1:5432/test)
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePortSettings } from '../test-support/free-ports.js';
import { reportResult } from './bench-result.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 3);

async function timeToHealthy(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...freePortSettings,
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      resolve();
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
      const url = /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        const response = await fetch(`${url}/api/health`).catch(() => null);
        if (response?.status === 200) return performance.now() - started;
      }
      if (performance.now() - started > 60_000) throw new Error(`not healthy within 60 s: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
    await closed;
  }
}

function summary(label: string, samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(
    `${label.padEnd(44)} median ${(median / 1000).toFixed(2)} s   min ${((sorted[0] ?? NaN) / 1000).toFixed(2)} s   max ${((sorted.at(-1) ?? NaN) / 1000).toFixed(2)} s   (${samples.length} runs)`,
  );
  return median;
}

function reportStartup(label: string, median: number, goalMs: number | null): void {
  reportResult({
    measure: `npm start to a healthy /api/health, ${label} (median)`,
    figure: Number((median / 1000).toFixed(2)),
    unit: 's',
    comparison: null,
    ratio: null,
    goal: goalMs === null ? 'none set' : `< ${goalMs / 1000} s`,
    met: goalMs === null ? null : median < goalMs,
  });
}

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pip-bench-'));
  cold.push(await timeToHealthy({ DATABASE_URL: '', LOCAL_DATA_DIR: dataDir }));
  warm.push(await timeToHealthy({ DATABASE_URL: '', LOCAL_DATA_DIR: dataDir }));
}
console.log(`npm start to healthy /api/health (goal: under 5 s warm)`);
reportStartup('embedded PostgreSQL, cold', summary('embedded PostgreSQL, cold (new data folder)', cold), null);
reportStartup('embedded PostgreSQL, warm', summary('embedded PostgreSQL, warm (existing folder)', warm), 5000);

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const probe = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
const reachable = await probe.connect().then(
  () => true,
  () => false,
);
if (reachable) {
  const schema = `bench_${Date.now().toString(36)}`;
  await probe.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  const external: number[] = [];
  for (let i = 0; i < runs; i += 1) external.push(await timeToHealthy({ DATABASE_URL: url.toString() }));
  reportStartup('DATABASE_URL', summary('DATABASE_URL (first run migrates)', external), 5000);
  await probe.query(`DROP SCHEMA ${schema} CASCADE`);
  await probe.end();
} else {
  console.log(`DATABASE_URL case skipped: no PostgreSQL answers at ${databaseUrl}`);
}
