/**
 * Court reference data import: a file dropped into the reference-data container (FTP/SFTP) is imported by the blob
 * trigger; a system administrator can upload one (CSV body or multipart file) or re-import the newest dropped blob.
 * Every import is audited, whatever its outcome.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../shared/db/database.js';
import type { FileProblem } from '../../shared/reference-data/court-file.js';
import { importCourtFile, type CourtImportResult } from '../../shared/reference-data/court-import.js';
import {
  courtImportAuditAction,
  recordCourtImport,
  type CourtImportSource,
} from '../../shared/reference-data/court-import-record.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem, type ProblemDetail } from '../http-kit/problem.js';
import { bufferedRequest, readCappedBody } from '../http-kit/read-body.js';

export interface CourtRefImportDependencies {
  database: Database;
  /** Where reference files are dropped (the container the blob trigger watches). */
  referenceData: ContainerClient;
  verifier: RequestVerifier;
}

export const auditAction = courtImportAuditAction;
/** Larger than any real court list (the live one is about 60 kB); anything bigger is not reference data. */
export const maxFileBytes = 20 * 1024 * 1024;

type ImportSource = CourtImportSource;

function toBytes(blob: unknown): Uint8Array | string {
  if (blob instanceof Uint8Array || typeof blob === 'string') return blob;
  if (blob instanceof ArrayBuffer) return new Uint8Array(blob);
  return new Uint8Array();
}

/**
 * Blob trigger. A file that can never import (invalid rows, not CSV, too big) is audited and logged, and the
 * function returns normally so the host does not retry it; only an unexpected failure (the database down) throws,
 * because a retry can fix that.
 */
export async function handleReferenceDataBlob(
  deps: CourtRefImportDependencies,
  blob: unknown,
  context: InvocationContext,
): Promise<void> {
  const name = context.triggerMetadata?.name;
  const source: ImportSource = { kind: 'blob', blobName: typeof name === 'string' ? name : 'unknown' };
  const content = toBytes(blob);
  const result: CourtImportResult =
    content.length > maxFileBytes
      ? { ok: false, problems: [{ line: 1, column: null, problem: `the file is larger than ${maxFileBytes} bytes` }] }
      : await importCourtFile(deps.database, content);
  await recordCourtImport(deps.database, context, null, source, result);
}

/** A file problem as a problem detail: the field is where it is (line, and column when there is one). */
const fileDetail = (p: FileProblem): ProblemDetail => ({
  field: p.column === null ? `line ${p.line}` : `line ${p.line}, ${p.column}`,
  problem: p.problem,
  line: p.line,
  column: p.column,
});

const tooLarge = (): HttpResponseInit =>
  problem(413, 'FILE_TOO_LARGE', `The file must be at most ${maxFileBytes} bytes`, [
    { field: 'body', problem: `is larger than ${maxFileBytes} bytes` },
  ]);

/** A multipart upload carries the file and its framing: a little more than the file itself may be read. */
const maxUploadBytes = maxFileBytes + 64 * 1024;

/** The newest blob in the container (the last file dropped), or null when there is none. */
async function newestBlob(container: ContainerClient): Promise<string | null> {
  let newest: { name: string; lastModified: number } | null = null;
  if (!(await container.exists())) return null;
  for await (const blob of container.listBlobsFlat()) {
    const lastModified = blob.properties.lastModified.getTime();
    if (
      !newest ||
      lastModified > newest.lastModified ||
      (lastModified === newest.lastModified && blob.name > newest.name)
    ) {
      newest = { name: blob.name, lastModified };
    }
  }
  return newest?.name ?? null;
}

type UploadedFile = { ok: true; source: ImportSource; content: Uint8Array } | { ok: false; answer: HttpResponseInit };

async function readUpload(deps: CourtRefImportDependencies, request: HttpRequest): Promise<UploadedFile> {
  if (request.query.get('source') === 'latest-blob') {
    const name = await newestBlob(deps.referenceData);
    if (name === null) {
      return {
        ok: false,
        answer: problem(404, 'NO_REFERENCE_DATA_FILE', 'No reference data file has been dropped yet', [
          { field: 'source', problem: 'no file has been dropped' },
        ]),
      };
    }
    const content = await deps.referenceData.getBlobClient(name).downloadToBuffer();
    return { ok: true, source: { kind: 'blob', blobName: name }, content };
  }
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = contentType.toLowerCase().startsWith('multipart/form-data');
  const body = await readCappedBody(request, multipart ? maxUploadBytes : maxFileBytes);
  if (!body.ok) {
    return {
      ok: false,
      answer:
        body.reason === 'TOO_LARGE'
          ? tooLarge()
          : problem(400, 'INVALID_BODY', 'The body could not be read', [{ field: 'body', problem: 'is unreadable' }]),
    };
  }
  let content = body.bytes;
  let fileName: string | null = null;
  if (multipart) {
    let form: FormData;
    try {
      form = await bufferedRequest(request, body.bytes).formData();
    } catch {
      return {
        ok: false,
        answer: problem(400, 'INVALID_BODY', 'The multipart body could not be read', [
          { field: 'body', problem: 'is not valid multipart/form-data' },
        ]),
      };
    }
    const file = form.get('file') ?? [...form.values()].find((value) => typeof value !== 'string');
    if (file === undefined || typeof file === 'string') {
      return {
        ok: false,
        answer: problem(400, 'NO_FILE', 'Send the CSV file in a multipart field named "file"', [
          { field: 'file', problem: 'is missing' },
        ]),
      };
    }
    fileName = file.name;
    content = new Uint8Array(await file.arrayBuffer());
  }
  if (content.length > maxFileBytes) return { ok: false, answer: tooLarge() };
  if (content.length === 0) {
    return {
      ok: false,
      answer: problem(
        400,
        'NO_FILE',
        'Send a CSV file (as the body or a multipart field named "file"), or ?source=latest-blob',
        [{ field: 'file', problem: 'is missing or empty' }],
      ),
    };
  }
  return { ok: true, source: { kind: 'upload', fileName }, content };
}

/** POST /api/locations/reference-data (system administrators). */
export async function handleReferenceDataUpload(
  deps: CourtRefImportDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await authorize(
    request,
    deps.verifier,
    {
      roles: ['SYSTEM_ADMIN'],
      audit: deps.database,
      action: auditAction,
      objectType: 'reference-data-file',
      message: 'Only a system administrator can import court reference data',
    },
    { logger: context, denied: 'COURT_REF_IMPORT_DENIED', unauthenticated: 'COURT_REF_IMPORT_UNAUTHENTICATED' },
  );
  if (!caller.ok) return caller.response;
  const principal = caller.principal;
  const upload = await readUpload(deps, request);
  if (!upload.ok) return upload.answer;
  const result = await importCourtFile(deps.database, upload.content);
  await recordCourtImport(deps.database, context, principal, upload.source, result);
  if (!result.ok) {
    const count = result.problems.length;
    return problem(
      400,
      'INVALID_REFERENCE_DATA',
      `The file has ${count} ${count === 1 ? 'problem' : 'problems'}; nothing was imported`,
      result.problems.map(fileDetail),
    );
  }
  const { added, updated, unchanged, referencesAdded, referencesRemoved, referencesMoved, warnings } = result.summary;
  return {
    status: 200,
    jsonBody: { added, updated, unchanged, referencesAdded, referencesRemoved, referencesMoved, warnings },
    headers: { 'cache-control': 'no-store' },
  };
}
