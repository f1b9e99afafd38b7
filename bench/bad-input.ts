/**
 * bench/bad-input: the bad-input properties of issue 17 (test-support/bad-input/properties.ts) with many more cases
 * than CI runs, against the same world: every HTTP function's real registration on the local runtime, Azurite, a
 * PostgreSQL, real tokens. Prints the cases each property ran and any counterexample (with the seed and path that
 * replay it), and exits 1 when a property fails.
 *
 *   npm run bench:bad-input -- [--runs N] [--seed S] [--only NAME]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:bad-input   (otherwise embedded)
 *
 * --runs: cases per property (default 10x the CI budget); --seed: default a random one (printed); --only: the
 * properties whose name contains NAME.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';
import { parseHostConfig } from '../local/runtime/host-config.js';
import { startLocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { startAzurite } from '../local/services/azurite.js';
import { startEmbeddedPostgres } from '../local/services/embedded-postgres.js';
import { createDatabase } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';
import { badInputProperties, runProperty, summaryLine } from '../test-support/bad-input/properties.js';
import { startBadInputWorld } from '../test-support/bad-input/world.js';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } },
});
const seed = values.seed === undefined ? randomBytes(4).readInt32LE() : Number(values.seed);

const registry = installFunctionsCore();
const azurite = await startAzurite();
const baseUrl = process.env.BENCH_DATABASE_URL ?? (await startEmbeddedPostgres({ dataDirectory: null })).url;
const schema = `bench_bad_input_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
const embedded = process.env.BENCH_DATABASE_URL === undefined;
const database = createDatabase({ DATABASE_URL: baseUrl, DATABASE_POOL_SIZE: embedded ? 1 : 10 }, { schema });
await migrate(database);

const world = await startBadInputWorld({
  storageConnectionString: azurite.connectionString,
  database,
  startHost: () =>
    startLocalFunctionsHost({
      registry,
      hostConfig: parseHostConfig({ version: '2.0', extensions: { http: { routePrefix: '' } } }),
      env: { AzureWebJobsStorage: azurite.connectionString },
      port: 0,
      masterKey: 'bench-master-key',
      blobPollIntervalMs: 100,
      logger: () => undefined,
    }),
});

let failed = false;
try {
  console.log(`bad-input bench: seed ${seed}`);
  for (const property of badInputProperties) {
    if (values.only !== undefined && !property.name.includes(values.only)) continue;
    const numRuns = values.runs === undefined ? property.ciRuns * 10 : Number(values.runs);
    const outcome = await runProperty(world, property, { seed, numRuns });
    console.log(summaryLine(outcome));
    if (outcome.report) {
      failed = true;
      console.log(outcome.report);
    }
  }
} finally {
  await world.stop();
  await database.end();
  await admin.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
  await admin.end();
  await azurite.stop();
}
process.exit(failed ? 1 : 0);
