/**
 * Queue triggers as the Functions host runs them: messages are received with a long visibility timeout while the
 * function runs, deleted on success, made visible again after host.json's visibilityTimeout on failure, and moved to
 * `<queue>-poison` once their dequeue count reaches maxDequeueCount. Messages are base64 (the host's default
 * messageEncoding); JSON messages reach the handler as objects. Polling backs off to maxPollingInterval when idle.
 */
import type { QueueServiceClient, DequeuedMessageItem } from '@azure/storage-queue';
import type { RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import type { RuntimeLogger } from './invocation.js';

export interface QueueTriggerListenerOptions {
  fn: RegisteredFunction;
  queueService: QueueServiceClient;
  maxDequeueCount: number;
  visibilityTimeoutMs: number;
  maxPollingIntervalMs: number;
  batchSize: number;
  logger: RuntimeLogger;
  invoke(
    fn: RegisteredFunction,
    input: unknown,
    triggerMetadata: Record<string, unknown>,
    retryCount: number,
  ): Promise<void>;
}

const MIN_POLLING_INTERVAL_MS = 100;
/** How long a message stays invisible while the function works on it. */
const PROCESSING_VISIBILITY_SECONDS = 600;

export function decodeQueueMessage(text: string): { ok: true; text: string; value: unknown } | { ok: false } {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return { ok: false };
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  try {
    return { ok: true, text: decoded, value: JSON.parse(decoded) as unknown };
  } catch {
    return { ok: true, text: decoded, value: decoded };
  }
}

export class QueueTriggerListener {
  readonly #options: QueueTriggerListenerOptions;
  readonly queueName: string;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;
  #interval = MIN_POLLING_INTERVAL_MS;
  #polling: Promise<void> = Promise.resolve();
  /** Passes run one at a time, so a pass asked for by a test waits for the background pass to finish its batch. */
  #lastPass: Promise<unknown> = Promise.resolve();
  #processed = 0;

  constructor(options: QueueTriggerListenerOptions) {
    this.#options = options;
    const queueName = stringProperty(triggerOf(options.fn).binding, 'queueName');
    if (!queueName) throw new Error(`Queue trigger "${options.fn.name}" has no queueName`);
    this.queueName = queueName;
  }

  get poisonQueueName(): string {
    return `${this.queueName}-poison`;
  }

  /** Storage that is down at start-up does not stop the host: the listener logs and keeps polling, as on Azure. */
  async start(): Promise<void> {
    try {
      await this.#options.queueService.getQueueClient(this.queueName).createIfNotExists();
    } catch (error) {
      this.#options.logger(
        'error',
        `[${this.#options.fn.name}] queue listener cannot reach storage yet: ${(error as Error).message}`,
      );
    }
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await Promise.all([this.#polling, this.#lastPass]);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#polling = this.pollOnce()
        .then((count) => {
          this.#interval =
            count > 0 ? MIN_POLLING_INTERVAL_MS : Math.min(this.#interval * 2, this.#options.maxPollingIntervalMs);
        })
        .catch((error: unknown) => {
          this.#interval = this.#options.maxPollingIntervalMs;
          this.#options.logger('error', `[${this.#options.fn.name}] queue polling failed: ${(error as Error).message}`);
        })
        .finally(() => {
          this.#schedule(this.#interval);
        });
    }, delay);
  }

  /**
   * Receives one batch of the messages visible now and resolves once they are processed; answers how many there
   * were. A pass waits for the pass before it, so messages the background polling has received are finished, not
   * missed, when this resolves.
   */
  /** How many messages every pass so far has processed, the background polling's included. */
  get processed(): number {
    return this.#processed;
  }

  pollOnce(): Promise<number> {
    if (this.#stopped) return Promise.reject(new Error(`[${this.#options.fn.name}] queue listener is stopped`));
    const pass = this.#lastPass.then(() => this.#pass());
    this.#lastPass = pass.catch(() => undefined);
    return pass;
  }

  async #pass(): Promise<number> {
    const queue = this.#options.queueService.getQueueClient(this.queueName);
    const received = await queue.receiveMessages({
      numberOfMessages: this.#options.batchSize,
      visibilityTimeout: PROCESSING_VISIBILITY_SECONDS,
    });
    await Promise.all(received.receivedMessageItems.map((message) => this.#process(message)));
    this.#processed += received.receivedMessageItems.length;
    return received.receivedMessageItems.length;
  }

  async #moveToPoison(message: DequeuedMessageItem): Promise<void> {
    const poison = this.#options.queueService.getQueueClient(this.poisonQueueName);
    await poison.createIfNotExists();
    await poison.sendMessage(message.messageText);
    await this.#options.queueService
      .getQueueClient(this.queueName)
      .deleteMessage(message.messageId, message.popReceipt);
  }

  async #process(message: DequeuedMessageItem): Promise<void> {
    const queue = this.#options.queueService.getQueueClient(this.queueName);
    const name = this.#options.fn.name;
    const decoded = decodeQueueMessage(message.messageText);
    if (!decoded.ok) {
      this.#options.logger(
        'error',
        `[${name}] message ${message.messageId} is not base64; moved to ${this.poisonQueueName}`,
      );
      await this.#moveToPoison(message);
      return;
    }
    const triggerMetadata: Record<string, unknown> = {
      id: message.messageId,
      queueTrigger: decoded.text,
      dequeueCount: message.dequeueCount,
      insertionTime: message.insertedOn,
      expirationTime: message.expiresOn,
      nextVisibleTime: message.nextVisibleOn,
      popReceipt: message.popReceipt,
    };
    try {
      await this.#options.invoke(this.#options.fn, decoded.value, triggerMetadata, message.dequeueCount - 1);
      await queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      if (message.dequeueCount >= this.#options.maxDequeueCount) {
        this.#options.logger(
          'error',
          `[${name}] message ${message.messageId} failed ${message.dequeueCount} times; moved to ${this.poisonQueueName}: ${(error as Error).message}`,
        );
        await this.#moveToPoison(message);
        return;
      }
      this.#options.logger(
        'warn',
        `[${name}] message ${message.messageId} failed (dequeue ${message.dequeueCount} of ${this.#options.maxDequeueCount}); retrying: ${(error as Error).message}`,
      );
      await queue.updateMessage(
        message.messageId,
        message.popReceipt,
        message.messageText,
        Math.floor(this.#options.visibilityTimeoutMs / 1000),
      );
    }
  }
}
