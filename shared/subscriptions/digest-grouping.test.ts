import { describe, expect, it } from 'vitest';
import { groupIntoDigests } from './digest-grouping.js';
import type { SubscriptionMatch } from './subscription-matching.js';

const match = (overrides: Partial<SubscriptionMatch>): SubscriptionMatch => ({
  subscriptionId: 's1',
  userId: 'u1',
  userEmail: 'reporter@example.com',
  searchType: 'LOCATION_ID',
  searchValue: '1501',
  artefactId: 'a1',
  artefactVersion: '2026-11-29T18:00:00+00:00',
  sensitivity: 'PUBLIC',
  listType: 'CIVIL_DAILY_CAUSE_LIST',
  displayFrom: new Date('2026-11-29T00:00:00Z'),
  displayTo: null,
  ...overrides,
});

describe('groupIntoDigests', () => {
  it('lists a publication that matched two subscriptions of one user once', () => {
    const digests = groupIntoDigests([
      match({}),
      match({ subscriptionId: 's2', searchType: 'CASE_NUMBER', searchValue: 'CN-1' }),
      match({ subscriptionId: 's2', searchType: 'CASE_NUMBER', searchValue: 'CN-1', artefactId: 'a2' }),
    ]);
    expect(digests).toEqual([
      {
        recipient: 'reporter@example.com',
        artefactIds: ['a1', 'a2'],
        items: [
          { userId: 'u1', artefactId: 'a1', artefactVersion: '2026-11-29T18:00:00+00:00' },
          { userId: 'u1', artefactId: 'a2', artefactVersion: '2026-11-29T18:00:00+00:00' },
        ],
      },
    ]);
  });

  it('sends one digest per email address, whatever the case, keeping an item per user', () => {
    const digests = groupIntoDigests([
      match({}),
      match({ userId: 'u2', userEmail: ' Reporter@Example.com ' }),
      match({ userId: 'u3', userEmail: 'editor@example.com' }),
    ]);
    expect(digests.map((d) => [d.recipient, d.artefactIds, d.items.map((i) => i.userId)])).toEqual([
      ['reporter@example.com', ['a1'], ['u1', 'u2']],
      ['editor@example.com', ['a1'], ['u3']],
    ]);
  });

  it('plans nothing from no matches', () => {
    expect(groupIntoDigests([])).toEqual([]);
  });
});
