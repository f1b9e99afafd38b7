/**
 * Server render time of each list type (view model + Nunjucks): the live examples; the 1.6 MB civil and family daily
 * cause list from the live service's load tests; and every payload schema (payloadSchemas, the 24 tabular ones
 * included) at about 1 MB, from its largest real fixture, or rows made from real rows, grown by repetition
 * (test-support/large-payloads.ts). p50/p95 over repeated renders, after a warm-up.
 * Goal: 1 MB list p95 <= 200 ms.
 *
 *   npx tsx bench/render.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { listEnvironment } from '../functions/web/lists/list-environment.js';
import { exampleInput, listExamples, listTypeById } from '../functions/web/lists/list-examples.test-support.js';
import {
  dedicatedTemplate,
  genericTemplate,
  listPageView,
  type ListRenderInput,
} from '../functions/web/lists/render-list.js';
import { listTypes } from '../shared/publications/catalogue/list-types.js';
import { fixtureUrl } from '../test-support/fixtures.js';
import { basePayloads, grownTo } from '../test-support/large-payloads.js';
import { reportResult } from './bench-result.js';

const environment = listEnvironment();

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

interface Measure {
  p50: number;
  p95: number;
  /** The same from the process's CPU time: what the render costs when a busy machine makes it wait for a core. */
  cpuP50: number;
  cpuP95: number;
  bytes: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function measure(input: ListRenderInput, runs: number): Measure {
  let bytes = 0;
  for (let warm = 0; warm < Math.min(10, runs); warm += 1) {
    const view = listPageView(input);
    bytes = environment.render(view.template, view.context).length;
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const cpuStarted = cpuMs();
    const view = listPageView(input);
    environment.render(view.template, view.context);
    times.push(performance.now() - started);
    cpuTimes.push(cpuMs() - cpuStarted);
  }
  times.sort((left, right) => left - right);
  cpuTimes.sort((left, right) => left - right);
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    cpuP50: percentile(cpuTimes, 0.5),
    cpuP95: percentile(cpuTimes, 0.95),
    bytes,
  };
}

const figures = (result: Measure): string[] => [
  result.p50.toFixed(2),
  result.p95.toFixed(2),
  result.cpuP50.toFixed(2),
  result.cpuP95.toFixed(2),
  String(result.bytes),
];

const rows: string[][] = [];
for (const example of listExamples) {
  for (const language of ['en', 'cy'] as const) {
    const result = measure(exampleInput(example, language), 200);
    rows.push([`${example.listTypeId} (${language})`, example.file, ...figures(result)]);
  }
}

// The 1.6 MB civil and family daily cause list of the live service's load tests, as it is.
const largeFile = fixtureUrl('perf', 'civilAndFamilyDailyCauseList1MB.json');
const largeText = readFileSync(largeFile, 'utf8');
const court = { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' };
const large: ListRenderInput = {
  listType: listTypeById('CIVIL_AND_FAMILY_DAILY_CAUSE_LIST'),
  payload: JSON.parse(largeText) as unknown,
  language: 'en',
  contentDate: '2024-07-21',
  lastUpdated: '2024-07-20T20:00:00Z',
  court,
};
const largeResults = (['en', 'cy'] as const).map((language) => ({
  label: `CIVIL_AND_FAMILY_DAILY_CAUSE_LIST (${language})`,
  ...measure({ ...large, language }, 50),
}));
for (const result of largeResults) {
  rows.push([
    result.label,
    `perf/civilAndFamilyDailyCauseList1MB.json (${(largeText.length / 1_048_576).toFixed(2)} MiB)`,
    ...figures(result),
  ]);
}

// Every payload schema at about 1 MB: its largest real fixture (or rows made from real rows) grown by repeating the
// items of its largest array (test-support/large-payloads.ts), rendered as the first list type using it.
for (const [schemaId, base] of basePayloads()) {
  const listType = listTypes.find((t) => t.schema === schemaId && !t.deprecated);
  if (listType === undefined) continue;
  const payload = grownTo(base.payload, 1_000_000);
  const size = JSON.stringify(payload).length;
  const template = dedicatedTemplate(listType) ?? genericTemplate;
  const result = measure({ ...large, listType, payload, language: 'en' }, 20);
  largeResults.push({ label: `${listType.id} (en)`, ...result });
  rows.push([
    `${listType.id} (en), ${schemaId} → ${template}`,
    `${base.source} grown to ${(size / 1_048_576).toFixed(2)} MiB`,
    ...figures(result),
  ]);
}

const header = ['list type', 'payload', 'p50 ms', 'p95 ms', 'cpu p50 ms', 'cpu p95 ms', 'html chars'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const [clock, p95] of [
  ['wall clock', (result: Measure) => result.p95],
  ['CPU time', (result: Measure) => result.cpuP95],
] as const) {
  const over = largeResults.filter((result) => p95(result) > 200);
  const worst = Math.max(...largeResults.map(p95));
  const worstLabel = largeResults.find((result) => p95(result) === worst)?.label ?? '';
  reportResult({
    measure: `server render of a ~1 MB list, p95 ${clock}: the slowest of ${largeResults.length} (${worstLabel})`,
    figure: Number(worst.toFixed(1)),
    unit: 'ms',
    comparison: null,
    ratio: null,
    goal: '≤ 200 ms',
    met: over.length === 0,
  });
  console.log(
    `1 MB lists, ${clock}: worst p95 ${worst.toFixed(1)} ms (goal <= 200 ms): ` +
      (over.length === 0 ? 'met for every one' : `NOT met for ${over.map((result) => result.label).join(', ')}`),
  );
}
console.log(
  `load average while measuring: ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(', ')} on ${os.cpus().length} cores`,
);
