/**
 * `npm start` end to end: the real command, in a process of its own, comes up on embedded defaults (or on the
 * PostgreSQL DATABASE_URL names), answers /api/health, and stops cleanly on Ctrl-C (SIGINT). A list published
 * before a restart is still there after it (database and blobs both kept under LOCAL_DATA_DIR), and `--fresh`
 * starts empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePortSettings } from '../test-support/free-ports.js';
import { createTestDatabase } from '../test-support/test-database.js';
import { eventually } from '../test-support/test-storage.js';
import { runTokenCli } from './identity/token-cli.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
const dataDirs: string[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves when every process of the group has let go of its output: npm, tsx and the runtime itself. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function newDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pip-start-'));
  dataDirs.push(dataDir);
  return dataDir;
}

async function npmStart(
  extraEnv: Record<string, string>,
  options: { dataDir?: string; args?: string[] } = {},
): Promise<Started> {
  const dataDir = options.dataDir ?? (await newDataDir());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...freePortSettings,
    LOCAL_DATA_DIR: dataDir,
    DATABASE_URL: '',
    ...extraEnv,
  };
  const extra = options.args ?? [];
  const child = spawn('npm', extra.length > 0 ? ['start', '--', ...extra] : ['start'], {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await Promise.all(dataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm start', () => {
  it('comes up on embedded defaults, answers /api/health, keeps an outbox, and stops cleanly on Ctrl-C', async () => {
    const started = await npmStart({});
    expect(started.output()).toMatch(/Database\s+embedded PostgreSQL \(PGlite\)/);
    expect(started.output()).toMatch(/Storage\s+Azurite on disk in \/.*\/azurite/);
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
    // PORT=0 (freePortSettings): sign-in sends people back to the port the host listens on, not to port 0.
    const signIn = await fetch(`${started.url}/media-account/create-password`, { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    const redirectUri = new URL(signIn.headers.get('location') ?? '').searchParams.get('redirect_uri');
    expect(redirectUri).toBe(`${started.url}/login/return`);
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

  it('refuses to start with a malformed PUBLISHER_PROVENANCES (checked when ingest-publication loads)', async () => {
    await expect(npmStart({ PUBLISHER_PROVENANCES: '{"hmi": "SNL"}' })).rejects.toThrow(/PUBLISHER_PROVENANCES\.hmi/);
  }, 60_000);

  it('keeps a published list across a restart, and starts empty with --fresh', async () => {
    const dataDir = await newDataDir();
    const first = await npmStart({}, { dataDir });
    const idpUrl = /Identity\s+local OpenID Connect provider at (http:\/\/127\.0\.0\.1:\d+)/.exec(first.output())?.[1];
    expect(idpUrl).toBeDefined();
    // What `npm run token -- hmi` prints.
    let token = '';
    const tokenExit = await runTokenCli(
      ['hmi'],
      { LOCAL_IDP_URL: idpUrl },
      {
        out: (text) => (token = text),
        err: (text) => {
          throw new Error(text);
        },
      },
    );
    expect(tokenExit).toBe(0);
    const day = 24 * 60 * 60 * 1000;
    const iso = (offset: number): string => new Date(Date.now() + offset).toISOString().slice(0, 19);
    const response = await fetch(`${first.url}/api/publication`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-provenance': 'HMI',
        'x-type': 'LIST',
        'x-list-type': 'COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST',
        'x-court-id': '1',
        'x-content-date': `${iso(0).slice(0, 10)}T09:00:00`,
        'x-sensitivity': 'PUBLIC',
        'x-language': 'ENGLISH',
        'x-display-from': iso(-day),
        'x-display-to': iso(day),
      },
      body: JSON.stringify([
        {
          venue: 'Court 1',
          judge: 'District Judge Example',
          time: '10am',
          caseNumber: 'K00AB123',
          caseDetails: 'Example v Example',
          hearingType: 'Small claims',
          additionalInformation: 'In person',
        },
      ]),
    });
    expect(response.status).toBe(202);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/publication\/submissions\//);
    // The blob trigger publishes it: poll the submission's status until it says so.
    const artefactId = await eventually(
      async () => {
        const status = (await (
          await fetch(`${first.url}${location}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { status: string; artefactId?: string };
        if (status.status !== 'published' || !status.artefactId) {
          throw new Error(`not published in 20 s: ${JSON.stringify(status)}`);
        }
        return status.artefactId;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect((await fetch(`${first.url}/list/${artefactId}`)).status).toBe(200);
    interrupt(first.child);
    await expectCleanStop(first);
    expect(await readdir(join(dataDir, 'azurite'))).not.toEqual([]);

    const second = await npmStart({}, { dataDir });
    const page = await fetch(`${second.url}/list/${artefactId}`);
    const pageText = await page.text();
    expect({ status: page.status, output: page.status === 200 ? '' : first.output() + second.output() }).toEqual({
      status: 200,
      output: '',
    });
    expect(pageText).toContain('K00AB123');
    const payload = await fetch(`${second.url}/api/publication/${artefactId}/payload`);
    expect(payload.status).toBe(200);
    interrupt(second.child);
    await expectCleanStop(second);

    const fresh = await npmStart({}, { dataDir, args: ['--fresh'] });
    expect(fresh.output()).toContain('--fresh: deleted');
    expect((await fetch(`${fresh.url}/list/${artefactId}`)).status).toBe(404);
    interrupt(fresh.child);
    await expectCleanStop(fresh);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
  }, 300_000);
});
