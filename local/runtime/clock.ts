/** Time for the timer scheduler: the real clock, or a manual one that tests move forward. */

export interface Clock {
  now(): Date;
  /** Calls back once the clock reaches `at`; answers a cancel function. */
  at(at: Date, callback: () => void): () => void;
}

const MAX_TIMEOUT_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => new Date(),
  at(at, callback) {
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      const delay = at.getTime() - Date.now();
      // setTimeout cannot wait longer than about 24.8 days; re-arm until the moment comes.
      timer = setTimeout(delay > MAX_TIMEOUT_MS ? arm : callback, Math.max(0, Math.min(delay, MAX_TIMEOUT_MS)));
    };
    arm();
    return () => {
      clearTimeout(timer);
    };
  },
};

/** A clock that only moves when told to: `advanceTo` fires, in time order, every callback due by then. */
export class ManualClock implements Clock {
  #now: Date;
  #pending: { at: number; callback: () => void; id: number }[] = [];
  #nextId = 0;

  constructor(start: Date) {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  at(at: Date, callback: () => void): () => void {
    const id = this.#nextId++;
    this.#pending.push({ at: at.getTime(), callback, id });
    return () => {
      this.#pending = this.#pending.filter((p) => p.id !== id);
    };
  }

  advanceTo(target: Date): void {
    for (;;) {
      const due = this.#pending.filter((p) => p.at <= target.getTime()).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#pending = this.#pending.filter((p) => p.id !== due.id);
      this.#now = new Date(Math.max(this.#now.getTime(), due.at));
      due.callback();
    }
    this.#now = new Date(Math.max(this.#now.getTime(), target.getTime()));
  }

  /** As if the machine slept: time is `target` at once, then whatever fell due meanwhile fires, late. */
  jumpTo(target: Date): void {
    this.#now = new Date(Math.max(this.#now.getTime(), target.getTime()));
    this.advanceTo(target);
  }
}
