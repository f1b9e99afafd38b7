import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createDatabase, inTransaction, searchPathSchema } from './database.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

describe('searchPathSchema', () => {
  it('reads the first schema of a libpq search_path option', () => {
    expect(searchPathSchema('postgres://u@h/db?options=-c%20search_path%3Dtest_a%2Cpublic')).toBe('test_a');
    expect(searchPathSchema('postgres://u@h/db')).toBeUndefined();
  });
});

describe('createDatabase', () => {
  it('lands in the schema named by the URL on PostgreSQL and PGlite alike', async () => {
    const pool = createDatabase({ DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: 1 });
    try {
      const { rows } = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
      expect(rows[0]?.schema).toBe(testDb.schema);
    } finally {
      await pool.end();
    }
  });
});

describe('inTransaction', () => {
  it('rolls back everything when the work throws', async () => {
    await testDb.database.query('CREATE TABLE tx_probe (id int)');
    await expect(
      inTransaction(testDb.database, async (client) => {
        await client.query('INSERT INTO tx_probe VALUES (1)');
        throw new Error('half-way failure');
      }),
    ).rejects.toThrow('half-way failure');
    const { rows } = await testDb.database.query('SELECT * FROM tx_probe');
    expect(rows).toEqual([]);
  });

  it('survives the connection being lost between two queries: the work fails, the process does not, the pool goes on', async () => {
    await testDb.database.query('CREATE TABLE tx_lost (id int)');
    await expect(
      inTransaction(testDb.database, async (client) => {
        await client.query('INSERT INTO tx_lost VALUES (1)');
        // The network drops while the work awaits something else: pg emits 'error' on the client, with no query
        // running to take it. Unhandled, that event would end the test process.
        const ended = new Promise((resolve) => client.once('end', resolve));
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        await ended;
        await client.query('INSERT INTO tx_lost VALUES (2)');
      }),
    ).rejects.toThrow(/not queryable|terminated/i);
    const { rows } = await testDb.database.query('SELECT * FROM tx_lost');
    expect(rows).toEqual([]);
  });
});
