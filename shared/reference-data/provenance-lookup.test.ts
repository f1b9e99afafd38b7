import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { importCourtFile } from './court-import.js';
import { mapProvenanceCourtId, noMatchIdFor, provenanceCourtIdFor } from './provenance-lookup.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const result = await importCourtFile(
    testDb.database,
    [
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type',
      '1,Oxford Combined Court Centre,South East,Crown Court;County Court,LIST_ASSIST,123,venue',
      '1,Oxford Combined Court Centre,South East,Crown Court;County Court,COMMON_PLATFORM,B43MI,venue',
      '2,Reading Magistrates Court,South East,Magistrates Court,LIST_ASSIST,456,venue',
      '3,Slough Magistrates Court,South East,Magistrates Court,CFT,77,venue',
      '4,Windsor Magistrates Court,South East,Magistrates Court,CFT,77,venue',
    ].join('\n'),
  );
  expect(result.ok).toBe(true);
});
afterAll(async () => {
  await testDb.drop();
});

describe('mapProvenanceCourtId', () => {
  it("maps a publisher's court id to our court, whichever provenance it comes from", async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'LIST_ASSIST', '123')).toEqual({ matched: true, locationId: 1 });
    expect(await mapProvenanceCourtId(testDb.database, 'COMMON_PLATFORM', 'B43MI')).toEqual({
      matched: true,
      locationId: 1,
    });
    expect(await mapProvenanceCourtId(testDb.database, 'LIST_ASSIST', '456')).toEqual({ matched: true, locationId: 2 });
  });

  it('matches the provenance whatever its case and ignores surrounding spaces in the id', async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'list_assist', ' 123 ')).toEqual({
      matched: true,
      locationId: 1,
    });
  });

  it('maps the Single Justice Procedure national location from the first migration', async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'SNL', '9')).toEqual({ matched: true, locationId: 9 });
  });

  it('answers NoMatch<id> for an id the provenance does not know', async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'LIST_ASSIST', '100')).toEqual({
      matched: false,
      noMatchId: 'NoMatch100',
      reason: 'UNKNOWN_REFERENCE',
      candidates: [],
    });
  });

  it("does not borrow another provenance's id", async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'COMMON_PLATFORM', '123')).toMatchObject({
      matched: false,
      noMatchId: 'NoMatch123',
    });
  });

  it('answers NoMatch<id> naming the candidates when the reference data gives the id to several courts', async () => {
    expect(await mapProvenanceCourtId(testDb.database, 'CFT', '77')).toEqual({
      matched: false,
      noMatchId: 'NoMatch77',
      reason: 'AMBIGUOUS_REFERENCE',
      candidates: [3, 4],
    });
  });

  it('follows the reference data as it changes', async () => {
    await importCourtFile(
      testDb.database,
      'P&I ID,Court Desc,Region,Jurisdiction,Provenance,Provenance Location ID,Provenance Location Type\n4,Windsor Magistrates Court,South East,Magistrates Court,CFT,78,venue\n',
    );
    expect(await mapProvenanceCourtId(testDb.database, 'CFT', '77')).toEqual({ matched: true, locationId: 3 });
    expect(await mapProvenanceCourtId(testDb.database, 'CFT', '78')).toEqual({ matched: true, locationId: 4 });
  });
});

describe('provenanceCourtIdFor (the id a manual upload is sent with)', () => {
  it("answers the provenance's id for our court, whatever the provenance's case; null when it has none", async () => {
    expect(await provenanceCourtIdFor(testDb.database, 'list_assist', 1)).toBe('123');
    expect(await provenanceCourtIdFor(testDb.database, 'COMMON_PLATFORM', 2)).toBeNull();
    expect(await provenanceCourtIdFor(testDb.database, 'CFT', 3)).toBe('77');
  });

  it('never answers an id that also names another court (it would not map back)', async () => {
    await testDb.database.query(
      `INSERT INTO court_reference (location_id, provenance, provenance_location_id, provenance_location_type)
       VALUES (2, 'CFT', '77', 'VENUE')`,
    );
    expect(await provenanceCourtIdFor(testDb.database, 'CFT', 3)).toBeNull();
    expect(await provenanceCourtIdFor(testDb.database, 'CFT', 2)).toBeNull();
  });
});

describe('noMatchIdFor', () => {
  it('prefixes the trimmed id, as the seed specifies', () => {
    expect(noMatchIdFor('100')).toBe('NoMatch100');
    expect(noMatchIdFor(' ABC1 ')).toBe('NoMatchABC1');
  });
});
