/**
 * Seed data for `npm start`, delivered the way production receives it: files dropped into their containers, so the
 * blob triggers import them through the real import path. A blob already there is left alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobServiceClient } from '@azure/storage-blob';

/** Seed folders and the containers they are dropped into. */
const seedFolders: Record<string, string> = {
  'reference-data': 'reference-data',
  glossary: 'glossary',
};

export async function uploadSeedData(blobService: BlobServiceClient, projectRoot: string): Promise<string[]> {
  const uploaded: string[] = [];
  for (const [folder, containerName] of Object.entries(seedFolders)) {
    const directory = join(projectRoot, 'local', 'seed', folder);
    let files: string[];
    try {
      files = (await readdir(directory)).filter((f) => !f.startsWith('.')).sort();
    } catch {
      continue;
    }
    const container = blobService.getContainerClient(containerName);
    await container.createIfNotExists();
    for (const file of files) {
      const blob = container.getBlockBlobClient(file);
      if (await blob.exists()) continue;
      await blob.uploadData(await readFile(join(directory, file)));
      uploaded.push(`${containerName}/${file}`);
    }
  }
  return uploaded;
}
