/**
 * The housekeeping timers (seed 3.6.5: each job's success or failure reported; 3.6.10: backups): the media
 * subscriber backup, the daily NoMatch report, the stranded submission sweep and the digest ledger prune
 * (shared/housekeeping). Each run is recorded in `housekeeping_run`
 * by the job itself, and logged here as one event; a failed run is logged and thrown, so the invocation fails too.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import type { HousekeepingJob, HousekeepingRun } from '../../shared/housekeeping/housekeeping-runs.js';
import {
  backUpMediaSubscribers,
  type MediaSubscriberBackupDependencies,
} from '../../shared/housekeeping/media-subscriber-backup.js';
import { sendNoMatchReport, type NoMatchReportDependencies } from '../../shared/housekeeping/no-match-report.js';
import {
  sweepStrandedSubmissions,
  type StrandedSubmissionSweepDependencies,
} from '../../shared/housekeeping/stranded-submissions.js';
import { pruneDigestLedger } from '../../shared/housekeeping/digest-item-prune.js';
import { logEvent } from '../../shared/logging/log-event.js';

export type HousekeepingDependencies = MediaSubscriberBackupDependencies &
  Omit<NoMatchReportDependencies, 'database' | 'now'> &
  Omit<StrandedSubmissionSweepDependencies, 'database' | 'now'>;

/** Every 10 minutes: a media subscriber added is backed up within 10 minutes (six-field NCRONTAB, UTC). */
export const mediaSubscriberBackupSchedule = '0 */10 * * * *';
/** 07:00 UTC every day, before the service team's working day. */
export const noMatchReportSchedule = '0 0 7 * * *';
/** Every 5 minutes: a submission stranded pending is finished within 20 minutes of being received. */
export const strandedSubmissionSweepSchedule = '0 */5 * * * *';
/** 03:30 UTC every day, clear of the digest run (05:00 or 06:00 UTC). */
export const digestItemPruneSchedule = '0 30 3 * * *';

async function logged(
  job: HousekeepingJob,
  timer: Timer,
  context: InvocationContext,
  run: () => Promise<HousekeepingRun>,
): Promise<void> {
  let done: HousekeepingRun;
  try {
    done = await run();
  } catch (error) {
    logEvent(context, 'error', 'HOUSEKEEPING_RUN_FAILED', {
      job,
      error: error instanceof Error ? error.message : String(error),
      isPastDue: timer.isPastDue,
    });
    throw error;
  }
  const fields = { job, outcome: done.outcome, details: done.details, isPastDue: timer.isPastDue };
  if (done.outcome === 'FAILED') logEvent(context, 'error', 'HOUSEKEEPING_RUN_FAILED', fields);
  else logEvent(context, 'info', 'HOUSEKEEPING_RUN_COMPLETED', fields);
}

export function handleMediaSubscriberBackup(
  deps: HousekeepingDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  return logged('MEDIA_SUBSCRIBER_BACKUP', timer, context, () => backUpMediaSubscribers(deps));
}

export function handleNoMatchReport(
  deps: HousekeepingDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  return logged('NO_MATCH_REPORT', timer, context, () => sendNoMatchReport(deps));
}

export function handleStrandedSubmissionSweep(
  deps: HousekeepingDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  return logged('STRANDED_SUBMISSION_SWEEP', timer, context, () => sweepStrandedSubmissions(deps, context));
}

export function handleDigestItemPrune(
  deps: HousekeepingDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  return logged('DIGEST_ITEM_PRUNE', timer, context, () => pruneDigestLedger(deps));
}
