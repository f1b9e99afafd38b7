/**
 * Pushing lists to third parties, end to end in the local runtime: a publication blob is stored (blob-uploaded
 * publishes it and queues the pushes), the thirdPartyPush queue trigger POSTs each version to a receiver that checks
 * the bearer token the local identity provider issued for it (client credentials), DELETE /api/publication/{id}
 * pushes the removal, and so does the archive timer. A receiver that is down and then up gets each version once, in
 * order; a suspended third party gets nothing; every version sent is audited. The outbox: a push recorded but never
 * queued (the process stopped after the commit) is queued by the sweeper, once; one whose transaction rolled back is
 * never recorded; a parked push is listed for system admins and retried.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_PUSH_CLIENT } from '../../local/identity/local-identities.js';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { inTransaction } from '../../shared/db/database.js';
import { type StoredPublication } from '../../shared/publications/intake/stored-publication.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { createPushAnnouncer, type PushAnnouncer } from '../../shared/third-parties/push-delivery.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { pushesTo } from '../../shared/third-parties/push-store.js';
import type { ThirdPartyInput } from '../../shared/third-parties/third-party.js';
import { createThirdParty, updateThirdParty } from '../../shared/third-parties/third-party-store.js';
import { localApiVerifier } from '../../test-support/local-identity.js';
import { storeAsIngestDoes, storedPublication } from '../../test-support/stored-publication.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startTestHost } from '../../test-support/test-host.js';
import { eventually, peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { startThirdPartyReceiver, type ThirdPartyReceiver } from '../../test-support/third-party-receiver.js';
import { registerArchivePublications } from '../archive-publications/registration.js';
import { registerBlobUploaded } from '../blob-uploaded/registration.js';
import { registerThirdParties } from '../third-parties/registration.js';
import { registerPublications } from '../publications/registration.js';
import { registerThirdPartyPush } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let snapshots: ContainerClient;
const receivers: ThirdPartyReceiver[] = [];
const queueName = uniqueName('pushes');
const MAX_ATTEMPTS = 3;
let crashAfterCommit = false;
/** The archive timer's clock: before everything until the archive test moves it. */
let archiveNow = new Date(0);
/** The sweeper's grace: an hour, so a scheduled run never races a test; 0 when a test runs it. */
let sweepGraceSeconds = 3600;

beforeAll(async () => {
  [idp, testDb] = await Promise.all([startLocalIdentityProvider({ port: 0 }), createTestDatabase()]);
  const storage = testStorage();
  publications = storage.blobService.getContainerClient(uniqueName('publications'));
  snapshots = storage.blobService.getContainerClient(uniqueName('pushed'));
  await Promise.all([publications.create(), snapshots.create()]);
  const queue = storage.queueService.getQueueClient(queueName);
  const announcer = createPushAnnouncer({ database: testDb.database, snapshots, queue });
  // `crashAfterCommit` stands for the process dying between the commit and the queueing: the pushes are recorded,
  // no message is sent.
  const pushes: PushAnnouncer = {
    plan: (client, event, publication, body) => announcer.plan(client, event, publication, body),
    dispatch: async (pushIds, logger) => {
      if (!crashAfterCommit) await announcer.dispatch(pushIds, logger);
    },
  };
  const client = createPushClient({
    secrets: settingsPushSecrets({ COURTEL_PUSH_SECRET: THIRD_PARTY_PUSH_CLIENT.clientSecret }),
  });
  registerBlobUploaded(() => ({ database: testDb.database, publications, pushes }), {
    container: publications.containerName,
  });
  const verifier = await localApiVerifier(idp, testDb.database, ['b2c']);
  registerArchivePublications(() => ({ database: testDb.database, publications, pushes, now: () => archiveNow }));
  registerThirdParties(() => ({ database: testDb.database, verifier, pushClient: client, now: () => new Date() }));
  registerPublications(() => ({
    database: testDb.database,
    publications,
    pushes,
    verifier,
    now: () => new Date(),
  }));
  registerThirdPartyPush(
    () => ({
      database: testDb.database,
      snapshots,
      queue,
      poisonQueue: storage.queueService.getQueueClient(`${queueName}-poison`),
      client,
      maxAttempts: MAX_ATTEMPTS,
      backoffBaseSeconds: 1,
      maxBackoffSeconds: 2,
      leaseSeconds: 30,
      sweep: { database: testDb.database, queue, graceSeconds: sweepGraceSeconds, batchSize: 100 },
    }),
    { queueName },
  );
  host = await startTestHost();
});

