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

/** Puts a message on a queue as the Functions host expects it (base64), creating the queue if need be. */
export async function sendQueueMessage(queueName: string, text: string): Promise<void> {
  const queue = testStorage().queueService.getQueueClient(queueName);
  await queue.createIfNotExists();
  await queue.sendMessage(Buffer.from(text, 'utf8').toString('base64'));
}

/** The texts of the messages visible on a queue now (at most 32), decoded; none when the queue does not exist. */
export async function peekQueue(queueName: string): Promise<string[]> {
  const queue = testStorage().queueService.getQueueClient(queueName);
  if (!(await queue.exists())) return [];
  const peeked = await queue.peekMessages({ numberOfMessages: 32 });
  return peeked.peekedMessageItems.map((m) => Buffer.from(m.messageText, 'base64').toString('utf8'));
}
