/** A civil daily cause list from HMI, as ingest-publication stores it; tests override what they are about. */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Queryable } from '../shared/audit/audit-log.js';
import { encodeStoredPublication, type StoredPublication } from '../shared/publications/intake/stored-publication.js';
import { recordSubmission } from '../shared/publications/store/submissions.js';

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

/**
 * Stores `bytes` as ingest-publication does (shared/publications/intake/store-accepted-publication.ts): the pending
 * submission row first, then the blob with its metadata; the blob trigger publishes it from there (and refuses a
 * blob whose submission was never recorded).
 */
export async function storeAsIngestDoes(
  database: Queryable,
  publications: ContainerClient,
  publication: StoredPublication,
  bytes: Buffer,
): Promise<void> {
  await recordSubmission(database, publication, {
    action: 'PUBLICATION_UPLOAD',
    outcome: 'SUCCESS',
    actor: null,
    objectType: 'submission',
    objectId: publication.submissionId,
  });
  await publications.getBlockBlobClient(publication.submissionId).uploadData(bytes, {
    metadata: encodeStoredPublication(publication),
  });
}
