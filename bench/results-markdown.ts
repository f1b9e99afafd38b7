/** bench/RESULTS.md from one `npm run bench` (bench/run-all.ts): a pure function of what the benches printed. */
import type { BenchResult } from './bench-result.js';

export interface BenchRun {
  name: string;
  command: string;
  seconds: number;
  /** null when it was stopped (timed out). */
  exitCode: number | null;
  timedOut: boolean;
  results: BenchResult[];
  /** BENCH_RESULT lines that did not parse. */
  malformed: string[];
  outputTail: string;
}

export interface ResultsReport {
  date: Date;
  commit: string;
  machine: {
    cpu: string;
    memoryGiB: number;
    node: string;
    platform: string;
    loadBefore: number[];
    loadAfter: number[];
    database: string;
    /**
     * How fast the machine was, before and after the benches: JSON.parse of the same 1.6 MB list (median ms). Its
     * speed varies from day to day (shared cores), and a figure without a goal ratio is read against it.
     */
    referenceParseMs: { before: number; after: number };
  };
  runs: BenchRun[];
  /** Only some benches were run (--only). */
  partial: boolean;
}

/** A table cell: no line breaks, and a `|` cannot end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function verdict(met: boolean | null): string {
  if (met === null) return 'no goal set';
  return met ? 'met' : '**not met**';
}

const loads = (values: number[]) => values.map((value) => value.toFixed(1)).join(', ');

export function resultsMarkdown(report: ResultsReport): string {
  const { machine } = report;
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run-all.ts) on ${report.date.toISOString()} at commit \`${report.commit}\`` +
      (report.partial ? ', for some benches only (`--only`).' : '.') +
      ' Each figure is compared with what the same run measured beside it, where the goal is a ratio.',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}; memory ${machine.memoryGiB} GiB`,
    `- ${machine.platform}; Node ${machine.node}`,
    `- Database for the benches that use one: ${machine.database}`,
    `- Load average (1, 5, 15 min) before: ${loads(machine.loadBefore)}; after: ${loads(machine.loadAfter)}`,
    `- Speed: \`JSON.parse\` of the 1.6 MB load-test list took ${machine.referenceParseMs.before.toFixed(1)} ms before ` +
      `and ${machine.referenceParseMs.after.toFixed(1)} ms after (medians; the same VM has measured 2.3 ms on a quiet ` +
      'day and twice that on a busy one, and figures in ms, such as startup and acceptance, move with it)',
    '',
    '## Measures',
    '',
    '| bench | measure | our figure | compared with (same run) | ratio | goal | verdict |',
    '| --- | --- | ---: | --- | ---: | --- | --- |',
  ];
  for (const run of report.runs) {
    for (const result of run.results) {
      lines.push(
        `| ${cell(run.name)} | ${cell(result.measure)} | ${result.figure} ${cell(result.unit)} | ` +
          `${cell(result.comparison ?? '-')} | ${result.ratio === null ? '-' : `${result.ratio}×`} | ` +
          `${cell(result.goal)} | ${verdict(result.met)} |`,
      );
    }
  }
  const notMet = report.runs.flatMap((run) => run.results).filter((result) => result.met === false);
  lines.push('', `Goals not met: ${notMet.length}.`);

  const troubled = report.runs.filter(
    (run) => run.exitCode !== 0 || run.results.length === 0 || run.malformed.length > 0,
  );
  lines.push('', '## Benches', '', '| bench | command | time | outcome |', '| --- | --- | ---: | --- |');
  for (const run of report.runs) {
    const outcome = run.timedOut
      ? '**timed out**'
      : run.exitCode !== 0
        ? `**failed** (exit ${run.exitCode ?? '?'})`
        : run.results.length === 0
          ? '**no result printed**'
          : `${run.results.length} measure${run.results.length === 1 ? '' : 's'}`;
    lines.push(`| ${cell(run.name)} | \`${cell(run.command)}\` | ${run.seconds.toFixed(0)} s | ${outcome} |`);
  }
  for (const run of troubled) {
    lines.push('', `### ${run.name}: the end of its output`, '', '```text', run.outputTail.trimEnd(), '```');
    for (const line of run.malformed) lines.push('', `A result line that did not parse: \`${cell(line)}\``);
  }
  lines.push('');
  return lines.join('\n');
}
