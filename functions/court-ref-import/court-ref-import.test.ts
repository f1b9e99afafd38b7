/**
 * court-ref-import end to end: the real registrations (index.ts), hosted by the local runtime over a real Azurite,
 * real tokens from the local identity provider, a real database.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import { BLOB_POISON_QUEUE } from '../../local/runtime/blob-path.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { containers } from '../../shared/storage/names.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startSettingsWorld, type SettingsWorld } from '../../test-support/publishing-world.js';
import { peekQueue, testStorage } from '../../test-support/test-storage.js';

const sample = (name: string) => readFileSync(fixtureUrl('reference-data', name));
const storage = testStorage();
const dropContainer = storage.blobService.getContainerClient(containers.referenceData);

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;

let world: SettingsWorld;

beforeAll(async () => {
  world = await startSettingsWorld({
    loadIndex: () => import('./index.js'),
    seedAdminRoles: true,
    host: { extensions: { queues: { maxDequeueCount: 3 } } },
  });
  ({ idp, testDb, host } = world);
});

afterAll(() => world.stop());

interface AuditRow {
  action: string;
  outcome: string;
  object_id: string | null;
  user_roles: string[];
  details: Record<string, unknown>;
}
const audits = async () =>
  (
    await testDb.database.query<AuditRow>(
      "SELECT * FROM audit_log WHERE action = 'REFERENCE_DATA_IMPORT' ORDER BY audit_id",
    )
  ).rows;
const courtCount = async () =>
  (await testDb.database.query<{ n: number }>('SELECT count(*)::int AS n FROM court')).rows[0]?.n;

describe('the blob trigger on reference-data', () => {
  it('imports a dropped file and audits it', async () => {
    await dropContainer.getBlockBlobClient('sftp/ValidCsv.csv').uploadData(sample('integration_ValidCsv.csv'));
    await host.drain();
    const rows = await audits();
    expect(rows).toHaveLength(1);
    const [audit] = rows;
    expect(audit).toMatchObject({
      outcome: 'SUCCESS',
      object_id: 'sftp/ValidCsv.csv',
      user_roles: [],
      details: {
        source: 'blob',
        blobName: 'sftp/ValidCsv.csv',
        added: 4,
        updated: 0,
        unchanged: 0,
        referencesAdded: 5,
      },
    });
    expect(await courtCount()).toBe(5); // four courts and the Single Justice Procedure location
  });

  it('records a file that can never import once, changes nothing, and does not retry it into the poison queue', async () => {
    await dropContainer
      .getBlockBlobClient('sftp/Invalid.csv')
      .uploadData(sample('integration_InvalidCsvWithoutLocationType.csv'));
    await host.drain(); // every attempt the host would make has been made
    const failures = (await audits()).filter((a) => a.object_id === 'sftp/Invalid.csv');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      outcome: 'FAILURE',
      details: { problemCount: 1, problems: [{ line: 4, column: 'Provenance Location Type' }] },
    });
    expect((await peekQueue(BLOB_POISON_QUEUE)).filter((m) => m.includes('Invalid.csv'))).toEqual([]);
    expect(await courtCount()).toBe(5);
  });
});

describe('POST /api/locations/reference-data', () => {
  const upload = (body: string | Buffer | null, token?: string, query = '') =>
    fetch(`${host.url}/api/locations/reference-data${query}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it('answers 401 without a token', async () => {
    const response = await upload('x');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({
      code: 'TOKEN_MISSING',
      message: 'An Authorization: Bearer token is required',
      details: [{ field: 'Authorization', problem: 'An Authorization: Bearer token is required' }],
    });
  });

  it('answers 403 to a signed-in user who is not a system administrator, and audits the attempt', async () => {
    const response = await upload(sample('test_ValidCsv.csv'), await idp.issueToken('cft'));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
    expect((await audits()).at(-1)).toMatchObject({ outcome: 'DENIED' });
  });

  it('imports a CSV body for a system administrator and answers the counts', async () => {
    const response = await upload(sample('performance_ReferenceData.csv'), await idp.issueToken('sysadmin'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      added: 400,
      updated: 0,
      unchanged: 0,
      referencesAdded: 400,
      referencesRemoved: 0,
      referencesMoved: 0,
      warnings: [],
    });
    expect((await audits()).at(-1)).toMatchObject({
      outcome: 'SUCCESS',
      user_roles: ['SYSTEM_ADMIN'],
      details: { source: 'upload' },
    });
  });

  it('answers 400 with every problem by line and column, importing nothing', async () => {
    const before = await courtCount();
    const response = await upload(
      sample('integration_InvalidCsvWithoutLocationType.csv'),
      await idp.issueToken('sysadmin'),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'INVALID_REFERENCE_DATA',
      message: 'The file has 1 problem; nothing was imported',
      details: [
        {
          field: 'line 4, Provenance Location Type',
          line: 4,
          column: 'Provenance Location Type',
          problem: 'missing location type (expected venue, region, owning hearing location or national)',
        },
      ],
    });
    expect(await courtCount()).toBe(before);
  });

  it('re-imports the newest dropped file on request, reporting it unchanged', async () => {
    // Blob timestamps have one-second resolution and a same-second tie goes to the later name: this file's name sorts
    // after every other dropped here, so it is the newest whether or not the second has turned since they were.
    await dropContainer.getBlockBlobClient('sftp/ValidCsv2.csv').uploadData(sample('integration_ValidCsv.csv'));
    await host.drain();
    expect((await audits()).some((a) => a.object_id === 'sftp/ValidCsv2.csv')).toBe(true);
    const response = await upload(null, await idp.issueToken('sysadmin'), '?source=latest-blob');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ added: 0, updated: 0, unchanged: 4, referencesAdded: 0 });
    expect((await audits()).at(-1)).toMatchObject({ object_id: 'sftp/ValidCsv2.csv', details: { source: 'blob' } });
  });
});
