/**
 * Excel upload end to end: court staff (MANUAL_UPLOAD, an admin token from the local identity provider) send a
 * workbook for a non-strategic list type to POST api/publication; it is converted, published as JSON by the blob
 * trigger and read back through the read API, with the workbook kept beside it. Real HTTP through the local
 * Functions host, over real Azurite and PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { listTypes } from '../../shared/publications/catalogue/list-types.js';
import {
  nonStrategicSchemaIds,
  nonStrategicTables,
  type NonStrategicSchemaId,
} from '../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { XLSX_CONTENT_TYPE } from '../../shared/publications/intake/excel-workbook.js';
import {
  decodeStoredPublication,
  originalWorkbookBlobName,
} from '../../shared/publications/intake/stored-publication.js';
import { excelFixtureUrl, workbookFromPayload } from '../../test-support/excel-workbooks.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startPublishingWorld, type PublishingWorld } from '../../test-support/publishing-world.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let adminToken: string;

let world: PublishingWorld;

beforeAll(async () => {
  world = await startPublishingWorld({ poolSize: 10, readApi: () => ({}) });
  ({ idp, testDb, host, publications } = world);
  adminToken = await idp.issueToken('admin');
}, 120_000);

afterAll(() => world.stop());

const listTypeOf = (schemaId: NonStrategicSchemaId): string => {
  const found = listTypes.find((listType) => listType.schema === schemaId && !listType.deprecated);
  if (found === undefined) throw new Error(`no list type uses ${schemaId}`);
  return found.id;
};

let nextDay = 0;
const headers = (listType: string, contentType?: string): Record<string, string> => {
  nextDay += 1;
  const day = new Date(Date.UTC(2027, 2, 1 + nextDay)).toISOString().slice(0, 10);
  return {
    authorization: `Bearer ${adminToken}`,
    ...(contentType ? { 'content-type': contentType } : {}),
    'x-provenance': 'MANUAL_UPLOAD',
    'x-type': 'LIST',
    'x-list-type': listType,
    'x-court-id': '1501',
    'x-content-date': `${day}T09:00:00`,
    'x-sensitivity': 'PUBLIC',
    'x-language': 'ENGLISH',
    'x-display-from': new Date(Date.now() - 86_400_000).toISOString(),
    'x-display-to': new Date(Date.now() + 86_400_000).toISOString(),
  };
};

const post = (requestHeaders: Record<string, string>, body: Buffer | FormData) =>
  fetch(`${host.url}/api/publication`, { method: 'POST', headers: requestHeaders, body });

async function publishedArtefact(response: Response): Promise<string> {
  expect(response.status, await response.clone().text()).toBe(202);
  await host.drain();
  const status = (await (
    await fetch(`${host.url}${response.headers.get('location') ?? ''}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
  ).json()) as { status: string; artefactId: string; error: string | null };
  expect(status.error).toBeNull();
  expect(status.status).toBe('published');
  return status.artefactId;
}

async function blobNameOf(artefactId: string): Promise<string> {
  const { rows } = await testDb.database.query<{ blob_name: string; is_flat_file: boolean }>(
    'SELECT blob_name, is_flat_file FROM artefact WHERE artefact_id = $1',
    [artefactId],
  );
  expect(rows[0]?.is_flat_file).toBe(false);
  return rows[0]?.blob_name ?? '';
}

describe('a workbook for each non-strategic schema is published as its JSON, the workbook kept beside it', () => {
  it.each(nonStrategicSchemaIds)(
    '%s',
    async (schemaId) => {
      const fixture = await readFile(excelFixtureUrl(schemaId), 'utf8');
      const payload: unknown = JSON.parse(fixture);
      const workbook = await workbookFromPayload(nonStrategicTables[schemaId], payload);
      const listType = listTypeOf(schemaId);
      // Half as a raw body, half as a multipart file, as the admin page sends it.
      let response: Response;
      const raw = nonStrategicSchemaIds.indexOf(schemaId) % 2 === 0;
      if (raw) {
        response = await post(headers(listType, XLSX_CONTENT_TYPE), workbook);
      } else {
        const form = new FormData();
        form.append('file', new Blob([workbook], { type: XLSX_CONTENT_TYPE }), `${listType} list.xlsx`);
        response = await post(headers(listType), form);
      }
      const artefactId = await publishedArtefact(response);

      const read = await fetch(`${host.url}/api/publication/${artefactId}/payload`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(payload);

      const blobName = await blobNameOf(artefactId);
      const stored = decodeStoredPublication((await publications.getBlobClient(blobName).getProperties()).metadata);
      expect(stored.ok && stored.publication.original).toEqual({
        blobName: originalWorkbookBlobName(blobName),
        fileName: raw ? 'publication.xlsx' : `${listType} list.xlsx`,
        size: workbook.length,
      });
      const original = publications.getBlobClient(originalWorkbookBlobName(blobName));
      expect((await original.getProperties()).contentType).toBe(XLSX_CONTENT_TYPE);
      expect(Buffer.compare(await original.downloadToBuffer(), workbook)).toBe(0);
    },
    60_000,
  );
});

describe('a workbook for every other non-strategic list type publishes as its JSON', () => {
  const firsts = new Set(nonStrategicSchemaIds.map(listTypeOf));
  const others = listTypes.filter(
    (listType) => !listType.deprecated && listType.schema.startsWith('non-strategic-') && !firsts.has(listType.id),
  );

  it('covers, with the test above, every non-strategic list type', () => {
    expect(firsts.size + others.length).toBe(
      listTypes.filter((listType) => !listType.deprecated && listType.schema.startsWith('non-strategic-')).length,
    );
    expect(firsts.size + others.length).toBe(65); // as test-fixtures/catalogue/list-type-schemas.tsv has them
  });

  it.each(others.map((listType) => [listType.id, listType.schema as NonStrategicSchemaId] as const))(
    '%s',
    async (listType, schemaId) => {
      const payload: unknown = JSON.parse(await readFile(excelFixtureUrl(schemaId), 'utf8'));
      const workbook = await workbookFromPayload(nonStrategicTables[schemaId], payload);
      const artefactId = await publishedArtefact(await post(headers(listType, XLSX_CONTENT_TYPE), workbook));
      const read = await fetch(`${host.url}/api/publication/${artefactId}/payload`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(payload);
      const { rows } = await testDb.database.query<{ list_type: string }>(
        'SELECT list_type FROM artefact WHERE artefact_id = $1',
        [artefactId],
      );
      expect(rows[0]?.list_type).toBe(listType);
    },
    60_000,
  );
});

describe('refusals over HTTP', () => {
  const cic = 'CIC_WEEKLY_HEARING_LIST';

  async function cicWorkbook(time: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hearings');
    sheet.addRow(['Date', 'Hearing Time', 'Case Reference Number', 'Case Name', 'Venue/Platform', 'Judges']);
    sheet.getRow(1).getCell(7).value = 'Members';
    sheet.getRow(1).getCell(8).value = 'Additional Information';
    sheet.addRow(['02/01/2025', time, '1', 'A', 'B', 'C', 'D', 'E']);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function storedCounts(): Promise<{ blobs: number; submissions: number }> {
    let blobs = 0;
    for await (const blob of publications.listBlobsFlat()) if (blob.name) blobs += 1;
    const { rows } = await testDb.database.query<{ n: number }>('SELECT count(*)::int AS n FROM submission');
    return { blobs, submissions: rows[0]?.n ?? 0 };
  }

  it('answers 400 naming the sheet, cell, row, header and problem of a bad cell, and stores nothing', async () => {
    const before = await storedCounts();
    const response = await post(headers(cic, XLSX_CONTENT_TYPE), await cicWorkbook('half ten'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'EXCEL_INVALID_CELLS',
      message: 'The workbook has cells the CIC_WEEKLY_HEARING_LIST list cannot take',
      details: [
        {
          field: 'Hearings!B2',
          sheet: 'Hearings',
          cell: 'B2',
          line: 2,
          column: 'Hearing Time',
          problem: 'hearingTime must be a time like 9am or 10:30am',
        },
      ],
    });
    expect(await storedCounts()).toEqual(before);
  });

  it('answers 400 for a corrupt or password-protected file, and 413 for one over the body cap', async () => {
    const corrupt = await post(headers(cic, XLSX_CONTENT_TYPE), Buffer.from('PK\u0003\u0004 broken'));
    expect(corrupt.status).toBe(400);
    expect(((await corrupt.json()) as { code: string }).code).toBe('EXCEL_UNREADABLE');
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    const form = new FormData();
    form.append('file', new Blob([ole]), 'protected.xlsx');
    const encrypted = await post(headers(cic), form);
    expect(encrypted.status).toBe(400);
    expect(((await encrypted.json()) as { code: string }).code).toBe('EXCEL_PASSWORD_PROTECTED');
    const huge = await post(headers(cic, XLSX_CONTENT_TYPE), Buffer.alloc(3 * 1024 * 1024 + 1));
    expect(huge.status).toBe(413);
  });

  it('keeps a workbook for any other list type a flat file (multipart), and refuses it as a raw body', async () => {
    const workbook = await cicWorkbook('10am');
    const civil = 'CIVIL_DAILY_CAUSE_LIST';
    const raw = await post(headers(civil, XLSX_CONTENT_TYPE), workbook);
    expect(raw.status).toBe(415);
    const form = new FormData();
    form.append('file', new Blob([workbook]), 'civil.xlsx');
    const artefactId = await (async () => {
      const response = await post({ ...headers(civil), 'x-type': 'GENERAL_PUBLICATION' }, form);
      return publishedArtefact(response).catch(() => '');
    })();
    const { rows } = await testDb.database.query<{ is_flat_file: boolean; content_type: string }>(
      'SELECT is_flat_file, content_type FROM artefact WHERE artefact_id = $1',
      [artefactId],
    );
    expect(rows[0]).toEqual({ is_flat_file: true, content_type: XLSX_CONTENT_TYPE });
  });

  it('deletes the kept workbook with its publication when a new version supersedes it', async () => {
    const listHeaders = headers(cic, XLSX_CONTENT_TYPE);
    const first = await blobNameOf(await publishedArtefact(await post(listHeaders, await cicWorkbook('10am'))));
    expect(await publications.getBlobClient(originalWorkbookBlobName(first)).exists()).toBe(true);
    const second = await blobNameOf(await publishedArtefact(await post(listHeaders, await cicWorkbook('11am'))));
    expect(second).not.toBe(first);
    expect(await publications.getBlobClient(first).exists()).toBe(false);
    expect(await publications.getBlobClient(originalWorkbookBlobName(first)).exists()).toBe(false);
    expect(await publications.getBlobClient(originalWorkbookBlobName(second)).exists()).toBe(true);
  });
});
