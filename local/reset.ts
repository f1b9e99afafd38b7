/**
 * `npm run reset`: deletes what `npm start` keeps (LOCAL_DATA_DIR, `.data/` by default: the embedded PostgreSQL's
 * files and Azurite's blobs and queues). Stop `npm start` first. `npm start -- --fresh` does the same, then starts.
 */
import { fileURLToPath } from 'node:url';
import { dataDirectories, displayPath, wipeDataDirectory } from './data-dir.js';
import { loadLocalRuntimeSettings, mergeSettings, readLocalSettingsFile } from './local-settings.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

try {
  const values = mergeSettings(readLocalSettingsFile(projectRoot).values, process.env);
  const { root } = dataDirectories(projectRoot, loadLocalRuntimeSettings(values).LOCAL_DATA_DIR);
  const wiped = await wipeDataDirectory(projectRoot, root);
  console.log(
    wiped ? `Deleted ${displayPath(projectRoot, root)}: the next npm start begins empty.` : `Nothing to delete.`,
  );
} catch (error) {
  console.error(`npm run reset failed: ${(error as Error).message}`);
  process.exit(1);
}
