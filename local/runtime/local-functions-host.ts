/**
 * The local Functions host: hosts every function registered through `app.*` with the trigger semantics Azure uses,
 * over real Azure Storage (Azurite locally). Never deployed; production runs on the Azure Functions host.
 */
import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { blobWebhookRoute, EventGridBlobTriggerListener, isEventGridBlobTrigger } from './event-grid-blob-listener.js';
import { systemClock, type Clock } from './clock.js';
import { readEdgeRoutes, type StaticRouteTable } from './edge-routes.js';
import type { FunctionRegistry, RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import type { HostConfig } from './host-config.js';
import { startHttpListener, type HttpListener, type LocalRoute } from './http-listener.js';
import {
  assertSupportedBindings,
  consoleLogger,
  createInvocationContext,
  writeOutputBindings,
  type RuntimeLogger,
  type StorageAccess,
} from './invocation.js';
import { logLevelRank, logLevels } from './log-levels.js';
import { decodeQueueMessage, QueueTriggerListener } from './queue-trigger-listener.js';
import { TimerTriggerScheduler, type TimerInput } from './timer-trigger-scheduler.js';

export interface LocalFunctionsHostOptions {
  registry: FunctionRegistry;
  hostConfig: HostConfig;
  /** App settings as the functions see them; binding `connection` names and %SETTING% expressions resolve here. */
  env: Readonly<Record<string, string | undefined>>;
  host?: string;
  port?: number;
  masterKey: string;
  /** The static origin's files (web-static/), served for the paths of `staticRoutes`. */
  staticRoot?: string;
  /** The paths Front Door sends to the static origin; by default bicep/edge-routes.json's, read at start. */
  staticRoutes?: StaticRouteTable;
  localRoutes?: LocalRoute[];
  clock?: Clock;
  /** How often the stand-in Event Grid topic lists blob containers for new blob versions. */
  blobPollIntervalMs?: number;
  maxRequestBodyBytes?: number;
  logger?: RuntimeLogger;
}

export interface LocalFunctionsHost {
  url: string;
  port: number;
  functions: RegisteredFunction[];
  http: HttpListener;
  /** Blob triggers, all Event Grid ones (`source: 'EventGrid'`, as Flex Consumption runs them). */
  blobListeners: EventGridBlobTriggerListener[];
  queueListeners: QueueTriggerListener[];
  timers: Map<string, TimerTriggerScheduler>;
  /** Runs a non-HTTP function now, as `POST /admin/functions/{name}` does, and waits for it. */
  runOnDemand(name: string, input: string): Promise<void>;
  /**
   * Processes everything there is to process now and resolves when it is done, so a test can act, drain, assert:
   * every blob version without a receipt, every queue message visible now, and whatever those invocations write to
   * watched containers and queues in turn, until a round of every listener finds nothing. Work the background
   * polling has in hand is finished first. Admin API runs still going are waited for. Timers are not fired (move
   * the clock); a failed message that its visibility timeout hides is not retried until it shows again.
   */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Rounds of polling one drain may take before it gives up: each round is one chain link (blob, queue, ...). */
const MAX_DRAIN_ROUNDS = 100;

function connectionStringFor(connection: string | undefined, env: LocalFunctionsHostOptions['env']): string {
  const setting = connection && connection !== '' ? connection : 'AzureWebJobsStorage';
  const value = env[setting];
  if (!value) throw new Error(`Storage connection "${setting}" is not set`);
  return value;
}

export async function startLocalFunctionsHost(options: LocalFunctionsHostOptions): Promise<LocalFunctionsHost> {
  const logger = options.logger ?? consoleLogger;
  const env = options.env;
  const functions = options.registry.all();
  const levels = logLevels(options.hostConfig.logging.logLevel, env);
  functions.forEach(assertSupportedBindings);

  const blobClients = new Map<string, BlobServiceClient>();
  const queueClients = new Map<string, QueueServiceClient>();
  const storage: StorageAccess = {
    blobService(connection) {
      const cs = connectionStringFor(connection, env);
      let client = blobClients.get(cs);
      if (!client) blobClients.set(cs, (client = BlobServiceClient.fromConnectionString(cs)));
      return client;
    },
    queueService(connection) {
      const cs = connectionStringFor(connection, env);
      let client = queueClients.get(cs);
      if (!client) queueClients.set(cs, (client = QueueServiceClient.fromConnectionString(cs)));
      return client;
    },
  };

  /** One invocation: context, handler, output bindings. Throws what the handler throws. */
  const invoke = async (
    fn: RegisteredFunction,
    input: unknown,
    triggerMetadata: Record<string, unknown>,
    retryCount?: number,
  ): Promise<unknown> => {
    const context = createInvocationContext(
      fn,
      {
        triggerMetadata,
        retryCount,
        maxRetryCount: retryCount === undefined ? undefined : options.hostConfig.extensions.queues.maxDequeueCount - 1,
      },
      logger,
      levels,
    );
    // The host's own lines for an invocation are in the category Function.<name>, filtered by host.json's levels.
    const hostLevel = levels.levelFor(`Function.${fn.name}`);
    const started = hostLevel <= logLevelRank.information ? performance.now() : 0;
    try {
      const result: unknown = await fn.handler(input, context);
      await writeOutputBindings(fn, context, result, triggerMetadata, storage, env);
      if (hostLevel <= logLevelRank.information) {
        logger(
          'info',
          `[${fn.name}] succeeded (id ${context.invocationId}, ${Math.round(performance.now() - started)} ms)`,
        );
      }
      return result;
    } catch (error) {
      if (hostLevel <= logLevelRank.error) {
        logger('error', `[${fn.name}] failed (id ${context.invocationId}): ${(error as Error).stack ?? String(error)}`);
      }
      throw error;
    }
  };

  const queuesConfig = options.hostConfig.extensions.queues;
  const blobListeners: EventGridBlobTriggerListener[] = [];
  const queueListeners: QueueTriggerListener[] = [];
  const timers = new Map<string, TimerTriggerScheduler>();
  // Timers run in UTC, as on Flex Consumption, which does not honour WEBSITE_TIME_ZONE: UK-time work decides in its
  // handler (e.g. the daily digest).
  const timeZone = 'UTC';

  for (const fn of functions) {
    const trigger = triggerOf(fn).binding;
    const connection = stringProperty(trigger, 'connection');
    switch (trigger.type) {
      case 'httpTrigger':
        break;
      case 'blobTrigger':
        if (!isEventGridBlobTrigger(fn)) {
          // As on Flex Consumption, which runs no polling blob trigger.
          throw new Error(`Blob trigger "${fn.name}" must have source: 'EventGrid' (Flex Consumption runs no other)`);
        }
        blobListeners.push(
          new EventGridBlobTriggerListener({
            fn,
            blobService: storage.blobService(connection),
            queueService: storage.queueService(connection),
            maxDequeueCount: queuesConfig.maxDequeueCount,
            visibilityTimeoutMs: queuesConfig.visibilityTimeout,
            clock: options.clock ?? systemClock,
            maxDegreeOfParallelism: options.hostConfig.extensions.blobs.maxDegreeOfParallelism,
            pollIntervalMs: options.blobPollIntervalMs ?? 500,
            logger,
            invoke: async (f, content, metadata, retry) => {
              await invoke(f, content, metadata, retry);
            },
          }),
        );
        break;
      case 'queueTrigger':
        queueListeners.push(
          new QueueTriggerListener({
            fn,
            queueService: storage.queueService(connection),
            maxDequeueCount: queuesConfig.maxDequeueCount,
            visibilityTimeoutMs: queuesConfig.visibilityTimeout,
            maxPollingIntervalMs: queuesConfig.maxPollingInterval,
            batchSize: queuesConfig.batchSize,
            logger,
            invoke: async (f, value, metadata, retry) => {
              await invoke(f, value, metadata, retry);
            },
          }),
        );
        break;
      case 'timerTrigger':
        timers.set(
          fn.name,
          new TimerTriggerScheduler({
            fn,
            clock: options.clock ?? systemClock,
            timeZone,
            logger,
            invoke: async (f, timer: TimerInput) => {
              await invoke(f, timer, {});
            },
          }),
        );
        break;
      default:
        throw new Error(`Function "${fn.name}": trigger type "${trigger.type}" is not supported by the local runtime`);
    }
  }

  /** Admin API runs answer 202 at once and go on; drain waits for them. */
  const onDemandRuns = new Set<Promise<void>>();

  const runOnDemand = async (name: string, input: string): Promise<void> => {
    const fn = options.registry.get(name);
    if (!fn) throw new Error(`No function named "${name}"`);
    const trigger = triggerOf(fn).binding;
    switch (trigger.type) {
      case 'timerTrigger': {
        const timer = timers.get(name);
        if (!timer) throw new Error(`Timer "${name}" is not scheduled`);
        await timer.runNow();
        return;
      }
      case 'queueTrigger': {
        const base64 = Buffer.from(input, 'utf8').toString('base64');
        const decoded = decodeQueueMessage(base64);
        await invoke(fn, decoded.ok ? decoded.value : input, {
          id: randomUUID(),
          queueTrigger: input,
          dequeueCount: 1,
        });
        return;
      }
      case 'blobTrigger': {
        // Input is the blob's path, "container/blob name", as for the Azure admin API.
        const slash = input.indexOf('/');
        if (slash < 1) throw new Error(`Input "${input}" must be a blob path: container/blob`);
        const containerName = input.slice(0, slash);
        const blobName = input.slice(slash + 1);
        const blob = storage
          .blobService(stringProperty(trigger, 'connection'))
          .getContainerClient(containerName)
          .getBlobClient(blobName);
        const [content, properties] = await Promise.all([blob.downloadToBuffer(), blob.getProperties()]);
        await invoke(fn, content, {
          name: blobName,
          blobTrigger: input,
          uri: blob.url,
          properties: {
            contentType: properties.contentType,
            contentLength: properties.contentLength,
            eTag: properties.etag,
          },
          metadata: properties.metadata ?? {},
        });
        return;
      }
      default:
        throw new Error(`"${name}" is HTTP-triggered: call its route instead`);
    }
  };

  const http = await startHttpListener({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 7071,
    routePrefix: options.hostConfig.extensions.http.routePrefix,
    functions,
    masterKey: options.masterKey,
    maxRequestBodyBytes: options.maxRequestBodyBytes ?? 100 * 1024 * 1024,
    staticSite:
      options.staticRoot === undefined
        ? undefined
        : { root: options.staticRoot, routes: options.staticRoutes ?? readEdgeRoutes() },
    localRoutes: [...(options.localRoutes ?? []), blobWebhookRoute(blobListeners, options.masterKey)],
    invokeHttp: (fn, request: HttpRequest, triggerMetadata) => invoke(fn, request, triggerMetadata),
    runNonHttpFunction(name, input) {
      const fn = options.registry.get(name);
      if (!fn) return 'not-found';
      if (triggerOf(fn).binding.type === 'httpTrigger') return 'http-function';
      const run = runOnDemand(name, input).catch((error: unknown) => {
        logger('error', `[${name}] on-demand run failed: ${(error as Error).message}`);
      });
      onDemandRuns.add(run);
      void run.finally(() => onDemandRuns.delete(run));
      return 'accepted';
    },
    listFunctions: () => functions.map((fn) => ({ name: fn.name, trigger: triggerOf(fn).binding.type })),
  });

  try {
    await Promise.all([...blobListeners.map((l) => l.start()), ...queueListeners.map((l) => l.start())]);
  } catch (error) {
    await http.stop();
    throw error;
  }
  timers.forEach((t) => {
    t.start();
  });

  const drain = async (): Promise<void> => {
    const listeners = [...blobListeners, ...queueListeners];
    const processedSoFar = () => listeners.reduce((total, l) => total + l.processed, 0);
    for (let round = 1; ; round += 1) {
      await Promise.all([...onDemandRuns]);
      // Work the background polling finished while this round waited for it counts too: its outputs (a queue
      // message a blob trigger wrote, say) may have landed after another listener's pass of this round had looked.
      const before = processedSoFar();
      await Promise.all(listeners.map((l) => l.pollOnce()));
      if (processedSoFar() === before && onDemandRuns.size === 0) return;
      if (round === MAX_DRAIN_ROUNDS) {
        throw new Error(`drain: still finding work after ${MAX_DRAIN_ROUNDS} rounds (a function that feeds itself?)`);
      }
    }
  };

  return {
    url: http.url,
    port: http.port,
    functions,
    http,
    blobListeners,
    queueListeners,
    timers,
    runOnDemand,
    drain,
    async stop() {
      await http.stop();
      await Promise.all([
        ...blobListeners.map((l) => l.stop()),
        ...queueListeners.map((l) => l.stop()),
        ...[...timers.values()].map((t) => t.stop()),
      ]);
    },
  };
}
