/**
 * Blob triggers with `source: 'EventGrid'`, the only blob trigger Flex Consumption runs, delivered as Azure delivers
 * them. In Azure the storage account publishes `Microsoft.Storage.BlobCreated` to an Event Grid system topic; one
 * subscription per function (bicep/app.bicep's `blobTriggerSubscriptions`, filtered on the container) posts the events
 * to the host's blobs extension webhook, `POST /runtime/webhooks/blobs?functionName=Host.Functions.<name>`, which
 * answers 202 and queues them; the host then reads each blob and invokes the function with its content and the trigger
 * metadata every blob trigger gets (`name`, `blobTrigger`, `uri`, `properties`, `metadata`), retrying a failure up to
 * maxDequeueCount times (the handler sees `retryContext`) and then reporting it on `webjobs-blobtrigger-poison`.
 * The host's queue is a storage queue run with host.json's `extensions.queues` settings, so a failed attempt's
 * message becomes visible again only after `visibilityTimeout`: attempts are that far apart, and other blobs are
 * processed in the meantime (a short outage of the database does not use up every attempt).
 * No receipts, no container scans: a blob is triggered because an event named it, once per event.
 *
 * Here Azurite publishes no events, so `LocalBlobEventTopic` stands in for the account's system topic: it notices
 * each blob version created after it started (the topic's own business, invisible to the trigger) and publishes one
 * BlobCreated event for it, in Event Grid's schema, to the same webhook code (`acceptEventGridDelivery`) that the
 * local HTTP route `/runtime/webhooks/blobs` serves, so an event posted by hand (as with Core Tools) works too. As in
 * Azure, blobs that were there before the subscription existed raise no event.
 */
import { randomUUID } from 'node:crypto';
import type { BlobServiceClient } from '@azure/storage-blob';
import type { QueueServiceClient } from '@azure/storage-queue';
import { parseBlobPath, BLOB_POISON_QUEUE, type BlobPathPattern } from './blob-path.js';
import type { RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import type { Clock } from './clock.js';
import type { RuntimeLogger } from './invocation.js';
import { PollingListener } from './polling-listener.js';

/** The path of the blobs extension webhook on the Functions host (Azure and here). */
export const BLOB_WEBHOOK_PATH = '/runtime/webhooks/blobs';

/** An Event Grid event (Event Grid schema), as a storage account's system topic publishes it. */
export interface EventGridEvent {
  id: string;
  topic?: string;
  subject: string;
  eventType: string;
  eventTime: string;
  dataVersion?: string;
  metadataVersion?: string;
  data: Record<string, unknown>;
}

/** An accepted event in the host's internal queue: how often it has been dequeued, and when it is visible again. */
interface QueuedEvent {
  event: EventGridEvent;
  dequeueCount: number;
  visibleAt?: number;
}

/** Whether a blob trigger registration asks for Event Grid delivery (`source: 'EventGrid'`). */
export function isEventGridBlobTrigger(fn: RegisteredFunction): boolean {
  const trigger = triggerOf(fn).binding;
  return trigger.type === 'blobTrigger' && stringProperty(trigger, 'source') === 'EventGrid';
}

/** The subject Event Grid gives a blob event: `/blobServices/default/containers/<container>/blobs/<name>`. */
export function blobEventSubject(container: string, blobName: string): string {
  return `/blobServices/default/containers/${container}/blobs/${blobName}`;
}

function parseSubject(subject: string): { container: string; blobName: string } | null {
  const match = /^\/blobServices\/default\/containers\/([^/]+)\/blobs\/(.+)$/.exec(subject);
  return match?.[1] !== undefined && match[2] !== undefined ? { container: match[1], blobName: match[2] } : null;
}

function normaliseEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/"/g, '');
}

export interface EventGridBlobTriggerListenerOptions {
  fn: RegisteredFunction;
  blobService: BlobServiceClient;
  queueService: QueueServiceClient;
  maxDequeueCount: number;
  /** host.json `extensions.queues.visibilityTimeout`: how long a failed attempt waits before the next. */
  visibilityTimeoutMs: number;
  /** The host's clock, which the visibility timeout is measured on. */
  clock: Clock;
  maxDegreeOfParallelism: number;
  /** How often the stand-in topic looks for new blob versions (Event Grid publishes within about a second). */
  pollIntervalMs: number;
  logger: RuntimeLogger;
  invoke(
    fn: RegisteredFunction,
    input: Buffer,
    triggerMetadata: Record<string, unknown>,
    retryCount: number,
  ): Promise<void>;
}

/** What the webhook answers: 202 when the events were queued, 200 to a subscription validation, 400 otherwise. */
export interface WebhookAnswer {
  status: 200 | 202 | 400;
  body?: unknown;
}

