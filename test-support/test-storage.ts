/** Storage for one test: the shared Azurite, with names of its own so test files never see each other's blobs. */
import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { inject } from 'vitest';

export function testStorage(): {
  connectionString: string;
  blobService: BlobServiceClient;
  queueService: QueueServiceClient;
} {
  const connectionString = inject('storageConnectionString');
  return {
    connectionString,
    blobService: BlobServiceClient.fromConnectionString(connectionString),
    queueService: QueueServiceClient.fromConnectionString(connectionString),
  };
}

/** A valid, unique container or queue name (3-63 lowercase characters). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Polls until the check passes or the time is up; answers the last value. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