afterAll(async () => {
  await host.stop();
  await Promise.all([
    idp.stop(),
    testDb.drop(),
    publications.deleteIfExists(),
    snapshots.deleteIfExists(),
    ...receivers.map((receiver) => receiver.stop()),
  ]);
});

/** A receiver and the third party registered to it, subscribed to one list type. */
async function thirdPartyWith(listType: string, status: ThirdPartyInput['status'] = 'ACTIVE') {
  const receiver = await startThirdPartyReceiver(idp);
  receivers.push(receiver);
  const input: ThirdPartyInput = {
    name: `Courtel ${randomUUID()}`,
    status,
    role: 'VERIFIED_THIRD_PARTY_PRESS',
    oauthClientId: null,
    push: {
      endpoint: receiver.endpoint,
      healthUrl: receiver.healthUrl,
      tokenUrl: receiver.tokenUrl,
      clientId: THIRD_PARTY_PUSH_CLIENT.clientId,
      scope: THIRD_PARTY_PUSH_CLIENT.scope,
      secretName: 'COURTEL_PUSH_SECRET',
    },
    pushListTypes: [listType],
  };
  const created = await inTransaction(testDb.database, (client) => createThirdParty(client, input, 'test'));
  if (!created.ok) throw new Error(created.reason);
  const thirdPartyId = created.thirdParty.thirdPartyId;
  return {
    receiver,
    thirdPartyId,
    setStatus: (next: ThirdPartyInput['status']) =>
      inTransaction(testDb.database, (client) =>
        updateThirdParty(client, thirdPartyId, { ...input, status: next }, 'test'),
      ),
  };
}

let minute = 0;
/** Stores a version of a list as ingest-publication would; blob-uploaded publishes it. Later calls are newer. */
async function publish(body: string, overrides: Partial<StoredPublication>): Promise<void> {
  minute += 1;
  const bytes = Buffer.from(body, 'utf8');
  const submissionId = randomUUID();
  const publication = storedPublication({
    submissionId,
    payloadSize: bytes.length,
    receivedAt: new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString(),
    ...overrides,
  });
  await storeAsIngestDoes(testDb.database, publications, publication, bytes);
}

/** Runs the outbox's sweeper now, as its timer would once the pushes are overdue, and what it queues. */
async function sweepNow(): Promise<void> {
  sweepGraceSeconds = 0;
  try {
    await host.runOnDemand('thirdPartyPushSweep', '');
  } finally {
    sweepGraceSeconds = 3600;
  }
  await host.drain();
}

const headersOf = (receiver: ThirdPartyReceiver) =>
  receiver.received.map(({ headers, body }) => ({
    event: headers['x-publication-event'],
    version: headers['x-publication-version'],
    body: body.toString('utf8'),
  }));

