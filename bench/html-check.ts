/**
 * bench/html-check: the HTML rules on adversarial strings (issue 17, item 7). The loose rule used to be the regular
 * expression `<\s*\/[^>]*>|<[^>]*\/>|...`, which backtracks: 30,000 `<` took 1.1 s and 100,000 took 12 s. The
 * scan that replaced it is linear; this prints both, per size, so the figures can be compared (the regex is only run
 * up to 30,000 characters). Run: npx tsx bench/html-check.ts
 */
import { performance } from 'node:perf_hooks';
import {
  closingOrSelfClosingTagPattern,
  containsClosingOrSelfClosingTag,
  containsHtmlTag,
} from '../shared/publications/catalogue/html-check.js';

function time(run: () => boolean): { ms: number; result: boolean } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

const shapes: [name: string, build: (n: number) => string][] = [
  ['"<" × n', (n) => '<'.repeat(n)],
  ['"< " × n', (n) => '< '.repeat(n)],
  ['"&lt;" × n', (n) => '&lt;'.repeat(n)],
  ['"&lt;/" × n', (n) => '&lt;/'.repeat(n)],
  ['"<a" × n', (n) => '<a'.repeat(n)],
];

console.log('shape          n        loose scan ms  strict scan ms  old regex ms');
for (const [name, build] of shapes) {
  for (const n of [10_000, 30_000, 100_000, 1_000_000]) {
    const text = build(n);
    const loose = time(() => containsClosingOrSelfClosingTag(text));
    const strict = time(() => containsHtmlTag(text));
    const regex = n <= 30_000 ? time(() => closingOrSelfClosingTagPattern.test(text)) : null;
    if (regex !== null && regex.result !== loose.result) throw new Error(`disagreement on ${name} × ${n}`);
    console.log(
      `${name.padEnd(14)} ${String(n).padEnd(8)} ${loose.ms.toFixed(2).padStart(13)}  ${strict.ms.toFixed(2).padStart(14)}  ${regex === null ? '(skipped)' : regex.ms.toFixed(1).padStart(12)}`,
    );
  }
}
