/**
 * A fresh clone must find everything its tests, benches and scripts read inside the repository. This walks every
 * source, test, bench, script and settings file and fails, naming file and line, on a path that leads out of the
 * checkout: the folder of reference files kept beside one checkout, an absolute path of some machine, or a relative
 * specifier (an import, a `new URL(..., import.meta.url)`, a path) that climbs above the repository root from the
 * file's own folder. Data files the tests read belong in test-fixtures/ (see test-support/fixtures.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const checkedExtensions = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];
/** Not ours to check: dependencies, build output, local data, copied fixtures and vendor assets, local settings. */
const skippedDirectories = new Set(['.git', 'node_modules', 'dist', '.data', 'coverage', 'test-fixtures']);
const skippedFiles = new Set(['package-lock.json', 'local.settings.json']);
const skippedPaths = [/^web-static\/assets\//, /^web-static\/govuk-frontend\.min\./];

// The patterns are assembled from pieces so that this file does not name what it looks for.
const referenceFolder = ['reference', 'pip'].join('/');
const machinePath = new RegExp(
  String.raw`(?<![\w.:/\\-])(?:/(?:${['work', 'home', 'Users', 'root', 'mnt'].join('|')})/|[A-Za-z]:\\(?:Users|home)\\)`,
);
/** A quoted string that starts a relative path ('.', '..', './x', '../x'); in a template, the text before `${`. */
const relativeSpecifier = /(['"`])(\.\.?(?:\/[^'"`\n$]*)?)(?=['"`]|\$\{)/g;

/** Every problem in one file's text: `line: what`. */
function pathProblems(relativeFile: string, text: string): string[] {
  const directory = path.dirname(path.join(repoRoot, relativeFile));
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const at = `${relativeFile}:${String(index + 1)}`;
    if (line.includes(referenceFolder)) problems.push(`${at}: names ${referenceFolder} (a folder beside one checkout)`);
    const machine = machinePath.exec(line);
    if (machine) problems.push(`${at}: names a machine's absolute path (${machine[0]})`);
    for (const match of line.matchAll(relativeSpecifier)) {
      const specifier = match[2] ?? '';
      const outside = path.relative(repoRoot, path.resolve(directory, specifier));
      if (outside === '..' || outside.startsWith(`..${path.sep}`) || path.isAbsolute(outside)) {
        problems.push(`${at}: '${specifier}' leads outside the repository (${outside})`);
      }
    }
  });
  return problems;
}

/** Repository-relative paths (with `/`) of every checked file. */
function checkedFiles(folder = ''): string[] {
  return readdirSync(path.join(repoRoot, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (skippedPaths.some((pattern) => pattern.test(relative))) return [];
    if (entry.isDirectory()) return skippedDirectories.has(entry.name) ? [] : checkedFiles(relative);
    const checked =
      entry.isFile() && !skippedFiles.has(entry.name) && checkedExtensions.includes(path.extname(entry.name));
    return checked ? [relative] : [];
  });
}

describe('paths in the repository', () => {
  it('no source, test, bench or script file reads a path outside the repository', () => {
    const files = checkedFiles();
    expect(files).toContain('shared/repository-paths.test.ts');
    expect(files).toContain('bench/validate.ts');
    const problems = files.flatMap((file) => pathProblems(file, readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('flags a path beside the checkout, a machine path and a climb above the root, and nothing in the repository', () => {
    const up = '../';
    const lines = [
      `const a = new URL('${up.repeat(3)}shared/${referenceFolder}/x.json', import.meta.url);`,
      `const b = '${['', 'home', 'someone', 'pip', ''].join('/')}';`,
      `const c = \`${up.repeat(4)}elsewhere/\${name}\`;`,
      `import { createDatabase } from '${up.repeat(2)}shared/db/database.js';`,
      `const d = new URL('${up.repeat(2)}test-fixtures/lists/', import.meta.url);`,
      `const e = new URL('..', import.meta.url); const f = 'https://idp.example/home/x';`,
    ];
    expect(pathProblems('functions/web/example.test.ts', lines.join('\n'))).toEqual([
      `functions/web/example.test.ts:1: names ${referenceFolder} (a folder beside one checkout)`,
      `functions/web/example.test.ts:1: '${up.repeat(3)}shared/${referenceFolder}/x.json' leads outside the repository (${path.join('..', 'shared', referenceFolder, 'x.json')})`,
      `functions/web/example.test.ts:2: names a machine's absolute path (${['', 'home', ''].join('/')})`,
      `functions/web/example.test.ts:3: '${up.repeat(4)}elsewhere/' leads outside the repository (${path.join('..', '..', 'elsewhere')})`,
    ]);
  });
});
