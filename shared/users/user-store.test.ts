/** User records on a real database: created on first sign-in, updated after, unique per identity service and id. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { findUser, findUserByProvenance, namesFromClaims, upsertUserOnSignIn, type UserProfile } from './user-store.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

const caseworker: UserProfile = {
  provenance: 'CFT_IDAM',
  provenanceUserId: 'be7d1fff-0566-43cc-841f-000000000004',
  email: 'caseworker@example.com',
  forenames: 'Case',
  surname: 'Worker',
  roles: ['VERIFIED'],
};

describe('upsertUserOnSignIn', () => {
  it('creates the record on first sign-in and updates it on the next', async () => {
    const first = await upsertUserOnSignIn(testDb.database, caseworker, new Date('2026-01-05T09:00:00Z'));
    expect(first).toMatchObject({
      ...caseworker,
      createdAt: new Date('2026-01-05T09:00:00Z'),
      lastSignedInAt: new Date('2026-01-05T09:00:00Z'),
    });
    const second = await upsertUserOnSignIn(
      testDb.database,
      { ...caseworker, email: 'case.worker@example.com', surname: 'Worker-Smith' },
      new Date('2026-01-06T10:00:00Z'),
    );
    expect(second).toMatchObject({
      userId: first.userId,
      email: 'case.worker@example.com',
      surname: 'Worker-Smith',
      createdAt: new Date('2026-01-05T09:00:00Z'),
      lastSignedInAt: new Date('2026-01-06T10:00:00Z'),
    });
    expect(await findUser(testDb.database, first.userId)).toEqual(second);
    expect(await findUserByProvenance(testDb.database, 'CFT_IDAM', caseworker.provenanceUserId)).toEqual(second);
  });

  it('keeps the same id at two identity services apart', async () => {
    const crime = await upsertUserOnSignIn(testDb.database, { ...caseworker, provenance: 'CRIME_IDAM' }, new Date());
    const cft = await findUserByProvenance(testDb.database, 'CFT_IDAM', caseworker.provenanceUserId);
    expect(crime.userId).not.toBe(cft?.userId);
  });

  it('is unique per (provenance, provenance user id) in the table itself', async () => {
    await expect(
      testDb.database.query(`INSERT INTO pip_user (provenance, provenance_user_id) VALUES ('CFT_IDAM', $1)`, [
        caseworker.provenanceUserId,
      ]),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('finds nobody for an unknown or malformed id', async () => {
    expect(await findUser(testDb.database, '00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await findUser(testDb.database, 'not-a-uuid')).toBeNull();
  });
});

describe('namesFromClaims', () => {
  it('prefers given_name and family_name, else splits the display name at its last space', () => {
    expect(namesFromClaims({ given_name: 'Case', family_name: 'Worker', name: 'X Y' })).toEqual({
      forenames: 'Case',
      surname: 'Worker',
    });
    expect(namesFromClaims({ name: 'Mary Ann Evans' })).toEqual({ forenames: 'Mary Ann', surname: 'Evans' });
    expect(namesFromClaims({ name: 'Cher' })).toEqual({ forenames: 'Cher', surname: null });
    expect(namesFromClaims({})).toEqual({ forenames: null, surname: null });
    expect(namesFromClaims({ name: 42 })).toEqual({ forenames: null, surname: null });
  });
});
