/**
 * The court event glossary (LLD 3.5.2): a JSON file in the `glossary` container, `[{ name, description }]` with
 * optional Welsh (`welshName`, `welshDescription`). The newest blob in the container is the glossary, so replacing
 * it is dropping a new file. It is validated before use, cached, and re-read when the newest blob changes; a bad new
 * file never replaces a good glossary.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { logEvent, type EventLogger } from '../logging/log-event.js';

const htmlTag = /<\s*\/?\s*[a-z!?][^>]*>/i;
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => !htmlTag.test(value), 'must not contain HTML');

export const glossaryEntrySchema = z.object({
  id: z.number().int().positive().optional(),
  name: text,
  description: text,
  welshName: text.optional(),
  welshDescription: text.optional(),
});
export const glossarySchema = z.array(glossaryEntrySchema).min(1, 'must list at least one court event');

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export type GlossaryParseResult = { ok: true; entries: GlossaryEntry[] } | { ok: false; problems: string[] };

export function parseGlossary(content: string): GlossaryParseResult {
  let json: unknown;
  try {
    json = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = glossarySchema.safeParse(json);
  if (parsed.success) return { ok: true, entries: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`),
  };
}

/** Where glossary files come from: the newest one and its content. */
export interface GlossarySource {
  newest(): Promise<{ name: string; etag: string } | null>;
  read(name: string): Promise<string>;
}

/**
 * The glossary among the listed blobs: the newest `.json` file; between two written in the same second (blob
 * timestamps have one-second resolution), the later name.
 */
export function newestGlossaryBlob(
  blobs: Iterable<{ name: string; etag: string; lastModified: Date }>,
): { name: string; etag: string } | null {
  let newest: { name: string; etag: string; lastModified: number } | null = null;
  for (const blob of blobs) {
    if (!blob.name.toLowerCase().endsWith('.json')) continue;
    const lastModified = blob.lastModified.getTime();
    if (
      !newest ||
      lastModified > newest.lastModified ||
      (lastModified === newest.lastModified && blob.name > newest.name)
    ) {
      newest = { name: blob.name, etag: blob.etag, lastModified };
    }
  }
  return newest && { name: newest.name, etag: newest.etag };
}

export function blobGlossarySource(container: ContainerClient): GlossarySource {
  return {
    async newest() {
      if (!(await container.exists())) return null;
      const blobs: { name: string; etag: string; lastModified: Date }[] = [];
      for await (const blob of container.listBlobsFlat()) {
        blobs.push({ name: blob.name, etag: blob.properties.etag, lastModified: blob.properties.lastModified });
      }
      return newestGlossaryBlob(blobs);
    },
    async read(name) {
      return (await container.getBlobClient(name).downloadToBuffer()).toString('utf8');
    },
  };
}

export type GlossaryState =
  | { status: 'LOADED'; entries: GlossaryEntry[]; blobName: string }
  | { status: 'MISSING' }
  | { status: 'INVALID'; blobName: string; problems: string[] };

export interface GlossaryStoreOptions {
  source: GlossarySource;
  /** How long a loaded glossary is served before the container is checked again. */
  refreshAfterMs: number;
  now?: () => number;
}

export interface GlossaryStore {
  /**
   * The glossary in use. A newly dropped file that is refused (the previous glossary, if any, stays in use) is logged
   * once, as GLOSSARY_FILE_REJECTED, to the logger of the invocation that found it.
   */
  current(logger?: EventLogger): Promise<GlossaryState>;
}

export function createGlossaryStore(options: GlossaryStoreOptions): GlossaryStore {
  const now = options.now ?? Date.now;
  let good: { entries: GlossaryEntry[]; blobName: string } | null = null;
  /** The blob version last examined (good or refused), so an unchanged container costs one listing. */
  let seen: { key: string; state: GlossaryState } | null = null;
  let checkedAt = -Infinity;
  let refreshing: Promise<GlossaryState> | null = null;

  const refresh = async (logger: EventLogger | undefined): Promise<GlossaryState> => {
    const newest = await options.source.newest();
    checkedAt = now();
    if (!newest) {
      seen = null;
      return good ? { status: 'LOADED', ...good } : { status: 'MISSING' };
    }
    const key = `${newest.name}\u0000${newest.etag}`;
    if (seen?.key !== key) {
      const parsed = parseGlossary(await options.source.read(newest.name));
      if (parsed.ok) {
        good = { entries: parsed.entries, blobName: newest.name };
        seen = { key, state: { status: 'LOADED', ...good } };
      } else {
        seen = { key, state: { status: 'INVALID', blobName: newest.name, problems: parsed.problems } };
        if (logger)
          logEvent(logger, 'error', 'GLOSSARY_FILE_REJECTED', { blobName: newest.name, problems: parsed.problems });
      }
    }
    return good ? { status: 'LOADED', ...good } : seen.state;
  };

  return {
    async current(logger) {
      if (good && now() - checkedAt < options.refreshAfterMs) return { status: 'LOADED', ...good };
      // Concurrent requests share one refresh.
      refreshing ??= refresh(logger).finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
  };
}
