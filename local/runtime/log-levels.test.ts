/** host.json's logging.logLevel, as the Functions host applies it to the invocation lines and a function's own logs. */
import functions from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionRegistry } from './functions-core-shim.js';
import { parseHostConfig } from './host-config.js';
import { startLocalFunctionsHost, type LocalFunctionsHost } from './local-functions-host.js';
import { logLevelRank, logLevels } from './log-levels.js';
import { testStorage } from '../../test-support/test-storage.js';
import { TEST_MASTER_KEY } from '../../test-support/test-host.js';

describe('log levels', () => {
  it('take the most specific category configured, then default, then Information', () => {
    const levels = logLevels({ default: 'Warning', Function: 'Error', 'Function.feed.User': 'Information' });
    expect(levels.levelFor('Function.feed.User')).toBe(logLevelRank.information);
    expect(levels.levelFor('Function.feed')).toBe(logLevelRank.error);
    expect(levels.levelFor('Function.other.User')).toBe(logLevelRank.error);
    expect(levels.levelFor('Host.Results')).toBe(logLevelRank.warning);
    expect(logLevels().levelFor('Function.feed')).toBe(logLevelRank.information);
    // A category is matched whole, segment by segment: "Functions" is not under "Function".
    expect(logLevels({ Function: 'None' }).levelFor('Functions.x')).toBe(logLevelRank.information);
  });

  it('are overridden by AzureFunctionsJobHost__logging__logLevel__<category> app settings, as in Azure', () => {
    const levels = logLevels(
      { Function: 'Information' },
      { AzureFunctionsJobHost__logging__logLevel__Function: 'warning', OTHER: 'x' },
    );
    expect(levels.levelFor('Function.feed')).toBe(logLevelRank.warning);
  });

  it('refuse a level that is not one, naming where it was', () => {
    expect(() => logLevels({ Function: 'Verbose' })).toThrow(/host\.json logging\.logLevel\.Function: "Verbose"/);
    expect(() => logLevels({}, { AzureFunctionsJobHost__logging__logLevel__default: 'loud' })).toThrow(
      /AzureFunctionsJobHost__logging__logLevel__default: "loud"/,
    );
  });
});

describe('the local host with host.json levels', () => {
  const lines: string[] = [];
  const defaultLines: string[] = [];
  let quiet: LocalFunctionsHost;
  let chatty: LocalFunctionsHost;

  beforeAll(async () => {
    functions.app.http('chatty', {
      route: 'chatty',
      authLevel: 'anonymous',
      handler: (_request, context) => {
        context.debug('a debug line');
        context.info('an info line');
        context.warn('a warning');
        return { status: 200 };
      },
    });
    quiet = await startLocalFunctionsHost({
      registry: functionRegistry,
      hostConfig: parseHostConfig({
        version: '2.0',
        logging: { logLevel: { 'Function.chatty': 'Warning', 'Function.chatty.User': 'Information' } },
        extensions: { http: { routePrefix: '' } },
      }),
      env: { AzureWebJobsStorage: testStorage().connectionString },
      port: 0,
      masterKey: TEST_MASTER_KEY,
      logger: (_level, message) => lines.push(message),
    });
    chatty = await startLocalFunctionsHost({
      registry: functionRegistry,
      hostConfig: parseHostConfig({ version: '2.0', extensions: { http: { routePrefix: '' } } }),
      env: { AzureWebJobsStorage: testStorage().connectionString },
      port: 0,
      masterKey: TEST_MASTER_KEY,
      logger: (_level, message) => defaultLines.push(message),
    });
  });

  afterAll(async () => {
    await Promise.all([quiet.stop(), chatty.stop()]);
  });

  it("write a function's own logs at or above its level, and the host's invocation line only when allowed", async () => {
    expect((await fetch(`${quiet.url}/chatty`)).status).toBe(200);
    expect(lines).toEqual(['[chatty] an info line', '[chatty] a warning']);
  });

  it('write Information and above by default, with the invocation line, as the Functions host does', async () => {
    expect((await fetch(`${chatty.url}/chatty`)).status).toBe(200);
    expect(defaultLines).toEqual([
      '[chatty] an info line',
      '[chatty] a warning',
      expect.stringMatching(/^\[chatty\] succeeded \(id [0-9a-f-]{36}, \d+ ms\)$/),
    ]);
  });
});
