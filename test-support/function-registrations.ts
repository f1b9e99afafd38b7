/**
 * What a set of function entry files registers, as the host sees it: each file is imported in a fresh Node process
 * (tsx, so TypeScript sources and compiled JavaScript alike) with the local runtime's `@azure/functions-core`, and
 * the registry's metadata (name, bindings, retry options; not the handler) is read back, sorted by name. A load takes
 * seconds (every SDK the functions use), so it runs as a child process the caller can overlap with other work.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RegisteredFunction } from '../local/runtime/function-registry.js';

export const projectRoot: string = fileURLToPath(new URL('..', import.meta.url));

export type RegistrationMetadata = Omit<RegisteredFunction, 'handler'>;

/** Valid values for every setting a function checks at load; nothing is connected to at load. */
export const loadTimeSettings: Readonly<Record<string, string>> = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused',
  AAD_ISSUER: 'http://127.0.0.1:1/aad',
  AAD_AUDIENCE: 'api://pip-service',
  B2C_ISSUER: 'http://127.0.0.1:1/b2c',
  CFT_IDAM_ISSUER: 'http://127.0.0.1:1/cft',
  CRIME_IDAM_ISSUER: 'http://127.0.0.1:1/crime',
  WEB_CLIENT_ID: 'pip-web',
  WEB_CLIENT_SECRET: 'load-test-web-client-secret',
  SESSION_SECRET: 'load-test-session-secret-of-32-characters-or-more',
  PUBLISHER_PROVENANCES: JSON.stringify({ 'load-test-publisher': ['SNL'] }),
  SCREEN_LINK_KEYS: JSON.stringify({ signWith: 'load', keys: { load: Buffer.alloc(32, 1).toString('base64') } }),
  NOTIFY_API_KEY: 'local-5e1f0c2a-7d3b-4c9e-8a61-2f4b9d0e7c13-a8c4e2b6-1f97-4d35-b0e8-6c2a9f41d573',
  NOTIFY_TEMPLATE_DAILY_DIGEST: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
  NOTIFY_TEMPLATE_DAILY_DIGEST_CY: '0b7c5d1e-3f2a-4c8b-9d6e-5a4f3e2d1c0b',
  UNSUBSCRIBE_LINK_KEYS: JSON.stringify({ signWith: 'load', keys: { load: Buffer.alloc(32, 2).toString('base64') } }),
  NOTIFY_TEMPLATE_MEDIA_WELCOME: 'b708c2dc-5794-4468-a8bf-f798fe1f91bc',
  NOTIFY_TEMPLATE_MEDIA_REJECTION: '1988faf6-8bab-4d9e-8ba7-8b3e3f3f5a0e',
  NOTIFY_TEMPLATE_MEDIA_REVERIFY: '5c0f4a8e-3b7d-4e21-9f6a-2d8c1b7e4a90',
  NOTIFY_TEMPLATE_MEDIA_DELETED: 'a3e9d6b2-7c14-4f58-8b0e-6f2d9c5a1e37',
  NOTIFY_TEMPLATE_NO_MATCH_REPORT: '4c1d8e7a-2b6f-4a93-9e05-7d3c1f8b2a64',
  SERVICE_TEAM_EMAIL: 'pip-service-team@example.com',
  // Azure's account directory (Microsoft Graph), as a deployment sets it: its client is made on first use, not at load.
  B2C_TENANT_DOMAIN: 'pipb2cload.onmicrosoft.com',
  B2C_EXTENSIONS_APP_ID: '6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  B2C_GRAPH_CLIENT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
};

/** The folders under functions/ with an `index.ts`: the function folders the host loads. */
export function functionFolders(): string[] {
  return readdirSync(join(projectRoot, 'functions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(projectRoot, 'functions', entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

export async function registrationsOf(entryFiles: readonly string[]): Promise<RegistrationMetadata[]> {
  const probe = `(async () => {
    const { installFunctionsCore } = await import(${JSON.stringify(join(projectRoot, 'local/runtime/functions-core-shim.ts'))});
    const registry = installFunctionsCore();
    for (const file of ${JSON.stringify(entryFiles)}) await import(file);
    const metadata = registry.all().map(({ handler, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name));
    console.log(JSON.stringify(metadata));
  })();`;
  const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [tsx, '--eval', probe], {
    cwd: projectRoot,
    env: { ...process.env, ...loadTimeSettings },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as RegistrationMetadata[];
}

/** The function sources' registrations: every functions/<folder>/index.ts. */
export function sourceRegistrations(): Promise<RegistrationMetadata[]> {
  return registrationsOf(functionFolders().map((folder) => join(projectRoot, 'functions', folder, 'index.ts')));
}
