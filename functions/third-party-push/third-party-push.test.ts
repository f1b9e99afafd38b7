/**
 * Pushing lists to third parties, end to end in the local runtime: a publication blob is stored (blob-uploaded
 * publishes it and queues the pushes), the thirdPartyPush queue trigger POSTs each version to a receiver that checks
 * the bearer token the local identity provider issued for it (client credentials), DELETE /api/publication/{id}
 * pushes the removal. A receiver that is down and then up gets each version once, in order; a suspended third party
 * gets nothing; every version sent is audited.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_PUSH_CLIENT } from '../../local/identity/local-identities.js';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { inTransaction } from '../../shared/db/database.js';
import {
  encodeStoredPublication,
  type StoredPublication,
} from '../../shared/publications/intake/stored-publication.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { createPushAnnouncer } from '../../shared/third-parties/push-delivery.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { pushesTo } from '../../shared/third-parties/push-store.js';
import type { ThirdPartyInput } from '../../shared/third-parties/third-party.js';
import { createThirdParty, updateThirdParty } from '../../shared/third-parties/third-party-store.js';
import { storedPublication } from '../../test-support/stored-publication.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import {
  startPublishingWorld,
  type PublishingCore,
  type PublishingWorld,
} from '../../test-support/publishing-world.js';
import { eventually, peekQueue, testStorage, uniqueName } from '../../test-support/test-storage.js';
import { startThirdPartyReceiver, type ThirdPartyReceiver } from '../../test-support/third-party-receiver.js';
import { registerThirdPartyPush } from './registration.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let snapshots: ContainerClient;
const receivers: ThirdPartyReceiver[] = [];
const queueName = uniqueName('pushes');
const MAX_ATTEMPTS = 3;

let world: PublishingWorld;

beforeAll(async () => {
  const storage = testStorage();
  snapshots = storage.blobService.getContainerClient(uniqueName('pushed'));
  await snapshots.create();
  const queue = storage.queueService.getQueueClient(queueName);
  // Stateless: blob-uploaded and the read API each hold one.
  const pushes = ({ database }: PublishingCore) => ({
    pushes: createPushAnnouncer({ database, snapshots, queue }),
  });
  const client = createPushClient({
    secrets: settingsPushSecrets({ COURTEL_PUSH_SECRET: THIRD_PARTY_PUSH_CLIENT.clientSecret }),
  });
  world = await startPublishingWorld({
    issuers: ['b2c'],
    ingest: false,
    blobUploaded: pushes,
    readApi: pushes,
    register: ({ database }) => {
      registerThirdPartyPush(
        () => ({
          database,
          snapshots,
          queue,
          poisonQueue: storage.queueService.getQueueClient(`${queueName}-poison`),
          client,
          maxAttempts: MAX_ATTEMPTS,
          backoffBaseSeconds: 1,
          maxBackoffSeconds: 2,
          leaseSeconds: 30,
        }),
        { queueName },
      );
    },
  });
  ({ idp, testDb, host, publications } = world);
});

afterAll(async () => {
  await world.stop();
  await Promise.all([snapshots.deleteIfExists(), ...receivers.map((receiver) => receiver.stop())]);
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
  await publications.getBlockBlobClient(submissionId).uploadData(bytes, {
    metadata: encodeStoredPublication(publication),
  });
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
