/** The session purge timer, run by the local Functions host on demand, over the real session table. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createSessionStore } from '../../shared/auth/session-store.js';
import { assignRolesHere } from '../../shared/users/user-store.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { registerSessionPurge } from './registration.js';
import { sessionPurgeSchedule } from './session-purge-handler.js';

let testDb: TestDatabase;
let host: LocalFunctionsHost;
let now = new Date('2026-11-30T09:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  registerSessionPurge(() => ({ sessions: createSessionStore({ database: testDb.database, now: () => now }) }));
  host = await startTestHost();
});

afterAll(async () => {
  await host.stop();
  await testDb.drop();
});

describe('the sessionPurge timer', () => {
  it('is scheduled every 15 minutes with a six-field NCRONTAB expression', () => {
    expect(sessionPurgeSchedule.split(' ')).toHaveLength(6);
    expect([0, 15, 30, 45]).toContain(host.timers.get('sessionPurge')?.nextDue?.getUTCMinutes());
  });

  it('deletes the sessions past their idle or absolute limit, and keeps the live ones', async () => {
    const user = await assignRolesHere(
      testDb.database,
      { provenanceUserId: 'purge-test', email: null, forenames: null, surname: null },
      ['VERIFIED'],
      now,
    );
    const principal = { userId: 'purge-test', provenance: 'PI_AAD' as const, roles: [], email: null, name: null };
    const at = (time: string) =>
      createSessionStore({ database: testDb.database, now: () => new Date(time) }).create({
        userId: user.userId,
        issuer: 'b2c',
        principal,
        idToken: null,
      });
    await at('2026-11-30T00:30:00Z'); // 8 h 30 min old: past the absolute limit
    await at('2026-11-30T08:15:00Z'); // idle for 45 minutes
    const live = await at('2026-11-30T08:50:00Z');
    await host.runOnDemand('sessionPurge', '');
    const { rows } = await testDb.database.query<{ created_at: Date }>('SELECT created_at FROM user_session');
    expect(rows.map((row) => row.created_at)).toEqual([live.session.createdAt]);
    now = new Date('2026-11-30T09:30:00Z');
    await host.runOnDemand('sessionPurge', '');
    expect((await testDb.database.query('SELECT 1 FROM user_session')).rows).toHaveLength(0);
  });
});
