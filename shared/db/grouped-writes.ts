/**
 * Group commit: writes that many concurrent requests make one at a time (a submission row each) are sent as one
 * statement, so that a burst of requests costs the database and this process a few round trips, not one each.
 *
 * While fewer than `maxInFlight` statements are out, a write is sent at once (no added wait when the service is
 * quiet; a statement out for longer than `stalledAfterMs` is not counted). Otherwise the writes that arrive wait for
 * one to answer and go together in the next, up to `maxBatch` at a time. So the busier the service, the larger the
 * statements, and a quiet one sees no difference.
 *
 * Each write still gets its own outcome. When a statement of several fails for something in the data (SQLSTATE
 * classes 22 and 23: a value or a constraint), each of its writes is sent again alone, so that one bad write fails
 * only its own caller. Any other failure (the database away) fails every write of the statement, each as it would have
 * failed alone. Writes with the same key are never in one statement, nor in two out at once: the later one waits
 * until the earlier one's statement has answered, so that they are written in turn, as when sent one by one.
 */

export interface GroupedWrites<Item, Outcome> {
  /** Writes `item` with whatever others are waiting; answers its own outcome. */
  write(item: Item): Promise<Outcome>;
}

export interface GroupedWritesOptions<Item, Outcome> {
  /**
   * Writes the items in one statement and answers each one's outcome, in their order. It is given at most
   * `maxBatch` items, never two with the same key.
   */
  writeAll(items: readonly Item[]): Promise<Outcome[]>;
  /** The identity of a write: two with the same key are never in one statement. */
  keyOf(item: Item): string;
  /** The most writes in one statement. */
  maxBatch: number;
  /**
   * The most statements out at once. One makes the largest statements (measured: the fewest round trips and the least
   * CPU under load); a statement out longer than `stalledAfterMs` stops counting, so that one that hangs (a connection
   * lost without a word) does not hold up the writes behind it.
   */
  maxInFlight: number;
  stalledAfterMs: number;
}

interface Waiting<Item, Outcome> {
  item: Item;
  /** `keyOf(item)`, worked out once when the write arrives. */
  key: string;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/** A failure caused by one row's data (SQLSTATE class 22, data exception, or 23, integrity constraint violation). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

export function groupedWrites<Item, Outcome>(
  options: GroupedWritesOptions<Item, Outcome>,
): GroupedWrites<Item, Outcome> {
  for (const limit of ['maxBatch', 'maxInFlight', 'stalledAfterMs'] as const) {
    if (!Number.isInteger(options[limit]) || options[limit] < 1) throw new Error(`${limit} must be at least 1`);
  }
  let queue: Waiting<Item, Outcome>[] = [];
  let inFlight = 0;
  /** The keys of the writes in statements now out: another with one of them waits until its statement answers. */
  const keysOut = new Set<string>();

  const settle = (group: Waiting<Item, Outcome>[], outcomes: Outcome[]): void => {
    if (outcomes.length !== group.length) {
      const error = new Error(`writeAll answered ${outcomes.length} outcomes for ${group.length} writes`);
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      waiting.resolve(outcomes[index] as Outcome);
    });
  };

  const writeAlone = async (waiting: Waiting<Item, Outcome>): Promise<void> => {
    try {
      settle([waiting], await options.writeAll([waiting.item]));
    } catch (error) {
      waiting.reject(error);
    }
  };

  /** The next statement's writes: in arrival order, at most maxBatch, no key twice or out already; the rest wait. */
  const takeGroup = (): Waiting<Item, Outcome>[] => {
    const group: Waiting<Item, Outcome>[] = [];
    const keys = new Set<string>();
    const left: Waiting<Item, Outcome>[] = [];
    for (const waiting of queue) {
      const { key } = waiting;
      if (group.length < options.maxBatch && !keys.has(key) && !keysOut.has(key)) {
        group.push(waiting);
        keys.add(key);
      } else {
        left.push(waiting);
      }
    }
    queue = left;
    for (const waiting of group) keysOut.add(waiting.key);
    return group;
  };

  const send = async (group: Waiting<Item, Outcome>[]): Promise<void> => {
    try {
      settle(group, await options.writeAll(group.map((waiting) => waiting.item)));
    } catch (error) {
      if (group.length > 1 && isDataError(error)) {
        await Promise.all(group.map(writeAlone));
      } else {
        for (const waiting of group) waiting.reject(error);
      }
    }
  };

  /** Sends what is waiting, while fewer than maxInFlight statements are out. */
  const pump = (): void => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const group = takeGroup();
      if (group.length === 0) return; // All that waits has a write out already: its answer pumps again.
      inFlight += 1;
      let counted = true;
      const release = (): void => {
        if (!counted) return;
        counted = false;
        inFlight -= 1;
      };
      // A statement still out after stalledAfterMs no longer holds its place; its writes still wait for its answer.
      const stalled = setTimeout(() => {
        release();
        pump();
      }, options.stalledAfterMs);
      stalled.unref();
      void send(group).finally(() => {
        clearTimeout(stalled);
        release();
        for (const waiting of group) keysOut.delete(waiting.key);
        pump();
      });
    }
  };

  return {
    write(item) {
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ item, key: options.keyOf(item), resolve, reject });
        pump();
      });
    },
  };
}
