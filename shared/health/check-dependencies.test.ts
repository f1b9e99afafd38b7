import { describe, expect, it } from 'vitest';
import { cachedHealthCheck, type DependencyProbes } from './check-dependencies.js';

describe('cachedHealthCheck', () => {
  it('runs the probes at most once per 10 s, callers at once sharing one check', async () => {
    let runs = 0;
    let now = 1_000_000;
    const probes = (): DependencyProbes => ({
      database: () => {
        runs += 1;
        return Promise.resolve();
      },
      blob: () => Promise.resolve(),
      queue: () => Promise.resolve(),
    });
    const check = cachedHealthCheck(probes, { now: () => now });
    const reports = await Promise.all([check(), check(), check()]);
    expect(reports.map((report) => report.status)).toEqual(['healthy', 'healthy', 'healthy']);
    now += 9_999;
    await check();
    expect(runs).toBe(1);
    now += 1;
    await check();
    expect(runs).toBe(2);
  });
});
