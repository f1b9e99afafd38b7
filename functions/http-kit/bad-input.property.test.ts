/**
 * Issue 17's proof that stays: the bad-input properties (test-support/bad-input/properties.ts) against the real
 * functions over real HTTP, with a fixed seed and a budget that keeps the file to about 30-60 s on a quiet two-core
 * machine. Each property prints how many cases ran. A longer run, any seed: `npm run bench:bad-input`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputProperties, runProperty, summaryLine } from '../../test-support/bad-input/properties.js';
import { startBadInputWorld, type BadInputWorld } from '../../test-support/bad-input/world.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { testStorage } from '../../test-support/test-storage.js';

const seed = 20261129;
let testDb: TestDatabase;
let world: BadInputWorld;

beforeAll(async () => {
  testDb = await createTestDatabase({ poolSize: 10 });
  world = await startBadInputWorld({
    storageConnectionString: testStorage().connectionString,
    database: testDb.database,
    startHost: () => startTestHost(),
  });
}, 120_000);

afterAll(async () => {
  await world.stop();
  await testDb.drop();
});

describe('bad input never gets a 5xx, a stuck submission or a silent change (issue 17)', () => {
  it.each(badInputProperties.map((property) => [property.name, property] as const))(
    '%s',
    async (_name, property) => {
      const outcome = await runProperty(world, property, { seed, numRuns: property.ciRuns });
      console.log(summaryLine(outcome));
      expect(outcome.report ?? '', outcome.report ?? '').toBe('');
      expect(outcome.numRuns).toBeGreaterThan(0);
    },
    180_000,
  );
});
