/**
 * Blob triggers as the Functions host runs them (polling mode): new or changed blobs matching `container/pattern`
 * trigger the function once; a receipt per blob version (ETag) is kept in the `azure-webjobs-hosts` container so a
 * restart does not re-trigger; a blob whose function fails maxDequeueCount times is reported on the
 * `webjobs-blobtrigger-poison` queue and not retried again.
 */
import type { BlobServiceClient } from '@azure/storage-blob';
import type { QueueServiceClient } from '@azure/storage-queue';
import type { RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import type { RuntimeLogger } from './invocation.js';
import { PollingListener } from './polling-listener.js';

export const BLOB_RECEIPTS_CONTAINER = 'azure-webjobs-hosts';
export const BLOB_POISON_QUEUE = 'webjobs-blobtrigger-poison';

export interface BlobPathPattern {
  container: string;
  listPrefix: string;
  match(blobName: string): Record<string, string> | null;
}

export function parseBlobPath(path: string): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash === -1 ? path : path.slice(0, slash);
  const blobPattern = slash === -1 ? '{name}' : path.slice(slash + 1);
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/.test(container) && !/^%[A-Za-z0-9_]+%$/.test(container)) {
    throw new Error(
      `Blob trigger path "${path}": container "${container}" must be 3-63 lowercase letters, digits or hyphens`,
    );
  }
  const names: string[] = [];
  const regexSource = blobPattern
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(part);
      if (parameter?.[1]) {
        names.push(parameter[1]);
        return '(.+?)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${regexSource}$`);
  const firstBrace = blobPattern.indexOf('{');
  return {
    container,
    listPrefix: firstBrace === -1 ? blobPattern : blobPattern.slice(0, firstBrace),
    match(blobName: string) {
      const result = regex.exec(blobName);
      if (!result) return null;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = result[i + 1] ?? '';
      });
      return params;
    },
  };
}

/** Listings give ETags bare, blob properties give them quoted: compare them bare. */
function normaliseEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/"/g, '');
}

export interface BlobTriggerListenerOptions {
  fn: RegisteredFunction;
  hostId: string;
  blobService: BlobServiceClient;
  queueService: QueueServiceClient;
  maxDequeueCount: number;
  maxDegreeOfParallelism: number;
  pollIntervalMs: number;
  logger: RuntimeLogger;
  invoke(
    fn: RegisteredFunction,
    input: Buffer,
    triggerMetadata: Record<string, unknown>,
    retryCount: number,
  ): Promise<void>;
}

export class BlobTriggerListener extends PollingListener {
  readonly #options: BlobTriggerListenerOptions;
  readonly #pattern: BlobPathPattern;
  /** Blob versions already handled (receipt written), so each poll skips them without a round trip. */
  readonly #handled = new Set<string>();
  readonly #inFlight = new Set<string>();

  constructor(options: BlobTriggerListenerOptions) {
    super('blob', options.fn.name, options.logger);
    this.#options = options;
    const path = stringProperty(triggerOf(options.fn).binding, 'path');
    if (!path) throw new Error(`Blob trigger "${options.fn.name}" has no path`);
    this.#pattern = parseBlobPath(path);
  }

  get container(): string {
    return this.#pattern.container;
  }

  protected async prepare(): Promise<void> {
    await this.#options.blobService.getContainerClient(this.#pattern.container).createIfNotExists();
    await this.#options.blobService.getContainerClient(BLOB_RECEIPTS_CONTAINER).createIfNotExists();
  }

  protected nextDelay(): number {
    return this.#options.pollIntervalMs;
  }

