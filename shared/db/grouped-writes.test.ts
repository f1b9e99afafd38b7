/** Group commit: writes arriving while statements are out go together in the next, each with its own outcome. */
import { describe, expect, it, vi } from 'vitest';
import { groupedWrites } from './grouped-writes.js';

interface Write {
  key: string;
  value: number;
}

/** A writeAll whose statements answer only when the test says; it records what each statement held. */
function controlledStatements(
  answer: (items: readonly Write[]) => number[] = (items) => items.map((i) => i.value * 10),
) {
  const statements: { items: Write[]; finish(error?: Error): void }[] = [];
  const writeAll = (items: readonly Write[]): Promise<number[]> =>
    new Promise((resolve, reject) => {
      statements.push({
        items: [...items],
        finish: (error?: Error) => {
          if (error === undefined) resolve(answer(items));
          else reject(error);
        },
      });
    });
  return { statements, writeAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Grouped writes keyed by `key`: up to 100 a statement, one statement out, none counted as stalled unless told. */
function writesThrough(
  writeAll: (items: readonly Write[]) => Promise<number[]>,
  limits: Partial<{ maxBatch: number; maxInFlight: number; stalledAfterMs: number }> = {},
) {
  return groupedWrites({
    writeAll,
    keyOf: (w: Write) => w.key,
    maxBatch: 100,
    maxInFlight: 1,
    stalledAfterMs: 60_000,
    ...limits,
  });
}

describe('groupedWrites', () => {
  it('sends a write at once while nothing is out, and groups what arrives while a statement is out', async () => {
    const { statements, writeAll } = controlledStatements();
    const writes = writesThrough(writeAll);
    const first = writes.write({ key: 'a', value: 1 });
    expect(statements.map((s) => s.items.length)).toEqual([1]);
    const rest = [2, 3, 4].map((value) => writes.write({ key: `k${value}`, value }));
    await tick();
    expect(statements).toHaveLength(1);
    statements[0]?.finish();
    expect(await first).toBe(10);
    await tick();
    expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [2, 3, 4]]);
    statements[1]?.finish();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps up to maxInFlight statements out and at most maxBatch writes in each', async () => {
    const { statements, writeAll } = controlledStatements();
    const writes = writesThrough(writeAll, { maxBatch: 2, maxInFlight: 2 });
    const outcomes = [1, 2, 3, 4, 5, 6].map((value) => writes.write({ key: `k${value}`, value }));
    expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [2]]);
    statements[0]?.finish();
    await tick();
    expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [2], [3, 4]]);
    statements[1]?.finish();
    statements[2]?.finish();
    await tick();
    expect(statements.map((s) => s.items.map((i) => i.value)).slice(3)).toEqual([[5, 6]]);
    statements[3]?.finish();
    expect(await Promise.all(outcomes)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('never puts two writes with one key in one statement, nor in two out at once: they are written in turn', async () => {
    const { statements, writeAll } = controlledStatements();
    const writes = writesThrough(writeAll, { maxInFlight: 2 });
    const outcomes = [
      writes.write({ key: 'same', value: 1 }),
      writes.write({ key: 'same', value: 2 }),
      writes.write({ key: 'other', value: 3 }),
    ];
    // The second `same` waits although a second statement could go: the first `same` is out.
    expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [3]]);
    statements[1]?.finish();
    await tick();
    expect(statements).toHaveLength(2);
    statements[0]?.finish();
    await tick();
    expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [3], [2]]);
    statements[2]?.finish();
    expect(await Promise.all(outcomes)).toEqual([10, 20, 30]);
  });

  it('sends each write of a statement that failed on its data again alone, so only the bad one fails', async () => {
    const dataError = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    const statements: number[][] = [];
    const writes = groupedWrites({
      keyOf: (w: Write) => w.key,
      maxBatch: 100,
      maxInFlight: 1,
      stalledAfterMs: 60_000,
      writeAll: async (items) => {
        statements.push(items.map((i) => i.value));
        await tick();
        if (items.some((i) => i.value < 0)) throw dataError;
        return items.map((i) => i.value * 10);
      },
    });
    const first = writes.write({ key: 'a', value: 1 });
    const grouped = [2, -3, 4].map((value) => writes.write({ key: `k${value}`, value }));
    expect(await first).toBe(10);
    const settled = await Promise.allSettled(grouped);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      20,
      'invalid input syntax for type uuid',
      40,
    ]);
    expect(statements).toEqual([[1], [2, -3, 4], [2], [-3], [4]]);
  });

  it('fails every write of a statement that failed for any other reason, with that error', async () => {
    const away = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { statements, writeAll } = controlledStatements();
    const writes = writesThrough(writeAll);
    const first = writes.write({ key: 'a', value: 1 });
    const grouped = [2, 3].map((value) => writes.write({ key: `k${value}`, value }));
    statements[0]?.finish();
    await first;
    await tick();
    statements[1]?.finish(away);
    for (const outcome of await Promise.allSettled(grouped))
      expect(outcome).toEqual({ status: 'rejected', reason: away });
    expect(statements).toHaveLength(2);
    // And the next write is sent: a failure leaves nothing stuck.
    const after = writes.write({ key: 'b', value: 5 });
    statements[2]?.finish();
    expect(await after).toBe(50);
  });

  it('fails the writes of a statement that answered the wrong number of outcomes, rather than mismatch them', async () => {
    const { statements, writeAll } = controlledStatements((items) => items.slice(1).map((i) => i.value));
    const writes = writesThrough(writeAll);
    const outcome = writes.write({ key: 'a', value: 1 });
    statements[0]?.finish();
    await expect(outcome).rejects.toThrow('writeAll answered 0 outcomes for 1 writes');
  });

  it('lets the writes behind a statement that hangs go on after stalledAfterMs, in a statement of their own', async () => {
    vi.useFakeTimers();
    try {
      const { statements, writeAll } = controlledStatements();
      const writes = writesThrough(writeAll, { stalledAfterMs: 2_000 });
      const hung = writes.write({ key: 'a', value: 1 });
      const behind = [writes.write({ key: 'b', value: 2 }), writes.write({ key: 'a', value: 3 })];
      await vi.advanceTimersByTimeAsync(1_999);
      expect(statements).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      // `b` goes; the second `a` still waits for the first, which is out.
      expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [2]]);
      statements[1]?.finish();
      expect(await behind[0]).toBe(20);
      statements[0]?.finish();
      expect(await hung).toBe(10);
      await vi.advanceTimersByTimeAsync(0);
      expect(statements.map((s) => s.items.map((i) => i.value))).toEqual([[1], [2], [3]]);
      statements[2]?.finish();
      expect(await behind[1]).toBe(30);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses limits below one', () => {
    const writeAll = () => Promise.resolve([]);
    const limits = { writeAll, keyOf: String, maxBatch: 1, maxInFlight: 1, stalledAfterMs: 1 };
    expect(() => groupedWrites({ ...limits, maxBatch: 0 })).toThrow('maxBatch must be at least 1');
    expect(() => groupedWrites({ ...limits, maxInFlight: 0.5 })).toThrow('maxInFlight must be at least 1');
    expect(() => groupedWrites({ ...limits, stalledAfterMs: -1 })).toThrow('stalledAfterMs must be at least 1');
  });
});
