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
import { PollingListener, type PassOutcome } from './polling-listener.js';

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

export class QueueTriggerListener extends PollingListener {
  readonly #options: QueueTriggerListenerOptions;
  readonly queueName: string;
  #interval = MIN_POLLING_INTERVAL_MS;

  constructor(options: QueueTriggerListenerOptions) {
    super('queue', options.fn.name, options.logger);
    this.#options = options;
    const queueName = stringProperty(triggerOf(options.fn).binding, 'queueName');
    if (!queueName) throw new Error(`Queue trigger "${options.fn.name}" has no queueName`);
    this.queueName = queueName;
  }

  get poisonQueueName(): string {
    return `${this.queueName}-poison`;
  }

  protected async prepare(): Promise<void> {
    await this.#options.queueService.getQueueClient(this.queueName).createIfNotExists();
  }

  /** Back to the minimum after work, doubling towards maxPollingInterval while idle, the maximum after a failure. */
  protected nextDelay(outcome: PassOutcome): number {
    if (!outcome.ok) this.#interval = this.#options.maxPollingIntervalMs;
    else if (outcome.count > 0) this.#interval = MIN_POLLING_INTERVAL_MS;
    else this.#interval = Math.min(this.#interval * 2, this.#options.maxPollingIntervalMs);
    return this.#interval;
  }

  /** Receives one batch of the messages visible now and resolves once they are processed; answers how many. */
  protected async pass(): Promise<number> {
    const queue = this.#options.queueService.getQueueClient(this.queueName);
    const received = await queue.receiveMessages({
      numberOfMessages: this.#options.batchSize,
      visibilityTimeout: PROCESSING_VISIBILITY_SECONDS,
    });
    await Promise.all(received.receivedMessageItems.map((message) => this.#process(message)));
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
