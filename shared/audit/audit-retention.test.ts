/** Audit retention with a fixed clock on a real database: older than 90 days goes, the rest stays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { deleteExpiredAuditRows } from './audit-retention.js';

const DAY = 24 * 60 * 60_000;
const now = new Date('2026-03-01T02:30:00Z');
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

async function insertAt(label: string, occurredAt: Date): Promise<void> {
  await testDb.database.query(
    `INSERT INTO audit_log (occurred_at, action, outcome, details) VALUES ($1, 'TEST_EVENT', 'SUCCESS', $2)`,
    [occurredAt, JSON.stringify({ label })],
  );
}

async function labels(): Promise<string[]> {
  const { rows } = await testDb.database.query<{ label: string }>(
    "SELECT details->>'label' AS label FROM audit_log WHERE action = 'TEST_EVENT' ORDER BY occurred_at",
  );
  return rows.map((row) => row.label);
}

describe('deleteExpiredAuditRows', () => {
  it('deletes rows older than 90 days, in batches, and records what it did', async () => {
    await insertAt('a year old', new Date(now.getTime() - 365 * DAY));
    for (let i = 0; i < 7; i += 1) await insertAt(`old ${i}`, new Date(now.getTime() - (91 + i) * DAY));
    await insertAt('90 days less a minute', new Date(now.getTime() - 90 * DAY + 60_000));
    await insertAt('yesterday', new Date(now.getTime() - DAY));

    const result = await deleteExpiredAuditRows(testDb.database, now, { batchSize: 3 });
    expect(result).toEqual({ cutoff: new Date(now.getTime() - 90 * DAY), deleted: 8 });
    expect(await labels()).toEqual(['90 days less a minute', 'yesterday']);

    const { rows } = await testDb.database.query<{ outcome: string; details: Record<string, unknown> }>(
      "SELECT outcome, details FROM audit_log WHERE action = 'AUDIT_RETENTION'",
    );
    expect(rows).toEqual([
      { outcome: 'SUCCESS', details: { cutoff: '2025-12-01T02:30:00.000Z', deleted: 8, retentionDays: 90 } },
    ]);
  });

  it('deletes nothing when nothing is old enough', async () => {
    expect((await deleteExpiredAuditRows(testDb.database, now)).deleted).toBe(0);
    expect(await labels()).toEqual(['90 days less a minute', 'yesterday']);
  });
});