  #receiptName(blobName: string, etag: string): string {
    return `blobreceipts/${this.#options.hostId}/${this.#options.fn.name}/${etag}/BlockBlob/${this.#pattern.container}/${blobName}`;
  }

  /**
   * One pass over the container: every matching blob version without a receipt is processed. It answers how many blob
   * versions it processed.
   */
  protected async pass(): Promise<number> {
    const container = this.#options.blobService.getContainerClient(this.#pattern.container);
    if (!(await container.exists())) return 0;
    const work: { name: string; etag: string; params: Record<string, string> }[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: this.#pattern.listPrefix })) {
      const params = this.#pattern.match(blob.name);
      const etag = normaliseEtag(blob.properties.etag);
      const key = `${blob.name}\u0000${etag}`;
      if (!params || this.#handled.has(key) || this.#inFlight.has(key)) continue;
      work.push({ name: blob.name, etag, params });
    }
    if (work.length === 0) return 0;
    await this.#options.blobService.getContainerClient(BLOB_RECEIPTS_CONTAINER).createIfNotExists();
    const queue = [...work];
    const workers = Array.from({ length: Math.min(this.#options.maxDegreeOfParallelism, queue.length) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (this.stopped) return;
        await this.#process(item.name, item.etag, item.params);
      }
    });
    await Promise.all(workers);
    return work.length;
  }

  async #process(blobName: string, etag: string, params: Record<string, string>): Promise<void> {
    const key = `${blobName}\u0000${etag}`;
    this.#inFlight.add(key);
    try {
      const receipts = this.#options.blobService.getContainerClient(BLOB_RECEIPTS_CONTAINER);
      const receipt = receipts.getBlockBlobClient(this.#receiptName(blobName, etag));
      if (await receipt.exists()) {
        this.#handled.add(key);
        return;
      }
      const blob = this.#options.blobService.getContainerClient(this.#pattern.container).getBlobClient(blobName);
      for (let attempt = 1; attempt <= this.#options.maxDequeueCount; attempt += 1) {
        if (this.stopped) return;
        let content: Buffer;
        let properties: Awaited<ReturnType<typeof blob.getProperties>>;
        try {
          [content, properties] = await Promise.all([blob.downloadToBuffer(), blob.getProperties()]);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) return; // deleted meanwhile: nothing to trigger
          throw error;
        }
        if (properties.etag && normaliseEtag(properties.etag) !== etag) return; // replaced meanwhile: the new version has its own turn
        const triggerMetadata: Record<string, unknown> = {
          ...params,
          blobTrigger: `${this.#pattern.container}/${blobName}`,
          uri: blob.url,
          properties: {
            contentType: properties.contentType,
            contentLength: properties.contentLength,
            eTag: properties.etag,
            lastModified: properties.lastModified,
          },
          metadata: properties.metadata ?? {},
        };
        try {
          await this.#options.invoke(this.#options.fn, content, triggerMetadata, attempt - 1);
          await receipt.uploadData(Buffer.alloc(0), { metadata: { invocationOutcome: 'succeeded' } });
          this.#handled.add(key);
          return;
        } catch (error) {
          this.#options.logger(
            'warn',
            `[${this.#options.fn.name}] blob ${this.#pattern.container}/${blobName} failed (attempt ${attempt} of ${this.#options.maxDequeueCount}): ${(error as Error).message}`,
          );
        }
      }
      const poison = this.#options.queueService.getQueueClient(BLOB_POISON_QUEUE);
      await poison.createIfNotExists();
      const message = JSON.stringify({
        Type: 'BlobTrigger',
        FunctionId: this.#options.fn.name,
        BlobType: 'BlockBlob',
        ContainerName: this.#pattern.container,
        BlobName: blobName,
        ETag: etag,
      });
      await poison.sendMessage(Buffer.from(message, 'utf8').toString('base64'));
      await receipt.uploadData(Buffer.alloc(0), { metadata: { invocationOutcome: 'poisoned' } });
      this.#handled.add(key);
      this.#options.logger(
        'error',
        `[${this.#options.fn.name}] blob ${this.#pattern.container}/${blobName} failed ${this.#options.maxDequeueCount} times; reported on ${BLOB_POISON_QUEUE}`,
      );
    } finally {
      this.#inFlight.delete(key);
    }
  }
}
