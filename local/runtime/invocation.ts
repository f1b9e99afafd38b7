/**
 * Invoking a handler as the host does: an InvocationContext built by the library's own class, trigger metadata,
 * then the function's output bindings (return value and extraOutputs) written to Storage.
 */
import { randomUUID } from 'node:crypto';
import type { InvocationContext as InvocationContextType, InvocationContextInit } from '@azure/functions';
import functions from '@azure/functions';
import type { BlobServiceClient } from '@azure/storage-blob';
import type { QueueServiceClient } from '@azure/storage-queue';
import type { BindingMetadata, RegisteredFunction } from './function-registry.js';
import { stringProperty, triggerOf } from './function-registry.js';
import { defaultLogLevels, logLevelRank, type LogLevels } from './log-levels.js';

export interface StorageAccess {
  blobService(connection: string | undefined): BlobServiceClient;
  queueService(connection: string | undefined): QueueServiceClient;
}

export type RuntimeLogger = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Info lines waiting for the end of this turn of the event loop, to go to stdout in one write. */
let pendingInfo: string[] = [];
let flushScheduled = false;

function flushInfo(): void {
  flushScheduled = false;
  if (pendingInfo.length === 0) return;
  const text = `${pendingInfo.join('\n')}\n`;
  pendingInfo = [];
  process.stdout.write(text);
}

/**
 * The local host's log on the console. Info lines (one per invocation at the default levels) are written together at
 * the end of the event loop's turn, one write for many requests under load rather than a write each; a warning or an
 * error goes out at once, after the info lines before it, and whatever is pending goes out when the process exits.
 */
export const consoleLogger: RuntimeLogger = (level, message) => {
  const line = `[${new Date().toISOString()}] ${message}`;
  if (level === 'info') {
    pendingInfo.push(line);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushInfo);
    }
    return;
  }
  flushInfo();
  if (level === 'error') console.error(line);
  else console.log(line);
};
process.on('exit', flushInfo);

const supportedOutputTypes = new Set(['http', 'queue', 'blob']);

/** Refuses, at start-up, any binding the local runtime cannot honour, rather than silently ignoring it. */
export function assertSupportedBindings(fn: RegisteredFunction): void {
  for (const [name, binding] of Object.entries(fn.bindings)) {
    if (binding.direction === 'in' && !binding.type.endsWith('Trigger')) {
      throw new Error(
        `Function "${fn.name}": input binding "${name}" of type "${binding.type}" is not supported by the local runtime`,
      );
    }
    if (binding.direction !== 'in' && !supportedOutputTypes.has(binding.type)) {
      throw new Error(
        `Function "${fn.name}": output binding "${name}" of type "${binding.type}" is not supported by the local runtime`,
      );
    }
  }
}

