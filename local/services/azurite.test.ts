/**
 * Azurite as local/ runs it: a child process that never outlives the process that started it. Stopped, it is gone;
 * and when that process is killed outright (SIGKILL: no exit handler of its own runs, as when a test run or a
 * terminal is killed), Azurite stops itself rather than keep its ports and memory.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test-support/test-storage.js';
import { startAzurite } from './azurite.js';

const started: (() => void)[] = [];
afterEach(() => {
  for (const kill of started.splice(0)) kill();
});

/** True while the process `pid` exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True while something answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('Azurite started by local/', () => {
  it('answers while running and is gone once stopped', async () => {
    const azurite = await startAzurite();
    expect(await answers(azurite.blobEndpoint)).toBe(true);
    await azurite.stop();
    expect(await answers(azurite.blobEndpoint)).toBe(false);
    expect(await answers(azurite.queueEndpoint)).toBe(false);
  });

  it('stops itself when the process that started it is killed outright', async () => {
    const script = `const { startAzurite } = await import(${JSON.stringify(new URL('./azurite.ts', import.meta.url).href)});
      const azurite = await startAzurite();
      console.log(JSON.stringify([azurite.blobEndpoint, azurite.queueEndpoint]));
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(() => parent.kill('SIGKILL'));
    const [line] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string];
    const [blobEndpoint] = JSON.parse(line) as [string, string];
    expect(await answers(blobEndpoint)).toBe(true);
    // Azurite's processes (blob and queue) are the parent's children. Nothing is sent to them once the parent is
    // killed: a request would make Azurite write to its dead parent's pipe and fail for that reason instead.
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((pid) => Number(pid.trim()))
      .filter((pid) => pid > 0);
    expect(children).toHaveLength(2);
    started.push(() => {
      for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
    });
    parent.kill('SIGKILL');
    await eventually(
      () => {
        expect(children.filter(alive)).toEqual([]);
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }, 60_000);
});
