/**
 * Whether a payload may be published with these headers: the rules of intake, whatever the transport. A flat file is
 * stored unchecked once its content is a kind we publish; a JSON payload is parsed as blob-uploaded will parse it and
 * checked against its list type's schema, the live case status schema, or (not a list) for HTML. Reading the HTTP
 * body (content type, multipart) is the ingest function's; what it reads is judged here.
 */
import { findHtmlInStrings } from '../catalogue/html-check.js';
import { findListType } from '../catalogue/list-types.js';
import { liveCaseStatusSchema } from '../catalogue/live-case-status.js';
import { fileOnlyProblem, formatPath, maxDetails, validatePayload } from '../catalogue/validate-payload.js';
import { flatFileContentTypes, safeFileName, sniffFlatFile } from './flat-file.js';
import { parseJsonPayload } from './json-payload.js';
import { MAX_PUBLICATION_BYTES } from './limits.js';
import type { PublicationMetadata } from './publication-headers.js';

/** Why a payload is refused: an HTTP status fits each one, as the API answers it. */
export interface PayloadRefusal {
  status: 400 | 413 | 415;
  code: string;
  message: string;
  details: { field: string; problem: string }[];
  /** Problems found but not listed. */
  omitted: number;
}

export type PayloadAcceptance =
  | { ok: true; bytes: Uint8Array; isFlatFile: boolean; contentType: string; fileName: string | null }
  | { ok: false; refusal: PayloadRefusal };

const refuse = (
  status: PayloadRefusal['status'],
  code: string,
  message: string,
  details: PayloadRefusal['details'],
  omitted = 0,
): { ok: false; refusal: PayloadRefusal } => ({ ok: false, refusal: { status, code, message, details, omitted } });

const tooLarge = (field: string) =>
  refuse(413, 'PAYLOAD_TOO_LARGE', 'Publications may be at most 2 MB', [{ field, problem: 'is larger than 2 MB' }]);

/** A file is stored unchecked, so a live case status update (which must be checked against its schema) is never one. */
export function refuseFileFor(metadata: Pick<PublicationMetadata, 'type'>): PayloadRefusal | null {
  return metadata.type === 'LCSU'
    ? refuse(400, 'INVALID_HEADERS', 'A live case status update is sent as application/json', [
        { field: 'content-type', problem: 'content-type must be application/json when x-type is LCSU' },
      ]).refusal
    : null;
}

/**
 * A list type the live service publishes as a file only takes no JSON body: refused before the body is parsed,
 * naming `x-list-type`, with a code of its own so that a publisher sees it is the list type, not the payload.
 */
export function refuseJsonFor(listTypeName: string): PayloadRefusal | null {
  const lookup = findListType(listTypeName);
  if (lookup.kind !== 'found' || !lookup.listType.fileOnly) return null;
  const { id } = lookup.listType;
  return refuse(400, 'LIST_TYPE_FILE_ONLY', `${id} is published as a file: send a PDF, Word or Excel file`, [
    { field: 'x-list-type', problem: `${id} ${fileOnlyProblem}` },
  ]).refusal;
}

/** One uploaded file: at most 2 MB, not empty, and a PDF, Word, HTML, CSV or JSON file by its content. */
export function acceptFlatFile(bytes: Uint8Array, name: string): PayloadAcceptance {
  if (bytes.length > MAX_PUBLICATION_BYTES) return tooLarge('file');
  if (bytes.length === 0)
    return refuse(400, 'EMPTY_FILE', 'The file is empty', [{ field: 'file', problem: 'is empty' }]);
  const kind = sniffFlatFile(bytes, name);
  if (kind === null) {
    return refuse(
      415,
      'UNSUPPORTED_FILE_TYPE',
      'Only PDF, Word (DOC, DOCX), HTML, CSV and JSON files can be published',
      [{ field: 'file', problem: `the content of ${name || 'the file'} is not PDF, DOC, DOCX, HTML, CSV or JSON` }],
    );
  }
  return {
    ok: true,
    bytes,
    isFlatFile: true,
    contentType: flatFileContentTypes[kind],
    fileName: safeFileName(name, kind),
  };
}

/** A JSON body: at most 2 MB, parsed as it will be published, and checked against what its headers say it is. */
export function acceptJsonPayload(
  bytes: Uint8Array,
  metadata: Pick<PublicationMetadata, 'type' | 'listType'>,
): PayloadAcceptance {
  if (bytes.length > MAX_PUBLICATION_BYTES) return tooLarge('body');
  const fileOnly = metadata.listType === null ? null : refuseJsonFor(metadata.listType);
  if (fileOnly !== null) return { ok: false, refusal: fileOnly };
  // The same parse blob-uploaded publishes with: a BOM is stripped, depth is capped, strings must be storable.
  const json = parseJsonPayload(bytes);
  if (!json.ok) return refuse(400, json.code, json.message, json.details, json.omitted);
  const parsed = json.value;
  if (metadata.type === 'LCSU') {
    // Never with a list type (the headers refuse that): always the live-status schema.
    const live = liveCaseStatusSchema.safeParse(parsed);
    if (!live.success) {
      const { issues } = live.error;
      return refuse(
        400,
        'INVALID_PAYLOAD',
        'The payload is not a live case status update',
        issues.slice(0, maxDetails).map((i) => ({ field: formatPath(i.path), problem: i.message })),
        Math.max(0, issues.length - maxDetails),
      );
    }
  } else if (metadata.listType !== null) {
    const validation = validatePayload(metadata.listType, parsed);
    if (!validation.ok) {
      return refuse(
        400,
        'INVALID_PAYLOAD',
        `The payload does not match the ${metadata.listType} schema`,
        validation.details.map((d) => ({ field: d.field, problem: d.problem })),
        validation.omitted ?? 0,
      );
    }
  }
  if (metadata.listType === null) {
    const html = findHtmlInStrings(parsed, new Set(), maxDetails);
    if (html.length > 0) {
      return refuse(
        400,
        'INVALID_PAYLOAD',
        'The payload contains HTML',
        html.map((h) => ({ field: formatPath(h.path), problem: h.problem })),
      );
    }
  }
  return { ok: true, bytes, isFlatFile: false, contentType: 'application/json', fileName: null };
}