/** Binding expressions: {name} from trigger metadata, {rand-guid}, {DateTime}, and %SETTING% from app settings. */
export function resolveBindingExpression(
  template: string,
  triggerMetadata: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return template
    .replace(/%([A-Za-z0-9_]+)%/g, (_, setting: string) => {
      const value = env[setting];
      if (value === undefined)
        throw new Error(`Binding expression names the app setting "${setting}", which is not set`);
      return value;
    })
    .replace(/\{([A-Za-z0-9_-]+)\}/g, (_, key: string) => {
      if (key === 'rand-guid') return randomUUID();
      if (key === 'DateTime') return new Date().toISOString();
      const value = triggerMetadata[key];
      if (value === undefined || value === null)
        throw new Error(`Binding expression {${key}} has no value in the trigger data`);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
}

/** What the context's `options` say of a function: fixed per function, so worked out once, not per invocation. */
const contextOptionsByFunction = new WeakMap<RegisteredFunction, InvocationContextInit['options']>();

function contextOptionsOf(fn: RegisteredFunction): InvocationContextInit['options'] {
  let options = contextOptionsByFunction.get(fn);
  if (!options) {
    const trigger = triggerOf(fn);
    const returnBinding = fn.bindings.$return;
    options = {
      trigger: { ...trigger.binding, name: trigger.bindingName, type: trigger.binding.type },
      return: returnBinding ? { ...returnBinding, name: '$return', type: returnBinding.type } : undefined,
      extraInputs: Object.entries(fn.bindings)
        .filter(([, b]) => b.direction === 'in' && !b.type.endsWith('Trigger'))
        .map(([name, b]) => ({ ...b, name, type: b.type })),
      extraOutputs: Object.entries(fn.bindings)
        .filter(([name, b]) => b.direction !== 'in' && name !== '$return')
        .map(([name, b]) => ({ ...b, name, type: b.type })),
    };
    contextOptionsByFunction.set(fn, options);
  }
  return options;
}

export function createInvocationContext(
  fn: RegisteredFunction,
  init: {
    invocationId?: string;
    triggerMetadata?: Record<string, unknown>;
    retryCount?: number;
    maxRetryCount?: number;
  },
  logger: RuntimeLogger,
  logLevels: LogLevels = defaultLogLevels,
): InvocationContextType {
  const userLevel = logLevels.levelFor(`Function.${fn.name}.User`);
  const contextInit: InvocationContextInit = {
    invocationId: init.invocationId ?? randomUUID(),
    functionName: fn.name,
    triggerMetadata: init.triggerMetadata ?? {},
    retryContext:
      init.retryCount === undefined
        ? undefined
        : { retryCount: init.retryCount, maxRetryCount: init.maxRetryCount ?? 0 },
    options: contextOptionsOf(fn),
    logHandler: (level, ...args) => {
      // As the Functions host filters them: by host.json's logging.logLevel for the category Function.<name>.User.
      if (logLevelRank[level] < userLevel) return;
      const text = args
        .map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a)))
        .join(' ');
      const mapped = level === 'error' || level === 'critical' ? 'error' : level === 'warning' ? 'warn' : 'info';
      logger(mapped, `[${fn.name}] ${text}`);
    },
  };
  return new functions.InvocationContext(contextInit);
}

/** The output bindings the host writes after a function returns (HTTP outputs are the HTTP response). */
const outputBindingsByFunction = new WeakMap<RegisteredFunction, [string, BindingMetadata][]>();

function toMessageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return JSON.stringify(value);
}

async function writeOutput(
  binding: BindingMetadata,
  value: unknown,
  triggerMetadata: Record<string, unknown>,
  storage: StorageAccess,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  if (value === undefined || value === null) return;
  const connection = stringProperty(binding, 'connection');
  if (binding.type === 'queue') {
    const queueName = resolveBindingExpression(stringProperty(binding, 'queueName') ?? '', triggerMetadata, env);
    const queue = storage.queueService(connection).getQueueClient(queueName);
    await queue.createIfNotExists();
    const messages = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const message of messages) {
      // The host writes queue messages base64-encoded (messageEncoding: base64).
      await queue.sendMessage(Buffer.from(toMessageText(message), 'utf8').toString('base64'));
    }
    return;
  }
  if (binding.type === 'blob') {
    const path = resolveBindingExpression(stringProperty(binding, 'path') ?? '', triggerMetadata, env);
    const slash = path.indexOf('/');
    if (slash < 1) throw new Error(`Blob output path "${path}" must be container/blob`);
    const container = storage.blobService(connection).getContainerClient(path.slice(0, slash));
    await container.createIfNotExists();
    const body = Buffer.isBuffer(value) ? value : Buffer.from(toMessageText(value), 'utf8');
    await container.getBlockBlobClient(path.slice(slash + 1)).uploadData(body);
  }
}

/** Writes the return value (non-HTTP functions) and every extra output the handler set. */
export async function writeOutputBindings(
  fn: RegisteredFunction,
  context: InvocationContextType,
  returnValue: unknown,
  triggerMetadata: Record<string, unknown>,
  storage: StorageAccess,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  let outputs = outputBindingsByFunction.get(fn);
  if (!outputs) {
    outputs = Object.entries(fn.bindings).filter(
      ([, binding]) => binding.direction !== 'in' && binding.type !== 'http',
    );
    outputBindingsByFunction.set(fn, outputs);
  }
  for (const [name, binding] of outputs) {
    const value = name === '$return' ? returnValue : context.extraOutputs.get(name);
    await writeOutput(binding, value, triggerMetadata, storage, env);
  }
}
