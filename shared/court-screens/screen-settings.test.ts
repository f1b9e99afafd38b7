/** Court screen refresh periods over PostgreSQL: the default, a change, the allowed range, a deleted court. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { insertCourt } from '../../test-support/subscription-fixtures.js';
import { deleteLocation } from '../reference-data/location-queries.js';
import {
  allScreenRefreshPeriods,
  screenRefreshSeconds,
  screenRefreshSecondsSchema,
  setScreenRefreshSeconds,
} from './screen-settings.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  for (const id of [71, 72]) await insertCourt(testDb.database, id, `Court ${id}`);
});

afterAll(async () => {
  await testDb.drop();
});

describe('screen refresh periods', () => {
  it('are 60 seconds until changed, and answer the period replaced', async () => {
    expect(await screenRefreshSeconds(testDb.database, 71)).toBe(60);
    expect(await setScreenRefreshSeconds(testDb.database, 71, 15, 'admin')).toEqual({
      changed: true,
      previous: 60,
      refreshSeconds: 15,
    });
    expect(await setScreenRefreshSeconds(testDb.database, 71, 600, 'admin')).toMatchObject({ previous: 15 });
    const periods = await allScreenRefreshPeriods(testDb.database);
    expect(periods.get(71)).toBe(600);
    expect(periods.get(72)).toBe(60);
    expect(await screenRefreshSeconds(testDb.database, 4242)).toBeNull();
    expect(await setScreenRefreshSeconds(testDb.database, 4242, 30, 'admin')).toEqual({
      changed: false,
      reason: 'NOT_FOUND',
    });
  });

  it('are whole seconds from 15 to 600, in the form and in the table', async () => {
    expect(screenRefreshSecondsSchema.safeParse(' 15 ').data).toBe(15);
    expect(screenRefreshSecondsSchema.safeParse('600').data).toBe(600);
    for (const bad of ['14', '601', '60.0', '-60', '1e2', 'sixty', '']) {
      expect(screenRefreshSecondsSchema.safeParse(bad).success, bad).toBe(false);
    }
    await expect(setScreenRefreshSeconds(testDb.database, 72, 14, 'admin')).rejects.toThrow(/check/);
    await expect(setScreenRefreshSeconds(testDb.database, 72, 601, 'admin')).rejects.toThrow(/check/);
  });

  it('go with their court when it is deleted', async () => {
    await setScreenRefreshSeconds(testDb.database, 72, 30, 'admin');
    expect(await deleteLocation(testDb.database, 72)).toMatchObject({ deleted: true });
    expect((await allScreenRefreshPeriods(testDb.database)).has(72)).toBe(false);
    const { rowCount } = await testDb.database.query('SELECT 1 FROM court_screen_setting WHERE location_id = 72');
    expect(rowCount).toBe(0);
  });
});
