/**
 * The business events reach Application Insights: startTelemetry with a connection string that points at a local
 * ingestion endpoint (real HTTPS, the real Azure Monitor exporter), events logged through logEvent as the handlers
 * log them, and the endpoint's customEvents read back with their properties. Its own file: the exporter is global.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logEvent, observeLoggedEvents, type EventLogger } from '../shared/logging/log-event.js';
import {
  startIngestionEndpoint,
  loopbackTlsCertificate,
  type IngestionEndpoint,
} from '../test-support/telemetry-ingestion.js';
import { flushTelemetry, startTelemetry } from './telemetry.js';

const context: EventLogger = {
  invocationId: 'invocation-1',
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Each check flushes the exporter and reads what arrived; a loaded machine may take more than one round. */
const exported = { timeout: 15_000, interval: 100 };

describe('business events as Application Insights custom events', () => {
  let ingestion: IngestionEndpoint;

  beforeAll(async () => {
    ingestion = await startIngestionEndpoint();
    startTelemetry(
      { APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString, LOG_LEVEL: 'error' },
      { tlsOptions: { ca: loopbackTlsCertificate }, disableOfflineStorage: true },
    );
  });

  afterAll(async () => {
    observeLoggedEvents(undefined);
    await ingestion.close();
  });

  async function eventsNamed(name: string): Promise<Record<string, string>[]> {
    let found: Record<string, string>[] = [];
    await vi.waitFor(async () => {
      await flushTelemetry();
      found = ingestion
        .customEvents()
        .filter((event) => event.name === name)
        .map((event) => event.properties);
      expect(found.length).toBeGreaterThan(0);
    }, exported);
    return found;
  }

  it('sends publication accepted, published, live status and rejected, with their properties (whatever LOG_LEVEL)', async () => {
    logEvent(context, 'info', 'PUBLICATION_ACCEPTED', {
      submissionId: 'sub-1',
      provenance: 'MANUAL_UPLOAD',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
    });
    logEvent(context, 'info', 'PUBLICATION_CREATED', {
      artefactId: 'art-1',
      submissionId: 'sub-1',
      locationId: 7,
      superseded: 0,
      type: 'LIST',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      provenance: 'MANUAL_UPLOAD',
    });
    logEvent(context, 'info', 'PUBLICATION_SUPERSEDED', {
      artefactId: 'art-2',
      submissionId: 'sub-2',
      locationId: 7,
      superseded: 1,
      type: 'LCSU',
      listType: null,
      provenance: 'XHIBIT',
    });
    logEvent(context, 'error', 'PUBLICATION_BLOB_NOT_JSON', { submissionId: 'sub-3', problem: 'Unexpected token' });

    expect(await eventsNamed('PublicationAccepted')).toEqual([
      {
        logEvent: 'PUBLICATION_ACCEPTED',
        invocationId: 'invocation-1',
        submissionId: 'sub-1',
        provenance: 'MANUAL_UPLOAD',
        listType: 'CIVIL_DAILY_CAUSE_LIST',
      },
    ]);
    expect(await eventsNamed('PublicationPublished')).toEqual([
      {
        logEvent: 'PUBLICATION_CREATED',
        invocationId: 'invocation-1',
        artefactId: 'art-1',
        submissionId: 'sub-1',
        locationId: '7',
        superseded: '0',
        type: 'LIST',
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        provenance: 'MANUAL_UPLOAD',
      },
    ]);
    expect(await eventsNamed('LiveStatusUpdated')).toEqual([
      expect.objectContaining({ logEvent: 'PUBLICATION_SUPERSEDED', artefactId: 'art-2', type: 'LCSU' }),
    ]);
    // The parser's words may quote the payload: they stay in the logs, not in the events.
    expect(await eventsNamed('PublicationRejected')).toEqual([
      { logEvent: 'PUBLICATION_BLOB_NOT_JSON', invocationId: 'invocation-1', submissionId: 'sub-3' },
    ]);
  });

  it('sends digest sent and failed and the court reference import, with no subscriber in them', async () => {
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_SENT', {
      digestId: 'dig-1',
      userIds: ['user-1'],
      attempt: 1,
      notificationId: 'notify-1',
      publications: 3,
      language: 'cy',
    });
    logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_GAVE_UP', { digestId: 'dig-2', userIds: ['user-2'], attempt: 10 });
    logEvent(context, 'info', 'COURT_REF_IMPORT_SUCCEEDED', {
      source: 'blob',
      blobName: 'reference-data.csv',
      userId: null,
      rows: 400,
      added: 2,
      updated: 1,
      unchanged: 397,
      referencesAdded: 0,
      referencesRemoved: 0,
      referencesMoved: 0,
    });
    logEvent(context, 'warn', 'COURT_REF_IMPORT_REJECTED', {
      source: 'upload',
      fileName: 'courts.csv',
      userId: 'admin-1',
      problemCount: 2,
      firstProblems: ['row 2: no name'],
    });

    expect(await eventsNamed('DigestSent')).toEqual([
      {
        logEvent: 'SUBSCRIPTION_DIGEST_SENT',
        invocationId: 'invocation-1',
        digestId: 'dig-1',
        attempt: '1',
        publications: '3',
        language: 'cy',
        notificationId: 'notify-1',
      },
    ]);
    expect(await eventsNamed('DigestFailed')).toEqual([
      { logEvent: 'SUBSCRIPTION_DIGEST_GAVE_UP', invocationId: 'invocation-1', digestId: 'dig-2', attempt: '10' },
    ]);
    expect(await eventsNamed('CourtRefImportSucceeded')).toEqual([
      expect.objectContaining({ source: 'blob', blobName: 'reference-data.csv', rows: '400', added: '2' }),
    ]);
    expect(await eventsNamed('CourtRefImportRejected')).toEqual([
      {
        logEvent: 'COURT_REF_IMPORT_REJECTED',
        invocationId: 'invocation-1',
        source: 'upload',
        fileName: 'courts.csv',
        problemCount: '2',
      },
    ]);
  });

  it('sends each timer run as JobRun, with its job and outcome', async () => {
    logEvent(context, 'info', 'PUBLICATIONS_ARCHIVED', {
      at: '2026-11-30T05:00:00.000Z',
      archived: 4,
      blobsDeleted: 4,
      blobDeleteFailures: 0,
    });
    logEvent(context, 'error', 'HOUSEKEEPING_RUN_FAILED', {
      job: 'noMatchReport',
      error: 'Notify down',
      isPastDue: false,
    });

    expect(await eventsNamed('JobRun')).toEqual([
      {
        logEvent: 'PUBLICATIONS_ARCHIVED',
        invocationId: 'invocation-1',
        job: 'archivePublications',
        outcome: 'DONE',
        archived: '4',
        blobsDeleted: '4',
        blobDeleteFailures: '0',
      },
      {
        logEvent: 'HOUSEKEEPING_RUN_FAILED',
        invocationId: 'invocation-1',
        job: 'noMatchReport',
        outcome: 'FAILED',
        isPastDue: 'false',
      },
    ]);
  });

  it('sends no custom event for a log event that is not a business event', async () => {
    logEvent(context, 'info', 'PUBLICATION_BLOB_GONE', { blobName: 'art-9' });
    logEvent(context, 'info', 'PUBLICATION_ACCEPTED', { submissionId: 'sub-marker' });
    await vi.waitFor(async () => {
      await flushTelemetry();
      expect(ingestion.customEvents().some((event) => event.properties.submissionId === 'sub-marker')).toBe(true);
    }, exported);
    expect(ingestion.customEvents().filter((event) => event.properties.logEvent === 'PUBLICATION_BLOB_GONE')).toEqual(
      [],
    );
  });
});
