/**
 * Audit rows that anonymous requests cause, aggregated (issue 18, finding 4): a bad token, a sign-in callback without
 * its cookie (an `<img>` on another site can send one), an anonymous read refused. Anyone can send these as fast as
 * they like, so each kind is written at most once per window:
 *
 * - the first event of a kind (same action, outcome, object and details) in a window is written at once, as it is;
 * - the others in that window are counted, and one row `{ ...details, repeated: n, windowStart, windowEnd }` is
 *   written when the window closes (on the next event after it, on `flush()`, or by the timer).
 *
 * At most `maxKinds` kinds are kept per window; beyond that, events are counted into one AUDIT_OVERFLOW row, so memory
 * and rows stay bounded whatever is sent. An attack still shows in the log: its first row at once, its size after.
 */
import { recordAuditEvent, type AuditEvent, type Queryable } from './audit-log.js';

export interface AnonymousAuditOptions {
  database: Queryable;
  /** Defaults to 60 s. */
  windowMs?: number;
  /** Defaults to 1000. */
  maxKinds?: number;
  now?: () => Date;
  /** Flush closed windows on a timer (production); tests call flush(). Defaults to false. */
  timer?: boolean;
}

export interface AnonymousAudit {
  /** Records an event an anonymous request caused (its actor is dropped: it is null or unverified). */
  record(event: AuditEvent): Promise<void>;
  /** Writes the count of every window, closed or not, and starts afresh. */
  flush(): Promise<void>;
  /** Stops the timer, after a last flush. */
  close(): Promise<void>;
}

interface Kind {
  event: AuditEvent;
  windowStart: number;
  repeated: number;
}

export const AUDIT_OVERFLOW_ACTION = 'AUDIT_OVERFLOW';

export function createAnonymousAudit(options: AnonymousAuditOptions): AnonymousAudit {
  const windowMs = options.windowMs ?? 60_000;
  const maxKinds = options.maxKinds ?? 1000;
  const now = options.now ?? (() => new Date());
  const kinds = new Map<string, Kind>();

  const keyOf = (event: AuditEvent): string =>
    JSON.stringify([
      event.action,
      event.outcome,
      event.objectType ?? null,
      event.objectId ?? null,
      event.details ?? {},
    ]);

  const summary = async (kind: Kind, end: number): Promise<void> => {
    if (kind.repeated === 0) return;
    await recordAuditEvent(options.database, {
      ...kind.event,
      details: {
        ...(kind.event.details ?? {}),
        repeated: kind.repeated,
        windowStart: new Date(kind.windowStart).toISOString(),
        windowEnd: new Date(end).toISOString(),
      },
    });
  };

  /** Writes and forgets the kinds whose window has closed (all of them when `all`). */
  const closeWindows = async (all: boolean): Promise<void> => {
    const at = now().getTime();
    const closed = [...kinds.entries()].filter(([, kind]) => all || at - kind.windowStart >= windowMs);
    for (const [key] of closed) kinds.delete(key);
    for (const [, kind] of closed) await summary(kind, Math.min(at, kind.windowStart + windowMs));
  };

  let interval: NodeJS.Timeout | undefined;
  if (options.timer === true) {
    interval = setInterval(() => {
      closeWindows(false).catch(() => undefined); // a failed write is retried by nothing: the first row was written
    }, windowMs);
    interval.unref();
  }

  return {
    async record(input) {
      const event: AuditEvent = { ...input, actor: null };
      await closeWindows(false);
      const at = now().getTime();
      const key = keyOf(event);
      const known = kinds.get(key);
      if (known !== undefined) {
        known.repeated += 1;
        return;
      }
      if (kinds.size >= maxKinds) {
        const overflow = kinds.get(AUDIT_OVERFLOW_ACTION);
        if (overflow !== undefined) overflow.repeated += 1;
        else
          kinds.set(AUDIT_OVERFLOW_ACTION, {
            event: { action: AUDIT_OVERFLOW_ACTION, outcome: 'FAILURE', actor: null },
            windowStart: at,
            repeated: 1,
          });
        return;
      }
      kinds.set(key, { event, windowStart: at, repeated: 0 });
      await recordAuditEvent(options.database, event);
    },
    flush: () => closeWindows(true),
    async close() {
      if (interval !== undefined) clearInterval(interval);
      await closeWindows(true);
    },
  };
}
