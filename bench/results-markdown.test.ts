import { describe, expect, it } from 'vitest';
import { BENCH_RESULT_PREFIX, parseResults, percentile, reportResult, type BenchResult } from './bench-result.js';
import { resultsMarkdown, type BenchRun } from './results-markdown.js';

const feed: BenchResult = {
  measure: 'live case feed by id',
  figure: 2540,
  unit: 'req/s',
  comparison: 'bare Node server: 43,600 req/s',
  ratio: 0.06,
  goal: '≥ 0.5 × bare',
  met: false,
};
const startup: BenchResult = {
  measure: 'npm start, warm | median',
  figure: 2.4,
  unit: 's',
  comparison: null,
  ratio: null,
  goal: '< 5 s',
  met: true,
};

function benchRun(overrides: Partial<BenchRun>): BenchRun {
  return {
    name: 'live-feed',
    command: 'npx tsx bench/live-feed.ts',
    seconds: 61.2,
    exitCode: 0,
    timedOut: false,
    results: [],
    malformed: [],
    outputTail: '',
    ...overrides,
  };
}

describe('bench results', () => {
  it('reads the BENCH_RESULT lines among a bench’s output, and names the ones that do not parse', () => {
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => {
      printed.push(line);
    };
    try {
      reportResult(feed);
    } finally {
      console.log = log;
    }
    const output = ['table', ...printed, `${BENCH_RESULT_PREFIX}{"measure":"x"}`, `${BENCH_RESULT_PREFIX}{oops`].join(
      '\n',
    );
    const { results, malformed } = parseResults(output);
    expect(results).toEqual([feed]);
    expect(malformed).toHaveLength(2);
  });

  it('refuses to print a result without a goal', () => {
    expect(() => {
      reportResult({ ...feed, goal: '' });
    }).toThrow();
  });

  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile([], 0.95)).toBeNaN();
  });

  it('writes the machine, every measure with its comparison, ratio and verdict, and each bench that failed', () => {
    const markdown = resultsMarkdown({
      date: new Date('2026-11-30T02:00:00Z'),
      commit: 'abc1234',
      machine: {
        cpu: '2 × Test CPU',
        memoryGiB: 23,
        node: 'v20.20.2',
        platform: 'Linux 6',
        loadBefore: [1.8, 1.2, 1],
        loadAfter: [2, 1.5, 1.1],
        database: 'PostgreSQL (BENCH_DATABASE_URL)',
        referenceParseMs: { before: 2.34, after: 4.6 },
      },
      runs: [
        benchRun({ results: [feed] }),
        benchRun({ name: 'startup', results: [startup] }),
        benchRun({ name: 'court-import', exitCode: 1, outputTail: 'Error: no database\n' }),
        benchRun({ name: 'excel', timedOut: true, exitCode: null, outputTail: 'still reading' }),
      ],
      partial: false,
    });
    expect(markdown).toContain('at commit `abc1234`');
    expect(markdown).toContain('- CPU: 2 × Test CPU; memory 23 GiB');
    expect(markdown).toContain('before: 1.8, 1.2, 1.0; after: 2.0, 1.5, 1.1');
    expect(markdown).toContain('of the 1.6 MB load-test list took 2.3 ms before and 4.6 ms after');
    expect(markdown).toContain(
      '| live-feed | live case feed by id | 2540 req/s | bare Node server: 43,600 req/s | 0.06× | ≥ 0.5 × bare | **not met** |',
    );
    // A | in a measure cannot break the table.
    expect(markdown).toContain('| startup | npm start, warm \\| median | 2.4 s | - | - | < 5 s | met |');
    expect(markdown).toContain('Goals not met: 1.');
    expect(markdown).toContain('| court-import | `npx tsx bench/live-feed.ts` | 61 s | **failed** (exit 1) |');
    expect(markdown).toContain('| excel | `npx tsx bench/live-feed.ts` | 61 s | **timed out** |');
    expect(markdown).toContain('### court-import: the end of its output\n\n```text\nError: no database\n```');
    expect(markdown).toContain('### excel: the end of its output');
  });
});
