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
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { screenLinkKeysSchema, type ScreenLinkKeys } from '../publications/access/screen-links.js';

export type UnsubscribeLinkKeys = ScreenLinkKeys;

const TOKEN = /^([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;
const PAYLOAD = /^unsubscribe:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const signature = (key: Buffer, signed: string): Buffer => createHmac('sha256', key).update(signed, 'utf8').digest();

/** The unsubscribe token of a digest, signed with the signing key. */
export function signUnsubscribeToken(digestId: string, keys: UnsubscribeLinkKeys): string {
  const key = keys.keys.get(keys.signingKeyId);
  if (!key) throw new Error(`the unsubscribe link signing key ${keys.signingKeyId} is not among the keys`);
  const signed = `${Buffer.from(`unsubscribe:${digestId.toLowerCase()}`, 'utf8').toString('base64url')}.${keys.signingKeyId}`;
  return `${signed}.${signature(key, signed).toString('base64url')}`;
}

/** The digest an unsubscribe token names, or null for anything but a token signed by a key still held. */
export function digestIdFromUnsubscribeToken(token: string, keys: UnsubscribeLinkKeys): string | null {
  const parts = TOKEN.exec(token);
  if (!parts) return null;
  const [, encodedPayload = '', keyId = '', encodedSignature = ''] = parts;
  const key = keys.keys.get(keyId);
  if (!key) return null;
  const given = Buffer.from(encodedSignature, 'base64url');
  if (given.length !== 32 || given.toString('base64url') !== encodedSignature) return null;
  if (!timingSafeEqual(given, signature(key, `${encodedPayload}.${keyId}`))) return null;
  const payload = Buffer.from(encodedPayload, 'base64url');
  if (payload.toString('base64url') !== encodedPayload) return null;
  return PAYLOAD.exec(payload.toString('utf8'))?.[1] ?? null;
}

export const unsubscribePath = (token: string): string => `/unsubscribe/${token}`;

export const unsubscribeLinkSettingsSchema = z.object({ UNSUBSCRIBE_LINK_KEYS: screenLinkKeysSchema });
