/**
 * The local Functions host as tests use it: every function this test file registered, hosted on a free port over the
 * shared Azurite, with the project's route prefix, a quiet log and quick blob polling. Options override any part.
 */
import { functionRegistry } from '../local/runtime/functions-core-shim.js';
import { parseHostConfig } from '../local/runtime/host-config.js';
import {
  startLocalFunctionsHost,
  type LocalFunctionsHost,
  type LocalFunctionsHostOptions,
} from '../local/runtime/local-functions-host.js';
import { testStorage } from './test-storage.js';

export const TEST_MASTER_KEY = 'test-master-key-123';

export interface TestHostOptions extends Partial<Omit<LocalFunctionsHostOptions, 'hostConfig'>> {
  /** host.json `extensions` for this test (the route prefix defaults to the project's ""). */
  extensions?: Record<string, unknown>;
}

export function startTestHost(options: TestHostOptions = {}): Promise<LocalFunctionsHost> {
  const { extensions, ...rest } = options;
  return startLocalFunctionsHost({
    registry: functionRegistry,
    hostConfig: parseHostConfig({ version: '2.0', extensions: { http: { routePrefix: '' }, ...extensions } }),
    env: { AzureWebJobsStorage: testStorage().connectionString },
    port: 0,
    masterKey: TEST_MASTER_KEY,
    blobPollIntervalMs: 100,
    logger: () => undefined,
    ...rest,
  });
}
