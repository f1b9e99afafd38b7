import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { AUDIT_OVERFLOW_ACTION, createAnonymousAudit } from './anonymous-audit.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

interface Row {
  action: string;
  user_id: string | null;
  object_id: string | null;
  details: Record<string, unknown>;
}
const rows = async (action: string): Promise<Row[]> =>
  (
    await testDb.database.query<Row>(
      'SELECT action, user_id, object_id, details FROM audit_log WHERE action = $1 ORDER BY audit_id',
      [action],
    )
  ).rows;

describe('anonymous audit rows, aggregated per kind and window', () => {
  it('writes the first of a kind at once, counts the rest, and writes the count when the window closes', async () => {
    let now = new Date('2026-06-01T10:00:00Z');
    const audit = createAnonymousAudit({ database: testDb.database, windowMs: 60_000, now: () => now });
    const event = (reason: string) => ({
      action: 'FLOOD_TEST',
      outcome: 'FAILURE' as const,
      actor: { userId: 'forged', provenance: 'SYSTEM' as const, roles: [], email: null, name: null },
      objectType: 'route',
      objectId: '/api/x',
      details: { reason },
    });
    for (let i = 0; i < 500; i += 1) await audit.record(event('A'));
    await audit.record(event('B'));
    expect(await rows('FLOOD_TEST')).toEqual([
      { action: 'FLOOD_TEST', user_id: null, object_id: '/api/x', details: { reason: 'A' } },
      { action: 'FLOOD_TEST', user_id: null, object_id: '/api/x', details: { reason: 'B' } },
    ]);
    now = new Date('2026-06-01T10:01:30Z');
    await audit.record(event('A')); // a new window: its first row, after the old window's count
    const written = await rows('FLOOD_TEST');
    expect(written).toHaveLength(4);
    expect(written[2]?.details).toEqual({
      reason: 'A',
      repeated: 499,
      windowStart: '2026-06-01T10:00:00.000Z',
      windowEnd: '2026-06-01T10:01:00.000Z',
    });
    expect(written[3]?.details).toEqual({ reason: 'A' });
    await audit.close();
    expect(await rows('FLOOD_TEST')).toHaveLength(4); // nothing repeated since: no more rows
  });

  it('keeps at most maxKinds kinds; the rest are one AUDIT_OVERFLOW count', async () => {
    const audit = createAnonymousAudit({ database: testDb.database, maxKinds: 3 });
    for (let i = 0; i < 20; i += 1)
      await audit.record({ action: 'MANY_KINDS', outcome: 'FAILURE', actor: null, details: { n: i } });
    expect(await rows('MANY_KINDS')).toHaveLength(3);
    await audit.flush();
    expect((await rows(AUDIT_OVERFLOW_ACTION)).map((row) => row.details.repeated)).toEqual([17]);
  });
});
