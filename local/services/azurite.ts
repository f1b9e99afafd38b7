/**
 * Azurite (the Azure Storage emulator) for blob and queue, started as child processes on loopback with the flags
 * measured in PLATFORM.md. In memory by default (tests); with `location`, on disk in that folder, so that `npm start`
 * keeps its blobs and queues across restarts beside the database that names them. The well-known development
 * account is used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteInstance {
  /** The folder blobs and queues are kept in; null when in memory. */
  location: string | null;
  blobEndpoint: string;
  queueEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const azuriteRoot = dirname(require.resolve('azurite/package.json'));
const exitWithParent = new URL('./exit-with-parent.mjs', import.meta.url).href;

function startService(
  service: 'blob' | 'queue',
  host: string,
  port: number,
  location: string | undefined,
  memoryLimitMb: number,
): Promise<{ child: ChildProcess; port: number }> {
  const script = join(azuriteRoot, 'dist', 'src', service, 'main.js');
  const persistence =
    location === undefined
      ? // In-memory blobs are capped so a runaway test cannot take half the machine's memory.
        ['--inMemoryPersistence', '--extentMemoryLimit', String(memoryLimitMb)]
      : ['--location', location];
  const child = spawn(
    process.execPath,
    [
      // Stops the service if this process ends without stopping it (see exit-with-parent.mjs).
      '--import',
      exitWithParent,
      script,
      `--${service}Host`,
      host,
      `--${service}Port`,
      String(port),
      ...persistence,
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--loose',
    ],
    // A process group of its own: Ctrl-C in a terminal signals the whole foreground group, and Azurite, signalled
    // as well as stopped by us, would shut down twice and could exit before it had written its database to disk
    // (a restart then found rows whose blobs were gone). We stop it ourselves, once, with SIGTERM.
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  // Azurite must not outlive the process that started it, however that process ends: stopped when this process
  // exits, and, when it is killed outright (no exit handler runs), by itself (exit-with-parent.mjs).
  const killChild = (): void => {
    child.kill();
  };
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`Azurite ${service} did not start within 60 s: ${output}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /successfully listens on http:\/\/[^\s:]+:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        // Keep draining output so the child never blocks on a full pipe.
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite ${service} exited with code ${String(code)} before listening: ${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface AzuriteOptions {
  host?: string;
  blobPort?: number;
  queuePort?: number;
  /** A folder to keep blobs and queues in (created if missing); in memory when absent. */
  location?: string;
  /**
   * In memory, the most MB of blob content held (default 1024). Deleted blobs' content is freed only by Azurite's
   * garbage collection, every 10 minutes, so what a run writes in all counts, not what it keeps.
   */
  memoryLimitMb?: number;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteInstance> {
  const host = options.host ?? '127.0.0.1';
  if (options.location !== undefined) await mkdir(options.location, { recursive: true });
  const [blob, queue] = await Promise.all([
    startService('blob', host, options.blobPort ?? 0, options.location, options.memoryLimitMb ?? 1024),
    startService('queue', host, options.queuePort ?? 0, options.location, options.memoryLimitMb ?? 1024),
  ]);
  const blobEndpoint = `http://${host}:${blob.port}/${DEV_ACCOUNT_NAME}`;
  const queueEndpoint = `http://${host}:${queue.port}/${DEV_ACCOUNT_NAME}`;
  return {
    location: options.location ?? null,
    blobEndpoint,
    queueEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};`,
    async stop() {
      await Promise.all([stopChild(blob.child), stopChild(queue.child)]);
    },
  };
}
