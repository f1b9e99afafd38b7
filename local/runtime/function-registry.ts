/**
 * What the local runtime knows of each function: exactly the metadata `@azure/functions` hands to the Functions host
 * (name, bindings with type/direction/route/path/queueName/schedule/connection, retry options) and the handler.
 */

export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out' | 'inout';
  name?: string;
  [property: string]: unknown;
}

export type FunctionHandler = (triggerInput: unknown, context: unknown) => unknown;

export interface RegisteredFunction {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
  handler: FunctionHandler;
}

export interface TriggerInfo {
  bindingName: string;
  binding: BindingMetadata;
}

export class FunctionRegistry {
  readonly #functions = new Map<string, RegisteredFunction>();

  register(fn: RegisteredFunction): void {
    if (this.#functions.has(fn.name)) {
      throw new Error(`A function named "${fn.name}" is already registered; function names must be unique in an app`);
    }
    const triggers = Object.values(fn.bindings).filter((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
    if (triggers.length !== 1) {
      throw new Error(`Function "${fn.name}" must have exactly one trigger binding, found ${triggers.length}`);
    }
    this.#functions.set(fn.name, fn);
  }

  get(name: string): RegisteredFunction | undefined {
    return this.#functions.get(name);
  }

  all(): RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  clear(): void {
    this.#functions.clear();
  }
}

export function triggerOf(fn: RegisteredFunction): TriggerInfo {
  for (const [bindingName, binding] of Object.entries(fn.bindings)) {
    if (binding.direction === 'in' && binding.type.endsWith('Trigger')) return { bindingName, binding };
  }
  throw new Error(`Function "${fn.name}" has no trigger binding`);
}

export function stringProperty(binding: BindingMetadata, property: string): string | undefined {
  const value = binding[property];
  return typeof value === 'string' ? value : undefined;
}
