/**
 * POST /api/publication/validate end to end, beside POST /api/publication in the same local runtime over Azurite and
 * PostgreSQL: the same refusals for the same requests, a 200 naming the list type and the court publishing resolves
 * (proved by publishing the same request), and nothing stored: no blob, no submission, no artefact.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { CIVIL_LIST_HEADERS } from '../../test-support/publication-requests.js';
import { OXFORD_IN_WELSH, startPublishingWorld, type PublishingWorld } from '../../test-support/publishing-world.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let hmiToken: string;
let civilList: Buffer;
let invalidList: Buffer;

let world: PublishingWorld;

beforeAll(async () => {
  world = await startPublishingWorld({
    poolSize: 5,
    issuers: ['aad', 'b2c'],
    container: { prefix: 'publications' },
    courts: [OXFORD_IN_WELSH],
  });
  ({ idp, testDb, host, publications } = world);
  hmiToken = await idp.issueToken('hmi');
  civilList = await readFile(fixtureUrl('lists', 'civilDailyCauseList.json'));
  invalidList = await readFile(fixtureUrl('lists', 'civilDailyCauseListInvalid.json'));
});
afterAll(() => world.stop());

const listHeaders = (overrides: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${hmiToken}`,
  ...CIVIL_LIST_HEADERS,
  ...overrides,
});

const send = (
  path: 'publication' | 'publication/validate',
  headers: Record<string, string>,
  body: string | Buffer | FormData,
) => fetch(`${host.url}/api/${path}`, { method: 'POST', headers, body });

/** Everything publishing stores: blobs in Azurite, submission and artefact rows, and upload audit records. */
async function stored(): Promise<{ blobs: number; submissions: number; artefacts: number; uploadAudits: number }> {
  await host.drain();
  let blobs = 0;
  for await (const blob of publications.listBlobsFlat()) if (blob.name) blobs += 1;
  const count = async (sql: string) => Number((await testDb.database.query<{ n: string }>(sql)).rows[0]?.n);
  return {
    blobs,
    submissions: await count('SELECT count(*) AS n FROM submission'),
    artefacts: await count('SELECT count(*) AS n FROM artefact'),
    uploadAudits: await count(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'PUBLICATION_UPLOAD' AND outcome = 'SUCCESS'`,
    ),
  };
}

const validationAudits = async (outcome: string) =>
  (
    await testDb.database.query<{ object_id: string; details: Record<string, unknown> }>(
      `SELECT object_id, details FROM audit_log WHERE action = 'PUBLICATION_VALIDATE' AND outcome = $1`,
      [outcome],
    )
  ).rows;

describe('POST /api/publication/validate', () => {
  it('answers the list type and the court publishing resolves, storing nothing; publishing then agrees', async () => {
    const before = await stored();
    const response = await send('publication/validate', listHeaders(), civilList);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      valid: true,
      type: 'LIST',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      listName: { en: 'Civil Daily Cause List', cy: 'Rhestr Achosion Dyddiol y Llys Sifil' },
      court: {
        locationId: '1501',
        name: 'Oxford Combined Court Centre',
        welshName: 'Canolfan Llysoedd Cyfun Rhydychen',
        matched: true,
      },
      provenance: 'HMI',
      contentDate: '2026-11-30T09:00:00',
      language: 'ENGLISH',
      sensitivity: 'PUBLIC',
      displayFrom: '2026-11-29T00:00:00.000Z', // the instant: UK time, UTC in November
      displayTo: '2026-12-01T00:00:00.000Z',
      isFlatFile: false,
      contentType: 'application/json',
      fileName: null,
      payloadSize: civilList.length,
      warnings: [],
    });
    expect(await stored()).toEqual(before);
    expect(await validationAudits('SUCCESS')).toEqual([
      expect.objectContaining({
        object_id: '1501',
        details: expect.objectContaining({ listType: 'CIVIL_DAILY_CAUSE_LIST' }) as unknown,
      }),
    ]);

    const publish = await send('publication', listHeaders(), civilList);
    expect(publish.status).toBe(202);
    await host.drain();
    const status = (await (
      await fetch(`${host.url}${publish.headers.get('location') ?? ''}`, {
        headers: { authorization: `Bearer ${hmiToken}` },
      })
    ).json()) as { status: string; locationId: string };
    expect(status).toMatchObject({ status: 'published', locationId: '1501' });
    expect((await stored()).artefacts).toBe(before.artefacts + 1);
  });

  it('warns that a court the reference data does not know would be published against NoMatch<id>', async () => {
    const before = await stored();
    const response = await send('publication/validate', listHeaders({ 'x-court-id': '999999' }), civilList);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      valid: true,
      court: { locationId: 'NoMatch999999', name: null, matched: false },
      warnings: [{ field: 'x-court-id', problem: expect.stringContaining('NoMatch999999') as unknown }],
    });
    expect(await stored()).toEqual(before);
  });

  it('validates a flat file sent as multipart, storing nothing', async () => {
    const before = await stored();
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF')]), 'Oxford list.pdf');
    const headers = listHeaders({ 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': '' });
    delete headers['content-type'];
    const response = await send('publication/validate', headers, form);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      valid: true,
      listType: null,
      listName: null,
      isFlatFile: true,
      contentType: 'application/pdf',
      fileName: 'Oxford list.pdf',
    });
    expect(await stored()).toEqual(before);
  });

  it('refuses exactly as publishing refuses, with nothing stored either way', async () => {
    const withHtml = JSON.parse(civilList.toString()) as { venue: { venueName: string } };
    withHtml.venue.venueName = '<b>Oxford</b>';
    const noToken = listHeaders();
    delete noToken.authorization;
    const cases: {
      name: string;
      headers: Record<string, string>;
      body: () => string | Buffer | FormData;
      status: number;
    }[] = [
      { name: 'no token', headers: noToken, body: () => civilList, status: 401 },
      {
        name: 'not a publisher',
        headers: listHeaders({ authorization: `Bearer ${await idp.issueToken('courtel')}` }),
        body: () => civilList,
        status: 403,
      },
      {
        name: 'court staff without MANUAL_UPLOAD',
        headers: listHeaders({ authorization: `Bearer ${await idp.issueToken('admin')}` }),
        body: () => civilList,
        status: 403,
      },
      {
        name: 'bad headers',
        headers: listHeaders({ 'x-content-date': 'tomorrow' }),
        body: () => civilList,
        status: 400,
      },
      {
        name: 'invalid payload',
        headers: listHeaders(),
        body: () => invalidList,
        status: 400,
      },
      { name: 'HTML', headers: listHeaders(), body: () => JSON.stringify(withHtml), status: 400 },
      { name: 'malformed JSON', headers: listHeaders(), body: () => '{"document": ', status: 400 },
      {
        name: 'deprecated list type',
        headers: listHeaders({ 'x-list-type': 'CROWN_DAILY_LIST' }),
        body: () => civilList,
        status: 400,
      },
      {
        name: 'over 2 MB',
        headers: listHeaders(),
        body: () => Buffer.alloc(2 * 1024 * 1024 + 100_000, 0x20),
        status: 413,
      },
      {
        name: 'not JSON',
        headers: listHeaders({ 'content-type': 'text/plain' }),
        body: () => civilList,
        status: 415,
      },
    ];
    const before = await stored();
    for (const { name, headers, body, status } of cases) {
      const validated = await send('publication/validate', headers, body());
      const published = await send('publication', headers, body());
      expect([validated.status, published.status], name).toEqual([status, status]);
      expect(await validated.json(), name).toEqual(await published.json());
      expect(validated.headers.get('www-authenticate'), name).toBe(published.headers.get('www-authenticate'));
    }
    expect(await stored()).toEqual(before);
    // Refusals of who may publish are audited (a missing role, a provenance the caller may not use); the rest are not.
    expect((await validationAudits('DENIED')).map((row) => String(row.details.reason)).sort()).toEqual([
      'COURT_STAFF_UPLOAD_AS_MANUAL_UPLOAD',
      'not a publisher',
    ]);
  });
});
