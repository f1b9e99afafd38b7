/**
 * A publication's blobs in the publications container: its payload, named by its submission id, and for a list
 * converted from an Excel workbook the workbook kept beside it (`originalWorkbookBlobName`). They go together.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { originalWorkbookBlobName } from './intake/stored-publication.js';
import { renditionPdfBlobName, renditionWorkbookBlobName } from './renditions/rendition-blobs.js';

/** Deletes a publication's blob, the workbook kept beside it and its renditions, where there are; missing blobs are no error. */
export async function deletePublicationBlobs(container: ContainerClient, blobName: string): Promise<void> {
  await Promise.all([
    container.getBlobClient(blobName).deleteIfExists(),
    container.getBlobClient(originalWorkbookBlobName(blobName)).deleteIfExists(),
    // Its renditions (issue 13), where they were made.
    container.getBlobClient(renditionPdfBlobName(blobName)).deleteIfExists(),
    container.getBlobClient(renditionWorkbookBlobName(blobName)).deleteIfExists(),
  ]);
}
