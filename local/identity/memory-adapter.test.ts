import { afterEach, describe, expect, it, vi } from 'vitest';

import { createMemoryAdapterFactory } from './memory-adapter.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createMemoryAdapterFactory', () => {
  it('stores, consumes and destroys records per model', async () => {
    const adapterFor = createMemoryAdapterFactory();
    const codes = adapterFor('AuthorizationCode');
    const sessions = adapterFor('Session');
    await codes.upsert('abc', { accountId: 'user-1' }, 60);

    expect(await codes.find('abc')).toEqual({ accountId: 'user-1' });
    expect(await sessions.find('abc')).toBeUndefined();

    await codes.consume('abc');
    expect((await codes.find('abc'))?.consumed).toEqual(expect.any(Number));

    await codes.destroy('abc');
    expect(await codes.find('abc')).toBeUndefined();
  });

  it('forgets records once they expire', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const interactions = createMemoryAdapterFactory()('Interaction');
    await interactions.upsert('i-1', { returnTo: '/resume' }, 10);

    vi.advanceTimersByTime(9_000);
    expect(await interactions.find('i-1')).toEqual({ returnTo: '/resume' });
    vi.advanceTimersByTime(2_000);
    expect(await interactions.find('i-1')).toBeUndefined();
  });

  it('finds sessions by uid', async () => {
    const sessions = createMemoryAdapterFactory()('Session');
    await sessions.upsert('session-id', { uid: 'session-uid', accountId: 'user-1' }, 60);
    expect(await sessions.findByUid('session-uid')).toMatchObject({ accountId: 'user-1' });
    expect(await sessions.findByUid('other')).toBeUndefined();
  });

  it('revokes every token of a grant, and only those', async () => {
    const adapterFor = createMemoryAdapterFactory();
    const codes = adapterFor('AuthorizationCode');
    const refreshTokens = adapterFor('RefreshToken');
    await codes.upsert('code-1', { grantId: 'grant-1' }, 60);
    await refreshTokens.upsert('rt-1', { grantId: 'grant-1' }, 60);
    await refreshTokens.upsert('rt-2', { grantId: 'grant-2' }, 60);

    await codes.revokeByGrantId('grant-1');

    expect(await codes.find('code-1')).toBeUndefined();
    expect(await refreshTokens.find('rt-1')).toBeUndefined();
    expect(await refreshTokens.find('rt-2')).toEqual({ grantId: 'grant-2' });
  });

  it('keeps stores of different factories apart', async () => {
    const first = createMemoryAdapterFactory()('Grant');
    const second = createMemoryAdapterFactory()('Grant');
    await first.upsert('g', { accountId: 'a' }, 60);
    expect(await second.find('g')).toBeUndefined();
  });
});
