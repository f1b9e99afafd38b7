import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../shared/config/settings.js';
import { startTelemetry } from './telemetry.js';

describe('startTelemetry', () => {
  it('stays local without a connection string and reads the log level', () => {
    expect(startTelemetry({ LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
    expect(startTelemetry({})).toEqual({ LOG_LEVEL: 'info' });
  });

  it('refuses an unknown log level, naming the setting', () => {
    expect(() => startTelemetry({ LOG_LEVEL: 'loud' })).toThrow(ConfigurationError);
    expect(() => startTelemetry({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
