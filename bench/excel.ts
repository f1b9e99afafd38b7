/**
 * bench/excel: converting an Excel workbook of a non-strategic list to its JSON (the ZIP guard, exceljs reading the
 * cells, the mapping and the schema check), for workbooks of 1,000 and 5,000 hearings built from the rows of a real
 * CIC weekly hearing list (8 columns; dates and times as real Excel date cells, the rest text).
 *
 * Each size is converted in a child process of its own, so its memory figure is that conversion's: the peak
 * resident set (maxRSS) and the V8 heap after the conversion, each less the same figures after a warm-up conversion
 * of a 10-row workbook. Time is the median of 5 conversions in that process.
 * Run: npm run bench:excel
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type ExcelJS from 'exceljs';
import { listTypes } from '../shared/publications/catalogue/list-types.js';
import { nonStrategicTables } from '../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { convertWorkbook } from '../shared/publications/intake/excel-list.js';
import { MAX_PUBLICATION_BYTES } from '../shared/publications/intake/limits.js';
import { cicWorkbook } from '../test-support/cic-workbook.js';
import { excelFixtureUrl } from '../test-support/excel-workbooks.js';
import { reportResult } from './bench-result.js';

const schemaId = 'non-strategic-cic-weekly-hearing-list' as const;
const table = nonStrategicTables[schemaId];
const found = listTypes.find((candidate) => candidate.schema === schemaId);
if (found === undefined) throw new Error(`no list type uses ${schemaId}`);
const listType = found;

function* hearings(rows: number): Generator<ExcelJS.CellValue[]> {
  const fixture = JSON.parse(readFileSync(excelFixtureUrl(schemaId), 'utf8')) as Record<string, string>[];
  for (let index = 0; index < rows; index++) {
    const base = fixture[index % fixture.length] ?? {};
    yield [
      new Date(Date.UTC(2027, 0, 4 + (index % 5))),
      new Date(Date.UTC(1899, 11, 30, 9 + (index % 8), (index * 5) % 60)),
      `CIC-${String(100000 + index)}`,
      `${base.caseName ?? 'Case'} ${index}`,
      base['venue/platform'] ?? 'Venue',
      base.judges ?? 'Judge',
      base.members ?? 'Member',
      index % 3 === 0 ? (base.additionalInformation ?? '') : '',
    ];
  }
}

const buildWorkbook = (rows: number): Promise<Buffer> =>
  cicWorkbook(hearings(rows), {
    edit: (sheet) => {
      sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
      sheet.getColumn(2).numFmt = 'h:mm AM/PM';
    },
  });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The child: converts one workbook file, prints JSON figures. */
async function measure(file: string): Promise<void> {
  const warm = await buildWorkbook(10);
  const warmed = await convertWorkbook(warm, listType, table);
  if (!warmed.ok) throw new Error(`warm-up refused: ${warmed.code}`);
  global.gc?.();
  const baseRss = process.resourceUsage().maxRSS * 1024;
  const baseHeap = process.memoryUsage().heapUsed;
  const bytes = readFileSync(file);
  const times: number[] = [];
  let heapAfter = 0;
  let rows = 0;
  let jsonBytes = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const conversion = await convertWorkbook(bytes, listType, table);
    times.push(performance.now() - start);
    if (!conversion.ok) throw new Error(`refused: ${conversion.code} ${JSON.stringify(conversion.details[0])}`);
    if (run === 0) {
      heapAfter = process.memoryUsage().heapUsed;
      rows = conversion.rows;
      jsonBytes = conversion.json.length;
    }
  }
  times.sort((a, b) => a - b);
  const figures = {
    rows,
    medianMs: times[2],
    minMs: times[0],
    peakRssDelta: process.resourceUsage().maxRSS * 1024 - baseRss,
    heapDelta: heapAfter - baseHeap,
    jsonBytes,
  };
  process.stdout.write(JSON.stringify(figures));
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-excel-'));
  try {
    console.log(`Excel conversion (${listType.id}, 8 columns), each size in its own process:`);
    for (const rows of [1_000, 5_000]) {
      const workbook = await buildWorkbook(rows);
      const file = join(directory, `${rows}.xlsx`);
      writeFileSync(file, workbook);
      const output = execFileSync(
        process.execPath,
        [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--measure', file],
        { encoding: 'utf8', maxBuffer: 1024 * 1024 },
      );
      const figures = JSON.parse(output) as {
        rows: number;
        medianMs: number;
        minMs: number;
        peakRssDelta: number;
        heapDelta: number;
        jsonBytes: number;
      };
      console.log(
        `  ${String(figures.rows).padStart(5)} rows: workbook ${mb(workbook.length)} (cap ${mb(MAX_PUBLICATION_BYTES)}), ` +
          `JSON ${mb(figures.jsonBytes)}; median ${figures.medianMs.toFixed(0)} ms (min ${figures.minMs.toFixed(0)} ms); ` +
          `peak RSS +${mb(figures.peakRssDelta)}, heap after +${mb(figures.heapDelta)}`,
      );
      reportResult({
        measure: `Excel workbook to JSON, ${figures.rows} rows of ${listType.id} (median; peak RSS +${mb(figures.peakRssDelta)})`,
        figure: Math.round(figures.medianMs),
        unit: 'ms',
        comparison: null,
        ratio: null,
        goal: 'none set',
        met: null,
      });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const measureAt = process.argv.indexOf('--measure');
const target = measureAt === -1 ? undefined : process.argv[measureAt + 1];
await (target === undefined ? main() : measure(target));