describe('push on publish, update and removal', () => {
  it('POSTs each version with its headers and a verified token, and the removal as an empty body', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('SJP_PRESS_LIST');
    const list = { listType: 'SJP_PRESS_LIST', sensitivity: 'CLASSIFIED', courtId: '501' } as const;
    await publish('{"version":"first"}', list);
    await host.drain();
    expect(receiver.received).toHaveLength(1);
    const [first] = receiver.received;
    expect(first?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-list-type': 'SJP_PRESS_LIST',
      'x-court-id': 'NoMatch501',
      'x-content-date': '2026-11-30T09:00:00',
      'x-sensitivity': 'CLASSIFIED',
      'x-language': 'ENGLISH',
      'x-publication-event': 'PUBLISHED',
      'x-publication-version': '0',
    });
    expect(first?.headers.authorization).toMatch(/^Bearer /);

    await publish('{"version":"second"}', list);
    await host.drain();
    const [{ artefact_id: artefactId }] = (
      await testDb.database.query<{ artefact_id: string }>(
        "SELECT artefact_id FROM artefact WHERE list_type = 'SJP_PRESS_LIST'",
      )
    ).rows as [{ artefact_id: string }];
    const deleted = await fetch(`${host.url}/api/publication/${artefactId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await idp.issueToken('sysadmin')}` },
    });
    expect(deleted.status).toBe(200);
    await host.drain();

    expect(headersOf(receiver)).toEqual([
      { event: 'PUBLISHED', version: '0', body: '{"version":"first"}' },
      { event: 'UPDATED', version: '1', body: '{"version":"second"}' },
      { event: 'REMOVED', version: '2', body: '' },
    ]);
    expect(receiver.received[2]?.headers).toMatchObject({
      'x-list-type': 'SJP_PRESS_LIST',
      'x-court-id': 'NoMatch501',
    });
    expect(receiver.refusedTokens).toBe(0);
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual([
      'DELIVERED',
      'DELIVERED',
      'DELIVERED',
    ]);
    // Every version sent is a data transfer, audited.
    const audited = await testDb.database.query<{ outcome: string; details: { version: number; event: string } }>(
      "SELECT outcome, details FROM audit_log WHERE action = 'THIRD_PARTY_PUSH' AND details->>'thirdPartyId' = $1 ORDER BY audit_id",
      [thirdPartyId],
    );
    expect(audited.rows.map((row) => [row.outcome, row.details.event, row.details.version])).toEqual([
      ['SUCCESS', 'PUBLISHED', 0],
      ['SUCCESS', 'UPDATED', 1],
      ['SUCCESS', 'REMOVED', 2],
    ]);
    // Snapshots go once delivered.
    const left: string[] = [];
    for await (const blob of snapshots.listBlobsFlat({ prefix: `${artefactId}/` })) left.push(blob.name);
    expect(left).toEqual([]);
  });
});

