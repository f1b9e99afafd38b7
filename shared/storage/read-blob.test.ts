import { describe, expect, it } from 'vitest';
import type { BlobClient } from '@azure/storage-blob';
import { downloadIfPresent, isBlobNotFound } from './read-blob.js';

const blobThat = (download: () => Promise<Buffer>): BlobClient =>
  ({ downloadToBuffer: download }) as unknown as BlobClient;

describe('reading a blob that may be gone', () => {
  it('answers null for BlobNotFound and ContainerNotFound, and rethrows anything else', async () => {
    const notFound = Object.assign(new Error('The specified blob does not exist.'), {
      statusCode: 404,
      code: 'BlobNotFound',
    });
    expect(isBlobNotFound(notFound)).toBe(true);
    expect(isBlobNotFound({ code: 'ContainerNotFound' })).toBe(true);
    expect(isBlobNotFound(new Error('boom'))).toBe(false);
    expect(isBlobNotFound(null)).toBe(false);
    expect(await downloadIfPresent(blobThat(() => Promise.reject(notFound)))).toBeNull();
    expect(await downloadIfPresent(blobThat(() => Promise.resolve(Buffer.from('x'))))).toEqual(Buffer.from('x'));
    const throttled = Object.assign(new Error('busy'), { statusCode: 503 });
    await expect(downloadIfPresent(blobThat(() => Promise.reject(throttled)))).rejects.toBe(throttled);
  });
});
