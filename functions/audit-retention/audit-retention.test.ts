/** The audit retention timer hosted by the local runtime, run on demand (as POST /admin/functions/auditRetention does). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { startTestHost } from '../../test-support/test-host.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { auditRetentionSchedule } from './audit-retention-handler.js';
import { registerAuditRetention } from './registration.js';

const DAY = 24 * 60 * 60_000;
const fixedNow = new Date('2026-06-30T02:30:00Z');
let testDb: TestDatabase;
let host: LocalFunctionsHost;

beforeAll(async () => {
  testDb = await createTestDatabase();
  registerAuditRetention(() => ({ database: testDb.database, now: () => fixedNow }));
  host = await startTestHost();
});

afterAll(async () => {
  await host.stop();
  await testDb.drop();
});

describe('auditRetention (timer)', () => {
  it('is a daily six-field NCRONTAB timer', () => {
    expect(auditRetentionSchedule.split(' ')).toHaveLength(6);
    expect(host.timers.has('auditRetention')).toBe(true);
  });

  it('deletes audit rows older than 90 days when run', async () => {
    for (const [label, age] of [
      ['old', 120 * DAY],
      ['just old', 90 * DAY + 1_000],
      ['recent', 10 * DAY],
    ] as const) {
      await testDb.database.query(
        `INSERT INTO audit_log (occurred_at, action, outcome, details) VALUES ($1, 'TEST_EVENT', 'SUCCESS', $2)`,
        [new Date(fixedNow.getTime() - age), JSON.stringify({ label })],
      );
    }
    await host.runOnDemand('auditRetention', '');
    const { rows } = await testDb.database.query<{ label: string }>(
      "SELECT details->>'label' AS label FROM audit_log WHERE action = 'TEST_EVENT'",
    );
    expect(rows.map((row) => row.label)).toEqual(['recent']);
    const audit = await testDb.database.query<{ details: { deleted: number } }>(
      "SELECT details FROM audit_log WHERE action = 'AUDIT_RETENTION'",
    );
    expect(audit.rows.map((row) => row.details.deleted)).toEqual([2]);
  });
});
