/**
 * Server render time of each list type (view model + Nunjucks): the live examples, and the 1 MB civil and family
 * daily cause list from the live service's load tests. p50/p95 over repeated renders, after a warm-up.
 * Goal: 1 MB list p95 <= 200 ms.
 *
 *   npx tsx bench/render.ts
 */
import { readFileSync } from 'node:fs';
import { listEnvironment } from '../functions/web/lists/list-environment.js';
import { exampleInput, listExamples, listTypeById } from '../functions/web/lists/list-examples.test-support.js';
import { listPageView, type ListRenderInput } from '../functions/web/lists/render-list.js';
import { fixtureUrl } from '../test-support/fixtures.js';

const environment = listEnvironment();

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function measure(input: ListRenderInput, runs: number): { p50: number; p95: number; bytes: number } {
  let bytes = 0;
  for (let warm = 0; warm < Math.min(10, runs); warm += 1) {
    const view = listPageView(input);
    bytes = environment.render(view.template, view.context).length;
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const view = listPageView(input);
    environment.render(view.template, view.context);
    times.push(performance.now() - started);
  }
  times.sort((left, right) => left - right);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), bytes };
}

const rows: string[][] = [];
for (const example of listExamples) {
  for (const language of ['en', 'cy'] as const) {
    const { p50, p95, bytes } = measure(exampleInput(example, language), 200);
    rows.push([`${example.listTypeId} (${language})`, example.file, p50.toFixed(2), p95.toFixed(2), String(bytes)]);
  }
}

const largeFile = fixtureUrl('perf', 'civilAndFamilyDailyCauseList1MB.json');
const largeText = readFileSync(largeFile, 'utf8');
const large: ListRenderInput = {
  listType: listTypeById('CIVIL_AND_FAMILY_DAILY_CAUSE_LIST'),
  payload: JSON.parse(largeText) as unknown,
  language: 'en',
  contentDate: '2024-07-21',
  lastUpdated: '2024-07-20T20:00:00Z',
  court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
};
const largeResults = (['en', 'cy'] as const).map((language) => ({ language, ...measure({ ...large, language }, 50) }));
for (const result of largeResults) {
  rows.push([
    `CIVIL_AND_FAMILY_DAILY_CAUSE_LIST 1 MB (${result.language})`,
    `perf/civilAndFamilyDailyCauseList1MB.json (${(largeText.length / 1_048_576).toFixed(2)} MiB)`,
    result.p50.toFixed(2),
    result.p95.toFixed(2),
    String(result.bytes),
  ]);
}

const header = ['list type', 'payload', 'p50 ms', 'p95 ms', 'html chars'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
const worst = Math.max(...largeResults.map((result) => result.p95));
console.log(`\n1 MB list p95 ${worst.toFixed(1)} ms (goal <= 200 ms): ${worst <= 200 ? 'met' : 'NOT met'}`);
