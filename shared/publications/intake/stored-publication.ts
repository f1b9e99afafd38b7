/**
 * What travels with a publication's payload in Blob Storage: the validated metadata, as one blob metadata entry
 * (base64url JSON, since blob metadata must be ASCII), written by ingest-publication and read by blob-uploaded.
 */
import { z } from 'zod';
import { languages, publicationTypes, sensitivities } from '../publication.js';

export const storedPublicationSchema = z.object({
  submissionId: z.uuid(),
  receivedAt: z.iso.datetime(),
  submittedBy: z.string().min(1),
  provenance: z.string().min(1),
  sourceArtefactId: z.string().nullable(),
  type: z.enum(publicationTypes),
  listType: z.string().nullable(),
  courtId: z.string().min(1),
  contentDate: z.string().min(1),
  sensitivity: z.enum(sensitivities),
  language: z.enum(languages),
  displayFrom: z.string().min(1),
  displayTo: z.string().nullable(),
  isFlatFile: z.boolean(),
  contentType: z.string().min(1),
  fileName: z.string().nullable(),
  payloadSize: z.number().int().nonnegative(),
  /**
   * The Excel workbook a JSON list was converted from (non-strategic lists), kept as the blob `blobName` beside the
   * JSON one; absent for anything else.
   */
  original: z
    .object({ blobName: z.string().min(1), fileName: z.string().min(1), size: z.number().int().nonnegative() })
    .optional(),
});

export type StoredPublication = z.infer<typeof storedPublicationSchema>;

export const PUBLICATION_METADATA_KEY = 'pipmetadata';

/** Metadata key of a kept workbook blob: the submission (and JSON blob) it belongs to. */
export const ORIGINAL_OF_METADATA_KEY = 'piporiginalof';

/**
 * The blob keeping the Excel workbook a publication was converted from, in the same container: the publication's
 * blob name (its submission id) with `.xlsx`. The blob trigger skips it; deleting a publication deletes it too.
 */
export function originalWorkbookBlobName(publicationBlobName: string): string {
  return `${publicationBlobName}.xlsx`;
}

/** True for a kept workbook's blob name (a publication's own blob is named by a bare submission id). */
export function isOriginalWorkbookBlobName(blobName: string): boolean {
  return blobName.endsWith('.xlsx');
}

export function encodeStoredPublication(publication: StoredPublication): Record<string, string> {
  return { [PUBLICATION_METADATA_KEY]: Buffer.from(JSON.stringify(publication), 'utf8').toString('base64url') };
}

export function decodeStoredPublication(
  metadata: Record<string, string> | undefined,
): { ok: true; publication: StoredPublication } | { ok: false; problem: string } {
  const encoded = metadata?.[PUBLICATION_METADATA_KEY];
  if (encoded === undefined) return { ok: false, problem: `the blob has no ${PUBLICATION_METADATA_KEY} metadata` };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: `the ${PUBLICATION_METADATA_KEY} metadata is not JSON` };
  }
  const parsed = storedPublicationSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, publication: parsed.data };
}
