/**
 * The session purge timer (issue 18): sessions past their absolute or idle limit are deleted. A session is refused
 * when read after either limit anyway (shared/auth/session-store.ts); this keeps user_session from holding the ones
 * nobody came back to (a stolen copy of the table then holds no live and no stale session for long).
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { SessionStore } from '../../shared/auth/session-store.js';
import { logEvent } from '../../shared/logging/log-event.js';

export interface SessionPurgeDependencies {
  sessions: Pick<SessionStore, 'purgeExpired'>;
}

/** Every 15 minutes: six-field NCRONTAB. */
export const sessionPurgeSchedule = '0 */15 * * * *';

export async function handleSessionPurge(
  deps: SessionPurgeDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<number> {
  const purged = await deps.sessions.purgeExpired();
  logEvent(context, 'info', 'SESSIONS_PURGED', { purged, isPastDue: timer.isPastDue });
  return purged;
}
