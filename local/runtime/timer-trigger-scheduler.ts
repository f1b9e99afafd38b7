/**
 * Timer triggers as the Functions host runs them: six-field NCRONTAB (`sec min hour day month weekday`), in UTC
 * unless WEBSITE_TIME_ZONE names a zone; `runOnStartup`; a late run (the clock passed one or more occurrences)
 * fires once with `isPastDue: true`. The handler receives the host's Timer object.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Clock } from './clock.js';
import type { RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import type { RuntimeLogger } from './invocation.js';

export interface TimerInput {
  isPastDue: boolean;
  schedule: { adjustForDST: boolean };
  scheduleStatus: { last: string; next: string; lastUpdated: string };
}

/** How late a run may start before the host calls it past due. */
const PAST_DUE_TOLERANCE_MS = 1_000;

export function parseNcrontab(schedule: string, timeZone: string): (after: Date) => Date {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `Timer schedule "${schedule}" must be a six-field NCRONTAB expression (second minute hour day month weekday)`,
    );
  }
  // Validate once, at registration, so a bad schedule stops start-up instead of failing at the first run.
  CronExpressionParser.parse(schedule, { tz: timeZone, strict: false });
  return (after: Date) => CronExpressionParser.parse(schedule, { currentDate: after, tz: timeZone }).next().toDate();
}

export interface TimerTriggerSchedulerOptions {
  fn: RegisteredFunction;
  clock: Clock;
  timeZone: string;
  logger: RuntimeLogger;
  invoke(fn: RegisteredFunction, input: TimerInput): Promise<void>;
}

export class TimerTriggerScheduler {
  readonly #options: TimerTriggerSchedulerOptions;
  readonly #next: (after: Date) => Date;
  readonly #runOnStartup: boolean;
  readonly schedule: string;
  #cancel: (() => void) | undefined;
  #last: Date | undefined;
  #nextDue: Date | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(options: TimerTriggerSchedulerOptions) {
    this.#options = options;
    const binding = triggerOf(options.fn).binding;
    const schedule = stringProperty(binding, 'schedule');
    if (!schedule) throw new Error(`Timer trigger "${options.fn.name}" has no schedule`);
    if (/^%[A-Za-z0-9_]+%$/.test(schedule)) {
      throw new Error(`Timer trigger "${options.fn.name}": resolve the %setting% schedule before scheduling`);
    }
    this.schedule = schedule;
    this.#next = parseNcrontab(schedule, options.timeZone);
    this.#runOnStartup = binding.runOnStartup === true;
  }

  get nextDue(): Date | undefined {
    return this.#nextDue;
  }

  start(): void {
    const now = this.#options.clock.now();
    if (this.#runOnStartup) void this.#fire(false, now);
    this.#arm(now);
  }

  stop(): Promise<void> {
    this.#cancel?.();
    this.#cancel = undefined;
    return this.#running;
  }

  /** Runs the function now, as the admin API does: not past due, schedule unchanged. */
  runNow(): Promise<void> {
    return this.#fire(false, this.#options.clock.now());
  }

  #arm(after: Date): void {
    const due = this.#next(after);
    this.#nextDue = due;
    this.#cancel = this.#options.clock.at(due, () => {
      const now = this.#options.clock.now();
      void this.#fire(now.getTime() - due.getTime() > PAST_DUE_TOLERANCE_MS, now);
      // Occurrences the clock has already passed are not replayed one by one: the next one is after now.
      this.#arm(now.getTime() > due.getTime() ? now : due);
    });
  }

  #fire(isPastDue: boolean, now: Date): Promise<void> {
    const input: TimerInput = {
      isPastDue,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: (this.#last ?? new Date(0)).toISOString(),
        next: this.#next(now).toISOString(),
        lastUpdated: now.toISOString(),
      },
    };
    this.#last = now;
    const run = this.#options.invoke(this.#options.fn, input).catch((error: unknown) => {
      // A failed timer run is logged; the schedule goes on, as on Azure.
      this.#options.logger('error', `[${this.#options.fn.name}] timer run failed: ${(error as Error).message}`);
    });
    this.#running = this.#running.then(() => run);
    return run;
  }
}
