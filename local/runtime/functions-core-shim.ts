/**
 * The seam the real Functions host uses: `@azure/functions` asks for the module `@azure/functions-core`, which the
 * Node worker provides inside Azure. Locally we provide it, so that every `app.http/storageBlob/storageQueue/timer`
 * call in production code registers here with the same metadata the host would read. Production code is unchanged.
 * Must be installed before `@azure/functions` is first loaded.
 */
import Module from 'node:module';
import { FunctionRegistry, type FunctionHandler, type RegisteredFunction } from './function-registry.js';

/** The process-wide registry: the library caches the core API it finds, so there is one per process, as in Azure. */
export const functionRegistry = new FunctionRegistry();

type HookCallback = (context: unknown) => unknown;
const hooks = new Map<string, Set<HookCallback>>();

export function registeredHooks(hookName: string): HookCallback[] {
  return [...(hooks.get(hookName) ?? [])];
}

const functionsCore = {
  version: 'local',
  hostVersion: '4.local',
  registerFunction(metadata: Omit<RegisteredFunction, 'handler'>, handler: FunctionHandler) {
    functionRegistry.register({ ...metadata, handler });
    return { dispose: () => undefined };
  },
  registerHook(hookName: string, callback: HookCallback) {
    const set = hooks.get(hookName) ?? new Set<HookCallback>();
    set.add(callback);
    hooks.set(hookName, set);
    return { dispose: () => set.delete(callback) };
  },
  setProgrammingModel(_model: unknown) {
    // The local runtime invokes handlers directly with the library's own request/context classes.
  },
  getProgrammingModel() {
    return undefined;
  },
  log(level: string, _category: string, message: string) {
    if (level === 'error' || level === 'warning') console.error(`[functions] ${level}: ${message}`);
  },
};

let installed = false;

export function installFunctionsCore(): FunctionRegistry {
  if (installed) return functionRegistry;
  const moduleWithLoad = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const originalLoad = moduleWithLoad._load.bind(Module);
  moduleWithLoad._load = (request, parent, isMain) =>
    request === '@azure/functions-core' ? functionsCore : originalLoad(request, parent, isMain);
  installed = true;
  return functionRegistry;
}
