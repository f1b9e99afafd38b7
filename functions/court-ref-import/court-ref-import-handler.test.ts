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