/**
 * One Event Grid blob trigger: the function's subscription on the stand-in topic, the webhook's queue of accepted
 * events, and the processing of that queue. `pollOnce()` (drain) publishes what the topic has seen and processes every
 * queued event, so a test can upload, drain, assert.
 */
export class EventGridBlobTriggerListener extends PollingListener {
  readonly #options: EventGridBlobTriggerListenerOptions;
  readonly #pattern: BlobPathPattern;
  /** The stand-in topic's view of the container: blob name → ETag last published (or there at start). */
  readonly #seen = new Map<string, string>();
  #topicStarted = false;
  /** Events the webhook accepted and the host has not yet processed (the host's internal queue). */
  readonly #accepted: QueuedEvent[] = [];
  /** Events whose last attempt failed, invisible until their visibility timeout has passed. */
  #invisible: (QueuedEvent & { visibleAt: number })[] = [];

  constructor(options: EventGridBlobTriggerListenerOptions) {
    super('blob (Event Grid)', options.fn.name, options.logger);
    this.#options = options;
    const path = stringProperty(triggerOf(options.fn).binding, 'path');
    if (!path) throw new Error(`Blob trigger "${options.fn.name}" has no path`);
    this.#pattern = parseBlobPath(path);
  }

  get functionName(): string {
    return this.#options.fn.name;
  }

  get container(): string {
    return this.#pattern.container;
  }

  protected async prepare(): Promise<void> {
    await this.#options.blobService.getContainerClient(this.#pattern.container).createIfNotExists();
    await this.#startTopic();
  }

  protected nextDelay(): number {
    return this.#options.pollIntervalMs;
  }

  /** The subscription starts now: what is already in the container raises no event. */
  async #startTopic(): Promise<void> {
    if (this.#topicStarted) return;
    const container = this.#options.blobService.getContainerClient(this.#pattern.container);
    for await (const blob of container.listBlobsFlat()) this.#seen.set(blob.name, normaliseEtag(blob.properties.etag));
    this.#topicStarted = true;
  }

  /**
   * The blobs extension webhook: takes a delivery (an array of Event Grid events) for this function. A subscription
   * validation event is answered with its code, as the extension does when Event Grid creates the subscription.
   */
  acceptEventGridDelivery(body: unknown): WebhookAnswer {
    const events = Array.isArray(body) ? (body as unknown[]) : [body];
    const accepted: EventGridEvent[] = [];
    for (const item of events) {
      if (typeof item !== 'object' || item === null) return { status: 400, body: 'each event must be an object' };
      const event = item as Partial<EventGridEvent>;
      if (event.eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent') {
        return { status: 200, body: { validationResponse: event.data?.validationCode } };
      }
      if (typeof event.subject !== 'string' || typeof event.eventType !== 'string') {
        return { status: 400, body: 'each event must have a subject and an eventType' };
      }
      accepted.push(event as EventGridEvent);
    }
    // Only BlobCreated triggers a blob trigger; other event types reach the webhook only through a wrong filter.
    for (const event of accepted) {
      if (event.eventType === 'Microsoft.Storage.BlobCreated') this.#accepted.push({ event, dequeueCount: 0 });
    }
    return { status: 202 };
  }

