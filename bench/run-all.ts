/**
 * `npm run bench`: runs every bench of bench/ in turn, each in its own process, and writes bench/RESULTS.md: the
 * machine, the date and commit, and for each measure our figure, what it was compared with in the same run, the
 * ratio and the goal (the BENCH_RESULT lines each bench prints; bench/bench-result.ts). A bench that fails or prints
 * no result is listed as such with the end of its output, never left out.
 *
 *   npm run bench                       every bench
 *   npm run bench -- --only ingest,validate
 *   BENCH_DATABASE_URL=postgres://...   a real PostgreSQL for the benches that use one (default: this machine's,
 *                                       postgres://postgres@127.0.0.1:5432/test, when it answers; else embedded)
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fixtureUrl } from '../test-support/fixtures.js';
import { parseResults, percentile, type BenchResult } from './bench-result.js';
import { resultsMarkdown, type BenchRun } from './results-markdown.js';

interface Bench {
  name: string;
  script: string;
  args: string[];
  /** Longest it may take before it is stopped and reported as timed out. */
  timeoutMs: number;
}

const benches: readonly Bench[] = [
  { name: 'startup', script: 'bench/startup.ts', args: ['3'], timeoutMs: 180_000 },
  { name: 'validate', script: 'bench/validate.ts', args: [], timeoutMs: 600_000 },
  { name: 'render', script: 'bench/render.ts', args: [], timeoutMs: 600_000 },
  { name: 'ingest', script: 'bench/ingest.ts', args: ['1000', '32', '120'], timeoutMs: 900_000 },
  { name: 'court-import', script: 'bench/court-import.ts', args: [], timeoutMs: 600_000 },
  { name: 'excel', script: 'bench/excel.ts', args: [], timeoutMs: 300_000 },
  { name: 'live-feed', script: 'bench/live-feed.ts', args: [], timeoutMs: 300_000 },
  { name: 'digest', script: 'bench/digest.ts', args: [], timeoutMs: 900_000 },
  { name: 'renditions', script: 'bench/renditions.ts', args: [], timeoutMs: 600_000 },
  { name: 'subscription-search', script: 'bench/subscription-search.ts', args: [], timeoutMs: 600_000 },
  { name: 'concurrency', script: 'bench/concurrency.ts', args: [], timeoutMs: 600_000 },
  { name: 'faults', script: 'bench/faults.ts', args: ['3'], timeoutMs: 600_000 },
];

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function run(bench: Bench, env: NodeJS.ProcessEnv): Promise<BenchRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', bench.script, ...bench.args], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, bench.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const { results, malformed } = parseResults(output);
      resolve({
        name: bench.name,
        command: `npx tsx ${[bench.script, ...bench.args].join(' ')}`,
        seconds: (performance.now() - started) / 1000,
        exitCode: timedOut ? null : code,
        timedOut,
        results,
        malformed,
        outputTail: output.split('\n').slice(-12).join('\n'),
      });
    });
  });
}

function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The machine's speed at this moment: JSON.parse of the 1.6 MB load-test list, median of 31 after 5 to warm up. */
function referenceParseMs(): number {
  const text = readFileSync(fixtureUrl('perf', 'civilAndFamilyDailyCauseList1MB.json'), 'utf8');
  const times: number[] = [];
  for (let run = 0; run < 36; run++) {
    const started = performance.now();
    JSON.parse(text);
    if (run >= 5) times.push(performance.now() - started);
  }
  return percentile(times, 0.5);
}

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : null;
  const chosen = benches.filter((bench) => only === null || only.has(bench.name));
  if (chosen.length === 0) throw new Error(`--only names none of: ${benches.map((b) => b.name).join(', ')}`);
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (await postgresAnswers(databaseUrl)) env.BENCH_DATABASE_URL = databaseUrl;
  else delete env.BENCH_DATABASE_URL;

  const loadBefore = os.loadavg();
  const parseBefore = referenceParseMs();
  const runs: BenchRun[] = [];
  for (const bench of chosen) {
    console.log(`\n=== bench ${bench.name}`);
    runs.push(await run(bench, env));
  }
  const markdown = resultsMarkdown({
    date: new Date(),
    commit: commitOf(),
    machine: {
      cpu: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      loadBefore,
      loadAfter: os.loadavg(),
      referenceParseMs: { before: parseBefore, after: referenceParseMs() },
      database:
        env.BENCH_DATABASE_URL === undefined ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL (BENCH_DATABASE_URL)',
    },
    runs,
    partial: only !== null,
  });
  const target = new URL('RESULTS.md', import.meta.url);
  writeFileSync(target, markdown);
  const all: BenchResult[] = runs.flatMap((r) => r.results);
  console.log(
    `\nWrote ${fileURLToPath(target)}: ${all.length} measures from ${runs.length} benches; ` +
      `${all.filter((r) => r.met === false).length} goals not met; ` +
      `${runs.filter((r) => r.exitCode !== 0).length} benches failed.`,
  );
}

await main();
