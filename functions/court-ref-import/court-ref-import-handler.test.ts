/** The import handlers with their dependencies passed in: principals given directly, a container of the test's own. */
import functions from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.js';
import { createDatabase } from '../../shared/db/database.js';
import { verifierFor } from '../../test-support/fake-verifier.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import {
  handleReferenceDataBlob,
  handleReferenceDataUpload,
  type CourtRefImportDependencies,
} from './court-ref-import-handler.js';

const sysadmin: Principal = {
  userId: 'admin-1',
  provenance: 'PI_AAD',
  roles: ['SYSTEM_ADMIN'],
  email: 'admin@example.gov.uk',
  name: null,
};
const csv =
  'Court Desc,Region,Jurisdiction,Provenance,ProvenanceID\nALTON MAGISTRATES COURT,SOUTH WEST,MAGISTRATES COURT,Forced in,788490\n';

let testDb: TestDatabase;
let deps: CourtRefImportDependencies;
const container = testStorage().blobService.getContainerClient(uniqueName('refdata'));

beforeAll(async () => {
  testDb = await createTestDatabase();
  deps = { database: testDb.database, referenceData: container, verifier: verifierFor(() => sysadmin) };
});
afterAll(async () => {
  await container.deleteIfExists();
  await testDb.drop();
});

const context = (triggerMetadata?: Record<string, unknown>) =>
  new functions.InvocationContext({ invocationId: 'inv-1', functionName: 'test', triggerMetadata });

async function multipart(body: FormData): Promise<InstanceType<typeof functions.HttpRequest>> {
  const encoded = new Request('http://localhost/', { method: 'POST', body });
  return new functions.HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/locations/reference-data',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    body: { bytes: new Uint8Array(await encoded.arrayBuffer()) },
  });
}

describe('handleReferenceDataUpload', () => {
  it('imports a multipart file field', async () => {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'courts.csv');
    const response = await handleReferenceDataUpload(deps, await multipart(form), context());
    expect(response).toMatchObject({
      status: 200,
      jsonBody: { added: 1, updated: 0, unchanged: 0, referencesAdded: 1 },
    });
    const { rows } = await testDb.database.query(
      "SELECT object_id, details->>'source' AS source FROM audit_log ORDER BY audit_id DESC LIMIT 1",
    );
    expect(rows).toEqual([{ object_id: 'courts.csv', source: 'upload' }]);
  });

  it('answers 400 with every unsafe cell by line and column (doubled BOM, formula, bidi, line feed, empty region), importing nothing', async () => {
    const before = await testDb.database.query('SELECT count(*)::int AS n FROM court');
    const body = [
      '\uFEFF\uFEFFCourt Desc,Region,Jurisdiction,Provenance,ProvenanceID',
      '"=HYPERLINK(""http://evil.example"")",London,Crown Court,ListAssist,1',
      'Alpha\u202ECourt,London,Crown Court,ListAssist,2',
      '"Beta',
      'Court",London,Crown Court,ListAssist,3',
      'Gamma Court,,Crown Court,ListAssist,4',
      'Newcastle-upon-Tyne Court,North East,Crown Court,ListAssist,5',
    ].join('\n');
    const request = new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/locations/reference-data',
      headers: { 'content-type': 'text/csv' },
      body: { bytes: new TextEncoder().encode(body) },
    });
    const response = await handleReferenceDataUpload(deps, request, context());
    expect(response).toMatchObject({
      status: 400,
      jsonBody: { code: 'INVALID_REFERENCE_DATA', message: 'The file has 5 problems; nothing was imported' },
    });
    expect((response.jsonBody as { details: unknown[] }).details).toEqual([
      {
        field: 'line 1, Court Desc',
        line: 1,
        column: 'Court Desc',
        problem: 'the file starts with two byte order marks (U+FEFF): save it again as UTF-8',
      },
      {
        field: 'line 2, Court Desc',
        line: 2,
        column: 'Court Desc',
        problem: 'starts with "=": a spreadsheet would run the cell as a formula',
      },
      {
        field: 'line 3, Court Desc',
        line: 3,
        column: 'Court Desc',
        problem: 'contains an invisible or bidirectional control character (U+202E)',
      },
      { field: 'line 4, Court Desc', line: 4, column: 'Court Desc', problem: 'contains a line break' },
      { field: 'line 6, Region', line: 6, column: 'Region', problem: 'empty region' },
    ]);
    expect((await testDb.database.query('SELECT count(*)::int AS n FROM court')).rows).toEqual(before.rows);
  });

  it('answers 400 NO_FILE for a multipart body without a file, or an empty body', async () => {
    const form = new FormData();
    form.append('note', 'no file here');
    expect(await handleReferenceDataUpload(deps, await multipart(form), context())).toMatchObject({
      status: 400,
      jsonBody: { code: 'NO_FILE' },
    });
    const empty = new functions.HttpRequest({ method: 'POST', url: 'http://localhost/api/locations/reference-data' });
    expect(await handleReferenceDataUpload(deps, empty, context())).toMatchObject({
      status: 400,
      jsonBody: { code: 'NO_FILE' },
    });
  });

  it('answers 404 when asked to re-import but nothing has been dropped', async () => {
    const request = new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/locations/reference-data?source=latest-blob',
    });
    expect(await handleReferenceDataUpload(deps, request, context())).toMatchObject({
      status: 404,
      jsonBody: { code: 'NO_REFERENCE_DATA_FILE' },
    });
  });

  it('answers 413 for a declared body over the limit, before reading it', async () => {
    const request = new functions.HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/locations/reference-data',
      headers: { 'content-length': String(50 * 1024 * 1024) },
      body: { string: csv },
    });
    expect(await handleReferenceDataUpload(deps, request, context())).toMatchObject({
      status: 413,
      jsonBody: { code: 'FILE_TOO_LARGE' },
    });
  });
});

