/**
 * Manual upload drafts in real Blob Storage (Azurite): kept per session under a hash of the session id, read back
 * byte for byte with their answers, never another person's or an expired one, deleted on request.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStorage, uniqueName } from '../../../test-support/test-storage.js';
import { blobUploadDrafts, DRAFT_MAX_AGE_MS, draftBlobName, type UploadDraftStore } from './upload-drafts.js';

let container: ContainerClient;
let drafts: UploadDraftStore;
const savedAt = new Date('2026-11-30T10:00:00Z');
const draftId = '5b0c3f4e-8d2a-4f7b-9a61-0c2e7d9b1a34';
const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]);

beforeAll(() => {
  // Not created here: the store creates its container on first use.
  container = testStorage().blobService.getContainerClient(uniqueName('drafts'));
  drafts = blobUploadDrafts(container);
});

afterAll(async () => {
  await container.deleteIfExists();
});

describe('upload drafts in Blob Storage', () => {
  it('keeps a session’s file and answers under a hash of the session id, and reads them back', async () => {
    await drafts.save('session-a', {
      id: draftId,
      published: false,
      owner: 'admin-1',
      savedAt,
      answers: { court: 'Llys Ynadon Caerdydd', listType: 'CIVIL_DAILY_CAUSE_LIST' },
      file: { name: 'rhestr ‘dydd’.pdf', type: 'application/pdf', bytes },
    });
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat()) names.push(blob.name);
    expect(names).toEqual([draftBlobName('session-a')]);
    expect(names[0]).not.toContain('session-a');

    const draft = await drafts.read('session-a', 'admin-1', new Date(savedAt.getTime() + 60_000));
    expect(draft).toEqual({
      id: draftId,
      published: false,
      owner: 'admin-1',
      savedAt,
      answers: { court: 'Llys Ynadon Caerdydd', listType: 'CIVIL_DAILY_CAUSE_LIST' },
      file: { name: 'rhestr ‘dydd’.pdf', type: 'application/pdf', bytes },
    });
  });

  it('answers no draft for another person, another session, or one older than a session lives', async () => {
    expect(await drafts.read('session-a', 'admin-2', savedAt)).toBeNull();
    expect(await drafts.read('session-b', 'admin-1', savedAt)).toBeNull();
    expect(await drafts.read('session-a', 'admin-1', new Date(savedAt.getTime() + DRAFT_MAX_AGE_MS + 1))).toBeNull();
  });

  it('keeps answers without a file, replaces a draft, and deletes it', async () => {
    await drafts.save('session-a', {
      id: draftId,
      published: true,
      owner: 'admin-1',
      savedAt,
      answers: { court: 'x' },
      file: null,
    });
    const published = await drafts.read('session-a', 'admin-1', savedAt);
    expect(published?.file).toBeNull();
    expect(published?.published).toBe(true);
    await drafts.delete('session-a');
    expect(await drafts.read('session-a', 'admin-1', savedAt)).toBeNull();
    await drafts.delete('session-a');
  });
});
