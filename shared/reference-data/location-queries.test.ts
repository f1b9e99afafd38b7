/** Deleting a location: refused while the court has live publications or subscribers; allowed once it has neither. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { deleteLocation, getLocation } from './location-queries.js';
import { archivePublicationRow, insertPublicationRow } from '../../test-support/publication-rows.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.query(
    `INSERT INTO court (location_id, name) VALUES (2001, 'Leeds Combined Court Centre'), (2002, 'Hull Combined Court Centre')`,
  );
  await testDb.database.query(
    `INSERT INTO court_reference (location_id, provenance, provenance_location_id) VALUES (2001, 'HMI', '77')`,
  );
});
afterAll(async () => {
  await testDb.drop();
});

async function publishAt(locationId: string, contentDay: string): Promise<string> {
  return insertPublicationRow(testDb.database, {
    provenance: 'HMI',
    locationId,
    contentDate: `${contentDay}T00:00:00`,
    displayFrom: new Date(),
  });
}

describe('deleteLocation', () => {
  it('refuses while the court has live publications, naming how many, and changes nothing', async () => {
    const first = await publishAt('2001', '2026-11-30');
    const second = await publishAt('2001', '2026-12-01');
    // Another court's publications and NoMatch ones do not count.
    await publishAt('2002', '2026-11-30');
    await publishAt('NoMatch2001', '2026-11-30');
    expect(await deleteLocation(testDb.database, 2001)).toEqual({
      deleted: false,
      reason: 'HAS_LIVE_PUBLICATIONS',
      livePublications: 2,
    });
    expect(await getLocation(testDb.database, 2001)).not.toBeNull();

    await archivePublicationRow(testDb.database, first);
    expect(await deleteLocation(testDb.database, 2001)).toEqual({
      deleted: false,
      reason: 'HAS_LIVE_PUBLICATIONS',
      livePublications: 1,
    });

    await archivePublicationRow(testDb.database, second);
    expect(await deleteLocation(testDb.database, 2001)).toMatchObject({
      deleted: true,
      location: { locationId: 2001 },
      referencesDeleted: 1,
    });
    expect(await getLocation(testDb.database, 2001)).toBeNull();
  });

  it('refuses while people subscribe to the court, and allows it once they no longer do', async () => {
    await testDb.database.query(`INSERT INTO court (location_id, name) VALUES (2003, 'York Crown Court')`);
    await testDb.database.query(
      `INSERT INTO subscription (subscription_id, user_id, user_email, search_type, search_value)
       VALUES ($1, $1, 'reporter@example.com', 'LOCATION_ID', '2003'), ($2, $2, 'editor@example.com', 'LOCATION_ID', ' 2003 ')`,
      [randomUUID(), randomUUID()],
    );
    expect(await deleteLocation(testDb.database, 2003)).toEqual({
      deleted: false,
      reason: 'HAS_SUBSCRIPTIONS',
      subscriptions: 2,
    });
    expect(await getLocation(testDb.database, 2003)).not.toBeNull();
    await testDb.database.query(`DELETE FROM subscription WHERE search_value LIKE '%2003%'`);
    expect(await deleteLocation(testDb.database, 2003)).toMatchObject({
      deleted: true,
      location: { locationId: 2003 },
    });
  });

  it('answers NOT_FOUND and PROTECTED as before', async () => {
    expect(await deleteLocation(testDb.database, 4242)).toEqual({ deleted: false, reason: 'NOT_FOUND' });
    expect(await deleteLocation(testDb.database, 9)).toEqual({ deleted: false, reason: 'PROTECTED' });
  });
});
