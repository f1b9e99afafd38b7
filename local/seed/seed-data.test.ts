/** The seed files `npm start` drops: they must go through the real import and give every portal filter something. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlossary } from '../../shared/glossary/glossary.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { listLocations } from '../../shared/reference-data/location-queries.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

const courts = readFileSync(new URL('./reference-data/courts.csv', import.meta.url));
const glossary = readFileSync(new URL('./glossary/court-event-glossary.json', import.meta.url), 'utf8');

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

describe('seed reference data', () => {
  it('imports cleanly in the live format, with no warnings', async () => {
    const result = await importCourtFile(testDb.database, courts);
    expect(result).toMatchObject({ ok: true, summary: { format: 'live', added: 63, warnings: [] } });
  });

  it('has a court for every letter from A to Z', async () => {
    const all = await listLocations(testDb.database, { regions: [], jurisdictions: [], language: 'en' });
    const letters = new Set(all.map((l) => l.name.charAt(0).toUpperCase()));
    expect(
      Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)).filter((letter) => !letters.has(letter)),
    ).toEqual([]);
  });

  it.each(['London', 'South East', 'South West', 'Midlands', 'North East', 'North West', 'Wales', 'National'])(
    'shows courts for the region %s',
    async (region) => {
      expect(
        (await listLocations(testDb.database, { regions: [region], jurisdictions: [], language: 'en' })).length,
      ).toBeGreaterThan(0);
    },
  );

  it.each([
    'Civil',
    'Crime',
    'Family',
    'Tribunal',
    'Magistrates Court',
    'Crown Court',
    'County Court',
    'Family Court',
    'High Court',
    'Social Security and Child Support',
    'Employment Tribunal',
    'Immigration and Asylum Chamber',
    'Single Justice Procedure',
  ])('shows courts for the jurisdiction %s', async (jurisdiction) => {
    expect(
      (await listLocations(testDb.database, { regions: [], jurisdictions: [jurisdiction], language: 'en' })).length,
    ).toBeGreaterThan(0);
  });

  it('gives courts in Wales their Welsh names', async () => {
    const wales = await listLocations(testDb.database, { regions: ['Cymru'], jurisdictions: [], language: 'cy' });
    expect(wales.length).toBeGreaterThanOrEqual(10);
    expect(wales.every((l) => l.welshName !== null)).toBe(true);
  });
});

describe('seed glossary', () => {
  it('is the live glossary and passes validation', () => {
    const result = parseGlossary(glossary);
    expect(result.ok && result.entries.length).toBe(49);
  });
});
