/**
 * The NoMatch report (issue 13; the seed's "we will use these records later for reporting purpose"): once a day the
 * service team is emailed, through GOV.UK Notify, which courts and provenances published lists that no court
 * reference maps (shared/publications/store/no-match-publishers.ts), so that the reference data can be fixed. Nothing
 * to report sends nothing. One report a day: a second run the same day (UTC) sees the first one's DONE record and
 * sends nothing. Every run is recorded (./housekeeping-runs.ts).
 */
import type { Database } from '../db/database.js';
import type { MediaEmailResult } from '../media-accounts/media-account-mailer.js';
import { noMatchPublishers } from '../publications/store/no-match-publishers.js';
import { latestHousekeepingRun, runHousekeeping, type HousekeepingRun } from './housekeeping-runs.js';

/** notifyEmailSender (shared/media-accounts/media-account-mailer.ts): sent or refused as values, else it throws. */
export type NotifyEmailSend = (
  templateId: string,
  recipient: string,
  personalisation: Record<string, string | string[]>,
  reference: string,
) => Promise<MediaEmailResult>;

export interface NoMatchReportDependencies {
  database: Database;
  send: NotifyEmailSend;
  /** NOTIFY_TEMPLATE_NO_MATCH_REPORT: personalisation report_date, publisher_count, publishers (a list). */
  templateId: string;
  /** SERVICE_TEAM_EMAIL. */
  recipient: string;
  now: () => Date;
}

export function sendNoMatchReport(deps: NoMatchReportDependencies): Promise<HousekeepingRun> {
  return runHousekeeping(deps.database, 'NO_MATCH_REPORT', deps.now, async () => {
    const reportDay = deps.now().toISOString().slice(0, 10);
    const last = await latestHousekeepingRun(deps.database, 'NO_MATCH_REPORT', ['DONE']);
    if (last?.details.reportDay === reportDay) {
      return { outcome: 'NOTHING_TO_DO', details: { reportDay, reason: 'ALREADY_SENT' } };
    }
    const publishers = await noMatchPublishers(deps.database);
    if (publishers.length === 0) return { outcome: 'NOTHING_TO_DO', details: { reportDay, reason: 'NONE' } };
    const lines = publishers.map(
      (p) =>
        `${p.locationId} from ${p.provenance}: ${p.publications} list(s), last received ${p.lastReceivedAt.toISOString()}`,
    );
    const sent = await deps.send(
      deps.templateId,
      deps.recipient,
      { report_date: reportDay, publisher_count: String(publishers.length), publishers: lines },
      `no-match-report-${reportDay}`,
    );
    if (sent.kind === 'rejected') {
      return {
        outcome: 'FAILED',
        details: { reportDay, publishers: publishers.length, notifyStatus: sent.status, notifyErrors: sent.errors },
      };
    }
    return {
      outcome: 'DONE',
      details: { reportDay, publishers: publishers.length, notificationId: sent.notificationId },
    };
  });
}
