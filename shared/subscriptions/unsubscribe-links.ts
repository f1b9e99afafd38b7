/**
 * The one-click unsubscribe link every digest email carries: `/unsubscribe/{token}`, where the token names the digest
 * it came in and is signed as the in-court screen links are (shared/publications/access/screen-links.ts):
 *
 *   base64url("unsubscribe:" digestId) "." keyId "." base64url(HMAC-SHA256(key, first "." keyId))
 *
 * UNSUBSCRIBE_LINK_KEYS holds the keys in the same JSON form as SCREEN_LINK_KEYS (a Key Vault reference in Azure):
 * new links are signed with `signWith`, and a link signed with any key still held is honoured, so keys can be rolled
 * without breaking the links in emails already sent. Following the link removes every email subscription of the
 * people that digest was sent to (GET shows a confirm button, POST removes: no sign-in).
 */
import { z } from 'zod';
import {
  screenLinkKeysSchema,
  signLinkPayload,
  verifiedLinkPayload,
  type ScreenLinkKeys,
} from '../publications/access/screen-links.js';

export type UnsubscribeLinkKeys = ScreenLinkKeys;

const PAYLOAD = /^unsubscribe:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The unsubscribe token of a digest, signed with the signing key. */
export function signUnsubscribeToken(digestId: string, keys: UnsubscribeLinkKeys): string {
  return signLinkPayload(`unsubscribe:${digestId.toLowerCase()}`, keys);
}

/** The digest an unsubscribe token names, or null for anything but a token signed by a key still held. */
export function digestIdFromUnsubscribeToken(token: string, keys: UnsubscribeLinkKeys): string | null {
  const payload = verifiedLinkPayload(token, keys);
  return payload === null ? null : (PAYLOAD.exec(payload)?.[1] ?? null);
}

export const unsubscribePath = (token: string): string => `/unsubscribe/${token}`;

export const unsubscribeLinkSettingsSchema = z.object({ UNSUBSCRIBE_LINK_KEYS: screenLinkKeysSchema });
