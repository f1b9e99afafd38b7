/** A page of a listing is a slice of the whole listing, in its order, with the listing's total; archived rows never count. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPublicationRow } from '../../../test-support/publication-rows.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { allLivePublicationsAt, liveNoMatchPublications, livePublicationsPage } from './publication-records.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  for (let day = 1; day <= 7; day++) {
    await insertPublicationRow(testDb.database, {
      locationId: '901',
      contentDate: `2026-11-${String(day).padStart(2, '0')}T09:00:00`,
    });
  }
  await insertPublicationRow(testDb.database, { locationId: '901', archivedAt: '2026-11-20T00:00:00Z' });
  for (let minute = 1; minute <= 3; minute++) {
    await insertPublicationRow(testDb.database, {
      locationId: `NoMatch${minute}`,
      receivedAt: `2026-11-29T10:0${minute}:00Z`,
    });
  }
  await insertPublicationRow(testDb.database, { locationId: '902' });
});
afterAll(async () => {
  await testDb.drop();
});

describe('a page of live publications', () => {
  it("of a court: slices of the court's whole listing, newest content first, with the total", async () => {
    const whole = await allLivePublicationsAt(testDb.database, '901');
    expect(whole).toHaveLength(7);
    const pages = await Promise.all(
      [0, 3, 6, 9].map((offset) => livePublicationsPage(testDb.database, { locationId: '901' }, { offset, limit: 3 })),
    );
    expect(pages.map((page) => page.total)).toEqual([7, 7, 7, 7]);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.flatMap((page) => page.items)).toEqual(whole);
    expect(pages[0]?.items[0]?.contentDate).toBe('2026-11-07T09:00:00');
  });

  it('of the NoMatch courts: slices of the NoMatch listing, last received first', async () => {
    const whole = await liveNoMatchPublications(testDb.database);
    const first = await livePublicationsPage(testDb.database, { noMatch: true }, { offset: 0, limit: 2 });
    const second = await livePublicationsPage(testDb.database, { noMatch: true }, { offset: 2, limit: 2 });
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.items, ...second.items]).toEqual(whole);
    expect(first.items.map((publication) => publication.locationId)).toEqual(['NoMatch3', 'NoMatch2']);
  });

  it('of a court with none: empty, total 0', async () => {
    expect(await livePublicationsPage(testDb.database, { locationId: '903' }, { offset: 0, limit: 25 })).toEqual({
      items: [],
      total: 0,
    });
  });
});
