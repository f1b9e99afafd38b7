/** Health of the service's dependencies: each probe is run with a time limit, all at once. */

export type DependencyName = 'database' | 'blob' | 'queue';

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  checkedAt: string;
  dependencies: Record<DependencyName, DependencyStatus>;
}

export type DependencyProbes = Record<DependencyName, () => Promise<unknown>>;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ProbeTimeout(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

class ProbeTimeout extends Error {}

function failureKind(error: unknown): string {
  if (error instanceof ProbeTimeout) return 'TIMEOUT';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') return `HTTP_${status}`;
  return 'UNAVAILABLE';
}

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    await withTimeout(check(), timeoutMs);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      // The kind of failure only (an error code such as ECONNREFUSED): hosts and connection strings are not for a
      // public endpoint.
      error: failureKind(error),
    };
  }
}

export async function checkDependencies(
  probes: DependencyProbes,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const [database, blob, queue] = await Promise.all([
    probe(probes.database, timeoutMs),
    probe(probes.blob, timeoutMs),
    probe(probes.queue, timeoutMs),
  ]);
  const dependencies = { database, blob, queue };
  return {
    status: Object.values(dependencies).every((d) => d.status === 'up') ? 'healthy' : 'unhealthy',
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    dependencies,
  };
}

export const HEALTH_CACHE_MS = 10_000;

/**
 * The health report, checked at most once per `ttlMs` (10 s) whoever asks (issue 18): /api/health is anonymous, and
 * each check costs a database round trip and two storage calls. Callers at once share one check in flight.
 */
export function cachedHealthCheck(
  probes: () => DependencyProbes,
  options: { ttlMs?: number; now?: () => number } = {},
): () => Promise<HealthReport> {
  const ttl = options.ttlMs ?? HEALTH_CACHE_MS;
  const now = options.now ?? Date.now;
  let last: { at: number; report: Promise<HealthReport> } | undefined;
  return () => {
    if (last !== undefined && now() - last.at < ttl) return last.report;
    const entry = { at: now(), report: checkDependencies(probes()) };
    entry.report.catch(() => {
      if (last === entry) last = undefined;
    });
    last = entry;
    return entry.report;
  };
}
