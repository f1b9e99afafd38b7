/**
 * A failing Event Grid blob trigger is retried as the host's internal queue retries it: the failed attempt's message is
 * invisible for host.json's `extensions.queues.visibilityTimeout`, so attempts are that far apart and other blobs go
 * on meanwhile. The host's clock is a manual one, so no test waits on the wall clock.
 */
import { app, type InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { ManualClock } from './clock.js';
import type { LocalFunctionsHost } from './local-functions-host.js';

const storage = testStorage();
const container = uniqueName('eg-retry');
const clock = new ManualClock(new Date('2026-11-30T09:00:00Z'));
/** Blob names whose next attempt fails (taken off once failed), and every attempt made. */
const failNext = new Set<string>();
const attempts: { name: unknown; retryCount: number | undefined; at: string }[] = [];

app.storageBlob('onEventGridBlobRetried', {
  path: `${container}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: (_blob: unknown, context: InvocationContext) => {
    const name = context.triggerMetadata?.name;
    attempts.push({ name, retryCount: context.retryContext?.retryCount, at: clock.now().toISOString() });
    if (typeof name === 'string' && failNext.delete(name)) throw new Error('the database is restarting');
  },
});

let host: LocalFunctionsHost;

beforeAll(async () => {
  await storage.blobService.getContainerClient(container).createIfNotExists();
  host = await startTestHost({
    clock,
    extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:10' } },
  });
});

afterAll(async () => {
  await host.stop();
});

async function upload(name: string): Promise<void> {
  await storage.blobService.getContainerClient(container).getBlockBlobClient(name).uploadData(Buffer.from(name));
}

describe('Event Grid blob trigger retries', () => {
  it('wait the visibility timeout between attempts, and run other blobs meanwhile', async () => {
    failNext.add('first.json');
    await upload('first.json');
    await host.drain();
    expect(attempts).toEqual([{ name: 'first.json', retryCount: 0, at: '2026-11-30T09:00:00.000Z' }]);

    // Still invisible: another blob runs, the failed one does not.
    clock.advanceTo(new Date('2026-11-30T09:00:09Z'));
    await upload('second.json');
    await host.drain();
    expect(attempts.map((attempt) => attempt.name)).toEqual(['first.json', 'second.json']);

    // Visible again: the second attempt, with its retry context.
    clock.advanceTo(new Date('2026-11-30T09:00:10Z'));
    await host.drain();
    expect(attempts.at(-1)).toEqual({ name: 'first.json', retryCount: 1, at: '2026-11-30T09:00:10.000Z' });
    clock.advanceTo(new Date('2026-11-30T09:01:00Z'));
    await host.drain();
    expect(attempts).toHaveLength(3);
  });
});
