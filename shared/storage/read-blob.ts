/**
 * Reading a blob that may be gone. A publication's row can outlive its blob (deleted or superseded between the
 * query and the download, or a local run whose storage was reset), so a missing blob is an expected answer, not an
 * exception: every reader gets `null` and decides what to say (404 "no longer available", skip, ...). Any other
 * storage failure still throws.
 */
import type { BlobClient } from '@azure/storage-blob';

/** Storage's "not there": BlobNotFound or ContainerNotFound (a RestError with status 404). */
export function isBlobNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return statusCode === 404 || code === 'BlobNotFound' || code === 'ContainerNotFound';
}

/** The blob's content, or null when it does not exist. */
export async function downloadIfPresent(blob: BlobClient): Promise<Buffer | null> {
  try {
    return await blob.downloadToBuffer();
  } catch (error) {
    if (isBlobNotFound(error)) return null;
    throw error;
  }
}
