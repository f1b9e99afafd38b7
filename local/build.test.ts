/**
 * `npm run build` produces what Azure deploys: every function folder compiles to the `main` glob the host loads,
 * the run-time assets come along, and the compiled functions register with the same metadata as the sources.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  functionFolders,
  projectRoot as root,
  registrationsOf,
  sourceRegistrations,
} from '../test-support/function-registrations.js';

// Inside the project, so the compiled code resolves node_modules as it does in the deployed package.
const outDir = join(root, '.data', `build-test-${process.pid}`);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  // And `.data/` when this leaves it empty (rmdir never removes a folder holding what `npm start` keeps).
  await rmdir(dirname(outDir)).catch(() => undefined);
});

describe('npm run build', () => {
  it('compiles every function to the main glob, with its run-time assets, and the compiled code registers', async () => {
    // The sources' registrations load while the build runs.
    const [fromSources] = await Promise.all([
      sourceRegistrations(),
      promisify(execFile)(process.execPath, [join(root, 'scripts', 'build.mjs'), outDir], { cwd: root }),
    ]);
    const folders = functionFolders();
    expect(folders.length).toBeGreaterThanOrEqual(6);
    for (const folder of folders) expect(existsSync(join(outDir, 'functions', folder, 'index.js'))).toBe(true);
    const migrations = readdirSync(join(root, 'shared', 'db', 'migrations'));
    expect(readdirSync(join(outDir, 'shared', 'db', 'migrations')).sort()).toEqual(migrations.sort());
    expect(existsSync(join(outDir, 'local'))).toBe(false);
    expect(readdirSync(outDir, { recursive: true }).some((file) => String(file).includes('.test.'))).toBe(false);

    // Load the compiled functions as the host would, with the local runtime's functions-core, and compare everything
    // they register (names, bindings with routes, methods, paths, queues, schedules, retry options) with the sources.
    const built = await registrationsOf(folders.map((folder) => join(outDir, 'functions', folder, 'index.js')));
    expect(fromSources.length).toBeGreaterThanOrEqual(20);
    expect(built).toEqual(fromSources);
  }, 180_000);
});
