/**
 * What the blob and queue trigger listeners share: start (storage that is down does not stop the host: the listener
 * logs and keeps polling, as on Azure), background polling on a timer, stop, and passes that run one at a time so a
 * pass asked for by a test waits for the background pass to finish its work.
 */
import type { RuntimeLogger } from './invocation.js';

export type PassOutcome = { ok: true; count: number } | { ok: false; error: unknown };

export abstract class PollingListener {
  readonly #kind: string;
  readonly #functionName: string;
  readonly #logger: RuntimeLogger;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;
  #polling: Promise<unknown> = Promise.resolve();
  #lastPass: Promise<unknown> = Promise.resolve();
  #processed = 0;

  /** `kind` names the listener in its log lines and errors, e.g. "blob" or "queue". */
  protected constructor(kind: string, functionName: string, logger: RuntimeLogger) {
    this.#kind = kind;
    this.#functionName = functionName;
    this.#logger = logger;
  }

  /** How many items every pass so far has processed, the background polling's included (a drain compares it). */
  get processed(): number {
    return this.#processed;
  }

  protected get stopped(): boolean {
    return this.#stopped;
  }

  /** Creates what the listener polls; a failure is logged, not thrown. */
  protected abstract prepare(): Promise<void>;

  /** One pass: resolves, with how many items it processed, once their invocations have finished. */
  protected abstract pass(): Promise<number>;

  /** How long to wait after a background pass before the next one. */
  protected abstract nextDelay(outcome: PassOutcome): number;

  async start(): Promise<void> {
    try {
      await this.prepare();
    } catch (error) {
      this.#logger(
        'error',
        `[${this.#functionName}] ${this.#kind} listener cannot reach storage yet: ${(error as Error).message}`,
      );
    }
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await Promise.all([this.#polling, this.#lastPass]);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      let outcome: PassOutcome;
      this.#polling = this.pollOnce()
        .then((count) => {
          outcome = { ok: true, count };
        })
        .catch((error: unknown) => {
          outcome = { ok: false, error };
          this.#logger('error', `[${this.#functionName}] ${this.#kind} polling failed: ${(error as Error).message}`);
        })
        .finally(() => {
          this.#schedule(this.nextDelay(outcome));
        });
    }, delay);
  }

  /**
   * One pass now; answers how many items it processed. A pass waits for the pass before it, so work the background
   * polling already has in hand is finished, not skipped or missed, when this resolves.
   */
  pollOnce(): Promise<number> {
    if (this.#stopped) return Promise.reject(new Error(`[${this.#functionName}] ${this.#kind} listener is stopped`));
    const pass = this.#lastPass.then(async () => {
      const count = await this.pass();
      this.#processed += count;
      return count;
    });
    this.#lastPass = pass.catch(() => undefined);
    return pass;
  }
}
