/**
 * Event Grid blob triggers (`source: 'EventGrid'`, the only kind Flex Consumption runs) on the local host: a blob
 * event, not a container scan, triggers the function; what the handler gets is what any blob trigger gets; failures
 * retry with a retry context and end on the blob poison queue; the blobs extension webhook takes Event Grid deliveries.
 */
import { app, type InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, TEST_MASTER_KEY } from '../../test-support/test-host.js';
import { eventually, peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { BLOB_POISON_QUEUE, BLOB_RECEIPTS_CONTAINER } from './blob-path.js';
import { blobEventSubject, BLOB_WEBHOOK_PATH } from './event-grid-blob-listener.js';
import type { LocalFunctionsHost } from './local-functions-host.js';

const storage = testStorage();
const container = uniqueName('eg-drop');
const failingContainer = uniqueName('eg-bad');

interface Call {
  name: unknown;
  blobTrigger: unknown;
  content: string;
  contentType: unknown;
  retryCount: number | undefined;
}
const calls: Call[] = [];
const failingAttempts: { retryCount: number | undefined; maxRetryCount: number | undefined }[] = [];

app.storageBlob('onEventGridBlob', {
  path: `${container}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: (blob: unknown, context: InvocationContext) => {
    const properties = context.triggerMetadata?.properties as { contentType?: unknown } | undefined;
    calls.push({
      name: context.triggerMetadata?.name,
      blobTrigger: context.triggerMetadata?.blobTrigger,
      content: (blob as Buffer).toString('utf8'),
      contentType: properties?.contentType,
      retryCount: context.retryContext?.retryCount,
    });
  },
});
app.storageBlob('onEventGridBlobFails', {
  path: `${failingContainer}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: (_blob: unknown, context: InvocationContext) => {
    failingAttempts.push({
      retryCount: context.retryContext?.retryCount,
      maxRetryCount: context.retryContext?.maxRetryCount,
    });
    throw new Error('always fails');
  },
});

let host: LocalFunctionsHost;

beforeAll(async () => {
  // A blob that is there before the subscription exists raises no event, as in Azure.
  await storage.blobService.getContainerClient(container).createIfNotExists();
  await storage.blobService.getContainerClient(container).getBlockBlobClient('before.txt').uploadData(Buffer.from('0'));
  host = await startTestHost({ extensions: { queues: { maxDequeueCount: 3 } } });
});

afterAll(async () => {
  await host.stop();
});

describe('Event Grid blob triggers', () => {
  it('run once per blob created after the subscription, with the blob and its trigger metadata, and keep no receipts', async () => {
    const blobs = storage.blobService.getContainerClient(container);
    await blobs.getBlockBlobClient('lists/a.json').uploadData(Buffer.from('{"a":1}'), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    await eventually(() => {
      expect(calls.map((c) => c.name)).toContain('lists/a.json');
    });
    await host.drain();
    expect(calls).toEqual([
      {
        name: 'lists/a.json',
        blobTrigger: `${container}/lists/a.json`,
        content: '{"a":1}',
        contentType: 'application/json',
        retryCount: 0,
      },
    ]);
    const receipts = storage.blobService.getContainerClient(BLOB_RECEIPTS_CONTAINER);
    const receiptNames: string[] = [];
    if (await receipts.exists()) {
      for await (const blob of receipts.listBlobsFlat()) {
        if (blob.name.includes(container)) receiptNames.push(blob.name);
      }
    }
    expect(receiptNames).toEqual([]);
  });

  it('run again when the blob is replaced (a new BlobCreated event)', async () => {
    const blob = storage.blobService.getContainerClient(container).getBlockBlobClient('replaced.csv');
    await blob.uploadData(Buffer.from('v1'));
    await host.drain();
    await blob.uploadData(Buffer.from('v2'));
    await host.drain();
    expect(calls.filter((c) => c.name === 'replaced.csv').map((c) => c.content)).toEqual(['v1', 'v2']);
  });

  it('take an Event Grid delivery on the blobs extension webhook, and answer a subscription validation', async () => {
    const blob = storage.blobService.getContainerClient(container).getBlockBlobClient('by-hand.txt');
    await blob.uploadData(Buffer.from('posted'));
    await host.drain(); // the stand-in topic's own event for it
    const before = calls.filter((c) => c.name === 'by-hand.txt').length;
    const webhook = `${host.url}${BLOB_WEBHOOK_PATH}?functionName=Host.Functions.onEventGridBlob&code=${TEST_MASTER_KEY}`;
    const event = (id: string) => ({
      id,
      subject: blobEventSubject(container, 'by-hand.txt'),
      eventType: 'Microsoft.Storage.BlobCreated',
      eventTime: new Date().toISOString(),
      data: { url: blob.url, api: 'PutBlob' },
    });
    const withoutKey = await fetch(webhook.replace(/&code=.*$/, ''), {
      method: 'POST',
      body: JSON.stringify([event('e0')]),
    });
    expect(withoutKey.status).toBe(401);
    const delivered = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([event('e1')]),
    });
    expect(delivered.status).toBe(202);
    await host.drain();
    expect(calls.filter((c) => c.name === 'by-hand.txt').length).toBe(before + 1);

    const validation = await fetch(webhook, {
      method: 'POST',
      body: JSON.stringify([
        {
          id: 'v1',
          subject: '',
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          eventTime: new Date().toISOString(),
          data: { validationCode: 'abc-123' },
        },
      ]),
    });
    expect(validation.status).toBe(200);
    expect(await validation.json()).toEqual({ validationResponse: 'abc-123' });

    const unknown = await fetch(
      `${host.url}${BLOB_WEBHOOK_PATH}?functionName=Host.Functions.nope&code=${TEST_MASTER_KEY}`,
      {
        method: 'POST',
        body: '[]',
      },
    );
    expect(unknown.status).toBe(400);
  });

  it('raise no event for a blob that was there before the subscription', () => {
    expect(calls.map((c) => c.name)).not.toContain('before.txt');
  });

  it('retry a failing blob with a retry context, then report it on the blob poison queue', async () => {
    await storage.blobService.getContainerClient(failingContainer).createIfNotExists();
    await storage.blobService
      .getContainerClient(failingContainer)
      .getBlockBlobClient('bad.csv')
      .uploadData(Buffer.from('x'));
    await host.drain();
    expect(failingAttempts).toEqual([
      { retryCount: 0, maxRetryCount: 2 },
      { retryCount: 1, maxRetryCount: 2 },
      { retryCount: 2, maxRetryCount: 2 },
    ]);
    const poisoned = (await peekQueue(BLOB_POISON_QUEUE))
      .map((m) => JSON.parse(m) as { ContainerName: string; BlobName: string; FunctionId: string })
      .find((m) => m.ContainerName === failingContainer);
    expect(poisoned).toMatchObject({ BlobName: 'bad.csv', FunctionId: 'onEventGridBlobFails' });
  });
});
