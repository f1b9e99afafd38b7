import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { recordAuditEvent } from './audit-log.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

describe('recordAuditEvent', () => {
  it('stores who, what, which object, when and the outcome', async () => {
    const before = new Date(Date.now() - 1000);
    await recordAuditEvent(testDb.database, {
      action: 'PUBLICATION_DELETE',
      outcome: 'SUCCESS',
      actor: {
        userId: 'u-1',
        provenance: 'PI_AAD',
        roles: ['SYSTEM_ADMIN'],
        email: 'admin@example.gov.uk',
        name: 'A Admin',
      },
      objectType: 'publication',
      objectId: 'abc',
      details: { reason: 'sent in error' },
    });
    const { rows } = await testDb.database.query<Record<string, unknown>>('SELECT * FROM audit_log');
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      action: 'PUBLICATION_DELETE',
      outcome: 'SUCCESS',
      user_id: 'u-1',
      user_email: 'admin@example.gov.uk',
      user_provenance: 'PI_AAD',
      user_roles: ['SYSTEM_ADMIN'],
      object_type: 'publication',
      object_id: 'abc',
      details: { reason: 'sent in error' },
    });
    expect((row?.occurred_at as Date).getTime()).toBeGreaterThan(before.getTime());
  });

  it('refuses an outcome outside SUCCESS, FAILURE and DENIED', async () => {
    await expect(
      recordAuditEvent(testDb.database, { action: 'X', outcome: 'MAYBE' as 'SUCCESS', actor: null }),
    ).rejects.toThrow(/audit_log_outcome_check|check constraint/);
  });
});

describe('recordAuditEvent with text PostgreSQL refuses', () => {
  it('records what it quotes even with NUL or lone surrogates in it (issue 17: a refused CSV cell answered 500)', async () => {
    await recordAuditEvent(testDb.database, {
      action: 'REFERENCE_DATA_IMPORT',
      outcome: 'FAILURE',
      actor: null,
      objectType: 'reference-data-file',
      objectId: 'nul\u0000.csv',
      details: { problems: [{ problem: 'id "\u0000\ud800" is not a number' }], 'key\u0000\udc00': ['\ud800x'] },
    });
    const { rows } = await testDb.database.query<{ object_id: string; details: unknown }>(
      "SELECT object_id, details FROM audit_log WHERE object_type = 'reference-data-file'",
    );
    expect(rows).toEqual([
      {
        object_id: 'nul\ufffd.csv',
        details: { problems: [{ problem: 'id "\ufffd\ufffd" is not a number' }], 'key\ufffd\ufffd': ['\ufffdx'] },
      },
    ]);
  });
});
