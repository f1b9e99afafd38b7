/**
 * The publications container's blob trigger: a stored payload becomes a published artefact. What a retry can fix
 * (database or storage down) is thrown, so the host retries and finally reports the blob as poison; a payload that
 * can never be stored marks its submission rejected, with the reason, and returns.
 */
import { randomUUID } from 'node:crypto';
import type { InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../shared/db/database.js';
import { persistArtefact } from '../../shared/ingestion/persist-artefact.js';
import { rejectSubmission } from '../../shared/ingestion/submissions.js';
import { extractSearchTerms, type SearchTerms } from '../../shared/ingestion/search-terms.js';
import { decodeStoredPublication } from '../../shared/ingestion/stored-publication.js';
import { mapProvenanceCourtId } from '../../shared/reference-data/provenance-lookup.js';

export interface BlobUploadedDependencies {
  database: Database;
  publications: ContainerClient;
}

const emptySearch: SearchTerms = { caseNumbers: [], caseNames: [], caseUrns: [], partyNames: [] };

export async function handlePublicationBlob(
  deps: BlobUploadedDependencies,
  blob: Buffer,
  context: InvocationContext,
): Promise<void> {
  const name = context.triggerMetadata?.name;
  const blobName = typeof name === 'string' ? name : '';
  const blobClient = deps.publications.getBlobClient(blobName);
  let metadata: Record<string, string> | undefined;
  try {
    metadata = (await blobClient.getProperties()).metadata;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      context.log(`PUBLICATION_BLOB_GONE blob=${blobName}: already superseded or deleted`);
      return;
    }
    throw error;
  }
  const decoded = decodeStoredPublication(metadata);
  if (!decoded.ok) {
    // Not written by ingest-publication: nothing can make it publishable.
    context.error(`PUBLICATION_BLOB_UNREADABLE blob=${blobName}: ${decoded.problem}`);
    return;
  }
  const publication = decoded.publication;
  if (blob.length !== publication.payloadSize) {
    await rejectSubmission(deps.database, publication, 'The stored payload is not the one received');
    context.error(
      `PUBLICATION_BLOB_SIZE_MISMATCH submission=${publication.submissionId} expected=${publication.payloadSize} actual=${blob.length}`,
    );
    return;
  }
  let search = emptySearch;
  if (!publication.isFlatFile) {
    try {
      search = extractSearchTerms(JSON.parse(blob.toString('utf8')));
    } catch {
      await rejectSubmission(deps.database, publication, 'The stored payload is not valid JSON');
      context.error(`PUBLICATION_BLOB_NOT_JSON submission=${publication.submissionId}`);
      return;
    }
  }
  const match = await mapProvenanceCourtId(deps.database, publication.provenance, publication.courtId);
  const locationId = match.matched ? String(match.locationId) : match.noMatchId;
  const outcome = await persistArtefact(deps.database, {
    publication,
    blobName,
    locationId,
    search,
    newArtefactId: randomUUID,
  });
  if (outcome.blobToDelete !== null) {
    try {
      await deps.publications.getBlobClient(outcome.blobToDelete).deleteIfExists();
    } catch (error) {
      context.error(`PUBLICATION_OLD_BLOB_DELETE_FAILED blob=${outcome.blobToDelete}: ${(error as Error).message}`);
    }
  }
  context.log(
    `PUBLICATION_${outcome.kind.toUpperCase()} artefact=${outcome.artefactId} submission=${publication.submissionId} location=${locationId} superseded=${outcome.supersededCount}`,
  );
}
