import { describe, expect, it } from 'vitest';
import { startBenchChild } from './bench-child.js';

describe('startBenchChild', () => {
  it("starts a server in a process of its own and reports that process's CPU time and peak memory", async () => {
    const child = await startBenchChild(new URL('./bench-child.fixture.ts', import.meta.url), {}, 'fixture');
    try {
      const cpuBefore = await child.cpuMicros();
      const peakBefore = await child.peakRssBytes();
      expect(cpuBefore).toBeGreaterThan(0);
      expect(peakBefore).toBeGreaterThan(0);

      const answer = await fetch(`${child.url}/?hold=96`);
      expect(await answer.text()).toBe(`holding ${96 * 1_048_576} bytes`);

      // Filling 96 MiB costs the child CPU time and raises its peak by about that much.
      expect(await child.cpuMicros()).toBeGreaterThan(cpuBefore);
      expect(await child.peakRssBytes()).toBeGreaterThanOrEqual(peakBefore + 80 * 1_048_576);
    } finally {
      await child.stop();
    }
  });
});
