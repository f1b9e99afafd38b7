/** The archive timer, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { handleArchiveTimer, type ArchivePublicationsDependencies } from './archive-publications-handler.js';

/** Every hour, at five past (six-field NCRONTAB, UTC, as Azure runs timers; display windows are instants). */
export const ARCHIVE_SCHEDULE = '0 5 * * * *';

export function registerArchivePublications(dependencies: () => ArchivePublicationsDependencies): void {
  app.timer('archivePublications', {
    schedule: ARCHIVE_SCHEDULE,
    handler: (timer, context) => handleArchiveTimer(dependencies(), timer, context),
  });
}
