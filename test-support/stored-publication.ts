/** A civil daily cause list from HMI, as ingest-publication stores it; tests override what they are about. */
import { randomUUID } from 'node:crypto';
import type { StoredPublication } from '../shared/publications/intake/stored-publication.js';

export function storedPublication(overrides: Partial<StoredPublication> = {}): StoredPublication {
  return {
    submissionId: randomUUID(),
    receivedAt: new Date().toISOString(),
    submittedBy: 'hmi',
    provenance: 'HMI',
    sourceArtefactId: null,
    type: 'LIST',
    listType: 'CIVIL_DAILY_CAUSE_LIST',
    courtId: '1234',
    contentDate: '2026-11-30T09:00:00',
    sensitivity: 'PUBLIC',
    language: 'ENGLISH',
    displayFrom: '2026-11-29T00:00:00',
    displayTo: '2026-12-01T00:00:00',
    isFlatFile: false,
    contentType: 'application/json',
    fileName: null,
    payloadSize: 10,
    ...overrides,
  };
}
