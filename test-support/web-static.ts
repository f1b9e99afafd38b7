/** A temporary copy of web-static/ with GOV.UK Frontend's and accessible-autocomplete's assets added, as served. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyStaticAssets } from '../scripts/copy-static-assets.mjs';

/** Answers the copy's folder; the caller removes it when done. */
export async function copyWebStatic(): Promise<string> {
  const staticRoot = await mkdtemp(join(tmpdir(), 'web-static-'));
  try {
    await cp(fileURLToPath(new URL('../web-static/', import.meta.url)), staticRoot, { recursive: true });
    await copyStaticAssets(staticRoot);
  } catch (error) {
    await rm(staticRoot, { recursive: true, force: true });
    throw error;
  }
  return staticRoot;
}