describe('a receiver that is down, then up', () => {
  it('receives each version once, in order, after retries with backoff', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('SJP_PUBLIC_LIST');
    const list = { listType: 'SJP_PUBLIC_LIST', courtId: '502' } as const;
    receiver.down();
    await publish('{"v":0}', list);
    await host.drain();
    // Each version stored before the next is sent: two sent at once may be stored out of order, and then the older
    // one is stale and never pushed (blob-uploaded's rule), which is not what this test is about.
    await publish('{"v":1}', list);
    await host.drain();
    await publish('{"v":2}', list);
    await host.drain();
    await eventually(() => {
      expect(receiver.refusedWhileDown).toBeGreaterThanOrEqual(2);
    });
    receiver.up();
    await eventually(
      async () => {
        await host.drain();
        const pushes = await pushesTo(testDb.database, thirdPartyId);
        expect(pushes.length).toBeGreaterThan(0);
        expect(pushes.every((push) => push.status === 'DELIVERED')).toBe(true);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(headersOf(receiver)).toEqual([
      { event: 'PUBLISHED', version: '0', body: '{"v":0}' },
      { event: 'UPDATED', version: '1', body: '{"v":1}' },
      { event: 'UPDATED', version: '2', body: '{"v":2}' },
    ]);
  });

  it('gives up after the last attempt: the push is FAILED and its message is on the poison queue', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('SJP_DELTA_PUBLIC_LIST');
    receiver.down();
    await publish('{"never":true}', { listType: 'SJP_DELTA_PUBLIC_LIST', courtId: '503' });
    await eventually(
      async () => {
        await host.drain();
        const [push] = await pushesTo(testDb.database, thirdPartyId);
        expect(push?.status).toBe('FAILED');
        expect(push?.attempts).toBe(MAX_ATTEMPTS);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const [push] = await pushesTo(testDb.database, thirdPartyId);
    expect(await peekQueue(`${queueName}-poison`)).toContain(JSON.stringify({ pushId: push?.pushId }));
    expect(receiver.refusedWhileDown).toBe(MAX_ATTEMPTS);
    expect(receiver.received).toEqual([]);

    // Parked: a system admin sees it, and once the receiver is back puts it back in line; the sweeper queues it.
    const sysadmin = { authorization: `Bearer ${await idp.issueToken('sysadmin')}` };
    const parkedUrl = `${host.url}/api/third-parties/${thirdPartyId}/pushes`;
    const parked = await fetch(parkedUrl, { headers: sysadmin });
    expect(parked.status).toBe(200);
    const listed = (await parked.json()) as { parked: { pushId: string; attempts: number; lastError: string }[] };
    expect(listed.parked).toHaveLength(1);
    expect(listed.parked[0]).toMatchObject({ pushId: push?.pushId, attempts: MAX_ATTEMPTS, event: 'PUBLISHED' });
    expect(listed.parked[0]?.lastError).toMatch(/503|PUSH/);
    const anonymous = await fetch(parkedUrl);
    expect(anonymous.status).toBe(401);

    receiver.up();
    const retried = await fetch(`${parkedUrl}/${push?.pushId}/retry`, { method: 'POST', headers: sysadmin });
    expect(retried.status).toBe(202);
    const again = await fetch(`${parkedUrl}/${push?.pushId}/retry`, { method: 'POST', headers: sysadmin });
    expect(again.status).toBe(404);
    await sweepNow();
    expect(headersOf(receiver)).toEqual([{ event: 'PUBLISHED', version: '0', body: '{"never":true}' }]);
    expect((await pushesTo(testDb.database, thirdPartyId)).map((p) => p.status)).toEqual(['DELIVERED']);
    expect(((await (await fetch(parkedUrl, { headers: sysadmin })).json()) as { parked: unknown[] }).parked).toEqual(
      [],
    );
    const unparks = await testDb.database.query<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE action = 'THIRD_PARTY_PUSH_UNPARK' AND object_id = $1 ORDER BY audit_id",
      [thirdPartyId],
    );
    expect(unparks.rows.map((row) => row.outcome)).toEqual(['SUCCESS', 'FAILURE']);
  });
});

describe('an older version put back in line after a newer one was delivered', () => {
  it('is skipped as stale: the receiver never has an older version overwrite a newer one', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('SSCS_DAILY_LIST');
    const list = { listType: 'SSCS_DAILY_LIST', courtId: '509' } as const;
    receiver.down();
    await publish('{"old":true}', list);
    await eventually(
      async () => {
        await host.drain();
        expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual(['FAILED']);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    // The parked version does not hold up the next one.
    receiver.up();
    await publish('{"new":true}', list);
    await host.drain();
    expect(headersOf(receiver)).toEqual([{ event: 'UPDATED', version: '1', body: '{"new":true}' }]);

    // An operator puts the old version back in line: it is older than the one delivered, so it is never sent.
    const [parked] = await pushesTo(testDb.database, thirdPartyId);
    const retried = await fetch(`${host.url}/api/third-parties/${thirdPartyId}/pushes/${parked?.pushId}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await idp.issueToken('sysadmin')}` },
    });
    expect(retried.status).toBe(202);
    await sweepNow();
    expect(headersOf(receiver)).toEqual([{ event: 'UPDATED', version: '1', body: '{"new":true}' }]);
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => [push.version, push.status])).toEqual([
      [0, 'SKIPPED'],
      [1, 'DELIVERED'],
    ]);
  });
});

