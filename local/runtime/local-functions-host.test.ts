/**
 * Fidelity of the local Functions host: the same `app.*` registrations production uses, served with Azure's
 * trigger semantics over real HTTP and a real Azurite.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, TEST_MASTER_KEY as masterKey } from '../../test-support/test-host.js';
import { eventually, peekQueue, sendQueueMessage, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { ManualClock } from './clock.js';
import type { LocalFunctionsHost } from './local-functions-host.js';
import { FunctionRegistry } from './function-registry.js';
import { BLOB_POISON_QUEUE } from './blob-path.js';

const storage = testStorage();
const blobContainer = uniqueName('drop');
const poisonBlobContainer = uniqueName('bad-drop');
const alwaysFailsQueue = uniqueName('always-fails');
const failsOnceQueue = uniqueName('fails-once');
const outputQueue = uniqueName('output');
const chainContainer = uniqueName('chain');
const chainQueue = uniqueName('chain');
const slowContainer = uniqueName('slow');

const blobCalls: { name: unknown; content: string; blobTrigger: unknown }[] = [];
const poisonBlobAttempts: string[] = [];
const alwaysFailsCalls: unknown[] = [];
const failsOnceCalls: { value: unknown; dequeueCount: unknown }[] = [];
const timerCalls: Timer[] = [];
const chainCalls: unknown[] = [];
const slowEvents: string[] = [];
let releaseSlow: () => void = () => undefined;
const slowGate = new Promise<void>((resolve) => {
  releaseSlow = resolve;
});

app.http('getItem', {
  route: 'items/{id:int}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request) => ({
    jsonBody: { id: request.params.id, q: request.query.get('q') },
    cookies: [{ name: 'seen', value: 'yes', httpOnly: true, sameSite: 'Lax' }],
  }),
});
app.http('createItem', {
  route: 'items',
  methods: ['POST'],
  authLevel: 'function',
  handler: async (request) => ({ status: 201, jsonBody: { received: await request.json() } }),
});
app.http('broken', {
  route: 'broken',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    throw new Error('secret internal detail');
  },
});
app.storageBlob('onBlob', {
  path: `${blobContainer}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: (blob: unknown, context: InvocationContext) => {
    blobCalls.push({
      name: context.triggerMetadata?.name,
      content: (blob as Buffer).toString('utf8'),
      blobTrigger: context.triggerMetadata?.blobTrigger,
    });
  },
});
app.storageBlob('onBadBlob', {
  path: `${poisonBlobContainer}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: (_blob: unknown, context: InvocationContext) => {
    poisonBlobAttempts.push(String(context.triggerMetadata?.name));
    throw new Error('cannot process');
  },
});
app.storageQueue('alwaysFails', {
  queueName: alwaysFailsQueue,
  connection: 'AzureWebJobsStorage',
  handler: (message: unknown) => {
    alwaysFailsCalls.push(message);
    throw new Error('always fails');
  },
});
app.storageQueue('failsOnce', {
  queueName: failsOnceQueue,
  connection: 'AzureWebJobsStorage',
  return: { type: 'queue', name: '$return', queueName: outputQueue, connection: 'AzureWebJobsStorage' },
  handler: (message: unknown, context: InvocationContext) => {
    failsOnceCalls.push({ value: message, dequeueCount: context.triggerMetadata?.dequeueCount });
    if (failsOnceCalls.length === 1) throw new Error('transient failure');
    return { handled: message };
  },
});
app.storageBlob('chainStart', {
  path: `${chainContainer}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  return: { type: 'queue', name: '$return', queueName: chainQueue, connection: 'AzureWebJobsStorage' },
  handler: (_blob: unknown, context: InvocationContext) => ({ blob: context.triggerMetadata?.name }),
});
app.storageQueue('chainEnd', {
  queueName: chainQueue,
  connection: 'AzureWebJobsStorage',
  handler: (message: unknown) => {
    chainCalls.push(message);
  },
});
app.storageBlob('slowBlob', {
  path: `${slowContainer}/{name}`,
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: async () => {
    slowEvents.push('started');
    await slowGate;
    slowEvents.push('finished');
  },
});
app.timer('everyFiveMinutes', {
  schedule: '0 */5 * * * *',
  handler: (timer: Timer) => {
    timerCalls.push(timer);
  },
});

const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
let host: LocalFunctionsHost;

beforeAll(async () => {
  host = await startTestHost({
    extensions: {
      http: { routePrefix: 'api' },
      queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:00', maxPollingInterval: '00:00:00.200' },
    },
    clock,
    logger: process.env.DEBUG_HOST
      ? (l, m) => {
          console.log(l, m);
        }
      : () => undefined,
  });
});

