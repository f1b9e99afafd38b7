/**
 * `npm run build` produces what Azure deploys: every function folder compiles to the `main` glob the host loads,
 * the run-time assets come along, and the compiled functions register with the same metadata as the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the project, so the compiled code resolves node_modules as it does in the deployed package.
const outDir = join(root, '.data', `build-test-${process.pid}`);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('compiles every function to the main glob, with its run-time assets, and the compiled code registers', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), outDir], { cwd: root, stdio: 'pipe' });
    const functionFolders = readdirSync(join(root, 'functions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, 'functions', entry.name, 'index.ts')))
      .map((entry) => entry.name);
    expect(functionFolders.length).toBeGreaterThanOrEqual(6);
    for (const folder of functionFolders) expect(existsSync(join(outDir, 'functions', folder, 'index.js'))).toBe(true);
    const migrations = readdirSync(join(root, 'shared', 'db', 'migrations'));
    expect(readdirSync(join(outDir, 'shared', 'db', 'migrations')).sort()).toEqual(migrations.sort());
    expect(existsSync(join(outDir, 'local'))).toBe(false);
    expect(readdirSync(outDir, { recursive: true }).some((file) => String(file).includes('.test.'))).toBe(false);

    // Load the compiled functions as the host would, with the local runtime's functions-core, and list them.
    const probe = `(async () => {
      const { installFunctionsCore } = await import(${JSON.stringify(join(root, 'local/runtime/functions-core-shim.ts'))});
      const registry = installFunctionsCore();
      for (const folder of ${JSON.stringify(functionFolders)}) await import(${JSON.stringify(outDir)} + '/functions/' + folder + '/index.js');
      console.log(JSON.stringify(registry.all().map((f) => f.name).sort()));
    })();`;
    const env = {
      ...process.env,
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused',
      AAD_ISSUER: 'http://127.0.0.1:1/aad',
      AAD_AUDIENCE: 'api://pip-service',
      B2C_ISSUER: 'http://127.0.0.1:1/b2c',
      CFT_IDAM_ISSUER: 'http://127.0.0.1:1/cft',
      CRIME_IDAM_ISSUER: 'http://127.0.0.1:1/crime',
      WEB_CLIENT_ID: 'pip-web',
      WEB_CLIENT_SECRET: 'build-test-web-client-secret',
      SESSION_SECRET: 'build-test-session-secret-of-32-characters-or-more',
      NOTIFY_API_KEY: 'local-5e1f0c2a-7d3b-4c9e-8a61-2f4b9d0e7c13-a8c4e2b6-1f97-4d35-b0e8-6c2a9f41d573',
      NOTIFY_TEMPLATE_DAILY_DIGEST: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
    };
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const output = execFileSync(process.execPath, [tsx, '--eval', probe], { cwd: root, env, encoding: 'utf8' });
    const names = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as string[];
    expect(names).toEqual(
      expect.arrayContaining([
        'health',
        'validate-token',
        'ingestPublication',
        'blobUploaded',
        'courtRefImportBlob',
        'dailySubscriptions',
        'liveCaseFeed',
        'web',
      ]),
    );
  }, 120_000);
});
