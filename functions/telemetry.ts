/**
 * Application Insights: when a connection string is set (in Azure), the SDK sends requests, dependencies (PostgreSQL,
 * Storage, Notify) and exceptions; the Functions host already sends each invocation's logs. Locally it stays off.
 */
import { useAzureMonitor } from 'applicationinsights';
import { loadSettings, observabilitySettingsSchema, type ObservabilitySettings } from '../shared/config/settings.js';

let started = false;

export function startTelemetry(env: Readonly<Record<string, string | undefined>> = process.env): ObservabilitySettings {
  const settings = loadSettings(observabilitySettingsSchema, env);
  const connectionString = settings.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!started && connectionString) {
    useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
    started = true;
  }
  return settings;
}
