/**
 * A server a bench runs in a process of its own (bench/function-group-host.ts, bench/bare-server.ts), so that what it
 * costs is its own event loop's, not shared with the bench's client. Both sides of one small protocol: the child
 * prints `READY <url>` once it listens, answers a line `CPU` on standard input with `CPU <µs> <KiB>` (the CPU time,
 * user and system, it has used so far, and its peak resident memory), and stops when its standard input closes or on
 * SIGTERM.
 */
import { spawn } from 'node:child_process';

export interface BenchChild {
  /** The server's base URL. */
  url: string;
  /** The CPU time (µs) the process has used so far. */
  cpuMicros(): Promise<number>;
  /** The most memory (bytes) the process has held resident so far. */
  peakRssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `script` (a bench TypeScript file) with `env` added, and waits until it listens. */
export async function startBenchChild(script: URL, env: Record<string, string>, name: string): Promise<BenchChild> {
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_HOST_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" to profile the servers.
      ...(process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
      '--import',
      'tsx',
      script.pathname,
    ],
    { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const usageAnswers: ((usage: { cpuMicros: number; peakRssBytes: number }) => void)[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      for (let newline = output.indexOf('\n'); newline >= 0; newline = output.indexOf('\n')) {
        const line = output.slice(0, newline);
        output = output.slice(newline + 1);
        if (line.startsWith('READY ')) resolve(line.slice(6));
        else if (line.startsWith('CPU ')) {
          const [cpuMicros, peakRssKib] = line.slice(4).split(' ').map(Number);
          usageAnswers.shift()?.({ cpuMicros: cpuMicros ?? NaN, peakRssBytes: (peakRssKib ?? NaN) * 1024 });
        }
      }
    });
    void exited.then((code) => {
      reject(new Error(`${name} exited (${code}) before it was ready`));
    });
  });
  const usage = (): Promise<{ cpuMicros: number; peakRssBytes: number }> =>
    new Promise((resolve) => {
      usageAnswers.push(resolve);
      child.stdin.write('CPU\n');
    });
  return {
    url,
    cpuMicros: async () => (await usage()).cpuMicros,
    peakRssBytes: async () => (await usage()).peakRssBytes,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The child's side: says it is ready at `url` (other output to standard output is silenced, so the parent reads only
 * the protocol), answers CPU, and runs `stop` then exits when told to stop.
 */
export function serveBenchParent(url: string, stop: () => Promise<void>): void {
  console.log = () => undefined;
  process.stdout.write(`READY ${url}\n`);
  let stopping = false;
  const stopOnce = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  };
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    for (let newline = input.indexOf('\n'); newline >= 0; newline = input.indexOf('\n')) {
      const line = input.slice(0, newline).trim();
      input = input.slice(newline + 1);
      if (line === 'CPU') {
        const usage = process.resourceUsage();
        process.stdout.write(`CPU ${usage.userCPUTime + usage.systemCPUTime} ${usage.maxRSS}\n`);
      }
    }
  });
  process.stdin.on('end', () => void stopOnce());
  process.stdin.on('close', () => void stopOnce());
  process.stdin.resume();
  process.on('SIGTERM', () => void stopOnce());
}
