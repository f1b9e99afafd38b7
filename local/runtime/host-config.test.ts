import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseHostConfig, parseTimeSpan } from './host-config.js';

describe('host.json', () => {
  it('fills in the Functions host defaults', () => {
    expect(parseHostConfig({ version: '2.0' }).extensions).toEqual({
      http: { routePrefix: 'api' },
      queues: { maxDequeueCount: 5, visibilityTimeout: 0, maxPollingInterval: 60_000, batchSize: 16 },
      blobs: { maxDegreeOfParallelism: 8 },
    });
  });

  it("reads the project's host.json: API under /api/ with the UI at the root", async () => {
    const config = parseHostConfig(JSON.parse(await readFile(new URL('../../host.json', import.meta.url), 'utf8')));
    expect(config.extensions.http.routePrefix).toBe('');
    expect(config.extensions.queues.maxDequeueCount).toBe(5);
  });

  it('rejects a malformed host.json, naming the field', () => {
    expect(() => parseHostConfig({ version: '1.0' })).toThrow(/version/);
    expect(() => parseHostConfig({ version: '2.0', extensions: { queues: { visibilityTimeout: 'soon' } } })).toThrow(
      /extensions.queues.visibilityTimeout/,
    );
  });

  it('parses .NET TimeSpans', () => {
    expect(parseTimeSpan('00:00:10')).toBe(10_000);
    expect(parseTimeSpan('1.02:00:00')).toBe(26 * 3600 * 1000);
    expect(parseTimeSpan('00:00:00.250')).toBe(250);
  });
});
