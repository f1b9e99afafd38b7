/**
 * One catalogue: every code logged by functions/ and shared/ is defined once in log-events.ts (logEvent's type refuses
 * any other), every catalogued code is logged somewhere, and no module keeps a code list of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logEvents, type LogEventCode } from './log-events.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const catalogueFile = 'shared/logging/log-events.ts';

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => path.join(folder, file).split(path.sep).join('/'));
}

const sources = [...sourceFiles('functions'), ...sourceFiles('shared')]
  .filter((file) => file !== catalogueFile)
  .map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
const codes = Object.keys(logEvents) as LogEventCode[];

describe('the log-event catalogue', () => {
  it('defines each code once', () => {
    const text = readFileSync(path.join(repoRoot, catalogueFile), 'utf8');
    const defined = [...text.matchAll(/^ {2}([A-Z][A-Z0-9_]+): \{/gm)].map((m) => m[1]);
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.filter((code, i) => defined.indexOf(code) !== i)).toEqual([]);
    expect([...defined].sort()).toEqual([...codes].sort());
  });

  it('gives every code a level and a one-line meaning', () => {
    for (const code of codes) {
      const { level, meaning } = logEvents[code];
      expect(['debug', 'info', 'warn', 'error'], code).toContain(level);
      expect(meaning, code).toMatch(/^[A-Z].*\.$/);
      expect(meaning, code).not.toContain('\n');
    }
  });

  it('logs every literal code at its catalogued level', () => {
    const calls = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/logEvent\(\s*[\w.]+,\s*'(\w+)',\s*'(\w+)'/g)].map((m) => ({ file, level: m[1], code: m[2] })),
    );
    expect(calls.length).toBeGreaterThan(30);
    for (const call of calls) {
      expect(codes, `${call.file}: ${call.code}`).toContain(call.code);
      expect(logEvents[call.code as LogEventCode].level, `${call.file}: ${call.code}`).toBe(call.level);
    }
  });

  it('has no code that nothing logs', () => {
    const unused = codes.filter((code) => !sources.some(({ text }) => text.includes(`'${code}'`)));
    expect(unused).toEqual([]);
  });

  it('is the only list of event codes: no module keeps its own, and nothing logs around logEvent', () => {
    const offenders = sources.flatMap(({ file, text }) => [
      ...[...text.matchAll(/export const \w+Events = \{/g)].map(() => `${file}: its own event list`),
      ...[...text.matchAll(/\b(?:context|request)\??\.(?:log|trace|debug|info|warn|error)\(/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
      ...[...text.matchAll(/\bconsole\.\w+\(/g)].map((m) => `${file}: ${m[0]}`),
    ]);
    expect(offenders).toEqual([]);
  });
});
