/**
 * `npm run migrate`: applies the database migrations to the PostgreSQL named by DATABASE_URL. The deployment
 * pipeline runs it before a new version of the function app goes live; `npm start` and the tests run it themselves.
 */
import { ConfigurationError, databaseSettingsSchema, loadSettings } from '../shared/config/settings.js';
import { createDatabase } from '../shared/db/database.js';
import { migrate } from '../shared/db/migrate.js';

try {
  const database = createDatabase({ ...loadSettings(databaseSettingsSchema, process.env), DATABASE_POOL_SIZE: 1 });
  try {
    const report = await migrate(database);
    console.log(
      `Migrations applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied}`,
    );
  } finally {
    await database.end();
  }
} catch (error) {
  console.error(error instanceof ConfigurationError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
