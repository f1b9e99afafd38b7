/**
 * Production wiring: the real dependencies every function handler receives, built once per process (one pool,
 * one pair of storage clients) from settings validated at start-up. Tests build their own and pass them in.
 */
import { createDatabase, type Database } from '../shared/db/database.js';
import {
  databaseSettingsSchema,
  loadSettings,
  storageSettingsSchema,
  type DatabaseSettings,
  type StorageSettings,
} from '../shared/config/settings.js';
import { createStorageClients, type StorageClients } from '../shared/storage/storage-clients.js';
import { startTelemetry } from './telemetry.js';

export interface CoreDependencies {
  database: Database;
  storage: StorageClients;
}

let settings: { database: DatabaseSettings; storage: StorageSettings } | undefined;
let core: CoreDependencies | undefined;

/** Validates the core settings; called at module load by every function so a bad setting stops start-up. */
export function coreSettings(): { database: DatabaseSettings; storage: StorageSettings } {
  if (!settings) startTelemetry();
  settings ??= {
    database: loadSettings(databaseSettingsSchema, process.env),
    storage: loadSettings(storageSettingsSchema, process.env),
  };
  return settings;
}

export function coreDependencies(): CoreDependencies {
  if (!core) {
    const { database, storage } = coreSettings();
    core = { database: createDatabase(database), storage: createStorageClients(storage) };
  }
  return core;
}
