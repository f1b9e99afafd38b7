/**
 * `npm start`: the whole service on one machine, on embedded defaults. Starts what the settings leave to it
 * (Azurite, embedded PostgreSQL, the local identity provider, the local Notify endpoint), applies the migrations,
 * then hosts every function registered through `app.*` with Azure's trigger semantics. Never deployed.
 *
 * The database and Azurite keep their files under LOCAL_DATA_DIR (`.data/` by default: ./data-dir.ts), so a restart
 * loses nothing. `npm start -- --fresh` deletes that folder first; `npm run reset` deletes it without starting.
 *
 * `npm start` runs this file as `node --import tsx`, not through the tsx CLI: the CLI SIGKILLs its child when the
 * child does not acknowledge a relayed Ctrl-C within 30 ms, which a loaded machine misses, and a kill half-way
 * through stopping can leave the embedded database's files unclosed.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BlobServiceClient } from '@azure/storage-blob';
import { createDatabase } from '../shared/db/database.js';
import { containers } from '../shared/storage/names.js';
import { dataDirectories, displayPath, localScreenLinkKeys, wantsFreshStart, wipeDataDirectory } from './data-dir.js';
import { migrate } from '../shared/db/migrate.js';
import { ConfigurationError, databasePoolSizeSettingsSchema, loadSettings } from '../shared/config/settings.js';
import {
  identitySettingsOf,
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from './identity/local-identity-provider.js';
import { LOCAL_PUBLISHER_PROVENANCES } from './identity/local-identities.js';
import { loadLocalRuntimeSettings, mergeSettings, readLocalSettingsFile } from './local-settings.js';
import { startLocalNotify, type LocalNotify } from './notify/local-notify.js';
import { installFunctionsCore } from './runtime/functions-core-shim.js';
import { readHostConfig } from './runtime/host-config.js';
import { startLocalFunctionsHost, type LocalFunctionsHost } from './runtime/local-functions-host.js';
import { startAzurite, type AzuriteInstance } from './services/azurite.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './services/embedded-postgres.js';
import { seedAdminRoles } from './identity/seed-admin-roles.js';
import { uploadSeedData } from './seed/upload-seed-data.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The functions the Azure host would load: package.json's `main` glob, mapped from dist/*.js back to the sources. */
export async function functionEntryPoints(root: string): Promise<string[]> {
  const { main } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string };
  const sourceGlob = main.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  const [folder, file] = sourceGlob.split('/*/');
  if (!folder || !file) throw new Error(`package.json main "${main}" must look like dist/<folder>/*/<file>.js`);
  const entries = await readdir(join(root, folder), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const candidate = join(root, folder, entry.name, file);
    if ((await readdir(join(root, folder, entry.name))).includes(file)) files.push(candidate);
  }
  return files;
}

interface Running {
  host?: LocalFunctionsHost;
  azurite?: AzuriteInstance;
  postgres?: EmbeddedPostgres;
  identity?: LocalIdentityProvider;
  notify?: LocalNotify;
  closePool?: () => Promise<void>;
}

async function stopAll(running: Running): Promise<void> {
  await running.host?.stop().catch(() => undefined);
  await running.closePool?.().catch(() => undefined);
  await Promise.all([
    running.azurite?.stop().catch(() => undefined),
    running.postgres?.stop().catch(() => undefined),
    running.identity?.stop().catch(() => undefined),
    running.notify?.stop().catch(() => undefined),
  ]);
}

/** Signals closer together than this are one Ctrl-C delivered several times over. */
const duplicateSignalWindowMs = 2000;

