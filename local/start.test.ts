/**
 * `npm start` end to end: the real command, in a process of its own, comes up on embedded defaults (or on the
 * PostgreSQL DATABASE_URL names), answers /api/health, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/test-database.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves when every process of the group has let go of its output: npm, tsx and the runtime itself. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function npmStart(extraEnv: Record<string, string>): Promise<Started> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pip-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOCAL_POSTGRES_PORT: '0',
    LOCAL_AZURITE_BLOB_PORT: '0',
    LOCAL_AZURITE_QUEUE_PORT: '0',
    LOCAL_IDP_PORT: '0',
    LOCAL_NOTIFY_PORT: '0',
    LOCAL_DATA_DIR: dataDir,
    DATABASE_URL: '',
    ...extraEnv,
  };
  const child = spawn('npm', ['start'], { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      resolve({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] && output.includes('Ready in')) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void closed.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output, closed };
}

/** npm itself dies of the SIGINT it forwards; what matters is that the runtime stopped everything and exited. */
async function expectCleanStop(started: Started): Promise<void> {
  const { code, signal } = await started.closed;
  expect(code === 0 || signal === 'SIGINT').toBe(true);
  expect(started.output()).toContain('Stopped.');
  expect(started.output()).not.toContain('Forced exit');
}

function interrupt(child: ChildProcess): void {
  // Ctrl-C reaches the whole foreground process group: npm and the runtime under it.
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

describe('npm start', () => {
  it('comes up on embedded defaults, answers /api/health, keeps an outbox, and stops cleanly on Ctrl-C', async () => {
    const started = await npmStart({});
    expect(started.output()).toMatch(/Database\s+embedded PostgreSQL \(PGlite\)/);
    expect(started.output()).toMatch(/Storage\s+Azurite in memory/);
    const health = await fetch(`${started.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'healthy',
      dependencies: { database: { status: 'up' }, blob: { status: 'up' }, queue: { status: 'up' } },
    });
    const outbox = await fetch(`${started.url}/api/dev/outbox`);
    expect(outbox.status).toBe(200);
    expect(await outbox.json()).toEqual([]);
    const home = await fetch(`${started.url}/`);
    expect(home.status).toBe(200);
    interrupt(started.child);
    await expectCleanStop(started);
  }, 60_000);

  it('uses the PostgreSQL that DATABASE_URL names', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    try {
      const started = await npmStart(testDb.settings);
      expect(started.output()).toMatch(/Database\s+PostgreSQL from DATABASE_URL; migrations applied: [1-9]/);
      expect((await fetch(`${started.url}/api/health`)).status).toBe(200);
      const { rows } = await testDb.database.query<{ count: string }>('SELECT count(*) FROM schema_migrations');
      expect(Number(rows[0]?.count)).toBeGreaterThan(0);
      interrupt(started.child);
      await expectCleanStop(started);
    } finally {
      await testDb.drop();
    }
  }, 60_000);

  it('refuses to start with a malformed setting, naming it', async () => {
    await expect(npmStart({ DATABASE_POOL_SIZE: 'lots' })).rejects.toThrow(/DATABASE_POOL_SIZE/);
  }, 60_000);
});
