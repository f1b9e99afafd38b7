/**
 * `npm run build`: what Azure deploys. Compiles functions/ and shared/ to dist/ (the host loads package.json's main
 * glob, dist/functions/STAR/index.js) and copies the files the code reads at run time beside it: SQL migrations,
 * templates, string files. Usage: node scripts/build.mjs [outDir]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.argv[2] ?? 'dist');

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir],
  {
    stdio: 'inherit',
  },
);

/** Run-time assets: everything in the source folders that is not TypeScript and not a test. */
function copyAssets(folder) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      copyAssets(path);
    } else if (!entry.endsWith('.ts') && !/\.test\./.test(entry)) {
      cpSync(path, join(outDir, relative(root, path)));
    }
  }
}
copyAssets(join(root, 'functions'));
copyAssets(join(root, 'shared'));
