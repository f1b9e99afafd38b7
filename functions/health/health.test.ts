/** /api/health with real dependencies: all up answers 200; a database that does not answer makes it 503. */
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../shared/db/database.js';
import { createStorageClients } from '../../shared/storage/storage-clients.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { testStorage } from '../../test-support/test-storage.js';
import { handleHealth, probesFor } from './health-handler.js';

const storage = createStorageClients({ AzureWebJobsStorage: testStorage().connectionString });

describe('health', () => {
  it('answers 200 with every dependency up', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    try {
      const response = await handleHealth(probesFor({ database: testDb.database, storage }));
      expect(response.status).toBe(200);
      expect(response.jsonBody).toMatchObject({
        status: 'healthy',
        dependencies: { database: { status: 'up' }, blob: { status: 'up' }, queue: { status: 'up' } },
      });
    } finally {
      await testDb.drop();
    }
  });

  it('answers 503 naming the dependency that is down, without leaking where it lives', async () => {
    const unreachable = createDatabase({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      DATABASE_POOL_SIZE: 1,
    });
    try {
      const response = await handleHealth(probesFor({ database: unreachable, storage }));
      expect(response.status).toBe(503);
      expect(response.jsonBody).toMatchObject({
        status: 'unhealthy',
        dependencies: { database: { status: 'down' }, blob: { status: 'up' }, queue: { status: 'up' } },
      });
      expect(JSON.stringify(response.jsonBody)).not.toContain('127.0.0.1');
    } finally {
      await unreachable.end();
    }
  });

  it('answers 503 when storage is down', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    const deadStorage = createStorageClients({
      AzureWebJobsStorage:
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;',
    });
    try {
      const response = await handleHealth(probesFor({ database: testDb.database, storage: deadStorage }));
      expect(response.status).toBe(503);
      expect(response.jsonBody).toMatchObject({
        dependencies: { database: { status: 'up' }, blob: { status: 'down' }, queue: { status: 'down' } },
      });
    } finally {
      await testDb.drop();
    }
  });
});