  /** The stand-in topic: one BlobCreated event per blob version written since the last look. */
  async #publishNewBlobEvents(): Promise<void> {
    await this.#startTopic();
    const container = this.#options.blobService.getContainerClient(this.#pattern.container);
    if (!(await container.exists())) return;
    const events: EventGridEvent[] = [];
    for await (const blob of container.listBlobsFlat()) {
      const etag = normaliseEtag(blob.properties.etag);
      if (this.#seen.get(blob.name) === etag) continue;
      this.#seen.set(blob.name, etag);
      events.push({
        id: randomUUID(),
        topic: '/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/local',
        subject: blobEventSubject(this.#pattern.container, blob.name),
        eventType: 'Microsoft.Storage.BlobCreated',
        eventTime: new Date().toISOString(),
        dataVersion: '',
        metadataVersion: '1',
        data: {
          api: 'PutBlob',
          eTag: blob.properties.etag,
          contentType: blob.properties.contentType,
          contentLength: blob.properties.contentLength,
          blobType: 'BlockBlob',
          url: container.getBlobClient(blob.name).url,
          sequencer: etag,
        },
      });
    }
    if (events.length > 0) this.acceptEventGridDelivery(events);
  }

  protected async pass(): Promise<number> {
    await this.#publishNewBlobEvents();
    const now = this.#options.clock.now().getTime();
    this.#accepted.push(...this.#invisible.filter((queued) => queued.visibleAt <= now));
    this.#invisible = this.#invisible.filter((queued) => queued.visibleAt > now);
    let processed = 0;
    const workers = Array.from({ length: Math.min(this.#options.maxDegreeOfParallelism, this.#accepted.length) }, () =>
      (async () => {
        for (let queued = this.#accepted.shift(); queued; queued = this.#accepted.shift()) {
          if (this.stopped) return;
          processed += 1;
          await this.#process(queued);
        }
      })(),
    );
    await Promise.all(workers);
    return processed;
  }

  /** One attempt at one event, as the host processes one dequeued message of its internal queue. */
  async #process(queued: QueuedEvent): Promise<void> {
    const { event } = queued;
    const target = parseSubject(event.subject);
    if (!target || target.container !== this.#pattern.container) {
      this.#options.logger('warn', `[${this.functionName}] ignored an event for ${event.subject}: not its container`);
      return;
    }
    const params = this.#pattern.match(target.blobName);
    if (!params) return; // the subscription's filter is the container; the path pattern narrows it further
    const blob = this.#options.blobService.getContainerClient(target.container).getBlobClient(target.blobName);
    const dequeueCount = queued.dequeueCount + 1;
    try {
      // Reading the blob is part of the attempt: a storage error fails it, to be retried like a function error.
      let content: Buffer;
      let properties: Awaited<ReturnType<typeof blob.getProperties>>;
      try {
        [content, properties] = await Promise.all([blob.downloadToBuffer(), blob.getProperties()]);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return; // deleted since the event: nothing to run
        throw error;
      }
      const triggerMetadata: Record<string, unknown> = {
        ...params,
        blobTrigger: `${target.container}/${target.blobName}`,
        uri: blob.url,
        properties: {
          contentType: properties.contentType,
          contentLength: properties.contentLength,
          eTag: properties.etag,
          lastModified: properties.lastModified,
        },
        metadata: properties.metadata ?? {},
      };
      await this.#options.invoke(this.#options.fn, content, triggerMetadata, dequeueCount - 1);
      return;
    } catch (error) {
      this.#options.logger(
        'warn',
        `[${this.functionName}] blob ${target.container}/${target.blobName} failed (attempt ${dequeueCount} of ${this.#options.maxDequeueCount}): ${(error as Error).message}`,
      );
    }
    if (dequeueCount < this.#options.maxDequeueCount) {
      const again: QueuedEvent = { event, dequeueCount };
      if (this.#options.visibilityTimeoutMs <= 0) this.#accepted.push(again);
      else
        this.#invisible.push({
          ...again,
          visibleAt: this.#options.clock.now().getTime() + this.#options.visibilityTimeoutMs,
        });
      return;
    }
    const poison = this.#options.queueService.getQueueClient(BLOB_POISON_QUEUE);
    await poison.createIfNotExists();
    const message = JSON.stringify({
      Type: 'BlobTrigger',
      FunctionId: this.functionName,
      BlobType: 'BlockBlob',
      ContainerName: target.container,
      BlobName: target.blobName,
      ETag: event.data.eTag,
    });
    await poison.sendMessage(Buffer.from(message, 'utf8').toString('base64'));
    this.#options.logger(
      'error',
      `[${this.functionName}] blob ${target.container}/${target.blobName} failed ${this.#options.maxDequeueCount} times; reported on ${BLOB_POISON_QUEUE}`,
    );
  }
}

/**
 * The local route of the blobs extension webhook: `POST /runtime/webhooks/blobs?functionName=Host.Functions.<name>
 * &code=<key>` with a JSON array of Event Grid events, answered as the extension answers. In Azure the key is the
 * `blobs_extension` system key (or the master key); here the master key.
 */
export function blobWebhookRoute(
  listeners: readonly EventGridBlobTriggerListener[],
  masterKey: string,
): {
  method: string;
  path: string;
  handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<void>;
} {
  return {
    method: 'POST',
    path: BLOB_WEBHOOK_PATH,
    async handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const functionName = (url.searchParams.get('functionName') ?? '').replace(/^Host\.Functions\./, '');
      const listener = listeners.find((l) => l.functionName === functionName);
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const key = url.searchParams.get('code') ?? request.headers['x-functions-key'];
      let answer: WebhookAnswer | { status: 401; body: string };
      if (key !== masterKey) {
        answer = { status: 401, body: 'the webhook needs the extension key (code)' };
      } else if (!listener) {
        answer = { status: 400, body: `functionName must name an Event Grid blob trigger, e.g. Host.Functions.<name>` };
      } else {
        try {
          answer = listener.acceptEventGridDelivery(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch {
          answer = { status: 400, body: 'the body must be a JSON array of Event Grid events' };
        }
      }
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    },
  };
}
