import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../shared/config/settings.js';
import { logLevel, setLogLevel } from '../shared/logging/log-event.js';
import { startTelemetry } from './telemetry.js';

describe('startTelemetry', () => {
  const initial = logLevel();
  afterEach(() => {
    setLogLevel(initial);
  });

  it('stays local without a connection string and reads the log level', () => {
    expect(startTelemetry({ LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
    expect(startTelemetry({})).toEqual({ LOG_LEVEL: 'info' });
  });

  it('applies LOG_LEVEL to logEvent', () => {
    startTelemetry({ LOG_LEVEL: 'error' });
    expect(logLevel()).toBe('error');
    startTelemetry({ LOG_LEVEL: 'debug' });
    expect(logLevel()).toBe('debug');
  });

  it('refuses an unknown log level, naming the setting', () => {
    expect(() => startTelemetry({ LOG_LEVEL: 'loud' })).toThrow(ConfigurationError);
    expect(() => startTelemetry({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
