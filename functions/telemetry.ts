/**
 * Start-up observability, in one place (called once by functions/dependencies.ts): LOG_LEVEL is applied to logEvent,
 * and when a connection string is set (in Azure) Application Insights sends requests, dependencies (PostgreSQL,
 * Storage, Notify) and exceptions; the Functions host already sends each invocation's logs. Locally it stays off.
 */
import { useAzureMonitor } from 'applicationinsights';
import { loadSettings, observabilitySettingsSchema, type ObservabilitySettings } from '../shared/config/settings.js';
import { setLogLevel } from '../shared/logging/log-event.js';

let started = false;

export function startTelemetry(env: Readonly<Record<string, string | undefined>> = process.env): ObservabilitySettings {
  const settings = loadSettings(observabilitySettingsSchema, env);
  setLogLevel(settings.LOG_LEVEL);
  const connectionString = settings.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!started && connectionString) {
    useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
    started = true;
  }
  return settings;
}