async function main(): Promise<void> {
  const started = performance.now();
  const running: Running = {};
  let stoppingSince: number | null = null;
  const shutdown = (signal: string): void => {
    if (stoppingSince !== null) {
      // One Ctrl-C can arrive more than once (the terminal signals the whole process group, and npm and tsx each
      // pass it on too): only a later one, seconds after, means "stop now".
      if (performance.now() - stoppingSince < duplicateSignalWindowMs) return;
      console.log('Forced exit.');
      process.exit(1);
    }
    stoppingSince = performance.now();
    console.log(`\n${signal} received: stopping the functions host and the local services...`);
    void stopAll(running).then(() => {
      console.log('Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });

  try {
    const settingsFile = readLocalSettingsFile(projectRoot);
    const values = mergeSettings(settingsFile.values, process.env);
    const local = loadLocalRuntimeSettings(values);
    const host = '127.0.0.1';
    // PORT=0 asks for any free port. One is chosen now: the site's own address (sign-in's redirect_uri, sign-out's
    // return) and the local identity provider's registered redirect URIs are built from it before the host listens.
    // It is held until the host listens on it, so that nothing started meanwhile (a service on port 0, a client's
    // connection) is given it: released at once, it was taken now and then (EADDRINUSE).
    const reserved = local.PORT === 0 ? await reservePort(host) : null;
    const port = reserved?.port ?? local.PORT;
    values.PORT = String(port);
    const data = dataDirectories(projectRoot, local.LOCAL_DATA_DIR);
    const fresh = wantsFreshStart(process.argv.slice(2));
    if (fresh && (await wipeDataDirectory(projectRoot, data.root))) {
      console.log(`--fresh: deleted ${displayPath(projectRoot, data.root)}`);
    }

    const wantsAzurite = values.AzureWebJobsStorage === 'UseDevelopmentStorage=true';
    const wantsPostgres = !values.DATABASE_URL;
    const wantsNotify = !values.NOTIFY_BASE_URL;
    const wantsIdentity =
      !values.AAD_ISSUER || !values.B2C_ISSUER || !values.CFT_IDAM_ISSUER || !values.CRIME_IDAM_ISSUER;
    // Each service is recorded as soon as it is up, so Ctrl-C during start-up still stops it.
    const [azurite, postgres, identity, notify] = await Promise.all([
      wantsAzurite
        ? startAzurite({
            host,
            blobPort: local.LOCAL_AZURITE_BLOB_PORT,
            queuePort: local.LOCAL_AZURITE_QUEUE_PORT,
            location: data.azurite,
          }).then((started) => (running.azurite = started))
        : undefined,
      wantsPostgres
        ? startEmbeddedPostgres({
            dataDirectory: data.postgres,
            host,
            port: local.LOCAL_POSTGRES_PORT,
          }).then((started) => (running.postgres = started))
        : undefined,
      wantsIdentity
        ? startLocalIdentityProvider({
            host,
            port: local.LOCAL_IDP_PORT,
            webRedirectUris: [`http://${host}:${port}/login/return`, `http://localhost:${port}/login/return`],
            webPostLogoutRedirectUris: [`http://${host}:${port}/signed-out`, `http://localhost:${port}/signed-out`],
          }).then((started) => (running.identity = started))
        : undefined,
      wantsNotify
        ? startLocalNotify({ host, port: local.LOCAL_NOTIFY_PORT, apiKey: values.NOTIFY_API_KEY || undefined }).then(
            (started) => (running.notify = started),
          )
        : undefined,
    ]);

    if (azurite) values.AzureWebJobsStorage = azurite.connectionString;
    if (postgres) {
      // Check the configured value first, so a malformed one is still reported by name.
      loadSettings(databasePoolSizeSettingsSchema, values);
      values.DATABASE_URL = postgres.url;
      // PGlite serves every connection in one session and interleaves their protocol messages outside transactions:
      // one pooled connection keeps each query whole.
      values.DATABASE_POOL_SIZE = '1';
    }
    if (notify) {
      values.NOTIFY_BASE_URL = notify.baseUrl;
      values.NOTIFY_API_KEY = notify.apiKey;
    }
    if (identity) {
      for (const [setting, value] of Object.entries(identitySettingsOf(identity))) values[setting] ||= value;
      // Approved media accounts are made in the local provider, so the journalist can sign in at once.
      values.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL ||= identity.mediaAccountEndpoint;
      // The local hmi client may publish as any source but MANUAL_UPLOAD, so local trials can play every publisher.
      values.PUBLISHER_PROVENANCES ||= LOCAL_PUBLISHER_PROVENANCES;
    }
    // Sessions of a local run need not survive a restart: a fresh secret each time is enough.
    values.SESSION_SECRET ||= randomBytes(32).toString('base64url');
    // Screen links are meant to last (a screen is set up once): the key made for them is kept with the data.
    values.SCREEN_LINK_KEYS ||= await localScreenLinkKeys(data.screenLinkKeys);
    // So are unsubscribe links (same key form, own key).
    values.UNSUBSCRIBE_LINK_KEYS ||= await localScreenLinkKeys(data.unsubscribeLinkKeys);
    // The functions read their settings from the environment, as they do in Azure.
    Object.assign(process.env, values);

    const migrationDatabase = createDatabase({ DATABASE_URL: values.DATABASE_URL ?? '', DATABASE_POOL_SIZE: 1 });
    const report = await migrate(migrationDatabase)
      .then(async (applied) => {
        // Admin roles are held in the database (shared/auth/role-sources.ts): the seeded admins get theirs here.
        await seedAdminRoles(migrationDatabase);
        return applied;
      })
      .finally(() => migrationDatabase.end());

    // Every container the code names exists before the functions start (bicep declares the same in Azure).
    if (azurite) {
      const blobService = BlobServiceClient.fromConnectionString(azurite.connectionString);
      for (const name of Object.values(containers)) await blobService.getContainerClient(name).createIfNotExists();
    }

    const registry = installFunctionsCore();
    for (const entryPoint of await functionEntryPoints(projectRoot)) {
      await import(pathToFileURL(entryPoint).href);
    }
    const { coreDependencies } = await import('../functions/dependencies.js');
    running.closePool = () => coreDependencies().database.end();

    const localRoutes = notify
      ? [
          {
            method: 'GET',
            path: '/api/dev/outbox',
            handle: (_request: unknown, response: import('node:http').ServerResponse) => {
              const body = JSON.stringify(notify.outbox());
              response.writeHead(200, {
                'content-type': 'application/json; charset=utf-8',
                'cache-control': 'no-store',
              });
              response.end(body);
            },
          },
        ]
      : [];

    const hostConfig = await readHostConfig(join(projectRoot, 'host.json'));
    await reserved?.release();
    running.host = await startLocalFunctionsHost({
      registry,
      hostConfig,
      env: process.env,
      host,
      port,
      masterKey: local.FUNCTIONS_MASTER_KEY,
      staticRoot: join(projectRoot, 'web-static'),
      localRoutes,
    });

    const seeded = await uploadSeedData(
      BlobServiceClient.fromConnectionString(values.AzureWebJobsStorage ?? ''),
      projectRoot,
    ).catch((error: unknown) => [`failed (${(error as Error).message.split('\n')[0] ?? ''})`]);

    const url = running.host.url;
    const lines = [
      '',
      'P&I Service is running locally.',
      `  Functions host      ${url}   (UI at /, API under /api/, health at /api/health)`,
      `  Functions           ${running.host.functions.map((f) => f.name).join(', ') || '(none)'}`,
      `  Admin API           POST ${url}/admin/functions/{name}  with header x-functions-key (FUNCTIONS_MASTER_KEY)`,
      `  Database            ${postgres ? `embedded PostgreSQL (PGlite) at ${postgres.url}, files in ${displayPath(projectRoot, data.postgres)}` : `PostgreSQL from DATABASE_URL`}; migrations applied: ${report.applied.length}, already applied: ${report.alreadyApplied}`,
      `  Storage             ${azurite ? `Azurite on disk in ${displayPath(projectRoot, data.azurite)}: blob ${azurite.blobEndpoint}, queue ${azurite.queueEndpoint}` : 'from AzureWebJobsStorage'}`,
      `  Identity            ${identity ? `local OpenID Connect provider at ${identity.baseUrl} (issuers /aad, /b2c, /cft-idam, /crime-idam); tokens: npm run token -- ROLE` : 'issuers from settings'}`,
      `  Notify              ${notify ? `local Notify endpoint at ${notify.baseUrl}; outbox at ${url}/api/dev/outbox` : `GOV.UK Notify at ${values.NOTIFY_BASE_URL ?? ''}`}`,
      `  Seed data           ${seeded.length > 0 ? seeded.join(', ') : 'none'}`,
      `  Settings            ${settingsFile.file.replace(projectRoot, '')}, overridden by the environment`,
      `  Data                ${displayPath(projectRoot, data.root)} (kept across restarts; npm start -- --fresh or npm run reset to start empty)`,
      `Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`,
      '',
    ];
    console.log(lines.join('\n'));
  } catch (error) {
    if (error instanceof ConfigurationError) console.error(error.message);
    else console.error(`npm start failed: ${(error as Error).stack ?? String(error)}`);
    await stopAll(running);
    process.exit(1);
  }
}

await main();

/** A port the system chooses on `host` for port 0, held by a listening server until `release`. */
function reservePort(host: string): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      const release = (): Promise<void> =>
        new Promise<void>((done) => {
          server.close(() => {
            done();
          });
        });
      // Whatever stops start-up before the host listens (an error, Ctrl-C), the held port must not keep the process up.
      server.unref();
      resolve({ port, release });
    });
  });
}
