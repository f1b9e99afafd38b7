/**
 * Removing a publication over real PostgreSQL and Azurite: the row, its payload blob and the workbook kept beside it
 * go, the removal is audited with who and when, and a removed publication is never announced to subscribers (not
 * matched by the daily run, and left out of a digest planned before it was removed).
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import type { EventLogger } from '../logging/log-event.js';
import { groupIntoDigests } from '../subscriptions/digest-grouping.js';
import { loadDigest, storePlannedDigests } from '../subscriptions/digest-store.js';
import { insertArtefact, insertCourt, insertSubscription } from '../../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { removePublication } from './remove-publication.js';
import { findLivePublication } from './store/publication-records.js';
import { findNewMatches } from './store/subscription-matches.js';

const courtAdmin: Principal = {
  userId: 'court-admin-oid',
  provenance: 'PI_AAD',
  roles: ['INTERNAL_ADMIN_CTSC'],
  email: 'ctsc.admin@example.com',
  name: 'CTSC Admin',
};
const window = { from: new Date('2026-11-29T06:00:00Z'), to: new Date('2026-11-30T06:00:00Z') };
const received = new Date('2026-11-29T18:00:00Z');
const displayFrom = new Date('2026-11-29T00:00:00Z');

let testDb: TestDatabase;
let publications: ContainerClient;
const logged: unknown[] = [];
const logger: EventLogger = {
  invocationId: 'test-invocation',
  debug: (entry: unknown) => logged.push(entry),
  info: (entry: unknown) => logged.push(entry),
  warn: (entry: unknown) => logged.push(entry),
  error: (entry: unknown) => logged.push(entry),
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  publications = testStorage().blobService.getContainerClient(uniqueName('publications'));
  await publications.createIfNotExists();
  await insertCourt(testDb.database, 1501, 'Oxford Combined Court Centre');
});

afterAll(async () => {
  await Promise.all([testDb.drop(), publications.deleteIfExists()]);
});

beforeEach(async () => {
  logged.length = 0;
  await testDb.database.query(
    'TRUNCATE subscription, subscription_digest, subscription_digest_item, artefact, audit_log',
  );
});

/** A publication as ingestion leaves it: its row, its payload blob and (converted from Excel) its workbook. */
async function published(listType = 'CIVIL_DAILY_CAUSE_LIST'): Promise<{ artefactId: string; blobName: string }> {
  const artefactId = await insertArtefact(testDb.database, {
    locationId: '1501',
    listType,
    displayFrom,
    receivedAt: received,
  });
  const blobName = `publications/${artefactId}`;
  await publications.getBlockBlobClient(blobName).upload('{}', 2);
  await publications.getBlockBlobClient(`${blobName}.xlsx`).upload('xlsx', 4);
  return { artefactId, blobName };
}

async function audits(): Promise<
  { outcome: string; user_id: string; user_email: string; object_id: string; details: unknown; occurred_at: Date }[]
> {
  const { rows } = await testDb.database.query<{
    outcome: string;
    user_id: string;
    user_email: string;
    object_id: string;
    details: unknown;
    occurred_at: Date;
  }>(
    `SELECT outcome, user_id, user_email, object_id, details, occurred_at FROM audit_log
      WHERE action = 'PUBLICATION_DELETE' ORDER BY audit_id`,
  );
  return rows;
}

describe('removePublication', () => {
  it('removes the row, then the payload and the workbook beside it, and audits who removed it and when', async () => {
    const { artefactId, blobName } = await published();
    const before = new Date();
    const removed = await removePublication(
      { database: testDb.database, publications },
      artefactId,
      courtAdmin,
      logger,
      'REMOVE_LIST_PAGE',
    );
    expect(removed?.artefactId).toBe(artefactId);
    expect(await findLivePublication(testDb.database, artefactId)).toBeNull();
    const { rows } = await testDb.database.query('SELECT 1 FROM artefact WHERE artefact_id = $1', [artefactId]);
    expect(rows).toEqual([]);
    expect(await publications.getBlobClient(blobName).exists()).toBe(false);
    expect(await publications.getBlobClient(`${blobName}.xlsx`).exists()).toBe(false);

    const [audit, ...others] = await audits();
    expect(others).toEqual([]);
    expect(audit).toMatchObject({
      outcome: 'SUCCESS',
      user_id: courtAdmin.userId,
      user_email: courtAdmin.email,
      object_id: artefactId,
      details: {
        via: 'REMOVE_LIST_PAGE',
        locationId: '1501',
        listType: 'CIVIL_DAILY_CAUSE_LIST',
        type: 'LIST',
        sensitivity: 'PUBLIC',
        contentDate: '2026-11-30T09:00:00',
      },
    });
    expect(audit?.occurred_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
    expect(logged).toContainEqual(expect.objectContaining({ event: 'PUBLICATION_DELETED', artefactId }));
  });

  it('answers null for a publication that is not there, and audits the attempt as a failure', async () => {
    const artefactId = randomUUID();
    expect(
      await removePublication(
        { database: testDb.database, publications },
        artefactId,
        courtAdmin,
        logger,
        'PUBLICATIONS_EXPLORER',
      ),
    ).toBeNull();
    expect(await audits()).toMatchObject([
      { outcome: 'FAILURE', object_id: artefactId, details: { via: 'PUBLICATIONS_EXPLORER', reason: 'NOT_FOUND' } },
    ]);
  });
});

describe('a removed publication is never announced', () => {
  const subscribeToTheCourt = () =>
    insertSubscription(testDb.database, {
      userId: randomUUID(),
      email: 'reporter@example.com',
      searchType: 'LOCATION_ID',
      searchValue: '1501',
    });

  it('is not matched by the daily run once removed', async () => {
    const { artefactId } = await published();
    await subscribeToTheCourt();
    expect((await findNewMatches(testDb.database, window)).map((m) => m.artefactId)).toEqual([artefactId]);
    await removePublication({ database: testDb.database, publications }, artefactId, courtAdmin, logger, 'API');
    expect(await findNewMatches(testDb.database, window)).toEqual([]);
  });

  it('is left out of a digest planned before it was removed', async () => {
    const kept = await published();
    const removed = await published('FAMILY_DAILY_CAUSE_LIST');
    await subscribeToTheCourt();
    await storePlannedDigests(
      testDb.database,
      groupIntoDigests(await findNewMatches(testDb.database, window)),
      window.to,
      randomUUID,
    );
    const { rows } = await testDb.database.query<{ digest_id: string }>('SELECT digest_id FROM subscription_digest');
    const digestId = rows[0]?.digest_id ?? '';
    expect((await loadDigest(testDb.database, digestId))?.publications.map((p) => p.artefactId).sort()).toEqual(
      [kept.artefactId, removed.artefactId].sort(),
    );

    await removePublication(
      { database: testDb.database, publications },
      removed.artefactId,
      courtAdmin,
      logger,
      'REMOVE_LIST_PAGE',
    );
    expect((await loadDigest(testDb.database, digestId))?.publications.map((p) => p.artefactId)).toEqual([
      kept.artefactId,
    ]);
  });
});
