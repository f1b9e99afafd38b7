/**
 * Who a subscription belongs to: the caller of a verified token, never anything the request says. People (media and
 * legal professionals, `VERIFIED`) and third parties (`VERIFIED_THIRD_PARTY_*`, `GENERAL_THIRD_PARTY`) may subscribe,
 * as in the live service; administrators and publishers may not.
 *
 * The subscriber id is a name-based UUID (RFC 9562 version 5) of the token's provenance and user id: the same caller
 * always gets the same id, whichever issuer's id format they come with (a B2C object id, a CFT IDAM uid or email
 * subject, an Azure AD client id), and two issuers' ids never meet. The API and the portal's pages both reach a
 * person's subscriptions through it.
 */
import { createHash } from 'node:crypto';
import type { Principal, Role } from '../auth/principal.js';

export const subscriberRoles: readonly Role[] = [
  'VERIFIED',
  'VERIFIED_THIRD_PARTY_ALL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'VERIFIED_THIRD_PARTY_CRIME',
  'VERIFIED_THIRD_PARTY_CFT',
  'GENERAL_THIRD_PARTY',
];

export interface Subscriber {
  /** The subscription's user_id. */
  userId: string;
  /** Where digests go; null for a caller whose token carries none (third parties), who gets no email digest. */
  email: string | null;
}

/** A fixed namespace for subscriber ids (random, chosen once: changing it would orphan every subscription). */
const subscriberNamespace = '7c1d2e4f-9a3b-4c5d-8e6f-0a1b2c3d4e5f';

/** RFC 9562 version 5: SHA-1 of the namespace's 16 bytes and the name's UTF-8, with the version and variant set. */
export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function subscriberOf(principal: Principal): Subscriber {
  const email = principal.email?.trim() ?? '';
  return {
    userId: nameBasedUuid(subscriberNamespace, `${principal.provenance}:${principal.userId}`),
    email: email === '' ? null : email,
  };
}
