/**
 * The record of every housekeeping run (the `housekeeping_run` table, owned here): which job, when, how it ended and
 * what it did, so that operators see each run's success or failure (seed 3.6.5) by querying one table
 * (docs/operations.md), beside the run's log event.
 */
import type { Database } from '../db/database.js';

export const housekeepingJobs = [
  'MEDIA_SUBSCRIBER_BACKUP',
  'NO_MATCH_REPORT',
  'STRANDED_SUBMISSION_SWEEP',
  'DIGEST_ITEM_PRUNE',
] as const;
export type HousekeepingJob = (typeof housekeepingJobs)[number];
export type HousekeepingOutcome = 'DONE' | 'NOTHING_TO_DO' | 'FAILED';

export interface HousekeepingRun {
  job: HousekeepingJob;
  startedAt: Date;
  finishedAt: Date;
  outcome: HousekeepingOutcome;
  details: Record<string, unknown>;
}

/** How long runs are kept: each recording deletes its job's runs older than this. */
export const HOUSEKEEPING_RUN_RETENTION_DAYS = 90;

export async function recordHousekeepingRun(database: Database, run: HousekeepingRun): Promise<void> {
  await database.query(
    `WITH recorded AS (
       INSERT INTO housekeeping_run (job, started_at, finished_at, outcome, details) VALUES ($1, $2, $3, $4, $5)
     )
     DELETE FROM housekeeping_run WHERE job = $1 AND started_at < $2::timestamptz - make_interval(days => $6)`,
    [run.job, run.startedAt, run.finishedAt, run.outcome, JSON.stringify(run.details), HOUSEKEEPING_RUN_RETENTION_DAYS],
  );
}

/** The job's latest run with one of `outcomes` (any outcome when none is given); null when there is none. */
export async function latestHousekeepingRun(
  database: Database,
  job: HousekeepingJob,
  outcomes: readonly HousekeepingOutcome[] = ['DONE', 'NOTHING_TO_DO', 'FAILED'],
): Promise<HousekeepingRun | null> {
  const { rows } = await database.query<{
    started_at: Date;
    finished_at: Date;
    outcome: HousekeepingOutcome;
    details: Record<string, unknown>;
  }>(
    `SELECT started_at, finished_at, outcome, details FROM housekeeping_run
      WHERE job = $1 AND outcome = ANY ($2::text[]) ORDER BY started_at DESC, run_id DESC LIMIT 1`,
    [job, outcomes],
  );
  const row = rows[0];
  return row === undefined
    ? null
    : { job, startedAt: row.started_at, finishedAt: row.finished_at, outcome: row.outcome, details: row.details };
}

export interface HousekeepingWork {
  outcome: HousekeepingOutcome;
  details: Record<string, unknown>;
}

/**
 * Runs one job and records the run, whatever happens: what `work` answers, or FAILED with the error's message when
 * it throws (and the error is thrown on, so the invocation fails visibly too).
 */
export async function runHousekeeping(
  database: Database,
  job: HousekeepingJob,
  now: () => Date,
  work: () => Promise<HousekeepingWork>,
): Promise<HousekeepingRun> {
  const startedAt = now();
  let done: HousekeepingWork;
  try {
    done = await work();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await recordHousekeepingRun(database, {
      job,
      startedAt,
      finishedAt: now(),
      outcome: 'FAILED',
      details: { error: message },
    });
    throw error;
  }
  const run = { job, startedAt, finishedAt: now(), ...done };
  await recordHousekeepingRun(database, run);
  return run;
}
