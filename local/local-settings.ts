/**
 * Settings for `npm start`: local.settings.json when present (as the Functions Core Tools read it), otherwise
 * local.settings.sample.json; the process environment wins over both. The local runtime's own settings are checked
 * here; the service's settings are checked by the functions themselves when they load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadSettings } from '../shared/config/settings.js';

const localSettingsFileSchema = z.object({
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export function readLocalSettingsFile(projectRoot: string): { file: string; values: Record<string, string> } {
  const own = join(projectRoot, 'local.settings.json');
  const file = existsSync(own) ? own : join(projectRoot, 'local.settings.sample.json');
  const parsed = localSettingsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!parsed.success) throw new Error(`${file} must have a "Values" object of strings`);
  return { file, values: Object.fromEntries(Object.entries(parsed.data.Values).map(([k, v]) => [k, String(v)])) };
}

/** File values first, then the environment over them; empty strings mean "unset", as in App Service. */
export function mergeSettings(fileValues: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const merged: Record<string, string> = { ...fileValues };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}

const port = z.coerce.number().int().min(0).max(65535);

export const localRuntimeSettingsSchema = z.object({
  FUNCTIONS_MASTER_KEY: z.string().min(16, 'must be at least 16 characters'),
  PORT: port.default(7071),
  LOCAL_DATA_DIR: z.string().min(1).default('.data'),
  LOCAL_POSTGRES_PORT: port.default(5433),
  LOCAL_AZURITE_BLOB_PORT: port.default(10000),
  LOCAL_AZURITE_QUEUE_PORT: port.default(10001),
  LOCAL_IDP_PORT: port.default(7072),
  LOCAL_NOTIFY_PORT: port.default(7073),
});

export type LocalRuntimeSettings = z.infer<typeof localRuntimeSettingsSchema>;

export function loadLocalRuntimeSettings(values: Record<string, string>): LocalRuntimeSettings {
  return loadSettings(localRuntimeSettingsSchema, values);
}
