/**
 * Rendition time (issue 13): the PDF (pdfkit) of the largest fixture list, the live service's 1.6 MB civil and
 * family daily cause list, and of the 200-case one; and the PDF and Excel workbook of a tabular list grown to about
 * 1 MB (test-support/large-payloads.ts). Median and worst of a few runs after a warm-up, with the file sizes and
 * whether each fits a Notify attachment (2 MB).
 *
 *   npm run bench:renditions
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { findListType, type ListTypeDefinition } from '../shared/publications/catalogue/list-types.js';
import { listCases } from '../shared/publications/renditions/list-cases.js';
import { listDocument, listPdf, listWorkbook } from '../shared/publications/renditions/list-files.js';
import { fixtureUrl } from '../test-support/fixtures.js';
import { basePayload, grownTo } from '../test-support/large-payloads.js';
import { reportResult } from './bench-result.js';

const runs = 5;
const limit = 2 * 1024 * 1024;

function listType(id: string): ListTypeDefinition {
  const found = findListType(id);
  if (found.kind !== 'found') throw new Error(id);
  return found.listType;
}

async function measure(name: string, type: ListTypeDefinition, payload: unknown, bytes: number): Promise<void> {
  const document = listDocument({
    listType: type,
    payload,
    language: 'WELSH',
    court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
    contentDate: '2026-11-30T09:00:00',
  });
  const rows = document.tables.reduce((sum, table) => sum + table.rows.length, 0);
  for (const [format, make] of [
    ['PDF', () => listPdf(document)],
    ['Excel', () => listWorkbook(document)],
  ] as const) {
    if (format === 'Excel' && !/tabular|table/.test(name)) continue;
    await make();
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      size = (await make()).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    const worst = times.at(-1) ?? Number.NaN;
    console.log(
      `${name} (${(bytes / 1_048_576).toFixed(2)} MiB JSON, ${rows} rows) ${format}: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB, ${size <= limit ? 'attached' : 'linked (over 2 MB)'}`,
    );
    reportResult({
      measure: `list ${format} rendition, ${name} (${(bytes / 1_048_576).toFixed(2)} MiB JSON, ${rows} rows), median`,
      figure: Math.round(median),
      unit: 'ms',
      comparison: null,
      ratio: null,
      goal: 'none set (made once per version, off the request path)',
      met: null,
    });
  }
}

console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${runs} runs each`,
);
const civilFamily = listType('CIVIL_AND_FAMILY_DAILY_CAUSE_LIST');
for (const file of ['civilAndFamilyDailyCauseList1MB.json', 'civilAndFamilyDailyCauseListTwoHundredCases.json']) {
  const text = readFileSync(fixtureUrl('perf', file), 'utf8');
  const payload: unknown = JSON.parse(text);
  console.log(`${file}: ${listCases(civilFamily, payload).length} cases`);
  await measure(`perf/${file}`, civilFamily, payload, text.length);
}
const tabular = listType('AST_DAILY_HEARING_LIST');
const grown = grownTo(basePayload('non-strategic-ast-daily-hearing-list').payload, 1_048_576);
await measure('tabular AST daily hearing list', tabular, grown, JSON.stringify(grown).length);