describe('a suspended third party', () => {
  it('receives nothing: nothing is planned while suspended, and what was planned before is skipped', async () => {
    const { receiver, thirdPartyId, setStatus } = await thirdPartyWith('CIVIL_DAILY_CAUSE_LIST', 'SUSPENDED');
    await publish('{"suspended":true}', { listType: 'CIVIL_DAILY_CAUSE_LIST', courtId: '504' });
    await host.drain();
    expect(await pushesTo(testDb.database, thirdPartyId)).toEqual([]);

    // Active when the list is published, suspended before its push is sent.
    await setStatus('ACTIVE');
    receiver.down();
    await publish('{"suspended":"later"}', { listType: 'CIVIL_DAILY_CAUSE_LIST', courtId: '504' });
    await host.drain();
    await setStatus('SUSPENDED');
    receiver.up();
    await eventually(
      async () => {
        await host.drain();
        const pushes = await pushesTo(testDb.database, thirdPartyId);
        expect(pushes.map((push) => push.status)).toEqual(['SKIPPED']);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(receiver.received).toEqual([]);
  });
});

describe('the outbox', () => {
  it('loses no push when the process stops between the commit and the queueing: the sweeper queues it, once', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('FAMILY_DAILY_CAUSE_LIST');
    crashAfterCommit = true;
    try {
      await publish('{"outbox":1}', { listType: 'FAMILY_DAILY_CAUSE_LIST', courtId: '505' });
      await host.drain();
    } finally {
      crashAfterCommit = false;
    }
    // Published, and its push recorded in the same transaction; nothing was queued.
    const published = await testDb.database.query(
      "SELECT 1 FROM artefact WHERE list_type = 'FAMILY_DAILY_CAUSE_LIST' AND location_id = 'NoMatch505'",
    );
    expect(published.rowCount).toBe(1);
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual(['PENDING']);
    expect(receiver.received).toEqual([]);

    await sweepNow();
    expect(headersOf(receiver)).toEqual([{ event: 'PUBLISHED', version: '0', body: '{"outbox":1}' }]);
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual(['DELIVERED']);
    // Nothing overdue any more: a second sweep sends nothing again.
    await sweepNow();
    expect(receiver.received).toHaveLength(1);
  });

  it('queues only the first pending version of a list: the later ones follow it, in order', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('CROWN_DAILY_LIST');
    const list = { listType: 'CROWN_DAILY_LIST', courtId: '506' } as const;
    crashAfterCommit = true;
    try {
      await publish('{"c":0}', list);
      await host.drain();
      await publish('{"c":1}', list);
      await host.drain();
    } finally {
      crashAfterCommit = false;
    }
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual(['PENDING', 'PENDING']);
    await sweepNow();
    expect(headersOf(receiver)).toEqual([
      { event: 'PUBLISHED', version: '0', body: '{"c":0}' },
      { event: 'UPDATED', version: '1', body: '{"c":1}' },
    ]);
  });

  it('records nothing when the change it belongs to rolls back', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('ET_DAILY_LIST');
    const announcer = createPushAnnouncer({
      database: testDb.database,
      snapshots,
      queue: testStorage().queueService.getQueueClient(queueName),
    });
    const publication = {
      artefactId: randomUUID(),
      locationId: '508',
      provenance: 'HMI',
      sourceArtefactId: null,
      type: 'LIST',
      listType: 'ET_DAILY_LIST',
      contentDate: '2026-11-30T09:00:00',
      language: 'ENGLISH',
      sensitivity: 'PUBLIC',
      displayFrom: new Date(0),
      displayTo: null,
      isFlatFile: false,
      contentType: 'application/json',
      fileName: null,
      payloadSize: 2,
      blobName: 'unused',
      supersededCount: 0,
      lastReceivedAt: new Date(),
    } as const;
    let planned: string[] = [];
    await expect(
      inTransaction(testDb.database, async (client) => {
        planned = await announcer.plan(client, 'PUBLISHED', publication, Buffer.from('{}'));
        throw new Error('the publication failed after its pushes were planned');
      }),
    ).rejects.toThrow('the publication failed');
    expect(planned).toHaveLength(1);
    expect(await pushesTo(testDb.database, thirdPartyId)).toEqual([]);
    await sweepNow();
    expect(receiver.received).toEqual([]);
  });
});

describe('an archived list', () => {
  it('is pushed as a removal when its display window ends (the archive timer)', async () => {
    const { receiver, thirdPartyId } = await thirdPartyWith('MAGISTRATES_PUBLIC_LIST');
    await publish('{"archive":true}', {
      listType: 'MAGISTRATES_PUBLIC_LIST',
      courtId: '507',
      displayTo: '2026-11-30T03:00:00',
    });
    await host.drain();
    archiveNow = new Date('2026-11-30T04:00:00Z');
    try {
      await host.runOnDemand('archivePublications', '');
    } finally {
      archiveNow = new Date(0);
    }
    await host.drain();
    expect(headersOf(receiver)).toEqual([
      { event: 'PUBLISHED', version: '0', body: '{"archive":true}' },
      { event: 'REMOVED', version: '1', body: '' },
    ]);
    expect(receiver.received[1]?.headers).toMatchObject({
      'x-list-type': 'MAGISTRATES_PUBLIC_LIST',
      'x-court-id': 'NoMatch507',
    });
    expect((await pushesTo(testDb.database, thirdPartyId)).map((push) => push.status)).toEqual([
      'DELIVERED',
      'DELIVERED',
    ]);
  });
});
