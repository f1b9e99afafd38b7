/**
 * Start-up observability, in one place (called once by functions/dependencies.ts): LOG_LEVEL is applied to logEvent,
 * and when a connection string is set (in Azure) Application Insights sends requests, dependencies (PostgreSQL,
 * Storage, Notify) and exceptions; the Functions host already sends each invocation's logs. Locally it stays off.
 *
 * The service's business events are also sent as Application Insights custom events (the customEvents table), so
 * that operators can count and chart them: each is a catalogued log event (shared/logging/log-events.ts) that
 * `businessEvents` below names, with only the properties it lists (ids, types, counts: never an email or a name).
 * They go through the OpenTelemetry logs API with the `microsoft.custom_event.name` attribute, which the Azure
 * Monitor exporter turns into an EventData item. Each carries the invocation id, which the Functions host's own
 * telemetry of the invocation also carries (docs/operations.md, Business events).
 */
import { logs } from '@opentelemetry/api-logs';
import { flushAzureMonitor, useAzureMonitor, type AzureMonitorOpenTelemetryOptions } from 'applicationinsights';
import { loadSettings, observabilitySettingsSchema, type ObservabilitySettings } from '../shared/config/settings.js';
import { observeLoggedEvents, setLogLevel, type LogFields } from '../shared/logging/log-event.js';
import type { LogEventCode } from '../shared/logging/log-events.js';

/** A business event: its custom event name (perhaps chosen by the fields) and the fields it may carry. */
interface BusinessEvent {
  readonly name: string | ((fields: LogFields) => string);
  readonly properties: readonly string[];
  /** Properties the code itself implies (a timer's name), overridden by a listed field of the same name. */
  readonly fixed?: Readonly<Record<string, string>>;
}

/** A timer's run: one event name for every job, with the job and its outcome. */
function jobRun(job: string | null, outcome: string, properties: readonly string[]): BusinessEvent {
  return {
    name: 'JobRun',
    properties: ['job', 'outcome', 'isPastDue', ...properties],
    fixed: { ...(job === null ? {} : { job }), outcome },
  };
}

const published: BusinessEvent = {
  // A live case status update (type LCSU) is its own event: screens, not lists.
  name: (fields) => (fields.type === 'LCSU' ? 'LiveStatusUpdated' : 'PublicationPublished'),
  properties: ['artefactId', 'submissionId', 'locationId', 'superseded', 'type', 'listType', 'provenance'],
};
const rejected: BusinessEvent = {
  name: 'PublicationRejected',
  properties: ['submissionId', 'blobName', 'submissionRejected', 'transient', 'contentType'],
};
const digestFailed: BusinessEvent = {
  name: 'DigestFailed',
  properties: ['digestId', 'attempt', 'code', 'status', 'dequeueCount'],
};
const courtRefImport = ['source', 'via', 'blobName', 'fileName'] as const;

/** The log events that are business events, and what each sends. */
export const businessEvents: { readonly [C in LogEventCode]?: BusinessEvent } = {
  PUBLICATION_ACCEPTED: { name: 'PublicationAccepted', properties: ['submissionId', 'provenance', 'listType'] },
  PUBLICATION_CREATED: published,
  PUBLICATION_SUPERSEDED: published,
  PUBLICATION_BLOB_UNREADABLE: rejected,
  PUBLICATION_BLOB_SIZE_MISMATCH: rejected,
  PUBLICATION_BLOB_NOT_JSON: rejected,
  PUBLICATION_BLOB_CONTENT_TYPE_REFUSED: rejected,
  PUBLICATION_REJECTED_ON_ERROR: rejected,
  SUBSCRIPTION_DIGEST_SENT: {
    name: 'DigestSent',
    properties: ['digestId', 'attempt', 'publications', 'language', 'notificationId', 'dequeueCount'],
  },
  SUBSCRIPTION_DIGEST_REJECTED: digestFailed,
  SUBSCRIPTION_DIGEST_NOTIFY_KEY_REFUSED: digestFailed,
  SUBSCRIPTION_DIGEST_GAVE_UP: digestFailed,
  COURT_REF_IMPORT_SUCCEEDED: {
    name: 'CourtRefImportSucceeded',
    properties: [
      ...courtRefImport,
      'rows',
      'added',
      'updated',
      'unchanged',
      'referencesAdded',
      'referencesRemoved',
      'referencesMoved',
    ],
  },
  COURT_REF_IMPORT_REJECTED: { name: 'CourtRefImportRejected', properties: [...courtRefImport, 'problemCount'] },
  PUBLICATION_DELETED: { name: 'PublicationDeleted', properties: ['artefactId', 'via'] },
  // Timer runs (issue 16: every job run as a custom event).
  PUBLICATIONS_ARCHIVED: jobRun('archivePublications', 'DONE', ['archived', 'blobsDeleted', 'blobDeleteFailures']),
  SUBSCRIPTION_RUN_COMPLETED: jobRun('dailySubscriptions', 'DONE', [
    'runId',
    'matches',
    'matchesWithheld',
    'digestsPlanned',
  ]),
  AUDIT_RETENTION_COMPLETED: jobRun('auditRetention', 'DONE', ['deleted']),
  SESSIONS_PURGED: jobRun('sessionPurge', 'DONE', ['purged']),
  MEDIA_LIFECYCLE_COMPLETED: jobRun('mediaAccountLifecycle', 'DONE', [
    'reverifyRequested',
    'reverifyFailed',
    'expired',
    'expiryFailed',
    'deletedEmailsFailed',
  ]),
  HOUSEKEEPING_RUN_COMPLETED: jobRun(null, 'DONE', []),
  HOUSEKEEPING_RUN_FAILED: jobRun(null, 'FAILED', []),
};

/** A custom event as Application Insights receives it: a name and string properties. */
export interface CustomEvent {
  name: string;
  properties: Record<string, string>;
}

/**
 * The custom event a logged event is, if it is a business event: its listed fields that are set, as strings, with
 * the log code (`logEvent`, so the event can be found among the logs) and the invocation id.
 */
export function customEventFor(code: LogEventCode, fields: LogFields): CustomEvent | undefined {
  const definition = businessEvents[code];
  if (definition === undefined) return undefined;
  const properties: Record<string, string> = { logEvent: code, ...definition.fixed };
  for (const key of ['invocationId', ...definition.properties]) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    properties[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const name = typeof definition.name === 'string' ? definition.name : definition.name(fields);
  return { name, properties };
}

/** The Azure Monitor exporter's options; tests add the TLS trust of their local ingestion endpoint. */
export type ExporterOptions = NonNullable<AzureMonitorOpenTelemetryOptions['azureMonitorExporterOptions']>;

let started = false;

export function startTelemetry(
  env: Readonly<Record<string, string | undefined>> = process.env,
  exporterOptions: ExporterOptions = {},
): ObservabilitySettings {
  const settings = loadSettings(observabilitySettingsSchema, env);
  setLogLevel(settings.LOG_LEVEL);
  const connectionString = settings.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!started && connectionString) {
    useAzureMonitor({ azureMonitorExporterOptions: { ...exporterOptions, connectionString } });
    const logger = logs.getLogger('pip-service.business-events');
    observeLoggedEvents((code, fields) => {
      const event = customEventFor(code, fields);
      if (event === undefined) return;
      logger.emit({
        body: event.name,
        attributes: { 'microsoft.custom_event.name': event.name, ...event.properties },
      });
    });
    started = true;
  }
  return settings;
}

/** Sends what telemetry has queued (tests; a host shutting down). */
export async function flushTelemetry(): Promise<void> {
  await flushAzureMonitor();
}
