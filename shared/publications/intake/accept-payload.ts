/**
 * Whether a payload may be published with these headers: the rules of intake, whatever the transport. A flat file is
 * stored unchecked once its content is a kind we publish; a JSON payload is parsed as blob-uploaded will parse it and
 * checked against its list type's schema, the live case status schema, or (not a list) for HTML. Reading the HTTP
 * body (content type, multipart) is the ingest function's; what it reads is judged here.
 */
import { findHtmlInStrings } from '../catalogue/html-check.js';
import { findListType } from '../catalogue/list-types.js';
import type { NonStrategicTable } from '../catalogue/schemas/non-strategic-tables.js';
import { convertWorkbook, nonStrategicTableFor, type ExcelProblem } from './excel-list.js';
import { XLSX_CONTENT_TYPE } from './excel-workbook.js';
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
  /** Each names the field; a workbook's problems also name the sheet, cell, row and header (see ExcelProblem). */
  details: ({ field: string; problem: string } & Omit<ExcelProblem, 'field' | 'problem'>)[];
  /** Problems found but not listed. */
  omitted: number;
}

/** The workbook a JSON list was converted from, kept beside it. */
export interface OriginalWorkbook {
  bytes: Uint8Array;
  fileName: string;
  /** Hearings (rows) the list holds. */
  rows: number;
}

export type PayloadAcceptance =
  | {
      ok: true;
      bytes: Uint8Array;
      isFlatFile: boolean;
      contentType: string;
      fileName: string | null;
      /** Present when `bytes` is JSON converted from an Excel workbook. */
      original?: OriginalWorkbook;
    }
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
      'Only PDF, Word (DOC, DOCX), Excel (XLSX), HTML, CSV and JSON files can be published',
      [
        {
          field: 'file',
          problem: `the content of ${name || 'the file'} is not PDF, DOC, DOCX, XLSX, HTML, CSV or JSON`,
        },
      ],
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

/** The table an Excel workbook fills for these headers: their list type's, when it is a non-strategic one. */
export function excelTableFor(metadata: Pick<PublicationMetadata, 'listType'>): NonStrategicTable | null {
  if (metadata.listType === null) return null;
  const lookup = findListType(metadata.listType);
  return lookup.kind === 'found' ? nonStrategicTableFor(lookup.listType) : null;
}

/** True when an uploaded file is meant as a workbook: by its content, its name or its declared type. */
export function isWorkbookUpload(bytes: Uint8Array, name: string, declaredType: string): boolean {
  return (
    /\.xlsx$/i.test(name) ||
    declaredType.split(';')[0]?.trim().toLowerCase() === XLSX_CONTENT_TYPE ||
    sniffFlatFile(bytes, name) === 'xlsx'
  );
}

/**
 * An Excel workbook for a non-strategic list type: at most 2 MB, converted to the list's JSON (./excel-list.ts) and
 * checked against its schema. What is stored and published is the JSON; the workbook is kept beside it.
 */
export async function acceptExcelList(
  bytes: Uint8Array,
  name: string,
  metadata: Pick<PublicationMetadata, 'listType'>,
): Promise<PayloadAcceptance> {
  if (bytes.length > MAX_PUBLICATION_BYTES) return tooLarge('file');
  if (bytes.length === 0)
    return refuse(400, 'EMPTY_FILE', 'The file is empty', [{ field: 'file', problem: 'is empty' }]);
  const lookup = metadata.listType === null ? null : findListType(metadata.listType);
  const table = lookup?.kind === 'found' ? nonStrategicTableFor(lookup.listType) : null;
  if (lookup?.kind !== 'found' || table === null) {
    return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'An Excel workbook is converted only for a non-strategic list type', [
      { field: 'content-type', problem: 'is an Excel workbook, but x-list-type is not a non-strategic list type' },
    ]);
  }
  const conversion = await convertWorkbook(bytes, lookup.listType, table);
  if (!conversion.ok) {
    return refuse(conversion.status, conversion.code, conversion.message, conversion.details, conversion.omitted);
  }
  return {
    ok: true,
    bytes: conversion.json,
    isFlatFile: false,
    contentType: 'application/json',
    fileName: null,
    original: { bytes, fileName: safeFileName(name, 'xlsx'), rows: conversion.rows },
  };
}

/**
 * One uploaded file (a multipart part): a workbook for a non-strategic list type becomes that list's JSON; any other
 * file is published as it is, once its content is a kind we publish.
 */
export function acceptUploadedFile(
  bytes: Uint8Array,
  name: string,
  declaredType: string,
  metadata: Pick<PublicationMetadata, 'listType'>,
): Promise<PayloadAcceptance> | PayloadAcceptance {
  if (excelTableFor(metadata) !== null && isWorkbookUpload(bytes, name, declaredType)) {
    return acceptExcelList(bytes, name, metadata);
  }
  return acceptFlatFile(bytes, name);
}

/** True when an uploaded file is meant as a JSON payload: by its name, its declared type or its first character. */
export function isJsonUpload(bytes: Uint8Array, name: string, declaredType: string): boolean {
  if (/\.json$/i.test(name) || declaredType.split(';')[0]?.trim().toLowerCase() === 'application/json') return true;
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^[[{]/.test(head);
}

/**
 * A file court staff upload in the portal: a JSON file is the list's payload, parsed and checked against its list
 * type's schema exactly as a JSON body sent to the API is; anything else is taken as a multipart file is.
 */
export async function acceptPortalUpload(
  bytes: Uint8Array,
  name: string,
  declaredType: string,
  metadata: Pick<PublicationMetadata, 'type' | 'listType'>,
): Promise<PayloadAcceptance> {
  if (bytes.length > MAX_PUBLICATION_BYTES) return tooLarge('file');
  if (bytes.length > 0 && isJsonUpload(bytes, name, declaredType)) return acceptJsonPayload(bytes, metadata);
  return acceptUploadedFile(bytes, name, declaredType, metadata);
}