describe('handleReferenceDataBlob', () => {
  it('returns normally for a file that can never import (no retry), having audited it', async () => {
    await expect(
      handleReferenceDataBlob(deps, Buffer.from('not,a,court,file\n'), context({ name: 'junk.csv' })),
    ).resolves.toBeUndefined();
    const { rows } = await testDb.database.query(
      "SELECT outcome, object_id FROM audit_log WHERE object_id = 'junk.csv'",
    );
    expect(rows).toEqual([{ outcome: 'FAILURE', object_id: 'junk.csv' }]);
  });

  it('audits a file taking a reference another court holds, changes nothing, and does not throw (no retry)', async () => {
    const live = 'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type';
    await handleReferenceDataBlob(
      deps,
      Buffer.from(`${live}\n8001,Holder Court,London,Crown Court,ListAssist,H1,venue\n`),
      context({ name: 'holder.csv' }),
    );
    await expect(
      handleReferenceDataBlob(
        deps,
        Buffer.from(`${live}\n8002,Taker Court,London,Crown Court,ListAssist,H1,venue\n`),
        context({ name: 'taker.csv' }),
      ),
    ).resolves.toBeUndefined();
    const { rows } = await testDb.database.query(
      "SELECT object_id, outcome, details FROM audit_log WHERE object_id IN ('holder.csv', 'taker.csv') ORDER BY audit_id",
    );
    expect(rows).toMatchObject([
      { object_id: 'holder.csv', outcome: 'SUCCESS' },
      {
        object_id: 'taker.csv',
        outcome: 'FAILURE',
        details: {
          problemCount: 1,
          problems: [
            {
              line: 2,
              column: 'Provenance Location ID',
              problem: expect.stringContaining(
                'already held by location 8001 "Holder Court", which this file does not describe; this line gives it to P&I ID 8002 "Taker Court"',
              ) as string,
            },
          ],
        },
      },
    ]);
    const courts = await testDb.database.query('SELECT location_id FROM court WHERE location_id IN (8001, 8002)');
    expect(courts.rows).toEqual([{ location_id: 8001 }]);
  });

  it('throws when the database is unreachable, so the host retries', async () => {
    const unreachable = createDatabase({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_POOL_SIZE: 1 });
    try {
      await expect(
        handleReferenceDataBlob({ ...deps, database: unreachable }, Buffer.from(csv), context({ name: 'courts.csv' })),
      ).rejects.toThrow();
    } finally {
      await unreachable.end();
    }
  });
});
