/** The subscriber a token stands for: a stable id per issuer and user, and the email digests go to. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { nameBasedUuid, subscriberOf } from './subscriber.js';

const person: Principal = {
  userId: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001',
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: ' media.user@example.com ',
  name: null,
};

describe('nameBasedUuid', () => {
  it('is RFC 9562 version 5 (the RFC 4122 example: python.org in the DNS namespace)', () => {
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});

describe('subscriberOf', () => {
  it('gives the same caller the same id every time, and another issuer with the same user id another', () => {
    const subscriber = subscriberOf(person);
    expect(subscriber).toEqual({
      userId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) as string,
      email: 'media.user@example.com',
    });
    expect(subscriberOf({ ...person, roles: [], name: 'Renamed' }).userId).toBe(subscriber.userId);
    expect(subscriberOf({ ...person, provenance: 'CFT_IDAM' }).userId).not.toBe(subscriber.userId);
    expect(subscriberOf({ ...person, userId: 'courtel', provenance: 'THIRD_PARTY', email: null })).toEqual({
      userId: expect.any(String) as string,
      email: null,
    });
    expect(subscriberOf({ ...person, email: '  ' }).email).toBeNull();
  });
});
