import { afterEach, describe, expect, it } from 'vitest';
import { logEvent, logLevel, observeLoggedEvents, setLogLevel, type EventLogger } from './log-event.js';

function recordingLogger(): EventLogger & { lines: { level: string; entry: unknown }[] } {
  const lines: { level: string; entry: unknown }[] = [];
  const at = (level: string) => (entry: unknown) => lines.push({ level, entry });
  return { invocationId: 'inv-1', lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('logEvent', () => {
  const initial = logLevel();
  afterEach(() => {
    setLogLevel(initial);
  });

  it('writes the code and the invocation id with the fields, at the catalogued level', () => {
    const logger = recordingLogger();
    logEvent(logger, 'warn', 'LOCATION_DELETE_DENIED', { userId: 'u1', locationId: 7 });
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        entry: { event: 'LOCATION_DELETE_DENIED', invocationId: 'inv-1', userId: 'u1', locationId: 7 },
      },
    ]);
  });

  it('lets no field override the code or the invocation id', () => {
    const logger = recordingLogger();
    logEvent(logger, 'info', 'PUBLICATION_DELETED', { event: 'OTHER', invocationId: 'forged', artefactId: 'a' });
    expect(logger.lines[0]?.entry).toEqual({ event: 'PUBLICATION_DELETED', invocationId: 'inv-1', artefactId: 'a' });
  });

  it('drops events below LOG_LEVEL and keeps those at or above it', () => {
    const logger = recordingLogger();
    setLogLevel('warn');
    logEvent(logger, 'info', 'PUBLICATION_DELETED', { artefactId: 'a' });
    logEvent(logger, 'warn', 'PUBLICATION_RETRY', { submissionId: 's' });
    logEvent(logger, 'error', 'PUBLICATION_BLOB_MISSING', { artefactId: 'a' });
    expect(logger.lines.map((line) => line.level)).toEqual(['warn', 'error']);

    setLogLevel('error');
    logEvent(logger, 'warn', 'PUBLICATION_RETRY', { submissionId: 's' });
    expect(logger.lines).toHaveLength(2);

    setLogLevel('debug');
    logEvent(logger, 'info', 'PUBLICATION_DELETED', { artefactId: 'a' });
    expect(logger.lines).toHaveLength(3);
  });

  it('refuses, by type, a code not catalogued or a level other than the catalogue gives it (tsc checks this)', () => {
    const logger = recordingLogger();
    const refused = () => {
      // @ts-expect-error PUBLICATION_BLOB_MISSING is an error, never an info
      logEvent(logger, 'info', 'PUBLICATION_BLOB_MISSING');
      // @ts-expect-error not a catalogued code
      logEvent(logger, 'info', 'NOT_A_CODE');
    };
    expect(refused).toBeTypeOf('function');
  });

  it('gives the observer every event with its fields, whatever LOG_LEVEL, and survives an observer that throws', () => {
    const logger = recordingLogger();
    const observed: unknown[] = [];
    observeLoggedEvents((code, fields) => observed.push({ code, fields }));
    try {
      setLogLevel('error');
      logEvent(logger, 'info', 'PUBLICATION_DELETED', { artefactId: 'a' });
      expect(observed).toEqual([
        {
          code: 'PUBLICATION_DELETED',
          fields: { event: 'PUBLICATION_DELETED', invocationId: 'inv-1', artefactId: 'a' },
        },
      ]);
      expect(logger.lines).toEqual([]);

      observeLoggedEvents(() => {
        throw new Error('telemetry down');
      });
      logEvent(logger, 'error', 'PUBLICATION_BLOB_MISSING', { artefactId: 'a' });
      expect(logger.lines.map((line) => line.level)).toEqual(['error']);
    } finally {
      observeLoggedEvents(undefined);
    }
  });
});
