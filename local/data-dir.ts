/**
 * Where `npm start` keeps what it must not lose on a restart: the embedded PostgreSQL's files (`pglite/`) and
 * Azurite's blobs and queues (`azurite/`), both under LOCAL_DATA_DIR (`.data/` in the project by default), so a
 * publication's row and its blob live and go together. `npm start -- --fresh` and `npm run reset` wipe the folder.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parse, relative, resolve, sep } from 'node:path';

export interface DataDirectories {
  root: string;
  postgres: string;
  azurite: string;
}

export function dataDirectories(projectRoot: string, localDataDir: string): DataDirectories {
  const root = resolve(projectRoot, localDataDir);
  return { root, postgres: resolve(root, 'pglite'), azurite: resolve(root, 'azurite') };
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
