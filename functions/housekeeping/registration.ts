/** The housekeeping timers, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import {
  digestItemPruneSchedule,
  handleDigestItemPrune,
  handleMediaSubscriberBackup,
  handleNoMatchReport,
  handleStrandedSubmissionSweep,
  mediaSubscriberBackupSchedule,
  noMatchReportSchedule,
  strandedSubmissionSweepSchedule,
  type HousekeepingDependencies,
} from './housekeeping-handler.js';

export function registerHousekeeping(dependencies: () => HousekeepingDependencies): void {
  app.timer('mediaSubscriberBackup', {
    schedule: mediaSubscriberBackupSchedule,
    handler: (timer, context) => handleMediaSubscriberBackup(dependencies(), timer, context),
  });
  app.timer('noMatchReport', {
    schedule: noMatchReportSchedule,
    handler: (timer, context) => handleNoMatchReport(dependencies(), timer, context),
  });
  app.timer('strandedSubmissionSweep', {
    schedule: strandedSubmissionSweepSchedule,
    handler: (timer, context) => handleStrandedSubmissionSweep(dependencies(), timer, context),
  });
  app.timer('digestItemPrune', {
    schedule: digestItemPruneSchedule,
    handler: (timer, context) => handleDigestItemPrune(dependencies(), timer, context),
  });
}
