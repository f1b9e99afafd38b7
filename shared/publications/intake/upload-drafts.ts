/**
 * A manual upload between its form and its Confirm (/admin/manual-upload → /check): the file court staff chose
 * and their answers, held where every instance of the app finds them, never in process memory (Azure Functions
 * scale out, and the next request may reach another instance). One private blob per signed-in session in the
 * `upload-drafts` container: named by the SHA-256 of the session id (never the id itself), holding the file's bytes,
 * with the answers, the file's name and type, the owner and when it was saved as one metadata entry (base64url
 * JSON: blob metadata is ASCII). Nothing is published from it: Confirm runs intake again on it. Each draft has an id,
 * which Confirm stores the publication under (its idempotency key: a Confirm sent twice stores one publication), and
 * once published the draft keeps only that it was, so a repeated Confirm is answered as the first was.
 * A draft of another person, or older than `DRAFT_MAX_AGE_MS`, is no draft; an abandoned one is removed by the
 * container's lifecycle rule (bicep/main.bicep).
 */
import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';

export const DRAFT_METADATA_KEY = 'pipdraft';

/** As long as a signed-in session can live (shared/auth/session-store.ts: 8 hours absolute). */
export const DRAFT_MAX_AGE_MS = 8 * 3_600_000;

const draftFileSchema = z.object({ name: z.string().max(255), type: z.string().max(255) });

const draftMetadataSchema = z.object({
  id: z.uuid(),
  published: z.boolean(),
  owner: z.string().min(1),
  savedAt: z.iso.datetime(),
  answers: z.record(z.string(), z.string()),
  file: draftFileSchema.nullable(),
});

export interface UploadDraft {
  /** This upload's id: made when the form is saved, and the submission id Confirm stores it under. */
  id: string;
  /** Confirm has stored it (the file is then dropped). */
  published: boolean;
  /** The user id of the person whose session it belongs to. */
  owner: string;
  savedAt: Date;
  /** The form's fields as they were answered. */
  answers: Record<string, string>;
  file: { name: string; type: string; bytes: Uint8Array } | null;
}

export interface UploadDraftStore {
  save(sessionId: string, draft: UploadDraft): Promise<void>;
  /** The session's draft, if it is `owner`'s and not older than DRAFT_MAX_AGE_MS at `now`. */
  read(sessionId: string, owner: string, now: Date): Promise<UploadDraft | null>;
  delete(sessionId: string): Promise<void>;
}

/** The blob a session's draft is kept in: the session id is a secret, so only its hash names anything. */
export function draftBlobName(sessionId: string): string {
  return createHash('sha256').update(`upload-draft:${sessionId}`).digest('hex');
}

export function isCurrentDraft(draft: UploadDraft, owner: string, now: Date): boolean {
  return draft.owner === owner && now.getTime() - draft.savedAt.getTime() <= DRAFT_MAX_AGE_MS;
}

export function blobUploadDrafts(container: ContainerClient): UploadDraftStore {
  let created: Promise<unknown> | undefined;
  const ensureContainer = () => {
    created ??= container.createIfNotExists().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };
  return {
    async save(sessionId, draft) {
      await ensureContainer();
      const metadata = {
        id: draft.id,
        published: draft.published,
        owner: draft.owner,
        savedAt: draft.savedAt.toISOString(),
        answers: draft.answers,
        file: draft.file === null ? null : { name: draft.file.name.slice(0, 255), type: draft.file.type.slice(0, 255) },
      };
      await container.getBlockBlobClient(draftBlobName(sessionId)).uploadData(draft.file?.bytes ?? new Uint8Array(), {
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        metadata: { [DRAFT_METADATA_KEY]: Buffer.from(JSON.stringify(metadata), 'utf8').toString('base64url') },
      });
    },
    async read(sessionId, owner, now) {
      const blob = container.getBlobClient(draftBlobName(sessionId));
      let bytes: Buffer;
      let encoded: string | undefined;
      try {
        const properties = await blob.getProperties();
        encoded = properties.metadata?.[DRAFT_METADATA_KEY];
        bytes = await blob.downloadToBuffer();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
      if (encoded === undefined) return null;
      let parsed;
      try {
        parsed = draftMetadataSchema.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
      } catch {
        return null;
      }
      if (!parsed.success) return null;
      const { file, savedAt, ...rest } = parsed.data;
      const draft: UploadDraft = {
        ...rest,
        savedAt: new Date(savedAt),
        file: file === null ? null : { ...file, bytes: new Uint8Array(bytes) },
      };
      return isCurrentDraft(draft, owner, now) ? draft : null;
    },
    async delete(sessionId) {
      await container.getBlobClient(draftBlobName(sessionId)).deleteIfExists();
    },
  };
}
