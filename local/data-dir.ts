/**
 * Where `npm start` keeps what it must not lose on a restart: the embedded PostgreSQL's files (`pglite/`) and
 * Azurite's blobs and queues (`azurite/`), both under LOCAL_DATA_DIR (`.data/` in the project by default), so a
 * publication's row and its blob live and go together. `npm start -- --fresh` and `npm run reset` wipe the folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, parse, relative, resolve, sep } from 'node:path';
import { newScreenLinkKeysSetting } from '../shared/publications/access/screen-links.js';

export interface DataDirectories {
  root: string;
  postgres: string;
  azurite: string;
  /** The screen link keys npm start made when SCREEN_LINK_KEYS is empty: kept, so screen links survive a restart. */
  screenLinkKeys: string;
  /** The same for UNSUBSCRIBE_LINK_KEYS: links in emails already sent keep working after a restart. */
  unsubscribeLinkKeys: string;
}

export function dataDirectories(projectRoot: string, localDataDir: string): DataDirectories {
  const root = resolve(projectRoot, localDataDir);
  return {
    root,
    postgres: resolve(root, 'pglite'),
    azurite: resolve(root, 'azurite'),
    screenLinkKeys: resolve(root, 'screen-link-keys.json'),
    unsubscribeLinkKeys: resolve(root, 'unsubscribe-link-keys.json'),
  };
}

/**
 * Deletes the data folder and everything in it. Refuses a folder that is the file system's root, the project itself
 * or one of the project's parents: a mistyped LOCAL_DATA_DIR must not wipe the checkout.
 */
export async function wipeDataDirectory(projectRoot: string, dataRoot: string): Promise<boolean> {
  const target = resolve(dataRoot);
  const project = resolve(projectRoot);
  const fromTargetToProject = relative(target, project);
  const containsProject = fromTargetToProject === '' || !fromTargetToProject.startsWith('..');
  if (target === parse(target).root || containsProject) {
    throw new Error(`Refusing to wipe ${target}: it is the project folder or contains it (LOCAL_DATA_DIR)`);
  }
  if (!existsSync(target)) return false;
  await rm(target, { recursive: true, force: true });
  return true;
}

/** `--fresh` among the command's arguments (`npm start -- --fresh`). */
export function wantsFreshStart(args: readonly string[]): boolean {
  return args.includes('--fresh');
}

export const displayPath = (projectRoot: string, path: string): string => {
  const fromProject = relative(projectRoot, path);
  return fromProject !== '' && !fromProject.startsWith('..') ? `${fromProject}${sep}` : path;
};

/** SCREEN_LINK_KEYS for a local run: the value kept under the data folder, or a new random key, written there. */
export async function localScreenLinkKeys(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const setting = newScreenLinkKeysSetting('local', randomBytes(32));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, setting, { mode: 0o600 });
  return setting;
}
