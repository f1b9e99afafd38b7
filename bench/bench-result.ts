/**
 * One measure of a bench, in a form `npm run bench` (bench/run-all.ts) collects into bench/RESULTS.md: a line
 * `BENCH_RESULT {json}` on standard output, beside the bench's own human-readable output.
 */
import { z } from 'zod';

export const BENCH_RESULT_PREFIX = 'BENCH_RESULT ';

export const benchResultSchema = z.object({
  /** What was measured, e.g. "publication acceptance p95 (1.6 MB list, 4 concurrent)". */
  measure: z.string().min(1),
  /** Our figure, in `unit`. */
  figure: z.number(),
  unit: z.string().min(1),
  /** What it is compared with, measured in the same run (e.g. "bare Node server 43,600 req/s"); null when the goal is absolute. */
  comparison: z.string().nullable(),
  /** figure ÷ the comparison's figure, when there is one. */
  ratio: z.number().nullable(),
  /** The goal, in words (e.g. "≤ 100 ms", "≥ 0.7× bare"), or "none set". */
  goal: z.string().min(1),
  /** Whether the goal is met; null when no goal is set (a figure kept for comparison only). */
  met: z.boolean().nullable(),
});

export type BenchResult = z.infer<typeof benchResultSchema>;

export function reportResult(result: BenchResult): void {
  console.log(BENCH_RESULT_PREFIX + JSON.stringify(benchResultSchema.parse(result)));
}

/** The results a bench printed, and the lines that claimed to be one but were not. */
export function parseResults(output: string): { results: BenchResult[]; malformed: string[] } {
  const results: BenchResult[] = [];
  const malformed: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(BENCH_RESULT_PREFIX)) continue;
    try {
      const parsed = benchResultSchema.safeParse(JSON.parse(line.slice(BENCH_RESULT_PREFIX.length)));
      if (parsed.success) results.push(parsed.data);
      else malformed.push(line);
    } catch {
      malformed.push(line);
    }
  }
  return { results, malformed };
}

/** The p-th percentile (0 < p ≤ 1) of values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
