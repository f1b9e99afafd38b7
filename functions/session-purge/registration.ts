/** The session purge timer, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { handleSessionPurge, sessionPurgeSchedule, type SessionPurgeDependencies } from './session-purge-handler.js';

export function registerSessionPurge(dependencies: () => SessionPurgeDependencies): void {
  app.timer('sessionPurge', {
    schedule: sessionPurgeSchedule,
    handler: async (timer, context) => {
      await handleSessionPurge(dependencies(), timer, context);
    },
  });
}
