/**
 * One way to log: `logEvent(logger, level, code, fields)` writes `{ event, invocationId, ...fields }` at the level the
 * catalogue gives the code, and drops it when that level is below LOG_LEVEL (set once at start-up by
 * functions/telemetry.ts). One observer may also receive every event, whatever LOG_LEVEL: functions/telemetry.ts
 * uses it to send the business events to Application Insights as custom events.
 */
import { logEvents, type LogEventCode, type LogLevel, type LogLevelOf } from './log-events.js';

/** What logEvent writes to: the Functions InvocationContext satisfies it, so shared/ needs no Azure import. */
export interface EventLogger {
  readonly invocationId: string;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export type LogFields = Readonly<Record<string, unknown>>;

const rank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

let minimumLevel: LogLevel = 'info';

/** Events below this level are dropped. Called once at start-up with LOG_LEVEL. */
export function setLogLevel(level: LogLevel): void {
  minimumLevel = level;
}

export function logLevel(): LogLevel {
  return minimumLevel;
}

/** Receives each event logged, with its code and the fields as written (code and invocation id included). */
export type LoggedEventObserver = (code: LogEventCode, fields: LogFields) => void;

let observer: LoggedEventObserver | undefined;

/** Sets (or, with undefined, removes) the one observer. Called once at start-up by functions/telemetry.ts. */
export function observeLoggedEvents(next: LoggedEventObserver | undefined): void {
  observer = next;
}

/**
 * Logs one catalogued event. The level is the catalogue's (the type refuses another), written here so a reader of the
 * call sees it; fields never override the code or the invocation id.
 */
export function logEvent<C extends LogEventCode>(
  logger: EventLogger,
  level: NoInfer<LogLevelOf<C>>,
  code: C,
  fields: LogFields = {},
): void {
  const catalogued: LogLevel = logEvents[code].level;
  const identity = { event: code, invocationId: logger.invocationId };
  const entry = { ...identity, ...fields, ...identity };
  if (observer !== undefined) {
    try {
      observer(code, entry);
    } catch {
      // Telemetry never fails the work it reports on.
    }
  }
  if (rank[catalogued] < rank[minimumLevel]) return;
  logger[catalogued](entry);
}