afterAll(async () => {
  await host.stop();
});

describe('HTTP triggers', () => {
  it('routes under the routePrefix with a typed path parameter and the query string', async () => {
    const response = await fetch(`${host.url}/api/items/42?q=wigan`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: '42', q: 'wigan' });
    expect(response.headers.get('set-cookie')).toMatch(/^seen=yes; HttpOnly; SameSite=Lax$/);
  });

  it('answers 404 when the constraint, the prefix or the method does not match', async () => {
    expect((await fetch(`${host.url}/api/items/abc`)).status).toBe(404);
    expect((await fetch(`${host.url}/items/42`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/items/42`, { method: 'DELETE' })).status).toBe(404);
  });

  it('requires a key for function-level routes', async () => {
    const body = JSON.stringify({ name: 'x' });
    const init = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
    expect((await fetch(`${host.url}/api/items`, init)).status).toBe(401);
    const withKey = await fetch(`${host.url}/api/items`, {
      ...init,
      headers: { ...init.headers, 'x-functions-key': masterKey },
    });
    expect(withKey.status).toBe(201);
    expect(await withKey.json()).toEqual({ received: { name: 'x' } });
  });

  it('answers a bare 500 that leaks nothing when a handler throws', async () => {
    const response = await fetch(`${host.url}/api/broken`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });
});

describe('blob triggers', () => {
  it('trigger their function once per blob, with the blob name, from the background polling', async () => {
    const container = storage.blobService.getContainerClient(blobContainer);
    await container.getBlockBlobClient('lists/court-1.json').uploadData(Buffer.from('{"a":1}'));
    // No drain: the listener's own polling finds the blob.
    await eventually(() => {
      expect(blobCalls).toHaveLength(1);
    });
    expect(blobCalls[0]).toEqual({
      name: 'lists/court-1.json',
      content: '{"a":1}',
      blobTrigger: `${blobContainer}/lists/court-1.json`,
    });
    // More polling rounds see the same blob version and do not trigger again.
    await host.drain();
    await host.drain();
    expect(blobCalls).toHaveLength(1);
  });

  it('trigger again when the blob is replaced', async () => {
    const container = storage.blobService.getContainerClient(blobContainer);
    await container.getBlockBlobClient('replaced.csv').uploadData(Buffer.from('v1'));
    await host.drain();
    expect(blobCalls.filter((c) => c.name === 'replaced.csv').map((c) => c.content)).toEqual(['v1']);
    await container.getBlockBlobClient('replaced.csv').uploadData(Buffer.from('v2'));
    await host.drain();
    expect(blobCalls.filter((c) => c.name === 'replaced.csv').map((c) => c.content)).toEqual(['v1', 'v2']);
  });

  it('report a blob that always fails on the blob poison queue after maxDequeueCount attempts', async () => {
    await storage.blobService
      .getContainerClient(poisonBlobContainer)
      .getBlockBlobClient('bad.csv')
      .uploadData(Buffer.from('x'));
    await host.drain();
    const poisoned = (await peekQueue(BLOB_POISON_QUEUE))
      .map((m) => JSON.parse(m) as { ContainerName: string; BlobName: string })
      .find((m) => m.ContainerName === poisonBlobContainer);
    expect(poisoned?.BlobName).toBe('bad.csv');
    expect(poisonBlobAttempts).toEqual(['bad.csv', 'bad.csv', 'bad.csv']);
  });
});

describe('queue triggers', () => {
  it('move a message that always fails to <queue>-poison after maxDequeueCount attempts', async () => {
    await sendQueueMessage(alwaysFailsQueue, '{"case":"A123"}');
    await host.drain();
    expect(await peekQueue(`${alwaysFailsQueue}-poison`)).toEqual(['{"case":"A123"}']);
    expect(alwaysFailsCalls).toEqual([{ case: 'A123' }, { case: 'A123' }, { case: 'A123' }]);
    expect(await peekQueue(alwaysFailsQueue)).toEqual([]);
  });

  it('retry a message that fails once, then succeed and write the return binding', async () => {
    await sendQueueMessage(failsOnceQueue, 'plain text');
    await host.drain();
    expect(await peekQueue(outputQueue)).toEqual(['{"handled":"plain text"}']);
    expect(failsOnceCalls).toEqual([
      { value: 'plain text', dequeueCount: 1 },
      { value: 'plain text', dequeueCount: 2 },
    ]);
    expect(await peekQueue(`${failsOnceQueue}-poison`)).toEqual([]);
  });
});

describe('drain', () => {
  it('runs nothing when there is nothing to do', async () => {
    const before = [blobCalls.length, alwaysFailsCalls.length, failsOnceCalls.length, chainCalls.length];
    await host.drain();
    expect([blobCalls.length, alwaysFailsCalls.length, failsOnceCalls.length, chainCalls.length]).toEqual(before);
  });

  it('sees a blob uploaded just before it, and follows the work that blob causes to its end', async () => {
    await storage.blobService
      .getContainerClient(chainContainer)
      .getBlockBlobClient('first.json')
      .uploadData(Buffer.from('{}'));
    await host.drain();
    expect(chainCalls).toEqual([{ blob: 'first.json' }]);
  });

  it('waits for an invocation the background polling has already started', async () => {
    await storage.blobService
      .getContainerClient(slowContainer)
      .getBlockBlobClient('slow.txt')
      .uploadData(Buffer.from('x'));
    await eventually(() => {
      expect(slowEvents).toEqual(['started']);
    });
    let drained = false;
    const draining = host.drain().then(() => {
      drained = true;
    });
    // Several storage round trips: time enough for a drain that skipped the blob in hand to have resolved.
    for (let i = 0; i < 5; i += 1) await storage.blobService.getContainerClient(slowContainer).exists();
    expect(drained).toBe(false);
    releaseSlow();
    await draining;
    expect(slowEvents).toEqual(['started', 'finished']);
  });
});

describe('timer triggers', () => {
  it('fire on their NCRONTAB schedule as the clock moves', () => {
    expect(host.timers.get('everyFiveMinutes')?.nextDue?.toISOString()).toBe('2026-03-01T10:05:00.000Z');
    clock.advanceTo(new Date('2026-03-01T10:04:59Z'));
    expect(timerCalls).toHaveLength(0);
    clock.advanceTo(new Date('2026-03-01T10:10:00Z'));
    expect(timerCalls.map((t) => [t.isPastDue, t.scheduleStatus.next])).toEqual([
      [false, '2026-03-01T10:10:00.000Z'],
      [false, '2026-03-01T10:15:00.000Z'],
    ]);
  });

  it('fire once, past due, after the clock jumps over several occurrences', () => {
    const before = timerCalls.length;
    clock.jumpTo(new Date('2026-03-01T10:31:00Z'));
    expect(timerCalls.slice(before).map((t) => t.isPastDue)).toEqual([true]);
    expect(host.timers.get('everyFiveMinutes')?.nextDue?.toISOString()).toBe('2026-03-01T10:35:00.000Z');
  });

  it('run on demand through the admin API with the master key', async () => {
    const before = timerCalls.length;
    const refused = await fetch(`${host.url}/admin/functions/everyFiveMinutes`, {
      method: 'POST',
      body: '{"input":""}',
    });
    expect(refused.status).toBe(401);
    const accepted = await fetch(`${host.url}/admin/functions/everyFiveMinutes`, {
      method: 'POST',
      body: '{"input":""}',
      headers: { 'x-functions-key': masterKey, 'content-type': 'application/json' },
    });
    expect(accepted.status).toBe(202);
    await host.drain(); // waits for the run the admin API accepted
    expect(timerCalls.length).toBe(before + 1);
    expect(timerCalls.at(-1)?.isPastDue).toBe(false);
  });
});

describe('admin API', () => {
  const post = (name: string, body: string) =>
    fetch(`${host.url}/admin/functions/${name}`, { method: 'POST', body, headers: { 'x-functions-key': masterKey } });

  it('runs a queue function with the given input as its message', async () => {
    const before = failsOnceCalls.length;
    expect((await post('failsOnce', JSON.stringify({ input: '{"from":"admin"}' }))).status).toBe(202);
    await host.drain(); // waits for the run the admin API accepted
    expect(failsOnceCalls.slice(before).map((c) => c.value)).toEqual([{ from: 'admin' }]);
  });

  it('refuses unknown functions, HTTP functions and malformed bodies', async () => {
    expect((await post('noSuchFunction', '{"input":""}')).status).toBe(404);
    expect((await post('getItem', '{"input":""}')).status).toBe(400);
    const malformed = await post('failsOnce', '{"input": 5}');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('INVALID_BODY');
  });
});

describe('polling blob triggers', () => {
  it('are refused at start, as Flex Consumption runs only Event Grid blob triggers', async () => {
    const registry = new FunctionRegistry();
    registry.register({
      name: 'pollingBlob',
      bindings: {
        blob: { type: 'blobTrigger', direction: 'in', path: `${uniqueName('polled')}/{name}` },
      },
      handler: () => undefined,
    });
    await expect(startTestHost({ registry })).rejects.toThrow(
      `Blob trigger "pollingBlob" must have source: 'EventGrid'`,
    );
  });
});
